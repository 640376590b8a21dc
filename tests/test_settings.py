"""Rule settings: pyproject.toml, the command line and the Python API."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest

from hpt_request import RuleSettings, SettingsError, from_wire, validate
from hpt_request.cli import main
from hpt_request.model import examples
from hpt_request.rules.settings import load

LIMITS = "HyperParameterTuningJobConfig.ResourceLimits"


def _wide(parallel: int = 20) -> dict[str, Any]:
    wire = copy.deepcopy(examples.load("random"))
    wire["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = parallel
    return wire


def _codes(problems: list[Any]) -> list[tuple[str, str, str]]:
    return [(p.code, p.severity, p.effective_severity) for p in problems]


def test_defaults_report_the_quota_warning() -> None:
    """Without settings, 20 parallel jobs is above the default quota of 10: a warning."""
    assert _codes(validate(_wide())) == [("max-parallel-quota", "warning", "warning")]


def test_a_raised_quota_moves_the_threshold() -> None:
    """A quota raised to 50 silences 20 and still warns above 50."""
    raised = RuleSettings(quotas={"max-parallel-training-jobs": 50})
    assert validate(_wide(20), settings=raised) == []
    assert _codes(validate(_wide(60), settings=raised)) == [
        ("max-parallel-quota", "warning", "warning")
    ]


def test_the_hard_limit_stays_an_error_whatever_the_quota() -> None:
    """Above 100 parallel jobs is an error even with the quota raised to the hard limit."""
    raised = RuleSettings(quotas={"max-parallel-training-jobs": 100})
    found = validate(_wide(101), settings=raised)
    assert [(p.code, p.severity) for p in found if p.code == "max-parallel-quota"] == [
        ("max-parallel-quota", "error")
    ]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"quotas": {"max-parallel-training-jobs": 101}}, "hard limit of 100"),
        ({"quotas": {"max-parallel-jobs": 20}}, "unknown quota"),
        ({"disable": {"max-paralel-quota"}}, "did you mean 'max-parallel-quota'"),
        ({"severity": {"max-parallel-quota": "fatal"}}, "'error' or 'warning'"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, Any], fragment: str) -> None:
    """A quota above its hard limit, an unknown quota, rule id or severity raise SettingsError."""
    with pytest.raises(SettingsError, match=fragment.replace("(", r"\(")):
        RuleSettings(**kwargs)


def test_disable_and_severity_overrides() -> None:
    """A disabled rule says nothing; an overridden one keeps its verdict and changes its effect."""
    assert validate(_wide(), settings=RuleSettings(disable={"max-parallel-quota"})) == []
    promoted = validate(_wide(), settings=RuleSettings(severity={"max-parallel-quota": "error"}))
    assert _codes(promoted) == [("max-parallel-quota", "warning", "error")]
    with pytest.raises(Exception, match="max-parallel-quota"):
        from_wire(_wide(), settings=RuleSettings(severity={"max-parallel-quota": "error"}))


def test_pyproject_is_found_by_walking_up(tmp_path: Path) -> None:
    """The nearest pyproject.toml above the file gives the settings; its keys are checked."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.hpt-request]\ndisable = ["tag-aws-prefix"]\nwarn = ["range-min-lt-max"]\n'
        "[tool.hpt-request.quotas]\nmax-parallel-training-jobs = 50\n",
        encoding="utf-8",
    )
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    settings = load(deep)
    assert settings.disable == {"tag-aws-prefix"}
    assert settings.severity == {"range-min-lt-max": "warning"}
    assert settings.quota("max-parallel-training-jobs") == 50
    (tmp_path / "pyproject.toml").write_text('[tool.hpt-request]\nignore = ["x"]\n', "utf-8")
    with pytest.raises(SettingsError, match="unknown key 'ignore'"):
        load(deep)


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, err=err, stdin=io.StringIO())
    return status, out.getvalue(), err.getvalue()


def test_command_line_and_pyproject_together(tmp_path: Path) -> None:
    """The CLI reads the file's pyproject settings; --warn/--error/--disable override them."""
    request = tmp_path / "requests" / "wide.json"
    request.parent.mkdir()
    request.write_text(json.dumps(_wide()), encoding="utf-8")
    status, out, _ = _cli("validate", str(request))
    assert status == 0
    assert "max-parallel-quota: warning:" in out
    (tmp_path / "pyproject.toml").write_text(
        '[tool.hpt-request]\nerror = ["max-parallel-quota"]\n', encoding="utf-8"
    )
    status, out, _ = _cli("validate", str(request), "--format", "json")
    assert status == 1
    (problem,) = json.loads(out)["files"][0]["problems"]
    assert (problem["severity"], problem["effective_severity"]) == ("warning", "error")
    status, out, _ = _cli("validate", str(request), "--warn", "max-parallel-quota")
    assert status == 0
    status, out, _ = _cli("validate", str(request), "--disable", "max-parallel-quota")
    assert (status, out.splitlines()[0]) == (0, f"{request}: OK")
    status, out, _ = _cli("validate", str(request), "--no-config")
    assert status == 0
    status, _, err = _cli("validate", str(request), "--disable", "no-such-rule")
    assert status == 2
    assert "unknown rule id 'no-such-rule'" in err


def test_submit_and_guard_take_the_settings() -> None:
    """submit() and guard() apply settings: a promoted warning blocks, a disabled one does not."""
    import warnings

    import boto3
    from botocore.stub import Stubber

    from hpt_request import RequestValidationError, guard, submit
    from hpt_request.aws.boto import PreflightWarning

    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    promoted = RuleSettings(severity={"max-parallel-quota": "error"})
    with Stubber(client), pytest.raises(RequestValidationError):
        submit(_wide(), client, settings=promoted)
    stop = guard(client, settings=RuleSettings(disable={"max-parallel-quota"}))
    with Stubber(client) as stub, warnings.catch_warnings():
        warnings.simplefilter("error", PreflightWarning)  # no warning may come
        stub.add_response(
            "create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": "a"}, _wide()
        )
        client.create_hyper_parameter_tuning_job(**_wide())
        stub.assert_no_pending_responses()
    stop()


def test_a_group_name_stands_for_its_rules() -> None:
    """Wherever a rule id is accepted, a group's name (a topic of the catalogue) is too."""
    from hpt_request.rules import RULES
    from hpt_request.rules.settings import RuleSettings, groups

    builtin = {rule.id for rule in RULES if rule.topic == "builtin"}
    assert set(groups()["builtin"]) == builtin
    assert RuleSettings(enable=["builtin"]).enable == builtin
    assert RuleSettings(disable=["builtin", "tag-aws-prefix"]).disable == {
        *builtin,
        "tag-aws-prefix",
    }
    table = RuleSettings.from_table({"warn": ["builtin"]})
    assert dict(table.severity) == dict.fromkeys(builtin, "warning")


def test_a_former_rule_id_is_still_accepted() -> None:
    """The catalogue's metric-definition-names-unique is metric-regex-compiles now: settings,
    the command line's rule page and the strategies take the former id."""
    import io

    from hpt_request.cli import main
    from hpt_request.rules.settings import RuleSettings

    assert RuleSettings(disable=["metric-definition-names-unique"]).disable == {
        "metric-regex-compiles"
    }
    out = io.StringIO()
    assert main(["rules", "metric-definition-names-unique"], out=out, err=io.StringIO()) == 0
    assert out.getvalue().startswith("metric-regex-compiles")
