"""Team policies from pyproject.toml, the command line and Python, on a real request (the
Developer Guide's XGBoost tuning job, made by the SDK: tests/realworld/SOURCES.md)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from hpt_request import RuleSettings, validate, validate_document
from hpt_request.cli import main
from hpt_request.rules.policy_table import KEYS, Policy, PolicyError, from_pairs
from hpt_request.rules.settings import SettingsError, from_options, load

REALWORLD = Path(__file__).parent / "realworld"
DEVGUIDE = REALWORLD / "devguide-xgboost-tuning-job.json"
PIPELINE = REALWORLD / "pipelines" / "sdk-pipeline-single-tuner.json"

# For each policy: (TOML value the request meets, TOML value it breaks, the path reported).
# The request: 20 jobs, 3 in parallel, 2 x ml.c4.2xlarge each for at most 43200 s (20 x 2 x
# 43200 / 3600 = 480 instance-hours), no tags, no spot, the image in us-west-2.
CASES: dict[str, tuple[str, str, str]] = {
    "allowed-instance-types": (
        '["ml.c4.*"]',
        '["ml.g5.*"]',
        "TrainingJobDefinition.ResourceConfig.InstanceType",
    ),
    "max-instance-count": ("2", "1", "TrainingJobDefinition.ResourceConfig.InstanceCount"),
    "max-parallel-training-jobs": (
        "3",
        "2",
        "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs",
    ),
    "max-worst-case-instance-hours": (
        "480",
        "479",
        "HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs",
    ),
    "required-tags": ("[]", '["team"]', ""),
    "require-spot": ("false", "true", "TrainingJobDefinition"),
    "max-runtime-seconds": (
        "43200",
        "43199",
        "TrainingJobDefinition.StoppingCondition.MaxRuntimeInSeconds",
    ),
    "allowed-regions": (
        '["us-west-2"]',
        '["eu-west-1"]',
        "TrainingJobDefinition.AlgorithmSpecification.TrainingImage",
    ),
}


@pytest.fixture(autouse=True)
def _no_region(monkeypatch: pytest.MonkeyPatch) -> None:
    """The region comes from the image's ECR host unless a test sets one."""
    monkeypatch.delenv("AWS_REGION", raising=False)


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def request() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DEVGUIDE.read_text(encoding="utf-8"))
    return loaded


def project(tmp_path: Path, table: str) -> Path:
    """A folder with the request and a pyproject.toml holding ``table``."""
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    target = tmp_path / "tuning.json"
    target.write_text(DEVGUIDE.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def codes(out: str) -> list[tuple[str, str]]:
    problems = json.loads(out)["files"][0]["problems"]
    return [(p["code"], p["path"]) for p in problems]


def test_every_policy_key_has_a_case() -> None:
    assert set(CASES) == set(KEYS) - {"max-worst-case-usd"}  # dollars: tests/test_prices.py


@pytest.mark.parametrize("key", sorted(CASES))
def test_policy_from_pyproject(key: str, tmp_path: Path) -> None:
    meets, breaks, path = CASES[key]
    if key == "required-tags":  # an empty list is refused: meet it with the table form
        meets = "{}"
    target = project(tmp_path, f"[tool.hpt-request.policy]\n{key} = {breaks}\n")
    status, out, _ = cli("validate", str(target), "--format", "json")
    assert status == 1
    assert codes(out) == [(f"policy-{key}", path)]
    if key != "required-tags":
        project(tmp_path, f"[tool.hpt-request.policy]\n{key} = {meets}\n")
        status, out, _ = cli("validate", str(target), "--format", "json")
        assert (status, codes(out)) == (0, [])


@pytest.mark.parametrize("key", sorted(CASES))
def test_policy_from_the_command_line(key: str, tmp_path: Path) -> None:
    meets, breaks, path = CASES[key]
    target = project(tmp_path, "[project]\nname = 'x'\n")
    status, out, _ = cli("validate", str(target), "--format", "json", "--policy", f"{key}={breaks}")
    assert status == 1
    assert codes(out) == [(f"policy-{key}", path)]
    if key != "required-tags":
        status, out, _ = cli(
            "validate", str(target), "--format", "json", "--policy", f"{key}={meets}"
        )
        assert (status, codes(out)) == (0, [])


@pytest.mark.parametrize("key", sorted(CASES))
def test_policy_from_python(key: str) -> None:
    meets, breaks, path = CASES[key]
    broken = validate(request(), settings=RuleSettings(policy=from_pairs([f"{key}={breaks}"])))
    assert [(p.code, p.path, p.severity) for p in broken] == [(f"policy-{key}", path, "error")]
    if key != "required-tags":
        kept = validate(request(), settings=RuleSettings(policy=from_pairs([f"{key}={meets}"])))
        assert kept == []


def test_the_command_line_overrides_pyproject(tmp_path: Path) -> None:
    target = project(tmp_path, "[tool.hpt-request.policy]\nmax-instance-count = 1\n")
    status, out, _ = cli(
        "validate", str(target), "--format", "json", "--policy", "max-instance-count=2"
    )
    assert (status, codes(out)) == (0, [])


def test_a_comma_separated_list_on_the_command_line() -> None:
    policy = from_pairs(["allowed-instance-types=ml.g5.*, ml.c4.2xlarge"])
    assert policy.allowed_instance_types == ("ml.g5.*", "ml.c4.2xlarge")
    assert validate(request(), settings=RuleSettings(policy=policy)) == []


def test_required_tags_with_patterns() -> None:
    wire = request()
    wire["Tags"] = [{"Key": "team", "Value": "ml-vision"}, {"Key": "cost-center", "Value": "x1"}]
    patterns = Policy(required_tags={"team": "ml-[a-z]+", "cost-center": "cc-[0-9]+"})
    found = validate(wire, settings=RuleSettings(policy=patterns))
    assert [(p.code, p.path) for p in found] == [("policy-required-tags", "Tags[1].Value")]
    assert "cc-[0-9]+" in found[0].message


@pytest.mark.parametrize(
    ("region", "environment", "origin"),
    [("eu-west-1", "us-east-1", "--region"), (None, "eu-west-1", "AWS_REGION")],
)
def test_the_region_and_where_it_came_from(
    region: str | None, environment: str, origin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_REGION", environment)
    settings = RuleSettings(policy=Policy(allowed_regions=("us-west-2",)), region=region)
    (problem,) = validate(request(), settings=settings)
    assert problem.code == "policy-allowed-regions"
    assert problem.path == ""
    assert f"(from {origin})" in problem.message
    assert "eu-west-1" in problem.message


def test_the_region_from_the_image_is_named() -> None:
    settings = RuleSettings(policy=Policy(allowed_regions=("eu-west-1",)))
    (problem,) = validate(request(), settings=settings)
    assert "region us-west-2 (from the training image's ECR host)" in problem.message


def test_no_region_known_is_no_alarm() -> None:
    wire = request()
    wire["TrainingJobDefinition"]["AlgorithmSpecification"]["TrainingImage"] = "acme/xgb:1"
    settings = RuleSettings(policy=Policy(allowed_regions=("eu-west-1",)))
    assert [p for p in validate(wire, settings=settings) if p.code.startswith("policy-")] == []


def test_a_placeholder_is_skipped_not_flagged() -> None:
    """The pipeline's instance type is a pipeline parameter: the policy cannot judge it, so it
    is listed as skipped, not reported."""
    data = json.loads(PIPELINE.read_text(encoding="utf-8"))
    settings = RuleSettings(policy=Policy(allowed_instance_types=("ml.g5.*",)))
    checked = validate_document(data, settings=settings)
    assert [p.code for p in checked.problems] == []
    assert any(
        s.check == "policy-allowed-instance-types" and s.path.endswith("InstanceType")
        for s in checked.skipped
    )
    # the same pipeline with the parameter's value assumed is judged
    assumed = validate_document(data, settings=settings, defaults=True)
    assert [p.code for p in assumed.problems] == ["policy-allowed-instance-types"]


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ("max-instance-cont = 2", "unknown policy 'max-instance-cont' (did you mean"),
        ("max-instance-count = 0", "must be a positive integer"),
        ("max-instance-count = true", "must be a positive integer"),
        ('allowed-instance-types = "ml.g5.*"', "must be a non-empty list of text"),
        ("require-spot = 1", "must be true or false"),
        ("max-worst-case-usd = -5", "must be a positive number"),
        ('required-tags = {team = "("}', "is not a regular expression"),
        ("required-tags = 3", "list of tag keys or a table"),
    ],
)
def test_a_bad_policy_is_refused_with_the_file(table: str, says: str, tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    target = project(folder, f"[tool.hpt-request.policy]\n{table}\n")
    status, out, err = cli("validate", str(target))
    assert status == 2
    assert out == ""
    assert "pyproject.toml [tool.hpt-request.policy]" in err
    assert str(folder / "pyproject.toml") in err or "a/pyproject.toml" in err
    assert says in err
    with pytest.raises(SettingsError, match=says.replace("(", r"\(")):
        load(folder)


def test_a_bad_policy_in_python_raises() -> None:
    with pytest.raises(PolicyError, match="unknown policy 'spot'"):
        Policy.from_table({"spot": True}, origin="here")
    with pytest.raises(SettingsError, match="--policy 'max-instance-count' must be KEY=VALUE"):
        from_options(policy=["max-instance-count"])


def test_a_bad_policy_on_the_command_line_exits_2() -> None:
    status, _, err = cli("validate", str(DEVGUIDE), "--policy", "max-instance-count=lots")
    assert status == 2
    assert "command line: policy 'max-instance-count' must be a positive integer" in err


def test_a_bad_policy_built_in_python_raises() -> None:
    with pytest.raises(PolicyError, match="Policy: policy 'max-instance-count' must be a positive"):
        Policy(max_instance_count=0)
    with pytest.raises(PolicyError, match="'allowed-regions' must be a non-empty list"):
        Policy(allowed_regions=())
    assert Policy(max_worst_case_usd=100.0).max_worst_case_usd == 100.0


def test_a_plain_table_in_python_is_a_policy() -> None:
    """RuleSettings(policy={...}) with a dict, as the table writes it: checked like the file's,
    and the findings are the policy's (not one unreadable problem); a bad key is refused."""
    from hpt_request import validate as check
    from hpt_request.model import examples as bundled
    from hpt_request.rules.settings import RuleSettings as Settings
    from hpt_request.rules.settings import SettingsError as Refused

    settings = Settings(policy={"allowed-instance-types": ["ml.g5.*"]})
    found = [(p.code, p.path) for p in check(bundled.load("bayesian"), settings=settings)]
    assert found == [
        ("policy-allowed-instance-types", "TrainingJobDefinition.ResourceConfig.InstanceType")
    ]
    with pytest.raises(Refused, match="unknown policy 'nope'"):
        Settings(policy={"nope": 1})
