"""Run the SageMaker Developer Guide's tuning-job example and keep the request it sends.

Usage, from the repository root, in the virtualenv of ``make_sdk_requests.py``::

    .venv-sdk/bin/python tests/realworld/tools/extract_devguide.py GIT_DIR

``GIT_DIR`` is a clone of github.com/awsdocs/amazon-sagemaker-developer-guide (the guide's
sources until AWS emptied the repository in June 2023). The page
``doc_source/automatic-model-tuning-ex-tuning-job.md`` (published as
https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-ex-tuning-job.html) is
read at the last commit that has it. Its fenced code blocks run in order, in one namespace, until
one calls ``create_hyper_parameter_tuning_job``; the blocks under the "SageMaker Python SDK v1"
tab are skipped (SDK v1's ``get_image_uri`` is gone from v2; the v2 tab builds the same
definition). ``region``, ``bucket``, ``prefix`` and ``role`` are placeholders and ``smclient``
records the call.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import (
    BUCKET,
    REGION,
    ROLE,
    Manifest,
    RecordingSageMakerClient,
    offline_environment,
    write_request,
)

offline_environment()

import sagemaker  # noqa: E402

PAGE = "doc_source/automatic-model-tuning-ex-tuning-job.md"
FILE_NAME = "devguide-xgboost-tuning-job.json"
PREFIX = "tuning-example"


def git(git_dir: str, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, text=True, check=True
    ).stdout


def code_blocks(markdown: str) -> list[str]:
    """The fenced blocks of the page, minus those under an "SDK v1" tab heading."""
    blocks: list[str] = []
    heading = ""
    inside: list[str] | None = None
    for line in markdown.splitlines():
        if inside is None and line.startswith("#"):
            heading = line
        if line.strip().startswith("```"):
            if inside is None:
                inside = []
            else:
                if "SDK v1" not in heading:
                    blocks.append("\n".join(inside))
                inside = None
        elif inside is not None:
            inside.append(line)
    return blocks


def main(argv: list[str]) -> None:
    git_dir = argv[0]
    commit = git(git_dir, "log", "-1", "--format=%H", "--all", "--", PAGE).strip()
    # the last commit touching the page deletes it; read its parent
    markdown = git(git_dir, "show", f"{commit}^:{PAGE}")
    client = RecordingSageMakerClient()
    namespace: dict[str, Any] = {
        "sagemaker": sagemaker,
        "region": REGION,
        "bucket": BUCKET,
        "prefix": PREFIX,
        "role": ROLE,
        "smclient": client,
    }
    for number, block in enumerate(code_blocks(markdown), start=1):
        if re.search(r"\bsmclient\.(describe|list)_", block):
            continue
        exec(compile(block, f"{PAGE} block {number}", "exec"), namespace)
        if client.created:
            break
    write_request(FILE_NAME, client.last())
    manifest = Manifest("extract_devguide")
    manifest.add(
        FILE_NAME,
        source=(
            "https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-ex-tuning-job"
            f".html, from github.com/awsdocs/amazon-sagemaker-developer-guide {PAGE} at "
            f"{commit}^"
        ),
        made_by=(
            f"sagemaker {sagemaker.__version__}: the page's code blocks (SDK v2 tab) run in order "
            "by tests/realworld/tools/extract_devguide.py::main"
        ),
        placeholders=(
            f"region {REGION}, bucket {BUCKET}, prefix {PREFIX!r}, role {ROLE}; "
            "the job name MyTuningJob is the page's own"
        ),
    )
    manifest.save()
    print("wrote", FILE_NAME)


if __name__ == "__main__":
    main(sys.argv[1:])
