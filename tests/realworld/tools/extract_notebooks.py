"""Run the tuning notebooks of aws/amazon-sagemaker-examples offline and keep their requests.

Usage, from the repository root, in the virtualenv of ``make_sdk_requests.py`` plus nbformat::

    .venv-sdk/bin/python tests/realworld/tools/extract_notebooks.py GIT_DIR [NOTEBOOK ...]

``GIT_DIR`` is a clone (bare is fine) of github.com/aws/amazon-sagemaker-examples; without
notebook arguments every notebook at HEAD that calls ``create_hyper_parameter_tuning_job`` or
builds a ``HyperparameterTuner`` is tried (58 at commit 2d519b52; the notebooks in ``NOTEBOOKS``
are the ones whose requests survive offline, the default of this script).

Each notebook's code cells run in order, in one namespace, as Jupyter would run them, with:

- IPython lines (``!pip ...``, ``%%time``) dropped;
- ``sagemaker.get_execution_role()`` and ``sagemaker.Session()`` giving the placeholder role and
  a session on ``example-bucket`` whose SageMaker client records tuning-job creations;
  ``boto3.client("sagemaker")`` giving that same recorder; S3 and STS are moto's mocks;
- ``time.gmtime()`` and ``time.strftime(fmt)`` frozen (notebooks and the SDK stamp job names
  with them) and ``time.sleep`` a no-op;
- no network: sockets and subprocesses refuse to start.

A cell that fails (data downloads, training calls the recorder does not answer, plotting) is
reported and skipped; the cells after it still run. Every request the notebook passes to
``create_hyper_parameter_tuning_job`` (directly or through the SDK) is written, in call order.
"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import (
    BUCKET,
    PLACEHOLDERS,
    REGION,
    ROLE,
    Manifest,
    RecordingSageMakerClient,
    offline_environment,
    write_request,
)

offline_environment()

import boto3  # noqa: E402
import moto  # noqa: E402
import nbformat  # noqa: E402
import sagemaker  # noqa: E402

REPO = "github.com/aws/amazon-sagemaker-examples"
FROZEN = time.struct_time((2024, 5, 17, 12, 0, 0, 4, 138, 0))
CELL_SECONDS = 60

# The tuning notebooks that reach their create_hyper_parameter_tuning_job call offline.
NOTEBOOKS = (
    "archived/Linear_Learner_Regression_csv_format.ipynb",
    # Not archived/deep_demand_forecasting/deep_demand_forecast.ipynb: offline, the cells that
    # compute its DeepAR hyperparameters (time_freq, context_length, prediction_length) need the
    # downloaded data, so the captured request lost them and was not what the notebook sends.
    "archived/deepar_chicago_traffic_violations.ipynb",
    "archived/r_byo_r_algo_hpo/tune_r_bring_your_own.ipynb",
    "archived/xgboost_mnist.ipynb",
    "archived/xgboost_parquet_input_training/xgboost_parquet_input_training.ipynb",
    "build_and_train_models/sm-automatic_model_tune_hyperparameter_tuning_early_stopping.ipynb",
    "build_and_train_models/sm-hpo_warmstart_image_classification.ipynb",
    "build_and_train_models/sm-hyperparameter_tuning_hyperband_automatic_model_tuning.ipynb",
    "build_and_train_models/sm-managed_spot_training_xgboost/sm-managed_spot_training_xgboost.ipynb",
    "build_and_train_models/sm-regression_xgboost/sm-regression_xgboost.ipynb",
)

_real_gmtime = time.gmtime
_real_strftime = time.strftime
_real_client = boto3.client
_real_session_client = boto3.Session.client
_RealSageMakerSession = sagemaker.session.Session


class Refused(Exception):
    """Raised for anything that would leave the process (network, subprocess)."""


def _refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise Refused("offline")


def _gmtime(secs: float | None = None) -> time.struct_time:
    return FROZEN if secs is None else _real_gmtime(secs)


def _strftime(fmt: str, when: Any = None) -> str:
    return _real_strftime(fmt, FROZEN if when is None else when)


def _alarm(_signum: int, _frame: Any) -> None:
    raise TimeoutError("cell ran too long")


def git(git_dir: str, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, text=True, check=True
    ).stdout


def tuning_notebooks(git_dir: str) -> list[str]:
    found: set[str] = set()
    for pattern in ("create_hyper_parameter_tuning_job", "HyperparameterTuner("):
        result = subprocess.run(
            ["git", f"--git-dir={git_dir}", "grep", "-l", pattern, "HEAD", "--", "*.ipynb"],
            capture_output=True,
            text=True,
            check=False,
        )
        found.update(line.removeprefix("HEAD:") for line in result.stdout.splitlines())
    return sorted(found, key=str.strip)


def code_cells(git_dir: str, path: str) -> list[tuple[int, str]]:
    notebook = nbformat.reads(git(git_dir, "show", f"HEAD:{path}"), as_version=4)
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        lines = [
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("!", "%"))
        ]
        cells.append((index, "\n".join(lines)))
    return cells


def short_name(path: str) -> str:
    stem = Path(path.strip()).stem.lower()
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return stem[:60]


def run_notebook(
    git_dir: str, path: str, boto_session: boto3.Session
) -> tuple[list[dict[str, Any]], list[str]]:
    client = RecordingSageMakerClient()

    def session_factory(*_args: Any, **_kwargs: Any) -> sagemaker.Session:
        return _RealSageMakerSession(
            boto_session=boto_session, sagemaker_client=client, default_bucket=BUCKET
        )

    def boto_client(service: str, *args: Any, **kwargs: Any) -> Any:
        if service == "sagemaker":
            return client
        kwargs.setdefault("region_name", REGION)
        return _real_client(service, *args, **kwargs)

    def session_client(self: boto3.Session, service: str, *args: Any, **kwargs: Any) -> Any:
        if service == "sagemaker":
            return client
        return _real_session_client(self, service, *args, **kwargs)

    log: list[str] = []
    namespace: dict[str, Any] = {"__name__": "__main__"}
    patches = [
        (sagemaker, "get_execution_role", lambda *a, **k: ROLE),
        (sagemaker, "Session", session_factory),
        (sagemaker.session, "Session", session_factory),
        (boto3, "client", boto_client),
        (boto3.Session, "client", session_client),
        (time, "gmtime", _gmtime),
        (time, "strftime", _strftime),
        (time, "sleep", lambda _s: None),
        (socket.socket, "connect", _refuse),
        (subprocess, "Popen", _refuse),
        (subprocess, "run", _refuse),
        (subprocess, "check_call", _refuse),
        (subprocess, "check_output", _refuse),
    ]
    cells = code_cells(git_dir, path)
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, value in patches:
        setattr(owner, name, value)
    signal.signal(signal.SIGALRM, _alarm)
    try:
        for index, source in cells:
            signal.alarm(CELL_SECONDS)
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(source, f"cell-{index}", "exec"), namespace)
            except BaseException as error:  # a notebook cell may raise anything, even SystemExit
                if isinstance(error, KeyboardInterrupt):
                    raise
                log.append(f"cell {index}: {type(error).__name__}: {str(error)[:120]}")
            finally:
                signal.alarm(0)
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)
    return client.created, log


def main(argv: list[str]) -> None:
    git_dir = argv[0]
    commit = git(git_dir, "rev-parse", "HEAD").strip()
    if argv[1:] == ["--all"]:
        paths = tuning_notebooks(git_dir)
    else:
        wanted = set(argv[1:] or NOTEBOOKS)
        paths = [path for path in tuning_notebooks(git_dir) if path.strip() in wanted]
    manifest = Manifest("extract_notebooks")
    seen: set[str] = set()
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        boto_session = boto3.Session(region_name=REGION)
        for path in paths:
            requests, log = run_notebook(git_dir, path, boto_session)
            print(f"{path.strip()}: {len(requests)} request(s), {len(log)} cell(s) skipped")
            base = f"notebook-{short_name(path)}"
            for number, request in enumerate(requests, start=1):
                file_name = f"{base}.json" if len(requests) == 1 else f"{base}-{number}.json"
                if file_name in seen:
                    continue
                seen.add(file_name)
                write_request(file_name, request)
                manifest.add(
                    file_name,
                    source=f"{REPO} {path.strip()} (commit {commit})",
                    made_by=(
                        f"sagemaker {sagemaker.__version__}, boto3 {boto3.__version__}, moto "
                        f"{moto.__version__}: the notebook's own code cells run in order by "
                        "tests/realworld/tools/extract_notebooks.py::run_notebook; "
                        f"call {number} of {len(requests)}"
                    ),
                    placeholders=PLACEHOLDERS + "; time.gmtime() frozen at 2024-05-17 12:00:00",
                )
    manifest.save()


if __name__ == "__main__":
    main(sys.argv[1:])
