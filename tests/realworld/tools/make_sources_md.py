"""Write ``tests/realworld/SOURCES.md`` from the manifests the other scripts leave.

Usage, from the repository root (standard library only)::

    python3 tests/realworld/tools/make_sources_md.py

- Every ``*.json`` request in ``tests/realworld/`` must have a manifest entry, and every entry a
  file; otherwise the script fails.
- No two requests may be equal once their job names (and the parent names that repeat them)
  are blanked out.
- ``- expected:`` lines already in SOURCES.md are kept under their file's heading.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parent
REALWORLD = TOOLS.parent
SOURCES = REALWORLD / "SOURCES.md"

INTRODUCTION = """\
Each file here is one CreateHyperParameterTuningJob request exactly as a real tool passed it to
boto3's `create_hyper_parameter_tuning_job` (PascalCase keys in the tool's own order,
hyperparameter values as the strings the tool sends), captured by running the tool offline: the
SageMaker Python SDK v2 (`sdk-*`, and `sdkinteg-*` re-creating the SDK's own tuner integration
tests), the SageMaker Python SDK v3's tuner (`sdk3-*`) and sagemaker-core's
`HyperParameterTuningJob.create` (`sdkcore-*`), the Step Functions Data Science SDK's
`TuningStep` with literal values (`sfn-*`, its state's `Parameters`), the Kubeflow Pipelines
SageMaker tuning component's request builder (`kfp-*`), SageMaker Pipelines `TuningStep`
arguments of SDK v2 (`pipeline-*`: parameters at their defaults, the job name the service
supplies added), the SDK v2's `sagemaker.workflow.airflow.tuning_config` (the config of
Airflow's `SageMakerTuningOperator`, `airflowsdk-*`), the
amazon-sagemaker-examples notebooks
(`notebook-*`), Apache Airflow's Amazon provider system test (`airflow-*`) and the SageMaker
Developer Guide's example (`devguide-*`). A recording
stand-in for the boto3 SageMaker client keeps the call; moto mocks S3 and STS; nothing reaches
AWS. Account ids, buckets, roles and job names are placeholders, listed per file. To regenerate,
create a virtualenv with `python3 -m venv .venv-sdk && .venv-sdk/bin/pip install "sagemaker<3"
"moto[s3,sagemaker]" nbformat`, run the scripts in `tests/realworld/tools/` as their docstrings
say (`make_sdk_requests.py`, `extract_notebooks.py`, `extract_airflow.py`, `extract_devguide.py`,
`make_airflow_configs.py`;
`make_sfn_requests.py` also needs `stepfunctions==2.3.0`, `make_kfp_requests.py` an export of
the component's source),
and `make_sdk3_requests.py` in the SDK v3 environment of `.ci/requirements-sdk3.txt` (it records
the parameters with a botocore handler while the SDK sends to moto), then `python3
tests/realworld/tools/make_sources_md.py`, which writes this file from the scripts' manifests and
refuses duplicates."""


def blank_names(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: "<name>" if key == "HyperParameterTuningJobName" else blank_names(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [blank_names(item) for item in value]
    return value


def expected_lines() -> dict[str, list[str]]:
    kept: dict[str, list[str]] = {}
    if not SOURCES.exists():
        return kept
    current = ""
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
        elif line.startswith("- expected:") and current:
            kept.setdefault(current, []).append(line)
    return kept


def main() -> None:
    entries: dict[str, dict[str, str]] = {}
    for manifest in sorted((TOOLS / "manifests").glob("*.json")):
        entries.update(json.loads(manifest.read_text(encoding="utf-8")))
    files = {path.name for path in REALWORLD.glob("*.json")}
    problems = [f"{name}: no manifest entry" for name in sorted(files - entries.keys())]
    problems += [f"{name}: in a manifest, no file" for name in sorted(entries.keys() - files)]
    seen: dict[str, str] = {}
    for name in sorted(files):
        request = json.loads((REALWORLD / name).read_text(encoding="utf-8"))
        key = json.dumps(blank_names(request), sort_keys=True)
        if key in seen:
            problems.append(f"{name}: same request as {seen[key]} but for job names")
        seen.setdefault(key, name)
    if problems:
        sys.exit("\n".join(problems))
    kept = expected_lines()
    lines = ["# Real-world requests", textwrap.fill(" ".join(INTRODUCTION.split()), 100)]
    for name in sorted(files):
        entry = entries[name]
        lines += [
            "",
            f"## {name}",
            f"- source: {entry['source']}",
            f"- made by: {entry['made by']}",
            f"- placeholders: {entry['placeholders']}",
            *kept.get(name, []),
        ]
    SOURCES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"SOURCES.md: {len(files)} files")


if __name__ == "__main__":
    main()
