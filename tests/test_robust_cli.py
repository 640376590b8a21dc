"""The command line under hostile names, streams, settings and folders (issue 25, items 5-10).

Every case runs the real entry point in a child process, since what is tested is what a CI job
or a shell sees: the bytes written, and the exit status.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from hpt_request.model import examples

PROGRAM = [sys.executable, "-m", "hpt_request"]
ROOT = Path(__file__).resolve().parent.parent


def run(
    *args: str | bytes,
    cwd: Path | None = None,
    stdin: bytes | int | None = b"",
    **options: object,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m hpt_request ARGS`` in a child; its output as bytes."""
    given: dict[str, object] = {"input": stdin} if isinstance(stdin, bytes) else {"stdin": stdin}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*PROGRAM, *args],
        capture_output=True,
        timeout=120,
        cwd=cwd,
        # this tree's package wherever the child runs (cwd may be a temporary folder)
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)},
        check=False,
        **given,
        **options,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr, result.stderr[-2000:]


def _bad_request() -> str:
    """A request with a pattern problem (its message quotes a pattern with brackets) and a
    key that looks like a Markdown link."""
    request = examples.load("bayesian")
    request["HyperParameterTuningJobName"] = "bad name"
    request["[click me](https://example.invalid/)"] = 1
    return json.dumps(request)


# -- item 5: output that drives CI ---------------------------------------------------------------


def test_text_output_never_starts_a_workflow_command(tmp_path: Path) -> None:
    """A file name starting with ``::`` cannot make a text line a GitHub workflow command."""
    name = "::warning title=forged::x.hpt.json"
    (tmp_path / name).write_text(examples.text("bayesian"), encoding="utf-8")
    unreadable = " ::stop-commands::token.json"
    (tmp_path / unreadable).write_text("{", encoding="utf-8")
    result = run("validate", name, unreadable, cwd=tmp_path)
    lines = (result.stdout + result.stderr).decode().splitlines()
    assert lines
    assert not [line for line in lines if line.lstrip().startswith("::")], lines
    assert f"./{name}: OK" in lines  # the same file, named so that a click still opens it


def test_github_format_escapes_a_newline_in_a_file_name(tmp_path: Path) -> None:
    """``--format github`` writes a newline in a file name as GitHub's ``%0A``."""
    name = "two\nlines.json"
    (tmp_path / name).write_text('{"HyperParameterTuningJobName": 5}', encoding="utf-8")
    result = run("validate", "--format", "github", "--no-rules", name, cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert lines
    assert all(line.startswith("::error file=two%0Alines.json,") for line in lines)


def _unescaped_brackets(text: str) -> list[str]:
    """The ``[`` and ``]`` of ``text`` not escaped by a backslash (SARIF 2.1.0, 3.11.6)."""
    return [m.group(2) for m in re.finditer(r"(\\*)([\[\]])", text) if len(m.group(1)) % 2 == 0]


def test_sarif_messages_have_no_embedded_links(tmp_path: Path) -> None:
    """Square brackets in SARIF message texts (from patterns, from the file's keys) are
    escaped, so that no viewer renders ``[text](target)`` as a link; unescaping gives back the
    message the other formats print."""
    target = tmp_path / "links.json"
    target.write_text(_bad_request(), encoding="utf-8")
    sarif = json.loads(run("validate", "--format", "sarif", str(target)).stdout)
    texts = [result["message"]["text"] for result in sarif["runs"][0]["results"]]
    assert any("click me" in text for text in texts)
    assert all(not _unescaped_brackets(text) for text in texts), texts
    plain = json.loads(run("validate", "--format", "json", str(target)).stdout)
    problems = plain["files"][0]["problems"]
    messages = {f"{p['path'] or '<request>'}: {p['message']}" for p in problems}
    unescaped = {re.sub(r"\\([\[\]\\])", r"\1", text) for text in texts}
    assert unescaped == messages


def test_sarif_survives_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A file name that is not UTF-8 is percent-encoded byte for byte in the SARIF URI."""
    name = b"caf\xe9.json"
    (tmp_path / os.fsdecode(name)).write_text(_bad_request(), encoding="utf-8")
    result = run("validate", "--format", "sarif", name, cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for found in sarif["runs"][0]["results"]
        for location in found["locations"]
    }
    assert uris == {"caf%E9.json"}


def test_other_commands_never_start_a_workflow_command(tmp_path: Path) -> None:
    """``from-describe`` and ``metrics`` name a file at the start of a line the same way."""
    name = "::error::forged.json"
    (tmp_path / name).write_text("{", encoding="utf-8")
    for args in (("from-describe", name), ("metrics", name, "--log", name)):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.decode().startswith(f"./{name}: "), result.stderr
