"""The command line under hostile names, streams, settings and folders (issue 25, items 5-10).

Every case runs the real entry point in a child process, since what is tested is what a CI job
or a shell sees: the bytes written, and the exit status.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

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
    options.setdefault("timeout", 120)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*PROGRAM, *args],
        capture_output=True,
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
    unescaped = {_unescaped(text) for text in texts}
    assert unescaped == messages
    # The name's pattern quotes {0,31}: SARIF doubles braces that are not a placeholder (3.11.5).
    assert any("{{0,31}}" in text for text in texts), texts
    assert all(not re.search(r"(?<!\{)\{[0-9]+\}(?!\})", text) for text in texts)


def _unescaped(text: str) -> str:
    """A SARIF message text as plain text: brackets unescaped (3.11.6), braces undoubled
    (3.11.5)."""
    text = re.sub(r"\{\{|\}\}", lambda m: m.group(0)[0], text)
    return re.sub(r"\\([\[\]\\])", r"\1", text)


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
        assert result.stderr.decode().startswith(f"./{name}:"), result.stderr


# -- item 6: streams and paths -------------------------------------------------------------------


def test_closed_standard_input_is_unreadable(tmp_path: Path) -> None:
    """``validate - <&-`` exits 2 with a line saying standard input is closed."""
    result = run("validate", "-", stdin=None, preexec_fn=lambda: os.close(0))
    assert_no_traceback(result)
    assert result.returncode == 2
    assert b"<stdin>: cannot read: standard input is closed" in result.stderr


def _closing(descriptor: int) -> subprocess.CompletedProcess[bytes]:
    good = examples.text("bayesian").encode()
    return subprocess.run(
        [*PROGRAM, "validate", "-"],
        input=good,
        capture_output=descriptor != 1 and descriptor != 2,
        stdout=subprocess.PIPE if descriptor == 2 else None,
        stderr=subprocess.PIPE if descriptor == 1 else None,
        preexec_fn=lambda: os.close(descriptor),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )


def test_closed_output_streams_keep_the_status() -> None:
    """``validate good.json >&-`` (or ``2>&-``) exits 0, as with the stream open."""
    closed_out = _closing(1)
    assert closed_out.returncode == 0
    assert not closed_out.stderr
    closed_err = _closing(2)
    assert closed_err.returncode == 0
    assert closed_err.stdout.endswith(b"1 file checked: 0 errors, 0 warnings\n")


def test_a_fifo_never_blocks(tmp_path: Path) -> None:
    """A FIFO named with no writer is unreadable at once; one found in a folder is skipped;
    a pipe with a writer (``<(cat tuning.json)``) is read as usual."""
    (tmp_path / "good.json").write_text(examples.text("bayesian"), encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.json")
    named = run("validate", "fifo.json", cwd=tmp_path, timeout=30)
    assert named.returncode == 2
    assert b"fifo.json: empty: a FIFO with nothing written to it" in named.stderr
    found = run("validate", ".", cwd=tmp_path, timeout=30)
    assert found.returncode == 0
    assert found.stdout.splitlines() == [b"good.json: OK", b"1 file checked: 0 errors, 0 warnings"]
    writer = subprocess.Popen(["cat", "good.json"], cwd=tmp_path, stdout=subprocess.PIPE)
    assert writer.stdout is not None
    try:
        piped = run(
            "validate", f"/dev/fd/{writer.stdout.fileno()}", pass_fds=(writer.stdout.fileno(),)
        )
    finally:
        writer.stdout.close()
        writer.wait()
    assert piped.returncode == 0, piped.stderr


def test_a_path_longer_than_path_max(tmp_path: Path) -> None:
    """A path longer than PATH_MAX is one unreadable file, the others are still checked."""
    (tmp_path / "good.json").write_text(examples.text("bayesian"), encoding="utf-8")
    long = "a/" * 3000 + "x.json"
    result = run("validate", long, "good.json", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 2
    assert b"cannot read: File name too long" in result.stderr
    assert b"good.json: OK" in result.stdout


def test_standard_input_for_request_and_parents_is_a_usage_error() -> None:
    """``validate - --parents -`` is refused before anything is read."""
    result = run("validate", "-", "--parents", "-", stdin=examples.text("bayesian").encode())
    assert result.returncode == 2
    assert result.stderr.startswith(b"hpt-request validate: standard input (-) can be read only")
    assert not result.stdout


def _reading_standard_input(pid: int) -> bool:
    """Whether process ``pid`` waits in ``read(0, ...)`` (Linux's /proc/PID/syscall)."""
    try:
        return Path(f"/proc/{pid}/syscall").read_text().startswith("0 0x0 ")
    except OSError:
        return False


def test_ctrl_c_is_one_line_and_status_130() -> None:
    """SIGINT while the command waits on standard input: exit 130, one line, no traceback."""
    child = subprocess.Popen(
        [*PROGRAM, "validate", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        while not _reading_standard_input(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 130
    assert err == b"hpt-request: interrupted\n"
    assert not out


# -- item 7: settings ----------------------------------------------------------------------------


def test_a_settings_file_whose_tool_is_not_a_table(tmp_path: Path) -> None:
    """``tool = 5`` or ``tool = [1]`` in pyproject.toml: exit 2, naming the file read."""
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "tuning.json").write_text(examples.text("bayesian"), encoding="utf-8")
    for value in ("5", "[1]"):
        (folder / "pyproject.toml").write_text(f"tool = {value}\n", encoding="utf-8")
        result = run("validate", "a/tuning.json", cwd=tmp_path)
        assert_no_traceback(result)
        assert result.returncode == 2
        assert result.stderr.decode().startswith("hpt-request: a/pyproject.toml: tool must be")


def test_settings_messages_name_the_file_read(tmp_path: Path) -> None:
    """A mistake in a settings file names it as found (``a/pyproject.toml``), not by its bare
    name, and with the table."""
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "tuning.json").write_text(examples.text("bayesian"), encoding="utf-8")
    (folder / "pyproject.toml").write_text(
        '[tool.hpt-request]\ndisable = ["no-such-rule"]\n', encoding="utf-8"
    )
    result = run("validate", "a/tuning.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(
        "hpt-request: a/pyproject.toml [tool.hpt-request]: unknown rule id 'no-such-rule'"
    )
    (folder / "pyproject.toml").write_text("[tool\n", encoding="utf-8")
    broken = run("validate", "a/tuning.json", cwd=tmp_path)
    assert broken.returncode == 2
    assert broken.stderr.decode().startswith("hpt-request: a/pyproject.toml: cannot be read")


# -- item 8: a gate that checked nothing ---------------------------------------------------------


def test_a_folder_with_no_request_file_fails_the_gate(tmp_path: Path) -> None:
    """``validate DIR`` on a folder with no request file exits 2, saying what it looked for."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    result = run("validate", "empty", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "empty: no file to check: looked for *.json, *.yaml, *.yml in the folder and below "
        "(--include names other files)\n"
    )
    assert result.stdout.endswith(b"1 file checked: 0 errors, 0 warnings, 1 unreadable\n")


def test_an_include_that_matches_nothing_fails_the_gate(tmp_path: Path) -> None:
    """``--include`` matching nothing exits 2 too, in every format."""
    (tmp_path / "tuning.json").write_text(examples.text("bayesian"), encoding="utf-8")
    result = run("validate", ".", "--include", "*.hpt.json", "--format", "github", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.decode().startswith(
        "::error file=.,title=unreadable::no file to check: looked for *.hpt.json"
    )


def test_extensions_are_matched_without_regard_to_case(tmp_path: Path) -> None:
    """``TUNING.JSON`` and ``Other.YML`` in a folder are checked, as ``.YAML`` is read as YAML."""
    (tmp_path / "TUNING.JSON").write_text(examples.text("bayesian"), encoding="utf-8")
    (tmp_path / "Other.YML").write_text("HyperParameterTuningJobName: 5\n", encoding="utf-8")
    result = run("validate", ".", "--no-rules", cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert "TUNING.JSON: OK" in lines
    assert any(line.startswith("Other.YML:1:") for line in lines)
    assert lines[-1].startswith("2 files checked")


# -- item 10: unreadable files say where ---------------------------------------------------------

DUPLICATE = '{"HyperParameterTuningJobName": "a",\n  "Tags": [],\n  "Tags": []}'


def test_a_duplicate_key_says_where_it_is_in_every_format(tmp_path: Path) -> None:
    """The repeated key's line and column: FILE:LINE:COL in text, ``line=``/``col=`` for
    GitHub, a region in SARIF, ``line``/``column`` in JSON; YAML too."""
    (tmp_path / "dup.json").write_text(DUPLICATE, encoding="utf-8")
    (tmp_path / "dup.yaml").write_text("Tags: []\nOther: 1\nTags: []\n", encoding="utf-8")
    text = run("validate", "dup.json", "dup.yaml", cwd=tmp_path)
    assert text.returncode == 2
    assert text.stderr.decode().splitlines() == [
        'dup.json:3:3: duplicate key "Tags" in one object',
        "dup.yaml:3:1: duplicate key 'Tags' on line 3",
    ]
    github = run("validate", "dup.json", "--format", "github", cwd=tmp_path).stdout.decode()
    assert github.startswith("::error file=dup.json,line=3,col=3,title=unreadable::duplicate")
    sarif = json.loads(run("validate", "dup.json", "--format", "sarif", cwd=tmp_path).stdout)
    (notification,) = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    region = notification["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 3}
    document = json.loads(run("validate", "dup.json", "--format", "json", cwd=tmp_path).stdout)
    assert (document["files"][0]["line"], document["files"][0]["column"]) == (3, 3)


def test_a_syntax_error_in_json_with_old_mac_line_endings(tmp_path: Path) -> None:
    """JSON whose lines end in a lone CR: the error's line counts those lines."""
    (tmp_path / "cr.json").write_text('{\r  "Tags": []\r  "x": 1}', encoding="utf-8")
    result = run("validate", "cr.json", cwd=tmp_path)
    assert result.stderr.decode().startswith("cr.json:3:3: not valid JSON: Expecting ','")


def test_problems_in_json_with_old_mac_line_endings_have_their_lines(tmp_path: Path) -> None:
    """Problems in a CR-only file are on their own lines, not all on line 1."""
    text = examples.text("bayesian").replace("\n", "\r")
    (tmp_path / "cr.json").write_text(text.replace('"Bayesian"', '"Bayes"'), encoding="utf-8")
    result = run("validate", "cr.json", "--format", "json", cwd=tmp_path)
    (problem,) = json.loads(result.stdout)["files"][0]["problems"]
    assert text.split("\r")[problem["line"] - 1].strip().startswith('"Strategy"')


def test_text_output_orders_a_files_problems_by_line(tmp_path: Path) -> None:
    """Problems print in the order of their lines, whatever order the checks found them in."""
    request = examples.load("bayesian")
    request["Tags"] = [{"Key": "aws:x", "Value": "v"}]  # a rule, late in the file
    request["HyperParameterTuningJobName"] = "bad name"  # structural, first line
    request["HyperParameterTuningJobConfig"]["Strategy"] = "Bayes"
    (tmp_path / "t.json").write_text(json.dumps(request, indent=2), encoding="utf-8")
    result = run("validate", "t.json", cwd=tmp_path)
    lines = [line for line in result.stdout.decode().splitlines() if line.startswith("t.json:")]
    assert len(lines) >= 3
    places = [tuple(map(int, line.split(":")[1:3])) for line in lines]
    assert places == sorted(places)


def test_a_duplicate_key_position_is_the_key_the_message_names() -> None:
    """Nested objects: the decoder refuses the first object to close with a repeated key, and
    the position is of that key, not of an earlier one in an enclosing object; escaped quotes
    in keys and strings inside lists do not shift it."""
    from hpt_request.text.jsontext import UnreadableText, parse_json

    cases = {
        '{"a": 1,\n "b": {"x": 1, "x": 2},\n "a": 3}': ('"x"', 2, 16),
        '{"q\\"": "\\"a\\"", "q\\"": 2}': ('"q\\""', 1, 18),
        '[{"k": ["k", {"z": 1}], "k": 2}]': ('"k"', 1, 25),
    }
    for text, (key, line, column) in cases.items():
        with pytest.raises(UnreadableText) as caught:
            parse_json(text)
        assert key in str(caught.value)
        assert (caught.value.line, caught.value.column) == (line, column), text
        assert text.split("\n")[line - 1][column - 1 :].startswith(key)


# -- item 9: a file is parsed once, and large files stay within the documented memory ------------

# The child's own peak: VmHWM of /proc/self/status (KiB), which starts anew at exec; getrusage's
# ru_maxrss would count the forked pytest process's memory too.
PEAK = (
    "import re, sys\n"
    "from hpt_request.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "status_text = open('/proc/self/status', encoding='ascii').read()\n"
    "peak = re.search(r'VmHWM:\\s+(\\d+) kB', status_text).group(1)\n"
    "sys.stderr.write(f'\\npeak {peak}\\n')\n"
    "sys.exit(status)\n"
)


def _big_request(shape: str) -> dict[str, object]:
    """The bundled example grown to near the 10 MiB limit: 200,000 static hyperparameters, or
    190,000 tags of two keys (a request of either is refused at its size member)."""
    request = examples.load("bayesian")
    if shape == "map":
        statics = request["TrainingJobDefinition"]["StaticHyperParameters"]
        statics.update({f"k{index}": "v" * 30 for index in range(200_000)})
    else:
        request["Tags"] = [{"Key": f"k{index}", "Value": "v" * 20} for index in range(190_000)]
    return request


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
@pytest.mark.parametrize(
    ("name", "shape", "bound_mb"),
    [("big.json", "map", 300), ("big.yaml", "map", 700), ("tags.yaml", "list", 700)],
)
def test_a_file_near_the_size_limit_stays_within_its_memory_bound(
    tmp_path: Path, name: str, shape: str, bound_mb: int
) -> None:
    """docs/ci-gate.md's bounds: the whole process's peak memory on a file near 10 MiB, which
    is checked (exit 1, the size problem at its line), not refused."""
    import yaml

    request = _big_request(shape)
    if name.endswith(".json"):
        text = json.dumps(request, indent=2)
    else:
        text = yaml.dump(request, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
    assert 7 * (1 << 20) < len(text.encode()) < 10 * (1 << 20)
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", PEAK, "validate", name],
        capture_output=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert re.search(
        rf"^{re.escape(name)}:\d+:\d+: .*maxItems|maxProperties", result.stdout.decode(), re.M
    )
    peak_mb = int(result.stderr.decode().rsplit("peak ", 1)[1]) / 1024
    assert peak_mb < bound_mb, f"{name}: {peak_mb:.0f} MB"


def test_yaml_is_composed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The places of a YAML file's problems come from the nodes its reading composed: the text
    is composed once, and the problem still has its line."""
    from hpt_request.cli import main
    from hpt_request.text import jsontext

    composed: list[str] = []
    real = jsontext.yaml_loader

    def counting(**options: Any) -> type:
        base = real(**options)

        class Counting(base):  # type: ignore[misc, valid-type]
            def get_single_node(self) -> object:
                composed.append("single")
                return super().get_single_node()

            def get_node(self) -> object:
                composed.append("node")
                return super().get_node()

        return Counting

    monkeypatch.setattr(jsontext, "yaml_loader", counting)
    request = examples.load("bayesian")
    request["HyperParameterTuningJobConfig"]["Strategy"] = "Bayes"
    import yaml

    (tmp_path / "t.yaml").write_text(yaml.safe_dump(request, sort_keys=False), encoding="utf-8")
    import io

    out = io.StringIO()
    status = main(["validate", str(tmp_path / "t.yaml")], out=out, err=io.StringIO())
    assert status == 1
    assert composed == ["single"]
    line = yaml.safe_dump(request, sort_keys=False).split("\n").index("  Strategy: Bayes") + 1
    assert f"t.yaml:{line}:13: HyperParameterTuningJobConfig.Strategy" in out.getvalue()


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("sign", ["", "-"])
def test_an_integer_of_5000_digits_in_a_file_is_a_problem_at_its_member(
    tmp_path: Path, suffix: str, sign: str
) -> None:
    """Python refuses to read more than 4,300 digits; the file is still checked, and the
    number is reported at its member, with its line and its true number of digits."""
    text = json.dumps(examples.load("bayesian"), indent=2)
    text = re.sub(r'("MaxNumberOfTrainingJobs": )\d+', rf"\g<1>{sign}{'7' * 5000}", text)
    (tmp_path / f"t{suffix}").write_text(text, encoding="utf-8")  # JSON is YAML too
    result = run("validate", f"t{suffix}", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (line,) = [x for x in result.stdout.decode().splitlines() if "MaxNumberOfTrainingJobs:" in x]
    number = next(i for i, x in enumerate(text.split("\n"), 1) if "MaxNumberOfTrainingJobs" in x)
    assert line.startswith(f"t{suffix}:{number}:")
    assert "an integer of about 5000 digits" in line
    assert ("minimum" if sign else "maximum") in line
