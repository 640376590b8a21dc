"""Price tables, the Price List offer import, and the worst case in dollars against sums done
by hand."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from hpt_request import RuleSettings, examples, from_wire, validate
from hpt_request.cli import main
from hpt_request.rules.policy_table import Policy
from hpt_request.rules.prices import Prices, PriceTableError
from hpt_request.rules.settings import SettingsError, load
from hpt_request.text.price_offers import OfferFileError, convert

OFFER = Path(__file__).parent / "data" / "price_offers" / "amazonsagemaker-us-west-2.json"
DEVGUIDE = Path(__file__).parent / "realworld" / "devguide-xgboost-tuning-job.json"
# What the fixture's products say (tests/data/price_offers/SOURCES.md): two On-Demand training
# instances; the hosting, spot and storage lines are left out.
TABLE = (
    "region,instance_type,usd_per_hour\nus-west-2,ml.c4.2xlarge,0.5\nus-west-2,ml.m5.xlarge,0.25\n"
)


@pytest.fixture(autouse=True)
def _no_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_REGION", raising=False)


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def prices() -> Prices:
    return Prices.parse(convert(OFFER.read_text(encoding="utf-8"))[0], source="fixture")


def test_the_offer_file_import() -> None:
    table, rows = convert(OFFER.read_text(encoding="utf-8"))
    assert table == TABLE
    assert rows == 2


def test_the_import_command(tmp_path: Path) -> None:
    target = tmp_path / "prices.csv"
    status, out, err = cli("prices", "import", str(OFFER), "-o", str(target))
    assert (status, out) == (0, "")
    assert "2 prices" in err
    assert target.read_text(encoding="utf-8") == TABLE
    status, out, _ = cli("prices", "import", str(OFFER))
    assert (status, out) == (0, TABLE)


@pytest.mark.parametrize(
    ("text", "says"),
    [("[]", "no products table"), ('{"products": {}}', "no terms.OnDemand"), ("{", "not JSON")],
)
def test_not_an_offer_file(text: str, says: str, tmp_path: Path) -> None:
    with pytest.raises(OfferFileError, match=says):
        convert(text)
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    status, _, err = cli("prices", "import", str(bad))
    assert status == 2
    assert says in err


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("region,type,usd\n", 1, "the header must be"),
        ("region,instance_type,usd_per_hour\nus-west-2,ml.c4.2xlarge\n", 2, "3 cells"),
        ("region,instance_type,usd_per_hour\n\nus-west-2,ml.c4.2xlarge,cheap\n", 3, "a number"),
        ("region,instance_type,usd_per_hour\nus-west-2,c4.2xlarge,1\n", 2, "(ml.*)"),
        ("region,instance_type,usd_per_hour\nus-west-2,ml.c4.2xlarge,-1\n", 2, "0 or more"),
        (TABLE + "us-west-2,ml.c4.2xlarge,0.6\n", 4, "priced twice"),
        ("", 1, "empty"),
    ],
)
def test_a_malformed_price_table_names_its_line(
    text: str, line: int, says: str, tmp_path: Path
) -> None:
    with pytest.raises(
        PriceTableError,
        match=f"^t.csv:{line}: .*{says.replace('(', '.').replace(')', '.').replace('*', '.')}",
    ):
        Prices.parse(text, source="t.csv")
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "prices.csv").write_text(text, encoding="utf-8")
    (folder / "pyproject.toml").write_text('[tool.hpt-request]\nprices = "prices.csv"\n', "utf-8")
    (folder / "r.json").write_text(DEVGUIDE.read_text(encoding="utf-8"), encoding="utf-8")
    status, out, err = cli("validate", str(folder / "r.json"))
    assert (status, out) == (2, "")
    assert f"prices.csv:{line}:" in err
    assert "pyproject.toml [tool.hpt-request]" in err
    status, _, err = cli("validate", str(DEVGUIDE), "--prices", str(folder / "prices.csv"))
    assert status == 2
    assert f"prices.csv:{line}:" in err
    with pytest.raises(SettingsError, match=f"prices.csv:{line}:"):
        load(folder)


def multi() -> dict[str, Any]:
    """The bundled multi-algorithm example (60 jobs, 6 in parallel, each definition's jobs at
    most 3600 s), its second definition moved to 2 x ml.c4.2xlarge and its first given 2
    retries."""
    wire: dict[str, Any] = examples.load("multi-algorithm")
    first, second = wire["TrainingJobDefinitions"]
    first["ResourceConfig"]["InstanceType"] = "ml.m5.xlarge"
    first["RetryStrategy"] = {"MaximumRetryAttempts": 2}
    second["ResourceConfig"].update(InstanceType="ml.c4.2xlarge", InstanceCount=2)
    assert wire["HyperParameterTuningJobConfig"]["ResourceLimits"] == {
        "MaxNumberOfTrainingJobs": 60,
        "MaxParallelTrainingJobs": 6,
    }
    assert [d["StoppingCondition"]["MaxRuntimeInSeconds"] for d in (first, second)] == [3600] * 2
    return wire


def test_the_dollars_of_a_multi_definition_request() -> None:
    # By hand, at the fixture's prices (m5.xlarge $0.25/h, c4.2xlarge $0.50/h):
    #   definition 0: 60 jobs x (1 + 2 retries) x 1 h x 1 x $0.25 = $45.00
    #   definition 1: 60 jobs x 1 attempt       x 1 h x 2 x $0.50 = $60.00
    #   in all: the jobs are shared, so the dearest definition: $60.00
    settings = RuleSettings(prices=prices(), region="us-west-2")
    text = str(from_wire(multi()).summary(settings))
    assert "TrainingJobDefinitions[0]: $45.00 in us-west-2 (region from --region)" in text
    assert "TrainingJobDefinitions[1]: $60.00 in us-west-2" in text
    assert "Worst case in dollars in all: $60.00" in text


def test_the_tuning_jobs_runtime_caps_the_dollars() -> None:
    # With ResourceLimits.MaxRuntimeInSeconds = 7200, at most 6 jobs run for 2 h:
    #   definition 0: 6 x 2 h x $0.25 = $3.00 (below $45.00)
    #   definition 1: 6 x 2 h x 2 x $0.50 = $12.00 (below $60.00)
    wire = multi()
    wire["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxRuntimeInSeconds"] = 7200
    settings = RuleSettings(prices=prices(), region="us-west-2")
    text = str(from_wire(wire).summary(settings))
    assert "TrainingJobDefinitions[0]: $3.00" in text
    assert "TrainingJobDefinitions[1]: $12.00" in text
    assert "capped by the tuning job's MaxRuntimeInSeconds" in text
    assert "Worst case in dollars in all: $12.00" in text


def test_spot_is_shown_as_at_most() -> None:
    wire = multi()
    second = wire["TrainingJobDefinitions"][1]
    second["EnableManagedSpotTraining"] = True
    second["StoppingCondition"]["MaxWaitTimeInSeconds"] = 7200
    text = str(from_wire(wire).summary(RuleSettings(prices=prices(), region="us-west-2")))
    assert "TrainingJobDefinitions[1]: at most $60.00" in text
    assert "Worst case in dollars in all: at most $60.00" in text


def test_the_dollars_in_the_notebook_html() -> None:
    settings = RuleSettings(prices=prices(), region="us-west-2")
    html = from_wire(multi()).summary(settings)._repr_html_()
    assert "Worst case in dollars in all: $60.00" in html


def test_no_dollars_without_prices() -> None:
    assert "dollars" not in str(from_wire(multi()).summary())


def test_an_unpriced_instance_type_is_said() -> None:
    wire = multi()
    wire["TrainingJobDefinitions"][0]["ResourceConfig"]["InstanceType"] = "ml.p3.2xlarge"
    text = str(from_wire(wire).summary(RuleSettings(prices=prices(), region="us-west-2")))
    assert "no price for ml.p3.2xlarge in us-west-2" in text
    assert "in all" not in text.split("dollars")[-1]


def test_the_region_from_the_image_prices_the_devguide_request() -> None:
    # 20 jobs x 1 attempt x 12 h x 2 x $0.50 = $240.00; the image is in us-west-2
    wire = json.loads(DEVGUIDE.read_text(encoding="utf-8"))
    text = str(from_wire(wire).summary(RuleSettings(prices=prices())))
    assert "$240.00 in us-west-2 (region from the training image's ECR host)" in text


def test_the_usd_policy_from_pyproject_cli_and_python(tmp_path: Path) -> None:
    (tmp_path / "prices.csv").write_text(TABLE, encoding="utf-8")
    target = tmp_path / "r.json"
    target.write_text(DEVGUIDE.read_text(encoding="utf-8"), encoding="utf-8")
    for limit, status in (("240", 0), ("239", 1)):
        (tmp_path / "pyproject.toml").write_text(
            f'[tool.hpt-request]\nprices = "prices.csv"\n[tool.hpt-request.policy]\n'
            f"max-worst-case-usd = {limit}\n",
            encoding="utf-8",
        )
        assert cli("validate", str(target))[0] == status
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    status, out, _ = cli(
        "validate",
        str(target),
        "--prices",
        str(tmp_path / "prices.csv"),
        "--policy",
        "max-worst-case-usd=100",
        "--format",
        "json",
    )
    assert status == 1
    (problem,) = json.loads(out)["files"][0]["problems"]
    assert problem["code"] == "policy-max-worst-case-usd"
    assert "$240.00 in us-west-2" in problem["message"]
    python = RuleSettings(prices=prices(), policy=Policy(max_worst_case_usd=239.0))
    assert [p.code for p in validate(json.loads(DEVGUIDE.read_text("utf-8")), settings=python)] == [
        "policy-max-worst-case-usd"
    ]


def test_the_dollars_in_the_cli_text_and_json(tmp_path: Path) -> None:
    # 20 jobs x 1 attempt x 12 h x 2 x $0.50 = $240.00
    (tmp_path / "prices.csv").write_text(TABLE, encoding="utf-8")
    table = str(tmp_path / "prices.csv")
    status, out, _ = cli("validate", str(DEVGUIDE), "--prices", table)
    assert status == 0
    assert "Worst case in dollars in all: $240.00" in out
    status, out, _ = cli("validate", str(DEVGUIDE), "--prices", table, "--format", "json")
    assert status == 0
    found = json.loads(out)["files"][0]["worst_case_usd"]
    assert found["region"] == "us-west-2"
    assert found["region_from"] == "the training image's ECR host"
    assert found["total_usd"] == pytest.approx(20 * 1 * 12 * 2 * 0.5)
    assert [d["path"] for d in found["definitions"]] == ["TrainingJobDefinition"]
    status, out, _ = cli("validate", str(DEVGUIDE), "--format", "json")
    assert "worst_case_usd" not in json.loads(out)["files"][0]


def test_the_rules_count_the_instance_hours_as_the_summary_does() -> None:
    """The policy's instance-hours (rules/costs.py) and the summary's worst case (text/summary.py)
    are two readings of the same count: they agree on every golden and bundled request."""
    from hpt_request.rules import context, costs
    from tests.test_rules import VALID

    compared = 0
    for wire in VALID.values():
        request = from_wire(wire)
        assert (
            costs.total_instance_hours(context(request))
            == request.worst_case().total_instance_hours
        )
        compared += 1
    assert compared > 10
