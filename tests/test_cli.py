"""The command line, through the real entry points in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hpt_request.model import examples
from tests.corpus import GOLDEN

SCRIPT = Path(sys.executable).parent / "hpt-request"


def run(*args: str, stdin: str = "", module: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "hpt_request"] if module else [str(SCRIPT)]
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def test_console_script_validates_a_bundled_example(tmp_path: Path) -> None:
    """The installed hpt-request script prints OK and exits 0 for a valid file."""
    path = tmp_path / "request.json"
    path.write_text(examples.text("bayesian"), encoding="utf-8")
    result = run("validate", str(path), module=False)
    expected = f"{path}: OK\n1 file checked: 0 errors, 0 warnings\n"
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


def test_invalid_file_lists_every_problem() -> None:
    """Exit 1 and one FILE:LINE:COL: PATH: CODE: message line per problem."""
    path = GOLDEN / "invalid" / "multi_defect.json"
    case = json.loads(path.read_text(encoding="utf-8"))
    fixture = path.parent / "multi_defect.request.json"
    fixture.write_text(json.dumps(case["request"]), encoding="utf-8")
    try:
        result = run("validate", str(fixture))
    finally:
        fixture.unlink()
    assert result.returncode == 1
    *lines, summary = result.stdout.splitlines()
    assert summary == f"1 file checked: {len(case['expected'])} errors, 0 warnings"
    assert len(lines) == len(case["expected"])
    found = sorted(tuple(line.split(": ", 3)[1:3]) for line in lines)
    assert found == sorted((e["path"] or "<request>", e["code"]) for e in case["expected"])
    assert all(re.match(rf"{re.escape(str(fixture))}:\d+:\d+: ", line) for line in lines)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"a": 1, "a": 2}', "duplicate key"),
        ('{"a": NaN}', "NaN is not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_unreadable_input_is_one_line(tmp_path: Path, content: str, reason: str) -> None:
    """Malformed JSON exits 2 with a one-line message, no traceback."""
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 2
    assert result.stdout == "1 file checked: 0 errors, 0 warnings, 1 unreadable\n"
    assert len(result.stderr.splitlines()) == 1
    assert reason in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_and_many_files(tmp_path: Path) -> None:
    """Each file is reported; a missing one makes the exit status 2."""
    good = tmp_path / "good.json"
    good.write_text(examples.text("grid"), encoding="utf-8")
    result = run("validate", str(good), str(tmp_path / "absent.json"))
    assert result.returncode == 2
    assert f"{good}: OK" in result.stdout
    assert "absent.json: cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_stdin() -> None:
    """'-' reads standard input, so examples pipe into validate."""
    result = run("validate", "-", stdin=examples.text("hyperband"))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "<stdin>: OK"
    result = run("validate", "-", stdin='{"HyperParameterTuningJobName": 5}')
    assert result.returncode == 1
    assert "<stdin>:1:33: HyperParameterTuningJobName: type:" in result.stdout


def test_examples_are_listed_and_printed() -> None:
    """`example` lists the bundled names; `example NAME` prints valid JSON; unknown is 2."""
    listed = run("example")
    assert listed.returncode == 0
    assert listed.stdout.split() == examples.names()
    printed = run("example", "seed-era")
    assert json.loads(printed.stdout) == examples.load("seed-era")
    unknown = run("example", "nope")
    assert unknown.returncode == 2
    assert "seed-era" in unknown.stderr


def test_schema_and_usage() -> None:
    """`schema` prints the request schema (or the response one); usage errors exit 2."""
    assert json.loads(run("schema").stdout)["title"] == "CreateHyperParameterTuningJobRequest"
    response = json.loads(run("schema", "--response").stdout)
    assert response["title"] == "CreateHyperParameterTuningJobResponse"
    assert run().returncode == 2
    assert run("validate").returncode == 2
    helped = run("validate", "--help")
    assert helped.returncode == 0
    assert "examples:" in helped.stdout


def _warning_only() -> str:
    request = examples.load("bayesian")
    request["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 20
    return json.dumps(request)


def test_warnings_pass_unless_strict() -> None:
    """A warning is printed but exits 0; --strict makes it fail."""
    relaxed = run("validate", "-", stdin=_warning_only())
    assert relaxed.returncode == 0
    line = relaxed.stdout.splitlines()[0]
    path = "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs"
    assert re.match(rf"<stdin>:1:\d+: {re.escape(path)}: max-parallel-quota: warning: ", line)
    assert relaxed.stdout.splitlines()[-1] == "1 file checked: 0 errors, 1 warning"
    strict = run("validate", "--strict", "-", stdin=_warning_only())
    assert strict.returncode == 1


def test_json_format_and_no_rules() -> None:
    """--format json prints one document; --no-rules skips the cross-field rules."""
    result = run("validate", "--format", "json", "-", stdin=_warning_only())
    document = json.loads(result.stdout)
    assert document["summary"] == {"files": 1, "errors": 0, "warnings": 1, "unreadable": 0}
    (report,) = document["files"]
    assert report["file"] == "<stdin>"
    assert [p["code"] for p in report["problems"]] == ["max-parallel-quota"]
    assert report["problems"][0]["severity"] == "warning"
    structural = run("validate", "--no-rules", "--format", "json", "-", stdin=_warning_only())
    assert json.loads(structural.stdout)["files"][0]["problems"] == []


def test_rules_command_lists_the_registry() -> None:
    """`rules` prints one line per rule: id, severity, description."""
    from hpt_request.rules import RULES

    lines = run("rules").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [rule.id for rule in RULES]
    assert all(line.split()[1] in ("error", "warning") for line in lines)


def test_yaml_files_and_yaml_on_stdin(tmp_path: Path) -> None:
    """YAML request files (--cli-input-yaml) are read like JSON ones; repeated keys are refused."""
    import yaml

    path = tmp_path / "request.yaml"
    path.write_text(yaml.safe_dump(examples.load("grid")), encoding="utf-8")
    assert run("validate", str(path)).returncode == 0
    assert run("validate", "-", stdin=yaml.safe_dump(examples.load("spot"))).returncode == 0
    duplicate = tmp_path / "twice.yml"
    duplicate.write_text(
        "HyperParameterTuningJobName: a\nHyperParameterTuningJobName: b\n", encoding="utf-8"
    )
    result = run("validate", str(duplicate))
    assert result.returncode == 2
    assert "duplicate key" in result.stderr


def test_every_command_has_help_with_examples() -> None:
    """--help works on every command and shows examples."""
    for command in ("validate", "example", "schema", "rules", "from-describe", "spec-diff"):
        result = run(command, "--help")
        assert result.returncode == 0, command
        assert "example" in result.stdout, command


def test_no_color_in_pipes() -> None:
    """Output through a pipe has no escape codes."""
    result = run("validate", "-", stdin='{"HyperParameterTuningJobName": 5}')
    assert "\x1b[" not in result.stdout


def test_spec_diff_against_the_pinned_botocore() -> None:
    """With the pinned botocore installed, spec-diff finds no differences."""
    result = run("spec-diff")
    assert result.returncode == 0
    assert "no differences" in result.stdout


def test_pre_commit_hook_runs_the_validate_command() -> None:
    """The pre-commit hook definition calls the real entry point."""
    import yaml

    hooks = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text()
    )
    assert {hook["id"] for hook in hooks} == {"hpt-request-validate", "hpt-request-validate-strict"}
    assert all(hook["entry"].startswith("hpt-request validate") for hook in hooks)


def _describe_of(name: str) -> dict[str, object]:
    describe: dict[str, object] = dict(examples.load(name))
    describe.pop("Tags", None)
    describe["HyperParameterTuningJobArn"] = (
        f"arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/{describe['HyperParameterTuningJobName']}"
    )
    describe["HyperParameterTuningJobStatus"] = "Completed"
    return describe


def test_from_describe_prints_the_request() -> None:
    """from-describe drops response-only fields and prints a request that validates."""
    result = run(
        "from-describe", "-", "--name", "next-run-1", stdin=json.dumps(_describe_of("bayesian"))
    )
    assert result.returncode == 0, result.stderr
    request = json.loads(result.stdout)
    expected = examples.load("bayesian")
    expected.pop("Tags", None)
    expected["HyperParameterTuningJobName"] = "next-run-1"
    assert request == expected
    checked = run("validate", "-", stdin=result.stdout)
    assert checked.returncode == 0


def test_from_describe_warm_start_and_errors() -> None:
    """--warm-start makes the child job; it needs --name; bad input exits 2 without traceback."""
    describe = json.dumps(_describe_of("bayesian"))
    child = run(
        "from-describe",
        "-",
        "--name",
        "child-1",
        "--warm-start",
        "TransferLearning",
        stdin=describe,
    )
    assert child.returncode == 0, child.stderr
    warm = json.loads(child.stdout)["WarmStartConfig"]
    parent = json.loads(describe)["HyperParameterTuningJobName"]
    assert warm == {
        "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": parent}],
        "WarmStartType": "TransferLearning",
    }
    assert (
        run("from-describe", "-", "--warm-start", "TransferLearning", stdin=describe).returncode
        == 2
    )
    broken = run("from-describe", "-", stdin="{oops")
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr
    invalid = run("from-describe", "-", stdin='{"HyperParameterTuningJobName": 5}')
    assert invalid.returncode == 1
    assert "Traceback" not in invalid.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["from-describe", "{missing}"],
        ["metrics", "{missing}", "--log", "-"],
        ["metrics", "{request}", "--log", "{missing}"],
    ],
)
def test_unreadable_file_is_named_first(tmp_path: Path, args: list[str]) -> None:
    """A file that cannot be read exits 2 with one line that starts with the file's name."""
    request = tmp_path / "request.json"
    request.write_text(json.dumps(examples.load("bayesian")), encoding="utf-8")
    missing = tmp_path / "absent.json"
    named = [a.format(missing=missing, request=request) for a in args]
    result = run(*named)
    assert result.returncode == 2
    assert result.stderr.startswith(str(missing) + ": "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_from_describe_without_name_says_the_old_name_is_kept() -> None:
    """Without --name the request keeps the described job's name, which SageMaker refuses for
    a new job in the same account and Region: one line on stderr says so; the request and the
    exit status are those of a run with the old name given."""
    describe = _describe_of("bayesian")
    name = str(describe["HyperParameterTuningJobName"])
    kept = run("from-describe", "-", stdin=json.dumps(describe))
    named = run("from-describe", "-", "--name", name, stdin=json.dumps(describe))
    assert (kept.returncode, kept.stdout) == (named.returncode, named.stdout) == (0, named.stdout)
    assert json.loads(kept.stdout)["HyperParameterTuningJobName"] == name
    assert named.stderr == ""
    (line,) = kept.stderr.splitlines()
    assert f'"{name}"' in line
    assert "--name" in line
