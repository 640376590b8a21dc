"""Derive test documents from public state machines and templates in clones of their repositories.

Usage, from the repository root (PyYAML, hpt_request and git)::

    python3 tests/realworld/tools/derive_public_statemachines.py DEVGUIDE_GIT_DIR WORKFLOWS_GIT_DIR

- ``DEVGUIDE_GIT_DIR`` is a clone of github.com/awsdocs/aws-step-functions-developer-guide (the
  Step Functions Developer Guide's sources until AWS archived the repository in June 2023).
  The page ``doc_source/sample-hyper-tuning.md`` ("Tune a Machine Learning Model", published as
  https://docs.aws.amazon.com/step-functions/latest/dg/sample-hyper-tuning.html) is read at
  ``DEVGUIDE_COMMIT``, the last commit that changed it (the next one deletes it); its first
  fenced code block is the sample project's state machine.
- ``WORKFLOWS_GIT_DIR`` is a clone of github.com/aws-samples/step-functions-workflows-collection.
  Its ``train-ml-model`` workflow (the "Train a machine learning model" sample project: its
  state machine and its SAM template) is read at ``WORKFLOWS_COMMIT``, the last commit that
  changed it; the files are the same at the snapshot's newest commit,
  83bbec48d8f065de3dbcb4c5d8fe0e58a0479334. It trains, it does not tune, so its files go to the
  ``no-tuning/`` folders: documents with SageMaker tasks but no tuning task.

Every source is checked against the SHA-256 recorded here, then parsed, and its data written again
by our own writers (:func:`render`): JSON with two-space indents, YAML by PyYAML with a header
naming the source (CloudFormation's short forms, ``!Sub``, are written as the long forms they
stand for, ``Fn::Sub:``, which every reader of templates takes alike). The data is the source's;
its comments and layout are not kept.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from hpt_request.text.jsontext import parse_yaml

REALWORLD = Path(__file__).resolve().parent.parent

REPOSITORIES = {
    "devguide": "awsdocs/aws-step-functions-developer-guide",
    "workflows": "aws-samples/step-functions-workflows-collection",
}
DEVGUIDE_COMMIT = "f578176006a37b95b192dc99bcd0cee305f5dba6"
WORKFLOWS_COMMIT = "bbc7c49604b5d622528d4bed46f23ce91e1942aa"

# (repository, commit, path in it, code block number or None for the whole file, output, sha256)
COPIES = [
    (
        "devguide",
        DEVGUIDE_COMMIT,
        "doc_source/sample-hyper-tuning.md",
        1,
        "statemachines/devguide-sample-tune-ml-model.json",
        "427ca6330f1cfd159893b7c66cea31173ffc43378f299e3100741dd73b5f81b2",
    ),
    (
        "workflows",
        WORKFLOWS_COMMIT,
        "train-ml-model/statemachine/statemachine.asl.json",
        None,
        "statemachines/no-tuning/workflows-train-ml-model.asl.json",
        "ef666558ff739b1055ed2777391bbdec9b18bdb0953b7d49e42ec61aab701f64",
    ),
    (
        "workflows",
        WORKFLOWS_COMMIT,
        "train-ml-model/template.yaml",
        None,
        "templates/no-tuning/workflows-train-ml-model-template.yaml",
        "d5cd611c93d7b81b5f137a36290df5a052b5078fe26ef8fb41a0622045778b60",
    ),
]


def git_show(git_dir: str, commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"],
        capture_output=True,
        check=True,
    ).stdout


def code_block(markdown: bytes, number: int) -> bytes:
    """The lines between the ``number``-th pair of ``` fences, with their line ends."""
    blocks: list[list[bytes]] = []
    inside: list[bytes] | None = None
    for line in markdown.splitlines(keepends=True):
        if line.strip().startswith(b"```"):
            if inside is None:
                inside = []
            else:
                blocks.append(inside)
                inside = None
        elif inside is not None:
            inside.append(line)
    return b"".join(blocks[number - 1])


def render(output: str, source: str, data: Any) -> str:
    """The text written for ``data``, the parsed source (named by ``source``) of ``output``."""
    if output.endswith(".json"):
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    header = (
        f"# Derived by tests/realworld/tools/derive_public_statemachines.py from {source}:\n"
        "# the file's data written again (not its comments or layout); do not edit.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def parse(output: str, text: str) -> Any:
    """The data of a source or of a written file."""
    return json.loads(text) if output.endswith(".json") else parse_yaml(text)


def main(argv: list[str]) -> None:
    dirs = {"devguide": argv[0], "workflows": argv[1]}
    problems = []
    for repo, commit, path, block, output, digest in COPIES:
        data = git_show(dirs[repo], commit, path)
        if block is not None:
            data = code_block(data, block)
        actual = hashlib.sha256(data).hexdigest()
        if digest and actual != digest:
            problems.append(f"{output}: sha256 {actual}, expected {digest}")
            continue
        target = REALWORLD / output
        target.parent.mkdir(parents=True, exist_ok=True)
        named = f"github.com/{REPOSITORIES[repo]} {path} at {commit}"
        text = render(output, named, parse(output, data.decode("utf-8")))
        target.write_text(text, encoding="utf-8")
        print("wrote", output, actual)
    if problems:
        sys.exit("\n".join(problems))


if __name__ == "__main__":
    main(sys.argv[1:])
