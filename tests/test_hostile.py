"""Hostile input: the command line and the API never crash, hang or exhaust memory (issue 10).

Each numbered case of the issue has a test here, and generated junk (Hypothesis over bytes and
over JSON and YAML texts) runs through the real command line. Time and memory are bounded by
resource limits on the child process (``RLIMIT_CPU``, ``RLIMIT_AS``), never by timing the happy
path: a regression shows as a child killed for its CPU time or failing to allocate.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hpt_request import validate
from hpt_request.model import examples

MEMORY = 512 << 20  # address space of a child: several times what validate needs
CPU_SECONDS = 20  # CPU time of a child: far above what any case below needs once fixed


def _limits(cpu: int, memory: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def run(
    *args: str,
    stdin: bytes = b"",
    cpu: int = CPU_SECONDS,
    memory: int = MEMORY,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m hpt_request ARGS`` in a child with bounded CPU time and address space."""
    return subprocess.run(
        [sys.executable, "-m", "hpt_request", *args],
        input=stdin,
        capture_output=True,
        timeout=10 * cpu,  # a safety net only: RLIMIT_CPU stops a busy child first
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        preexec_fn=_limits(cpu, memory),
        check=False,
    )


def python(code: str, *, cpu: int = CPU_SECONDS) -> subprocess.CompletedProcess[bytes]:
    """Run Python code in a child with bounded CPU time and address space."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        timeout=10 * cpu,
        preexec_fn=_limits(cpu, MEMORY),
        check=False,
    )


def assert_sane(result: subprocess.CompletedProcess[bytes]) -> None:
    """The promise: exit 0, 1 or 2 and no traceback."""
    assert result.returncode in (0, 1, 2), (result.returncode, result.stderr[-2000:])
    assert b"Traceback" not in result.stderr, result.stderr[-2000:]


def problems_of(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, str]]:
    """The problems of the one file of a ``--format json`` run."""
    (report,) = json.loads(result.stdout)["files"]
    found: list[dict[str, str]] = report["problems"]
    return found


# -- 1. shared references and YAML aliases stay linear -------------------------------------------


def test_shared_references_are_checked_in_linear_time() -> None:
    """A list that refers to itself 2 x 22 times (4 million leaves expanded) is refused quickly."""
    result = python(
        """
        from hpt_request import validate
        x = ["a"]
        for _ in range(22):
            x = [x, x]
        problems = validate({"Tags": x})
        assert [p.code for p in problems] == ["too-large"], problems
        print(problems[0].message)
        """,
        cpu=10,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert b"more than 100,000 values" in result.stdout


def test_shared_model_objects_are_checked_in_linear_time() -> None:
    """A model object holding a shared list 2 x 22 times is explained without expanding it."""
    result = python(
        """
        import attrs
        from hpt_request import examples, from_wire, validate
        request = from_wire(examples.load("bayesian"))
        x = ["a"]
        for _ in range(22):
            x = [x, x]
        bad = attrs.evolve(request, tags=x)
        problems = validate(bad)
        assert [p.code for p in problems] == ["too-large"], problems
        """,
        cpu=10,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_shared_reference_below_the_limit_is_explained() -> None:
    """Sharing below the limit is checked like the same data written out."""
    tag = {"Key": "k", "Value": 5}
    problems = validate({**examples.load("bayesian"), "Tags": [tag, tag]})
    assert [(p.path, p.code) for p in problems] == [
        ("Tags[0].Value", "type"),
        ("Tags[1].Key", "tag-keys-unique"),  # one pass: the same key twice, a rule problem
        ("Tags[1].Value", "type"),
    ]


# -- 8. huge integers --------------------------------------------------------------------------


def test_a_huge_integer_is_reported_at_its_path_with_the_other_problems() -> None:
    """A 5,000-digit integer is one problem at its path, and the other problems stay."""
    request = examples.load("bayesian")
    request["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"] = 10**5000
    request["HyperParameterTuningJobName"] = 5
    problems = validate(request)
    assert [(p.path, p.code) for p in problems] == [
        ("HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs", "maximum"),
        ("HyperParameterTuningJobName", "type"),
    ]
    assert "an integer of about 5000 digits" in problems[0].message


def test_summary_of_a_huge_integer_does_not_raise() -> None:
    """summary() of a request holding a 5,000-digit integer renders it instead of raising."""
    import attrs

    from hpt_request import from_wire
    from hpt_request.model import ResourceLimits

    request = from_wire(examples.load("bayesian"))
    config = attrs.evolve(
        request.hyper_parameter_tuning_job_config,
        resource_limits=ResourceLimits(
            max_number_of_training_jobs=10**5000, max_parallel_training_jobs=2
        ),
    )
    text = attrs.evolve(request, hyper_parameter_tuning_job_config=config).summary()
    assert "Budget: an integer of about 5000 digits training jobs" in text


# -- 9. true sizes -------------------------------------------------------------------------------


def test_an_oversized_list_is_reported_with_its_true_size() -> None:
    """A list of a million Tags is reported as having a million items."""
    request = {**examples.load("bayesian"), "Tags": [{"Key": "k", "Value": "v"}] * 1_000_000}
    problems = validate(request)
    assert [(p.path, p.code) for p in problems] == [("Tags", "maxItems")]
    assert "has 1000000 items; at most 50 items are allowed" in problems[0].message


# -- 1, 3, 7, 10: YAML ---------------------------------------------------------------------------

LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
BILLION_LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + LAUGHS


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    """Nine levels of aliases (9**9 values expanded, 414 bytes) exit 2 within the limits."""
    path = tmp_path / "laughs.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert len(BILLION_LAUGHS) == 414
    result = run("validate", str(path), cpu=10)
    assert_sane(result)
    assert result.returncode == 2
    assert b"aliases expand the document to more than 100,000 values" in result.stderr


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    """A YAML list that contains itself is unreadable, not recursed into."""
    path = tmp_path / "cycle.yaml"
    path.write_text("Tags: &t [*t]\n", encoding="utf-8")
    result = run("validate", str(path))
    assert_sane(result)
    assert result.returncode == 2
    assert b"a cycle" in result.stderr


@pytest.mark.parametrize("command", [["validate"], ["from-describe"]])
def test_a_list_as_a_mapping_key_is_refused(tmp_path: Path, command: list[str]) -> None:
    """A YAML key that is a list is a clear unreadable-input message, in both commands."""
    path = tmp_path / "keys.yaml"
    path.write_text("HyperParameterTuningJobName: a\n? [1, 2]\n: x\n", encoding="utf-8")
    result = run(*command, str(path))
    assert_sane(result)
    assert result.returncode == 2
    assert b"the key on line 2 is a list; keys must be text" in result.stderr


def _yaml_loaders() -> list[Any]:
    import yaml

    from hpt_request.text.jsontext import yaml_loader

    loaders = [pytest.param(yaml_loader(libyaml=False), id="pure-python")]
    if yaml.__with_libyaml__:
        loaders.append(pytest.param(yaml_loader(), id="libyaml"))
    return loaders


MERGED = """\
base: &base {Name: a, Regex: "a=(.*)"}
one:
  <<: *base
  Name: b
two:
  <<: [{Name: c}, *base]
"""


@pytest.mark.parametrize("loader", _yaml_loaders())
def test_merge_keys_are_read_and_duplicates_still_refused(loader: type[object]) -> None:
    """``<<: *base`` merges (a key written beside it wins), and repeated keys stay refused."""
    from hpt_request.text.jsontext import UnreadableText, load_yaml

    data = load_yaml(MERGED, loader)
    assert data["one"] == {"Name": "b", "Regex": "a=(.*)"}
    assert data["two"] == {"Name": "c", "Regex": "a=(.*)"}
    for text, line in [
        ("base: &b {x: 1}\nc: {<<: *b, y: 2, y: 3}\n", 2),
        ("base: &b {x: 1}\nc:\n  <<: *b\n  <<: *b\n", 4),
    ]:
        with pytest.raises(UnreadableText, match=f"duplicate key .* on line {line}"):
            load_yaml(text, loader)


def test_a_request_using_merge_keys_validates(tmp_path: Path) -> None:
    """A request whose second metric definition merges the first (``<<: *first``) passes."""
    request = examples.load("random")
    metrics = request["TrainingJobDefinition"]["AlgorithmSpecification"]["MetricDefinitions"]
    first, second = (json.dumps(metric) for metric in metrics[:2])
    merged = '{<<: *first, "Name": "validation:auc2"}'
    text = json.dumps(request).replace(f"{first}, {second}", f"&first {first}, {merged}")
    assert "<<: *first" in text
    path = tmp_path / "merged.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", "--format", "json", str(path))
    assert (result.returncode, result.stderr) == (0, b""), result.stdout
    assert problems_of(result) == []


@pytest.mark.parametrize("loader", _yaml_loaders())
def test_both_yaml_loaders_are_equally_strict(loader: type[object]) -> None:
    """libyaml and the pure-Python parser refuse the same hostile texts."""
    from hpt_request.text.jsontext import UnreadableText, load_yaml

    for text in ["a: 1\na: 2\n", "? {a: 1}\n: x\n", "a: &a [*a]\n", BILLION_LAUGHS, "# only\n"]:
        with pytest.raises(UnreadableText):
            load_yaml(text, loader)


def test_the_c_loader_is_used_when_present() -> None:
    """parse_yaml reads with libyaml when PyYAML has it."""
    import yaml

    from hpt_request.text.jsontext import yaml_loader

    assert yaml.__with_libyaml__, "the PyYAML wheels of every CI platform include libyaml"
    assert issubclass(yaml_loader(), yaml.CSafeLoader)


@pytest.mark.slow
def test_a_large_yaml_file_is_read_within_the_cpu_limit(tmp_path: Path) -> None:
    """A 2 MB YAML request (60,000 Tags) is checked within 14 s of CPU: read once for the data
    and once for the problems' line numbers, each about 3 s with libyaml and 10 s or more with
    the pure-Python parser."""
    import yaml

    head = yaml.safe_dump({**examples.load("bayesian"), "Tags": None}).replace("Tags: null\n", "")
    tags = "".join(f"- Key: key-{i}\n  Value: value-{i}\n" for i in range(60_000))
    path = tmp_path / "large.yaml"
    path.write_text(f"{head}Tags:\n{tags}", encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    result = run("validate", str(path), cpu=14)
    assert_sane(result)
    assert result.returncode == 1
    assert b"Tags: maxItems: Tags has 60000 items; at most 50 items are allowed" in result.stdout


# -- 2, 6: text the terminal cannot print, and escape sequences -----------------------------------


def test_a_lone_surrogate_key_prints_escaped(tmp_path: Path) -> None:
    """A JSON key "\\ud800" (valid JSON) is reported, escaped, in text and in JSON output."""
    path = tmp_path / "surrogate.json"
    path.write_text('{"\\ud800": 1}', encoding="utf-8")
    text = run("validate", str(path))
    assert_sane(text)
    assert text.returncode == 1
    assert b'["\\ud800"]: additionalProperties: The request has no member "\\ud800"' in text.stdout
    document = run("validate", "--format", "json", str(path))
    assert_sane(document)
    paths = [problem["path"] for problem in problems_of(document)]
    assert '["\ud800"]' in paths


def test_an_ascii_terminal_gets_escapes_not_a_traceback(tmp_path: Path) -> None:
    """With PYTHONIOENCODING=ascii, non-ASCII names are escaped and JSON stays valid."""
    path = tmp_path / "équipe.json"
    path.write_text('{"HyperParameterTuningJobName": "Équipe"}', encoding="utf-8")
    for args in (["validate", str(path)], ["validate", "--format", "json", str(path)]):
        result = run(*args, env={"PYTHONIOENCODING": "ascii"})
        assert_sane(result)
        assert result.returncode == 1
        assert result.stdout.isascii()
    assert b"\\u00c9quipe" in result.stdout
    (named,) = [p for p in problems_of(result) if p["path"] == "HyperParameterTuningJobName"]
    assert '"\u00c9quipe"' in named["message"]
    assert json.loads(result.stdout)["files"][0]["file"] == str(path)


def _with_range_names(name: str) -> bytes:
    request = examples.load("bayesian")
    ranges = request["HyperParameterTuningJobConfig"]["ParameterRanges"]
    for bounds in ranges["ContinuousParameterRanges"][:2]:
        bounds["Name"] = name  # twice: the rule range-names-unique quotes the name
    return json.dumps(request).encode()


def test_escape_sequences_in_rule_messages_are_escaped() -> None:
    """ESC, BEL and other control characters in a rule's message reach the terminal escaped."""
    name = "\x1b]0;pwned\x07\x1b[31meta\u202e"
    result = run("validate", "-", stdin=_with_range_names(name))
    assert_sane(result)
    assert result.returncode == 0  # range-names-unique is a warning
    assert b"range-names-unique" in result.stdout
    assert not any(byte < 0x20 and byte != 0x0A for byte in result.stdout)
    assert "\u202e".encode() not in result.stdout
    assert b'"\\x1b]0;pwned\\x07\\x1b[31meta\\u202e" is already tuned' in result.stdout
    document = run("validate", "--format", "json", "-", stdin=_with_range_names(name))
    (problem,) = [p for p in problems_of(document) if p["code"] == "range-names-unique"]
    assert name in problem["message"]  # JSON carries the text itself, escaped by JSON


# -- 4. size cap -----------------------------------------------------------------------------------


def test_an_endless_file_is_cut_at_the_size_limit() -> None:
    """/dev/zero as a file or as stdin exits 2 quickly, naming the limit and the option."""
    result = run("validate", "/dev/zero", cpu=10, memory=256 << 20)
    assert_sane(result)
    assert result.returncode == 2
    assert b"larger than 10,485,760 bytes, the limit (--max-bytes)" in result.stderr
    with open("/dev/zero", "rb") as zeros:
        piped = subprocess.run(
            [sys.executable, "-m", "hpt_request", "validate", "-"],
            stdin=zeros,
            capture_output=True,
            timeout=100,
            preexec_fn=_limits(10, 256 << 20),
            check=False,
        )
    assert_sane(piped)
    assert piped.returncode == 2
    assert b"<stdin>: larger than 10,485,760 bytes" in piped.stderr


def test_the_size_limit_can_be_changed(tmp_path: Path) -> None:
    """--max-bytes lowers (or raises) the limit; a file at the limit is read."""
    text = examples.text("bayesian").encode()
    path = tmp_path / "request.json"
    path.write_bytes(text)
    assert run("validate", "--max-bytes", str(len(text)), str(path)).returncode == 0
    small = run("validate", "--max-bytes", str(len(text) - 1), str(path))
    assert small.returncode == 2
    assert f"larger than {len(text) - 1:,} bytes".encode() in small.stderr
    described = run("from-describe", "--max-bytes", "10", str(path))
    assert described.returncode == 2
    assert b"larger than 10 bytes" in described.stderr
    assert run("validate", "--max-bytes", "0", str(path)).returncode == 2
    assert b"--max-bytes" in run("validate", "--max-bytes", "x", str(path)).stderr


def test_the_size_limit_holds_for_in_process_text_streams() -> None:
    """main() called with a text stream as stdin applies the same limit and UTF-8 check."""
    import io

    from hpt_request.cli import main

    err = io.StringIO()
    text = examples.text("bayesian")
    status = main(
        ["validate", "--max-bytes", "100", "-"], out=io.StringIO(), err=err, stdin=io.StringIO(text)
    )
    assert status == 2
    assert err.getvalue() == "<stdin>: larger than 100 bytes, the limit (--max-bytes)\n"
    assert main(["validate", "-"], out=io.StringIO(), err=err, stdin=io.StringIO(text)) == 0
    surrogate = io.StringIO('{"HyperParameterTuningJobName": "\ud800"}')
    assert main(["validate", "-"], out=io.StringIO(), err=io.StringIO(), stdin=surrogate) == 2


# -- 5. a closed pipe ------------------------------------------------------------------------------


def test_the_exit_status_survives_a_closed_pipe(tmp_path: Path) -> None:
    """`validate bad.json | head -1` still exits 1 (and a clean file 0), with nothing on stderr."""
    path = tmp_path / "bad.json"
    request = examples.load("bayesian")
    request["Tags"] = [{"Key": "", "Value": 5}] * 1000  # 2,000 lines: more than a pipe holds
    path.write_text(json.dumps(request), encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(examples.text("bayesian"), encoding="utf-8")
    for target, status in [(path, 1), (good, 0)]:
        script = '"$0" -m hpt_request validate "$1" | head -c 1 >/dev/null; echo "${PIPESTATUS[0]}"'
        result = subprocess.run(
            ["bash", "-c", script, sys.executable, str(target)],
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert result.stdout == f"{status}\n".encode()
        assert result.stderr == b""


# -- 11. one behaviour for each odd input ----------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.json", "empty.yaml", "-"])
@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_an_empty_input_is_unreadable(tmp_path: Path, name: str, content: bytes) -> None:
    """An empty (or blank) file exits 2 with the same message, whatever its kind."""
    if name == "-":
        result = run("validate", "-", stdin=content)
    else:
        (tmp_path / name).write_bytes(content)
        result = run("validate", str(tmp_path / name))
    assert_sane(result)
    assert result.returncode == 2
    assert result.stderr.endswith(b": empty: the text holds no request\n")


@pytest.mark.parametrize("name", ["request.json", "request.yaml", "-"])
def test_a_byte_order_mark_is_ignored(tmp_path: Path, name: str) -> None:
    """A UTF-8 byte order mark is read past in JSON, YAML and stdin alike."""
    content = b"\xef\xbb\xbf" + examples.text("bayesian").encode()
    if name == "-":
        result = run("validate", "-", stdin=content)
    else:
        (tmp_path / name).write_bytes(content)
        result = run("validate", str(tmp_path / name))
    assert (result.returncode, result.stderr) == (0, b"")


@pytest.mark.parametrize("name", ["latin1.json", "latin1.yaml", "-"])
def test_undecodable_bytes_are_unreadable(tmp_path: Path, name: str) -> None:
    """Latin-1 bytes exit 2 from a file and from stdin, naming the byte and its place."""
    content = '{"HyperParameterTuningJobName": "caf\u00e9"}'.encode("latin-1")
    if name == "-":
        result = run("validate", "-", stdin=content)
    else:
        (tmp_path / name).write_bytes(content)
        result = run("validate", str(tmp_path / name))
    assert_sane(result)
    assert result.returncode == 2
    assert b"not UTF-8: byte 0xe9 on line 1, column 37" in result.stderr


def test_utf16_is_named(tmp_path: Path) -> None:
    """A UTF-16 file (as some Windows editors save) is unreadable with a hint to save as UTF-8."""
    path = tmp_path / "utf16.json"
    path.write_bytes(examples.text("bayesian").encode("utf-16"))
    result = run("validate", str(path))
    assert result.returncode == 2
    assert b"UTF-16" in result.stderr


def test_stdin_can_be_named_once() -> None:
    """`validate - -` is a usage error (exit 2) instead of reading standard input twice."""
    result = run("validate", "-", "-", stdin=examples.text("bayesian").encode())
    assert_sane(result)
    assert result.returncode == 2
    assert b"standard input (-) can be read only once" in result.stderr
    assert result.stdout == b""


# -- generated junk through the real command line --------------------------------------------------

HOSTILE_CHARACTERS = st.one_of(
    st.characters(),
    st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b", "\x07", "\x9b", "\u202e", "\n", "\ufeff"]),
)
HOSTILE_TEXT = st.text(HOSTILE_CHARACTERS, max_size=12)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**4000, max_value=10**4100),  # beyond the 4,300-digit text limit
    st.floats(allow_nan=False, allow_infinity=False),
    HOSTILE_TEXT,
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(HOSTILE_TEXT, inner, max_size=4),
    max_leaves=12,
)
EXAMPLE_EXAMPLES = max(10, settings().max_examples // 8)  # 12 with the ci profile


def _json(value: object) -> bytes:
    """JSON text of any value, huge integers written out digit by digit."""
    try:
        return json.dumps(value).encode()
    except ValueError:  # an integer past the text limit: write it with more room
        limit = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            return json.dumps(value).encode()
        finally:
            sys.set_int_max_str_digits(limit)


def _yaml(value: object) -> bytes:
    import yaml

    try:
        return yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "surrogatepass")
    except (yaml.YAMLError, ValueError, TypeError):
        return _json(value)  # JSON is YAML too


def _paths(value: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*here, index))
    return found


@st.composite
def damaged_requests(draw: st.DrawFn) -> object:
    """A bundled example with one value replaced by junk (a name with ESC, a huge integer...)."""
    request: object = examples.load(draw(st.sampled_from(examples.names())))
    path = draw(st.sampled_from(_paths(request)[1:]))
    replacement = draw(VALUES)
    target: Any = request
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = replacement
    return request


def _laughs(depth: int, width: int, leaf: str) -> bytes:
    lines = [f"l0: &l0 {json.dumps(leaf)}"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, depth + 1)]
    return ("\n".join(lines) + f"\nTags: *l{depth}\n").encode()


DOCUMENTS = st.one_of(
    st.binary(max_size=64),
    VALUES.map(_json),
    VALUES.map(_yaml),
    damaged_requests().map(_json),
    damaged_requests().map(_yaml),
    st.integers(1, 5000).map(lambda n: ("[" * n + "]" * n).encode()),
    st.integers(1, 5000).map(lambda n: ('{"a":' * n + "1" + "}" * n).encode()),
    st.integers(1, 3000).map(lambda n: ("- " * n + "x\n").encode()),
    st.integers(4000, 6000).map(lambda n: b'{"Tags": 1' + b"0" * n + b"}"),
    st.builds(_laughs, st.integers(1, 10), st.integers(1, 10), HOSTILE_TEXT),
)
SUFFIXES = st.sampled_from([".json", ".yaml", ".yml", ""])


@settings(max_examples=EXAMPLE_EXAMPLES, deadline=None)
@given(
    files=st.lists(st.tuples(DOCUMENTS, SUFFIXES), min_size=1, max_size=6),
    output=st.sampled_from(["text", "json"]),
)
def test_generated_files_never_break_the_command_line(
    files: list[tuple[bytes, str]], output: str
) -> None:
    """Junk files in one run: exit 0/1/2, no traceback, one report per file, parseable JSON."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (content, suffix) in enumerate(files):
            path = Path(folder, f"input{index}{suffix}")
            path.write_bytes(content)
            paths.append(str(path))
        result = run("validate", "--format", output, *paths)
    assert_sane(result)
    if output == "json":
        document = json.loads(result.stdout)
        assert len(document["files"]) == len(files)
        assert document["summary"]["files"] == len(files)
    else:
        text = result.stdout.decode("utf-8")
        assert text.endswith("\n")
        assert text.splitlines()[-1].startswith(f"{len(files)} file")
        assert not [c for c in text + result.stderr.decode("utf-8") if c < " " and c != "\n"]


@settings(max_examples=EXAMPLE_EXAMPLES, deadline=None)
@given(content=DOCUMENTS, command=st.sampled_from(["validate", "from-describe"]))
def test_generated_stdin_never_breaks_the_command_line(content: bytes, command: str) -> None:
    """Junk on standard input, to validate and to from-describe: exit 0/1/2, no traceback."""
    result = run(command, "-", stdin=content)
    assert_sane(result)
