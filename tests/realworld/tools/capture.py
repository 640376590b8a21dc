"""Offline capture of what a tool passes to boto3's ``create_hyper_parameter_tuning_job``.

Shared by the ``make_*`` / ``extract_*`` scripts of this folder (none of them is a test: they
need packages the project does not depend on, such as ``sagemaker<3`` and ``moto``).

- ``RecordingSageMakerClient`` stands in for a boto3 SageMaker client: it records the keyword
  arguments of every ``create_hyper_parameter_tuning_job`` call and answers
  ``describe_hyper_parameter_tuning_job`` with what was recorded, so SDK helpers that look a
  parent job up (warm start) work offline.
- ``write_request`` writes one request as JSON, keys in the order the tool produced them.
- ``Manifest`` collects each file's provenance; ``make_sources_md.py`` turns the manifests of
  all scripts into ``SOURCES.md``.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

REALWORLD = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent

ACCOUNT = "111122223333"
REGION = "us-west-2"
BUCKET = "example-bucket"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/SageMakerRole"

PLACEHOLDERS = (
    f"account {ACCOUNT}, region {REGION}, bucket {BUCKET}, role {ROLE}, fixed tuning job names"
)


def offline_environment() -> None:
    """Fake credentials and region so no library looks for real ones."""
    os.environ["AWS_ACCESS_KEY_ID"] = "testing"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
    os.environ["AWS_SESSION_TOKEN"] = "testing"
    os.environ["AWS_DEFAULT_REGION"] = REGION
    os.environ["MOTO_ACCOUNT_ID"] = ACCOUNT
    os.environ["SAGEMAKER_SUPPRESS_V2_WARNING"] = "1"


class RecordingSageMakerClient:
    """A SageMaker client double that records tuning-job creations."""

    def __init__(self) -> None:
        self.created: list[dict[str, Any]] = []

    def create_hyper_parameter_tuning_job(self, **kwargs: Any) -> dict[str, Any]:
        self.created.append(copy.deepcopy(kwargs))
        name = kwargs["HyperParameterTuningJobName"]
        return {
            "HyperParameterTuningJobArn": (
                f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:hyper-parameter-tuning-job/{name.lower()}"
            )
        }

    def describe_hyper_parameter_tuning_job(self, **kwargs: Any) -> dict[str, Any]:
        name = kwargs["HyperParameterTuningJobName"]
        for request in reversed(self.created):
            if request["HyperParameterTuningJobName"] == name:
                answer = copy.deepcopy(request)
                answer["HyperParameterTuningJobStatus"] = "Completed"
                return answer
        raise KeyError(name)

    def last(self) -> dict[str, Any]:
        if not self.created:
            raise RuntimeError("the tool made no create_hyper_parameter_tuning_job call")
        return self.created[-1]


def write_request(file_name: str, request: dict[str, Any]) -> Path:
    path = REALWORLD / file_name
    path.write_text(json.dumps(request, indent=2) + "\n", encoding="utf-8")
    return path


class Manifest:
    """Provenance of the files one script writes, saved next to the script."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.entries: dict[str, dict[str, str]] = {}

    def add(self, file_name: str, *, source: str, made_by: str, placeholders: str) -> None:
        if file_name in self.entries:
            raise ValueError(f"{file_name} written twice")
        self.entries[file_name] = {
            "source": source,
            "made by": made_by,
            "placeholders": placeholders,
        }

    def save(self) -> None:
        path = TOOLS / "manifests" / f"{self.script}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(self.entries, indent=2) + "\n", encoding="utf-8")
