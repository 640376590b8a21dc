"""The code examples in the README and in docs/ run as written, and the site builds.

In the pages of ``docs/``:

- every ```` ```python ```` block runs in a fresh namespace, and the ``test_*`` functions it
  defines are called; a block followed by a ```` ```text title="Output" ```` block must print
  exactly that text;
- every ```` ```console ```` block runs in bash in a fresh temporary folder: each ``$ `` line is
  a command, and the lines up to the next ``$ `` line are its output (stdout and stderr);
- the other fences (``sh``, ``text``, ``yaml``, ``json``) are not run; the tests below check what
  can be checked of them.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from hpt_request import validate
from hpt_request.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```[ \t]*$", flags=re.M | re.S)
OUTPUT_INFO = 'text title="Output"'
LANGUAGES = {"python", "console", "sh", "text", "yaml", "json", "toml"}
STEP_MARK = "@@ hpt-request docs: end of step @@"
SDK_TITLE = 'title="SDK v'
"""The blocks that need the SageMaker Python SDK (``title="SDK v3: ..."``, ``"SDK v2: ..."``):
not run here, but by tests/test_sdk3_docs.py and tests/test_sdk2_docs.py in the SDK's own
environment (.ci/requirements-sdk3.txt, -sdk2.txt), inside moto."""


class Block(NamedTuple):
    """One fenced block of a Markdown file."""

    path: Path
    language: str
    info: str
    body: str
    line: int
    output: str | None  # the Output block that follows a python block


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    matches = list(FENCE.finditer(text))
    found = []
    for index, match in enumerate(matches):
        info = match["info"].strip()
        output = None
        following = matches[index + 1] if index + 1 < len(matches) else None
        if (
            following is not None
            and following["info"].strip() == OUTPUT_INFO
            and not text[match.end() : following.start()].strip()
        ):
            output = following["body"]
        line = text.count("\n", 0, match.start("body")) + 1
        found.append(Block(path, info.split(" ")[0], info, match["body"], line, output))
    return found


def python_blocks(path: Path) -> list[str]:
    return [block.body for block in blocks(path) if block.language == "python"]


def _params(language: str) -> list[Any]:
    params = []
    for page in PAGES:
        selected = [
            block
            for block in blocks(page)
            if block.language == language and SDK_TITLE not in block.info
        ]
        for index, block in enumerate(selected):
            params.append(pytest.param(block, id=f"{page.stem}-{language}-{index}"))
    return params


PYTHON_BLOCKS = _params("python")
CONSOLE_BLOCKS = _params("console")


def test_readme_notebook_example_runs() -> None:
    """The README's notebook example builds a valid request and prints its wire JSON."""
    block = python_blocks(ROOT / "README.md")[0]
    assert len(block.splitlines()) <= 20
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {})
    wire = json.loads(printed.getvalue())
    assert wire["HyperParameterTuningJobName"] == "churn-xgb-1"
    ranges = wire["HyperParameterTuningJobConfig"]["ParameterRanges"]
    assert ranges["ContinuousParameterRanges"][0]["MinValue"] == "0.001"
    assert validate(wire) == []


def test_readme_property_example_runs() -> None:
    """The README's property-based example defines tests that pass when run."""
    block = python_blocks(ROOT / "README.md")[1]
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert len(tests) == 2
    for test in tests:
        assert callable(test)
        test()


def test_readme_names_the_test_command() -> None:
    """The README's test command is the one CI runs."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in readme
    assert ".venv/bin/python -m pytest" in ci


@pytest.mark.parametrize("block", PYTHON_BLOCKS)
def test_doc_python_block_runs(block: Block) -> None:
    """A python block of a docs page runs on its own, its test_* functions pass, and it prints
    the Output block that follows it."""
    name = f"docs/{block.path.name}"
    # dont_inherit: this module's `from __future__ import annotations` must not apply.
    code = compile("\n" * (block.line - 1) + block.body, name, "exec", dont_inherit=True)
    namespace: dict[str, Any] = {"__name__": f"docs_{block.path.stem.replace('-', '_')}"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, namespace)
        for key, value in list(namespace.items()):
            if key.startswith("test_") and callable(value):
                value()
    if block.output is not None:
        assert printed.getvalue() == block.output
    else:
        assert printed.getvalue() == "", f"{name}:{block.line} prints, but no Output block follows"


def _steps(body: str) -> list[tuple[str, str]]:
    """(command, expected output) for each ``$ `` line of a console block."""
    steps: list[tuple[str, str]] = []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append((line[2:].rstrip("\n"), ""))
        else:
            assert steps, f"output before the first command: {line!r}"
            command, output = steps[-1]
            steps[-1] = (command, output + line)
    return steps


@pytest.mark.slow
@pytest.mark.parametrize("block", CONSOLE_BLOCKS)
def test_doc_console_block_runs(block: Block, tmp_path: Path) -> None:
    """A console block of a docs page, run command by command in bash, prints what it shows."""
    steps = _steps(block.body)
    script = "".join(
        # Keep each command's exit status for the next one (so that `echo $?` works).
        f"{command}\n__status=$?; printf '%s\\n' '{STEP_MARK}'; (exit $__status)\n"
        for command, _ in steps
    )
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONUNBUFFERED": "1",  # stdout and stderr interleave as on a terminal
    }
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )
    printed = result.stdout.split(f"{STEP_MARK}\n")
    assert printed[-1] == ""
    for (command, expected), actual in zip(steps, printed[:-1], strict=True):
        assert actual == expected, f"docs/{block.path.name}:{block.line}: $ {command}"


def test_every_fence_names_a_known_language() -> None:
    """No code block goes untested by accident: every fence names a language, and Python is
    always ``python`` (run) while illustrations are ``text`` or ``yaml`` (not run)."""
    found = {(block.path.name, block.language) for page in PAGES for block in blocks(page)}
    assert {language for _, language in found} <= LANGUAGES, found
    assert len(PYTHON_BLOCKS) >= 10
    assert CONSOLE_BLOCKS


def test_output_blocks_follow_python_blocks() -> None:
    """Every Output block belongs to the python block just before it (and so is checked)."""
    for page in PAGES:
        found = blocks(page)
        outputs = sum(block.info == OUTPUT_INFO for block in found)
        assert outputs == sum(block.output is not None for block in found), page.name


def test_index_shows_the_readme_commands() -> None:
    """The docs index gives the README's two set-up commands, word for word."""
    readme = [block.body for block in blocks(ROOT / "README.md") if block.language == "sh"]
    index = [block.body for block in blocks(DOCS / "index.md") if block.language == "sh"]
    assert len(readme) == 2
    assert index == readme


def test_ci_workflow_snippet_is_valid() -> None:
    """The GitHub Actions snippet is YAML, and its hpt-request commands parse."""
    yaml = importlib.import_module("yaml")  # installed with mkdocs; imported untyped on purpose
    (snippet,) = [
        block
        for block in blocks(DOCS / "ci-gate.md")
        if block.language == "yaml" and "jobs:" in block.body
    ]
    workflow = yaml.safe_load(snippet.body)
    runs = [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]
    commands = [
        shlex.split(re.split(r"[|>]", line)[0])  # the command, without pipes or redirections
        for run in runs
        for line in run.splitlines()
        if line.startswith("hpt-request ")
    ]
    assert commands
    for argv in commands:
        try:
            build_parser().parse_args(argv[1:])
        except SystemExit:
            pytest.fail(f"hpt-request refuses: {shlex.join(argv)}")


def test_pages_name_no_path_of_this_machine() -> None:
    """The pages and the site configuration use relative paths only."""
    machine = {str(ROOT), sys.prefix}
    for path in [*PAGES, ROOT / "mkdocs.yml"]:
        text = path.read_text(encoding="utf-8")
        assert not [found for found in machine if found in text], path.name


@pytest.mark.slow
def test_site_builds_strict(tmp_path: Path) -> None:
    """``mkdocs build --strict`` succeeds: no broken link or reference, no page left out of the
    navigation, and the API reference is rendered from the docstrings."""
    site = tmp_path / "site"
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reference = (site / "reference.html").read_text(encoding="utf-8")
    model = (site / "model.html").read_text(encoding="utf-8")
    assert 'id="hpt_request.validate"' in reference
    assert 'id="hpt_request.strategies.requests"' in reference
    assert 'id="hpt_request.model.ParameterRanges"' in model
    for html in (reference, model):
        assert not re.search(r":(?:func|class|mod|data):`", html)  # roles became links
    # Opened from disk, every link to a page names its file (no folder listing).
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="quickstart.html"' in index
    rules = (site / "rules.html").read_text(encoding="utf-8")
    assert 'id="log-scale-positive"' in rules


TOML_BLOCKS = [block for page in PAGES for block in blocks(page) if block.language == "toml"]


@pytest.mark.parametrize(
    "block", TOML_BLOCKS, ids=[f"{b.path.stem}-toml-{b.line}" for b in TOML_BLOCKS]
)
def test_doc_toml_block_is_valid_settings(block: Block) -> None:
    """A pyproject.toml snippet in the docs parses, and its [tool.hpt-request] table is accepted
    by the settings loader (rule ids, keys and quotas all valid)."""
    from hpt_request.rules.settings import RuleSettings, parse_toml

    table = parse_toml(block.body)["tool"]["hpt-request"]
    settings = RuleSettings.from_table(table, origin=f"docs/{block.path.name}:{block.line}")
    assert (
        settings.disable
        or settings.enable
        or settings.severity
        or settings.quotas
        or (settings.policy != type(settings.policy)())
    )
