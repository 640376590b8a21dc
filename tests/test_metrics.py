"""``check_metrics`` and ``hpt-request metrics``: metric regexes tried on training log text.

The real-world cases use ``tests/data/logs/hf-trainer.log``, the output of a real Hugging Face
Trainer run (its README says how it was made); the small strings below test the semantics one
at a time.
"""

from __future__ import annotations

import inspect
import io
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from hpt_request import check_metrics, from_wire, tuning_job
from hpt_request.cli import main
from hpt_request.model import examples
from hpt_request.rules.metrics import METRICS_SECONDS

LOGS = Path(__file__).parent / "data" / "logs"
HF_LOG = LOGS / "hf-trainer.log"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/bert-classifier:1"
XGBOOST = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
# Regexes for the Trainer's dict lines (Java syntax), with or without quotes around the value.
EVAL_LOSS = r"'eval_loss': '?([0-9.eE+-]+)"
TRAIN_LOSS = r"'loss': '?([0-9.eE+-]+)"
# The regex written for older Trainer versions, which printed bare numbers.
OLD_EVAL_LOSS = r"'eval_loss': ([0-9.]+)"
# Nested quantifiers: Python's re backtracks on this line for longer than anyone waits.
NESTED = r"^(a+)+$"
NESTED_LINE = "a" * 40 + "!"
# Alternatives that match the same text: slow in any backtracking engine.
AMBIGUOUS = r"^(a|aa)+$"
ROOT = Path(__file__).resolve().parent.parent
QUICKSTART = ROOT / "docs" / "quickstart.md"


def request(metrics: dict[str, str], objective: str = "eval_loss", **changes: Any) -> Any:
    arguments: dict[str, Any] = {
        "objective_metric": objective,
        "objective_type": "Minimize",
        "search_space": {},
        "image": IMAGE,
        "metric_definitions": metrics,
        "role": "arn:aws:iam::123456789012:role/SageMakerRole",
        "output_path": "s3://bucket/output/",
        "max_jobs": 10,
    }
    arguments.update(changes)
    return tuning_job("bert-tuning", **arguments)


def hf_numbers(key: str) -> list[float]:
    """The values of ``key`` in the log's dict lines, read independently of the regexes."""
    found = []
    for line in HF_LOG.read_text(encoding="utf-8").splitlines():
        match = re.search(r"\{'.*\}", line)
        if match and f"'{key}'" in match.group():
            found.append(float(eval(match.group(), {})[key]))  # the Trainer's dict repr
    return found


def test_first_group_and_numbers_only() -> None:
    """The first capture group is the value; a capture that is not a number is no value."""
    log = "step 1 loss=0.5 acc=x\nstep 2 loss=0.25 acc=0.9\nloss=nope\n"
    report = check_metrics(request({"loss": r"loss=(\S+)", "acc": r"acc=(\S+)"}, "loss"), log)
    (definition,) = report.definitions
    loss, acc = definition.metrics
    assert loss.values == (0.5, 0.25)
    assert loss.not_numbers == ("nope",)
    assert acc.values == (0.9,)
    assert report.ok


def test_every_match_of_a_line_counts() -> None:
    """Two matches on one line give two values, in order."""
    report = check_metrics(request({"v": r"v=(\d+)"}, "v"), "v=1 v=2\nv=3\n")
    assert report.definitions[0].metrics[0].values == (1.0, 2.0, 3.0)


def test_java_syntax_is_translated() -> None:
    """Java-only syntax (\\Q..\\E quoting, named groups) works as SageMaker reads it."""
    report = check_metrics(
        request({"m": r"\Q[val]\E (?<value>[0-9.]+)"}, "m"), "epoch 1 [val] 0.75\n"
    )
    assert report.definitions[0].metrics[0].values == (0.75,)


def test_regex_without_group_captures_no_number() -> None:
    """A regex without a capture group matches but gives no value: the objective is missing."""
    report = check_metrics(request({"loss": r"loss=[0-9.]+"}, "loss"), "loss=0.5\n")
    assert report.definitions[0].metrics[0].not_numbers == ("loss=0.5",)
    assert not report.ok


def test_objective_without_definition_is_missing() -> None:
    """An objective metric that no MetricDefinition names is not found."""
    report = check_metrics(request({"loss": r"loss=(\S+)"}, "accuracy"), "loss=0.5\n")
    assert report.definitions[0].ok is False


def test_regex_that_does_not_compile() -> None:
    """A regex that does not compile is reported, and finds nothing."""
    report = check_metrics(request({"loss": r"loss=([0-9]+"}, "loss"), "loss=1\n")
    result = report.definitions[0].metrics[0]
    assert result.error is not None
    assert result.error.startswith("does not compile")
    assert not report.ok


def test_builtin_algorithm_emits_its_metrics() -> None:
    """A built-in algorithm: no regex to try; the objective must be one it lists."""
    good = check_metrics(from_wire(examples.load("bayesian")), "")
    (definition,) = good.definitions
    assert definition.builtin == "XGBoost"
    assert "validation:auc" in definition.builtin_metrics
    assert good.ok
    bad = request({}, "validation:loss", image=XGBOOST, metric_definitions=None)
    assert check_metrics(bad, "").ok is False


def test_real_trainer_log_matching_regex() -> None:
    """On a real Trainer log, the eval_loss regex finds every evaluation's value."""
    expected = hf_numbers("eval_loss")
    assert len(expected) == 2  # two epochs, one evaluation each
    report = check_metrics(
        request({"eval_loss": EVAL_LOSS, "loss": TRAIN_LOSS}), HF_LOG.read_text("utf-8")
    )
    eval_loss, loss = report.definitions[0].metrics
    assert list(eval_loss.values) == expected
    assert list(loss.values) == hf_numbers("loss")
    assert report.ok


def test_real_trainer_log_missing_regex() -> None:
    """On the same log, the regex written for older Trainer output (bare numbers) misses."""
    report = check_metrics(request({"eval_loss": OLD_EVAL_LOSS}), HF_LOG.read_text("utf-8"))
    assert report.definitions[0].metrics[0].values == ()
    assert not report.ok


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err, stdin=io.StringIO())
    return status, out.getvalue(), err.getvalue()


def test_cli_exit_status(tmp_path: Path) -> None:
    """The command exits 0 when the objective metric is found, 1 when it is not."""
    good = tmp_path / "good.json"
    good.write_text(request({"eval_loss": EVAL_LOSS}).to_json(), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(request({"eval_loss": OLD_EVAL_LOSS}).to_json(), encoding="utf-8")
    status, out, err = run("metrics", str(good), "--log", str(HF_LOG))
    assert (status, err) == (0, "")
    assert "eval_loss (objective): 2 values" in out
    status, out, _ = run("metrics", str(bad), "--log", str(HF_LOG))
    assert status == 1
    assert "NOT FOUND" in out


def test_cli_unreadable_inputs(tmp_path: Path) -> None:
    """A missing log or a request that fails the structural check exits 2 with a message."""
    good = tmp_path / "good.json"
    good.write_text(request({"eval_loss": EVAL_LOSS}).to_json(), encoding="utf-8")
    status, _, err = run("metrics", str(good), "--log", str(tmp_path / "missing.log"))
    assert status == 2
    assert "missing.log" in err
    broken = tmp_path / "broken.json"
    wire = json.loads(good.read_text(encoding="utf-8"))
    wire["HyperParameterTuningJobName"] = "bad_name"
    broken.write_text(json.dumps(wire), encoding="utf-8")
    status, _, err = run("metrics", str(broken), "--log", str(HF_LOG))
    assert status == 2
    assert "HyperParameterTuningJobName" in err
    assert run("metrics", "-", "--log", "-")[0] == 2


def test_docs_log_lines_come_from_the_real_log() -> None:
    """The quickstart's worked example quotes lines of the real Trainer log, unedited."""
    page = (Path(__file__).parent.parent / "docs" / "quickstart.md").read_text(encoding="utf-8")
    quoted = page.split('log = """\\\n', 1)[1].split('"""', 1)[0].splitlines()
    assert len(quoted) == 3
    real = HF_LOG.read_text(encoding="utf-8").splitlines()
    assert all(line in real for line in quoted)


def test_nested_quantifiers_on_a_log_line_return(tmp_path: Path) -> None:
    """The reproducer, ``^(a+)+$`` on a 41-character line, returns (in a subprocess, killed if
    it does not): the objective regex matches nothing, exit 1."""
    path = tmp_path / "nested.json"
    path.write_text(request({"eval_loss": NESTED}).to_json(), encoding="utf-8")
    log = tmp_path / "nested.log"
    log.write_text(NESTED_LINE + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "hpt_request", "metrics", str(path), "--log", str(log)]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=60, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("hpt-request metrics did not return within 60 s") from None
    assert (result.returncode, result.stderr) == (1, "")
    assert "eval_loss (objective): no match" in result.stdout


def test_a_regex_that_backtracks_without_end_is_cut_by_the_time_bound() -> None:
    """A regex still matching when the bound runs out is not judged (the report says where it
    stopped), and check_metrics returns soon after the bound."""
    log = ("a" * 60 + "!\n") * 3
    started = time.monotonic()
    report = check_metrics(request({"m": AMBIGUOUS}, "m"), log, timeout=0.5)
    assert time.monotonic() - started < 5
    (result,) = report.definitions[0].metrics
    assert not result.judged
    assert result.error is not None
    assert "time bound" in result.error
    assert "line 1" in result.error
    assert report.definitions[0].ok is None
    assert "unknown" in str(report)


def test_the_other_metrics_are_judged_within_the_bound() -> None:
    """The bound is shared out: a regex that uses up its share leaves the others theirs (2 s
    in all, so that the second regex's second keeps it judged on a busy machine too)."""
    log = "a" * 60 + "!\nloss=0.5\n"
    metrics = {"m": AMBIGUOUS, "loss": r"loss=(\S+)"}
    report = check_metrics(request(metrics, "loss"), log, timeout=2.0)
    slow, loss = report.definitions[0].metrics
    assert not slow.judged
    assert (loss.judged, loss.values) == (True, (0.5,))
    assert report.ok


def test_cli_timeout_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--timeout SECONDS sets the bound; a regex cut by it exits 2 (cannot be judged)."""
    path = tmp_path / "slow.json"
    path.write_text(request({"eval_loss": AMBIGUOUS}).to_json(), encoding="utf-8")
    log = tmp_path / "slow.log"
    log.write_text("a" * 60 + "!\n", encoding="utf-8")
    status, out, err = run("metrics", str(path), "--log", str(log), "--timeout", "0.5")
    assert (status, err) == (2, "")
    assert "time bound" in out
    status, _, _ = run("metrics", str(path), "--log", str(log), "--timeout", "-1")
    assert status == 2
    assert "--timeout" in capsys.readouterr().err  # argparse's usage error


def test_the_documented_time_bound_is_the_default() -> None:
    """The documentation states the bound check_metrics uses by default."""
    default = inspect.signature(check_metrics).parameters["timeout"].default
    assert default == METRICS_SECONDS
    assert f"{METRICS_SECONDS:g} seconds" in QUICKSTART.read_text(encoding="utf-8")
