"""The ``hpt-request`` command line.

- ``hpt-request validate PATH... | -`` checks request files (the JSON or YAML that
  ``aws sagemaker create-hyper-parameter-tuning-job --cli-input-json/--cli-input-yaml`` takes);
- ``hpt-request example [NAME]`` lists or prints the bundled examples;
- ``hpt-request schema [--response]`` prints a JSON Schema;
- ``hpt-request rules`` lists the cross-field rules;
- ``hpt-request from-describe FILE [--name NEW] [--warm-start TYPE]`` turns a saved
  DescribeHyperParameterTuningJob response into a Create request;
- ``hpt-request spec-diff`` compares the pinned spec with the installed botocore;
- ``hpt-request metrics REQUEST --log LOGFILE`` tries the request's metric regexes on training
  log text (exit 1 when the objective metric captures no number; see
  :mod:`hpt_request.rules.metrics`).

Exit status: 0 clean, 1 errors found (warnings too with ``--strict``), 2 unreadable input
(missing, larger than ``--max-bytes``, not UTF-8, empty, not JSON or YAML) or usage error, even
when the reader of the output went away (``| head -1``) or an output stream is closed (``>&-``);
130 after Ctrl-C, with one line on stderr. Color only on a terminal (never with
``NO_COLOR``); control characters in any text are escaped (see :mod:`hpt_request.text.terminal`).
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, TextIO, TypeVar

from hpt_request.check import validate_document
from hpt_request.model.errors import Problem, RequestValidationError
from hpt_request.rules.metrics import METRICS_SECONDS
from hpt_request.rules.settings import RuleSettings, SettingsError, from_options, load
from hpt_request.schema import engines as schema
from hpt_request.text.codes import ONLINE, STRUCTURAL, TUNER, docs_url, evidence_text, version
from hpt_request.text.documents import KINDS, DocumentCheck, unrelated
from hpt_request.text.files import expand_found, nothing_found
from hpt_request.text.formats import (
    FORMATS,
    FileReport,
    Located,
    LocatedSkip,
    Summary,
    file_label,
    github_lines,
    json_document,
    nothing_to_check,
    passed_over_tail,
    passed_over_text,
    problem_text,
    skipped_tail,
    summary_line,
    text_lines,
)
from hpt_request.text.jsontext import (
    EMPTY,
    UnreadableText,
    parse_json,
    parse_yaml_file,
    template_hint,
)
from hpt_request.text.locations import Position, Syntax, document_positions
from hpt_request.text.terminal import guarded, json_text, printable

T = TypeVar("T")

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
EXIT_INTERRUPTED = 130


class UnreadableInput(Exception):
    """A file that is missing, too large, undecodable, empty, or not JSON or YAML; ``position``
    says where in it, when that is known."""

    def __init__(self, message: str, position: Position | None = None) -> None:
        super().__init__(message)
        self.position = position


YAML_SUFFIXES = (".yaml", ".yml")
MAX_BYTES = 10 * 1024 * 1024
"""The default limit on the size of one input (10 MiB; a request is at most a few hundred KiB).
``--max-bytes`` changes it."""
_CHUNK = 1 << 16
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _too_large(limit: int) -> UnreadableInput:
    return UnreadableInput(f"larger than {limit:,} bytes, the limit (--max-bytes)")


def _read_capped(handle: BinaryIO, limit: int) -> bytes:
    """Everything ``handle`` holds, read a chunk at a time, or UnreadableInput past ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := handle.read(min(_CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
    return b"".join(chunks)


def _open_nonblocking(path: str) -> BinaryIO:
    """A file opened for reading without waiting for a writer: a FIFO (``mkfifo``) that nobody
    writes to reads as empty instead of blocking forever, while a pipe with a writer
    (``<(cat tuning.json)``) reads as usual, since only the open is non-blocking."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


class ClosedInput(io.TextIOBase):
    """Standard input when it was closed before the command started (``<&-``): reading it is
    an unreadable input, not a crash."""

    def read(self, size: int | None = -1) -> str:
        raise OSError(errno.EBADF, "standard input is closed")


def read_bytes(path: str, stdin: TextIO, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file, or of standard input for ``-``, at most ``limit`` of them."""
    try:
        if path == "-":
            binary = getattr(stdin, "buffer", None)
            if binary is None:  # a text stream without bytes underneath (in-process callers)
                data = stdin.read(limit + 1).encode("utf-8", "surrogatepass")
                if len(data) > limit:
                    raise _too_large(limit)
                return data
            return _read_capped(binary, limit)
        with _open_nonblocking(path) as handle:
            data = _read_capped(handle, limit)
            if not data and stat.S_ISFIFO(os.fstat(handle.fileno()).st_mode):
                raise UnreadableInput(
                    "empty: a FIFO with nothing written to it (its writer must have it open "
                    "when the check reads it)"
                )
            return data
    except OSError as exc:
        raise UnreadableInput(f"cannot read: {exc.strerror or exc}") from None


def decode(data: bytes) -> str:
    """UTF-8 text (a leading byte order mark dropped); anything else is unreadable."""
    if data.startswith(_UTF16_MARKS):
        raise UnreadableInput(
            "not UTF-8: the file is UTF-16 (it starts with a UTF-16 byte order mark); "
            "save it as UTF-8"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnreadableInput(
            f"not UTF-8: byte 0x{data[exc.start]:02x} on line {line}, column {column} "
            "(save the file as UTF-8)",
            Position(line, column),
        ) from None


def read_text(path: str, stdin: TextIO, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of a file or of standard input (see :func:`read_bytes`, :func:`decode`)."""
    return decode(read_bytes(path, stdin, limit))


class Document(NamedTuple):
    """A file as read: its text, which of JSON or YAML it was read as, its data, and for YAML
    the documents' composed nodes (the places of problems are found in them, so the text is
    parsed once)."""

    text: str
    syntax: Syntax
    data: Any
    nodes: list[Any] | None = None


def read_document(path: str, stdin: TextIO, limit: int = MAX_BYTES) -> Document:
    """A JSON or YAML file (YAML by suffix; standard input may be either), read once."""
    text = read_text(path, stdin, limit)
    try:
        if not text.strip():
            raise UnreadableText(EMPTY)
        yaml = path.lower().endswith(YAML_SUFFIXES) or (
            path == "-" and not text.lstrip().startswith(("{", "["))
        )
        if yaml:
            nodes: list[Any] = []
            return Document(text, "yaml", parse_yaml_file(text, nodes), nodes)
        return Document(text, "json", parse_json(text))
    except UnreadableText as exc:
        known = exc.line is not None and exc.column is not None
        where = Position(exc.line, exc.column) if known else None  # type: ignore[arg-type]
        raise UnreadableInput(str(exc) + template_hint(text, exc.line), where) from None


def read_source(path: str, stdin: TextIO, limit: int = MAX_BYTES) -> Any:
    """The data of a JSON or YAML file (see :func:`read_document`)."""
    return read_document(path, stdin, limit).data


def _label(path: str) -> str:
    return "<stdin>" if path == "-" else path


class _Settings:
    """The rule settings of each checked file: the nearest pyproject.toml's [tool.hpt-request]
    (found by walking up from the file; from the working directory for stdin), with the command
    line's --disable/--warn/--error on top. Each folder's file is read once."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.options = from_options(
            disable=args.disable or (),
            enable=args.enable or (),
            warn=args.warn or (),
            error=args.error or (),
            policy=args.policy or (),
            region=args.region,
            prices=args.prices,
        )
        self.use_config = args.config
        self.by_folder: dict[Path, RuleSettings] = {}

    def for_path(self, path: str) -> RuleSettings:
        if not self.use_config:
            return self.options
        try:
            folder = (Path.cwd() if path == "-" else Path(path).parent).resolve()
        except (OSError, RuntimeError) as exc:  # a deleted working folder, a loop of links
            raise SettingsError(f"{_label(path)}: cannot look for pyproject.toml: {exc}") from None
        if folder not in self.by_folder:
            self.by_folder[folder] = load(folder).merged(self.options)
        return self.by_folder[folder]


def command_validate(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    if [*args.paths, *(args.parents or ())].count("-") > 1:
        print(
            "hpt-request validate: standard input (-) can be read only once: give the request "
            "or one --parents file as -, not both",
            file=err,
        )
        return EXIT_UNREADABLE
    status = EXIT_OK
    reports: list[FileReport] = []
    try:
        settings = _Settings(args)
    except SettingsError as exc:
        print(printable(f"hpt-request: {exc}"), file=err)
        return EXIT_UNREADABLE
    color = _use_color(out)
    online = _online_calls(args, err)
    if online is False:
        return EXIT_UNREADABLE
    try:
        assumed = _assumed(args.assume)
        paths = expand_found(args.paths, include=args.include, exclude=args.exclude)
        parents = _read_parents(args.parents, stdin, args.max_bytes)
    except UnreadableInput as exc:
        print(printable(f"hpt-request validate: {exc}"), file=err)
        return EXIT_UNREADABLE
    passed_over: list[tuple[str, str]] = []  # files found in folders that hold no request
    for path, searched in paths:
        label = _label(path)
        try:
            if path != "-" and os.path.isdir(path):  # a folder only when nothing in it matched
                raise UnreadableInput(nothing_found(args.include, args.exclude))
            text, syntax, data, nodes = read_document(path, stdin, args.max_bytes)
        except UnreadableInput as exc:
            report = FileReport(label, readable=False, message=str(exc), position=exc.position)
            reports.append(report)
            if args.format == "text":
                where = f":{exc.position}" if exc.position else ""
                print(f"{file_label(label)}{where}: {printable(str(exc))}", file=err)
            elif args.format == "github":
                print("\n".join(github_lines(report)), file=out)
            status = EXIT_UNREADABLE
            continue
        what = unrelated(data) if searched and args.kind is None else None
        if what is not None:  # found in a folder, and plainly no tuning document
            passed_over.append((label, what))
            if args.format == "text" and args.verbose:
                print(f"{file_label(label)}: {printable(passed_over_text(what))}", file=out)
            continue
        try:  # after the read: a file that cannot be read needs no settings
            chosen = settings.for_path(path)
        except SettingsError as exc:
            print(printable(f"hpt-request: {exc}"), file=err)
            return EXIT_UNREADABLE
        checked = validate_document(
            data,
            kind=args.kind,
            assume=assumed,
            defaults=args.defaults,
            rules=args.rules,
            strict=args.strict,
            settings=chosen,
            parents=parents,
        )
        problems = checked.problems
        if online is not None:
            problems = _with_online(checked, online, args.strict, chosen)
        report = FileReport(
            label,
            readable=True,
            problems=tuple(
                map(
                    Located,
                    problems,
                    document_positions(text, syntax, problems, checked.embedded, nodes),
                )
            ),
            skipped=_located_skips(text, syntax, checked, nodes),
        )
        if chosen.prices is not None:
            report = _with_dollars(report, data, chosen)
        reports.append(report)
        lines: list[str] = []
        if args.format == "text":
            lines = text_lines(report, color=color, quiet=args.quiet, verbose=args.verbose)
            lines += [f"{file_label(label)}: {printable(line)}" for line in report.dollars]
        elif args.format == "github":
            lines = github_lines(report)
        for line in lines:
            print(line, file=out)
        if any(p.blocking for p in problems) and status == EXIT_OK:
            status = EXIT_PROBLEMS
    if passed_over and not reports:  # a gate that checked nothing must not pass
        print(printable(f"hpt-request validate: {nothing_to_check(len(passed_over))}"), file=err)
        return EXIT_UNREADABLE
    if args.format == "json":
        document = json_document(reports)
        if passed_over:
            document["passed_over"] = [{"file": f, "reason": why} for f, why in passed_over]
        out.write(json_text(document, out) + "\n")
    elif args.format == "sarif":
        from hpt_request.text.sarif import sarif_log

        out.write(json_text(sarif_log(reports), out) + "\n")
    elif args.format == "text":
        print(
            summary_line(Summary.of(reports))
            + skipped_tail(reports, args.verbose)
            + passed_over_tail(len(passed_over), args.verbose),
            file=out,
        )
    return status


def _with_dollars(report: FileReport, data: Any, settings: RuleSettings) -> FileReport:
    """``report`` with the worst case in dollars of the request ``data`` (a bare request that
    reads without errors; a pipeline or a broken request gets none)."""
    import attrs

    from hpt_request.check import from_wire
    from hpt_request.rules import context, costs

    try:
        request = from_wire(data, rules=False)
        found = costs.dollars(context(request, settings=settings))
    except Exception:  # not a request, or one with errors: its problems say why
        return report
    if found is None:
        return attrs.evolve(
            report, dollars=("worst case in dollars not known: no region (give --region)",)
        )
    texts = tuple(text for text, _where in costs.dollar_texts(found))
    return attrs.evolve(report, dollars=texts, dollars_json=costs.dollars_json(found))


def _online_calls(args: argparse.Namespace, err: TextIO) -> Any:
    """For ``--online``, the run's AWS calls (connected first, before any file is read); None
    without it; False, after saying why on ``err``, when there are no credentials, no Region
    or no answer from AWS. Without ``--online`` nothing of the AWS SDK is imported."""
    if not getattr(args, "online", False):
        return None
    from hpt_request.aws.online import OnlineUnavailable, connect

    try:
        return connect()
    except OnlineUnavailable as exc:
        print(printable(f"hpt-request validate --online: {exc}"), file=err)
        return False


def _with_online(
    checked: DocumentCheck, calls: Any, strict: bool, settings: RuleSettings
) -> list[Problem]:
    """The document's offline problems and its requests' online ones, sorted by path."""
    from hpt_request.aws.online import document_problems

    calls.settings = settings
    from hpt_request.model.errors import ordered

    return ordered([*checked.problems, *document_problems(checked, calls, strict=strict)])


def _assumed(given: Sequence[str] | None) -> dict[str, str] | None:
    """The ``--assume NAME=VALUE`` options as a mapping (the values as text: the check converts
    them to each parameter's type)."""
    if not given:
        return None
    values: dict[str, str] = {}
    for option in given:
        name, equals, value = option.partition("=")
        if not equals or not name:
            raise UnreadableInput(f"--assume {option}: expected NAME=VALUE")
        values[name] = value
    return values


def _located_skips(
    text: str, syntax: Syntax, checked: DocumentCheck, nodes: list[Any] | None
) -> tuple[LocatedSkip, ...]:
    """Each skipped check with the place, in the file, of the member it is about."""
    if not checked.skipped:
        return ()
    spots = [
        Problem(path=skip.path, code="skipped", message="", location=skip.location)
        for skip in checked.skipped
    ]
    places = document_positions(text, syntax, spots, checked.embedded, nodes)
    return tuple(map(LocatedSkip, checked.skipped, places))


def _read_parents(paths: Sequence[str] | None, stdin: TextIO, limit: int) -> dict[str, Any] | None:
    """The saved DescribeHyperParameterTuningJob responses given with ``--parents``, by the
    label of their file (which names a parent in the problems found in it)."""
    if not paths:
        return None
    parents = {}
    for path in paths:
        parents[_label(path)] = _labelled(read_source, path, stdin, limit, "--parents ")
    return parents


def _labelled(
    read: Callable[[str, TextIO, int], T], path: str, stdin: TextIO, limit: int, prefix: str = ""
) -> T:
    """``read(path, stdin, limit)``; an unreadable source's message starts with its label (and
    ``prefix``, the option that named it)."""
    try:
        return read(path, stdin, limit)
    except UnreadableInput as exc:
        where = f":{exc.position}" if exc.position else ""
        raise UnreadableInput(f"{prefix}{file_label(_label(path))}{where}: {exc}") from None


def _use_color(stream: TextIO) -> bool:
    """Color only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


def _print_problems(path: str, error: RequestValidationError, err: TextIO) -> None:
    """Each problem of a request that could not be read, as FILE: PATH: CODE: message."""
    for problem in error.problems:
        print(f"{file_label(_label(path))}: {problem_text(problem)}", file=err)


def command_from_describe(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from hpt_request.aws.describe import from_describe, warm_start_from
    from hpt_request.check import to_wire

    try:
        data = _labelled(read_source, args.path, stdin, args.max_bytes)
    except UnreadableInput as exc:
        print(printable(str(exc)), file=err)
        return EXIT_UNREADABLE
    try:
        if args.warm_start:
            if not args.name:
                print("--warm-start needs --name: the child job needs a name of its own", file=err)
                return EXIT_UNREADABLE
            request = warm_start_from(data, name=args.name, warm_start_type=args.warm_start)
        else:
            request = from_describe(data, name=args.name)
    except RequestValidationError as error:
        _print_problems(args.path, error, err)
        return EXIT_PROBLEMS
    if args.name is None:
        print(printable(_name_kept(request.hyper_parameter_tuning_job_name)), file=err)
    out.write(json_text(to_wire(request), out) + "\n")
    return EXIT_OK


def _name_kept(name: str) -> str:
    """The note for a request that keeps the described job's name: a tuning job's name must be
    unique within the account and Region (botocore model
    CreateHyperParameterTuningJobRequest.HyperParameterTuningJobName)."""
    return (
        f'hpt-request from-describe: the request keeps the described job\'s name "{name}"; '
        "a new job needs a name of its own in the account and Region: give --name NEW"
    )


def command_metrics(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    """Try the metric regexes of a request on a log: 0 the objective metric is found in every
    definition, 1 it is not, 2 unreadable input or a regex that cannot be judged offline."""
    from hpt_request.check import from_wire
    from hpt_request.rules.metrics import check_metrics, render

    if args.path == "-" and args.log == "-":
        print("the request and the log cannot both be standard input", file=err)
        return EXIT_UNREADABLE
    try:
        data = _labelled(read_source, args.path, stdin, args.max_bytes)
        log = _labelled(read_text, args.log, stdin, args.max_bytes)
    except UnreadableInput as exc:
        print(printable(str(exc)), file=err)
        return EXIT_UNREADABLE
    try:
        request = from_wire(data, rules=False)
    except RequestValidationError as error:
        _print_problems(args.path, error, err)
        return EXIT_UNREADABLE
    report = check_metrics(request, log, timeout=args.timeout)
    for line in render(report).splitlines():
        print(printable(line), file=out)
    if not report.ok:
        return EXIT_PROBLEMS
    if any(definition.ok is None for definition in report.definitions):
        return EXIT_UNREADABLE
    return EXIT_OK


def command_spec_diff(_args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    from hpt_request import model
    from hpt_request.aws import specdiff

    try:
        version, installed = specdiff.installed_shapes()
    except ImportError:
        print("spec-diff needs botocore: pip install botocore", file=err)
        return EXIT_UNREADABLE
    older = specdiff.is_older(version)
    found = specdiff.differences(specdiff.pinned_shapes(), installed, older=older)
    pinned = f"the pinned spec (botocore {model.BOTOCORE_VERSION})"
    if not found:
        print(f"botocore {version}: no differences from {pinned}", file=out)
        return EXIT_OK
    age = "an older botocore, " if older else ""
    print(
        f"botocore {version} ({age}installed) differs from {pinned} in {len(found)} places:",
        file=out,
    )
    for difference in found:
        print(f"  {difference}", file=out)
    return EXIT_PROBLEMS


def command_algorithms(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    from hpt_request.rules import algorithms
    from hpt_request.text import algorithms_table as algorithms_text

    table = algorithms.algorithms()
    if args.name is None:
        if args.format == "json":
            out.write(json_text([algorithms_text.as_json(a) for a in table.values()], out) + "\n")
        else:
            out.write(algorithms_text.listing())
        return EXIT_OK
    found = table.get(args.name.lower()) or next(
        (a for a in table.values() if args.name in a.repositories), None
    )
    if found is None:
        close = algorithms.suggest(args.name, table)
        hint = f" (did you mean {close!r}?)" if close else ""
        print(
            printable(f"no built-in algorithm {args.name!r}{hint}; see hpt-request algorithms"),
            file=err,
        )
        return EXIT_UNREADABLE
    if args.format == "json":
        out.write(json_text(algorithms_text.as_json(found), out) + "\n")
    else:
        out.write(algorithms_text.entry(found))
    return EXIT_OK


def command_rules(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    from hpt_request.rules import RULES, rule_example

    chosen = list(RULES)
    if args.id is not None:
        from hpt_request.rules import ALIASES

        wanted = ALIASES.get(args.id, args.id)
        chosen = [rule for rule in RULES if rule.id == wanted]
        if not chosen and args.id in STRUCTURAL:
            severity, meaning = STRUCTURAL[args.id]
            print(f"{args.id} ({severity}, structural check): {meaning}", file=out)
            print(f"Documentation: {docs_url(args.id)}", file=out)
            return EXIT_OK
        if not chosen and (args.id in ONLINE or args.id in TUNER):
            severity, meaning, evidence = {**ONLINE, **TUNER}[args.id]
            kind = "online check" if args.id in ONLINE else "check_tuner() check"
            print(f"{args.id} ({severity}, {kind}): {meaning}", file=out)
            print(f"Evidence: {evidence_text(evidence)}", file=out)
            print(f"Documentation: {docs_url(args.id)}", file=out)
            return EXIT_OK
        if not chosen:
            print(
                printable(f"no rule or code {args.id!r}; `hpt-request rules` lists the rules"),
                file=err,
            )
            return EXIT_UNREADABLE
    if args.format == "json":
        listed = [
            {
                "id": rule.id,
                "severity": rule.severity,
                "topic": rule.topic,
                "description": rule.description,
                "rationale": rule.rationale,
                "evidence": evidence_text(rule.source),
                "docs": docs_url(rule.id),
                "example": rule_example(rule.id),
            }
            for rule in chosen
        ]
        out.write(json_text(listed[0] if args.id else listed, out) + "\n")
        return EXIT_OK
    if args.id is not None:
        (rule,) = chosen
        print(f"{rule.id} ({rule.severity}): {rule.description}", file=out)
        if rule.rationale:
            print(f"Why this severity: {rule.rationale}", file=out)
        print(f"Evidence: {evidence_text(rule.source)}", file=out)
        example = rule_example(rule.id)
        if example is not None:
            print(f"A request it flags: {example}", file=out)
        print(f"Documentation: {docs_url(rule.id)}", file=out)
        return EXIT_OK
    width = max(len(rule.id) for rule in RULES)
    for rule in RULES:
        print(f"{rule.id:{width}}  {rule.severity:7}  {rule.description}", file=out)
    return EXIT_OK


def command_example(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    from hpt_request.model import examples

    if args.name is None:
        for name in examples.names():
            print(name, file=out)
        return EXIT_OK
    try:
        out.write(examples.text(args.name))
    except KeyError:
        known = ", ".join(examples.names())
        print(f"no example named {args.name!r}; the examples are: {known}", file=err)
        return EXIT_UNREADABLE
    return EXIT_OK


def command_schema(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    text = schema.schema_text(schema.RESPONSE_SCHEMA if args.response else schema.REQUEST_SCHEMA)
    if args.output is None:
        out.write(text)
        return EXIT_OK
    try:
        target = Path(args.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(
            printable(f"hpt-request schema: cannot write {args.output}: {exc.strerror or exc}"),
            file=err,
        )
        return EXIT_UNREADABLE
    return EXIT_OK


def _byte_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, not {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {text!r}")
    return value


def _add_max_bytes(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--max-bytes",
        type=_byte_count,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse an input larger than N bytes (default {MAX_BYTES:,}: 10 MiB)",
    )


def version_text() -> str:
    """``hpt-request --version``: the library, and the spec it was generated from."""
    from hpt_request import model

    return (
        f"hpt-request {version()} (botocore {model.BOTOCORE_VERSION}, SageMaker API "
        f"{model.API_VERSION}, spec sha256 {model.SPEC_SHA256})"
    )


class _Version(argparse.Action):
    """``--version``, its text made only when the option is given: reading the installed version
    imports ``importlib.metadata``, which every other command can do without."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_ignored: Any) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show program's version number and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        sys.stdout.write(version_text() + "\n")  # where argparse's own version action writes
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hpt-request",
        description="Check SageMaker CreateHyperParameterTuningJob requests offline.",
        epilog="Exit status: 0 clean, 1 problems found, 2 unreadable input or usage error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "validate",
        help="check request files",
        description="Check request files (the JSON taken by --cli-input-json) and print "
        "every problem as FILE:LINE:COL: PATH: CODE: message, then a summary line. Exit status: 0 "
        "clean (warnings allowed), 1 errors found (or warnings, with --strict), 2 unreadable "
        "input.",
        epilog="examples:\n  hpt-request validate tuning.json other.yaml\n"
        "  hpt-request example bayesian | hpt-request validate -\n"
        "  hpt-request validate --strict --format json configs/*.json\n"
        "  hpt-request validate --warn range-min-lt-max --disable tag-aws-prefix tuning.json\n"
        "  hpt-request validate tuning/ --exclude 'drafts/*' --quiet\n"
        "  hpt-request validate child.json --parents parent-a.json parent-b.json\n"
        "  hpt-request validate pipeline.json --defaults --assume MaxJobs=50 --verbose\n\n"
        "Rule settings are read from [tool.hpt-request] in the nearest pyproject.toml\n"
        "(disable, warn, error, [tool.hpt-request.quotas]); options override them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a JSON or YAML file, a folder (searched for *.json, *.yaml, *.yml), or - for stdin",
    )
    check.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="in folders, check only files matching GLOB (repeatable; default *.json, *.yaml, "
        "*.yml)",
    )
    check.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="in folders, skip files and folders matching GLOB (repeatable)",
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="problems and the summary only, no OK lines"
    )
    check.add_argument(
        "--parents",
        nargs="+",
        action="extend",
        metavar="FILE",
        help="saved DescribeHyperParameterTuningJob responses of the parent jobs: check a warm "
        "start against them",
    )
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument(
        "--online",
        action="store_true",
        help="then ask AWS, read-only, what only the account can say: the name is free, the "
        "data, role, image, algorithm, parents, KMS keys and VPC exist, the quotas cover the "
        "job (standard credentials and Region; see the online page of the docs)",
    )
    check.add_argument(
        "--kind",
        choices=KINDS,
        help="what the files are: a bare request, a SageMaker Pipelines definition (or a "
        "DescribePipeline response) whose Tuning steps are checked, a Step Functions state "
        "machine whose tuning tasks are checked, a CloudFormation or SAM template whose "
        "state machines and pipelines are checked, ACK HyperParameterTuningJob manifests, or "
        "a Serverless Framework service file whose state machines and resources are checked "
        "(default: told from the content)",
    )
    check.add_argument(
        "--assume",
        action="append",
        metavar="NAME=VALUE",
        help="what-if: check a pipeline or template with parameter NAME set to VALUE (repeatable)",
    )
    check.add_argument(
        "--defaults",
        action="store_true",
        help="what-if: check a pipeline with each parameter at its DefaultValue (after --assume)",
    )
    check.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also list each check skipped because its value is a placeholder known at run time",
    )
    for option, what in (
        ("--disable", "do not run rule ID"),
        ("--enable", "run the opt-in rule ID"),
        ("--warn", "report rule ID as a warning"),
        ("--error", "report rule ID as an error"),
    ):
        check.add_argument(
            option, action="append", metavar="ID", help=f"{what} (repeatable; overrides pyproject)"
        )
    check.add_argument(
        "--policy",
        action="append",
        metavar="KEY=VALUE",
        help="a team policy, as in [tool.hpt-request.policy] (repeatable; overrides pyproject): "
        "max-instance-count=4, allowed-instance-types=ml.g5.*,ml.m5.xlarge, require-spot=true",
    )
    check.add_argument(
        "--region",
        metavar="REGION",
        help="the region the request is for (policy allowed-regions, prices); default: "
        "AWS_REGION, else the training image's ECR host",
    )
    check.add_argument(
        "--prices",
        metavar="FILE",
        help="a price table (CSV region,instance_type,usd_per_hour) for the worst case in dollars",
    )
    check.add_argument(
        "--config",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="read [tool.hpt-request] from the nearest pyproject.toml (default) or not",
    )
    check.add_argument(
        "--rules",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run the cross-field rules (default) or only the structural check",
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: FILE:LINE:COL: PATH: CODE: message lines (default); json: one document; "
        "github: GitHub Actions annotations; sarif: SARIF 2.1.0 for code scanning",
    )
    _add_max_bytes(check)
    check.set_defaults(run=command_validate)
    builtin = commands.add_parser(
        "algorithms",
        help="list SageMaker's built-in algorithms, or show one",
        description="Without NAME, list the built-in algorithms the checks know (from the "
        "Developer Guide's per-algorithm pages); with NAME (a key or an image repository), "
        "show its tuning metrics and hyperparameters.",
        epilog="examples:\n  hpt-request algorithms\n  hpt-request algorithms xgboost",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    builtin.add_argument("name", nargs="?", metavar="NAME")
    builtin.add_argument("--format", choices=["text", "json"], default="text")
    builtin.set_defaults(run=command_algorithms)
    listed = commands.add_parser(
        "rules",
        help="list the cross-field rules, or explain one",
        description="List the cross-field rules: id, severity (error blocks, warning does not "
        "unless --strict) and what each checks. With ID, explain one rule (or structural "
        "code): its severity, the evidence for it and where it is documented.",
        epilog="examples:\n  hpt-request rules | grep hyperband\n"
        "  hpt-request rules hyperband-early-stopping-off\n"
        "  hpt-request rules --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    listed.add_argument("id", nargs="?", metavar="ID", help="a rule id or a structural code")
    listed.add_argument(
        "--format", choices=["text", "json"], default="text", help="text (default) or JSON"
    )
    listed.set_defaults(run=command_rules)
    example = commands.add_parser(
        "example",
        help="list or print the bundled example requests",
        description="Without NAME, list the bundled examples; with NAME, print one.",
        epilog="examples:\n  hpt-request example\n  hpt-request example hyperband > tuning.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    example.add_argument("name", nargs="?", metavar="NAME")
    example.set_defaults(run=command_example)
    printed = commands.add_parser(
        "schema",
        help="print the request (or response) JSON Schema",
        description="Print the JSON Schema (draft-07) of the request, or of the response.",
        epilog="examples:\n  hpt-request schema --output schemas/tuning-request.schema.json\n"
        "  hpt-request schema --response",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    printed.add_argument("--response", action="store_true", help="the response schema")
    printed.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the schema to FILE (folders created) instead of standard output",
    )
    printed.set_defaults(run=command_schema)
    describe = commands.add_parser(
        "from-describe",
        help="turn a saved DescribeHyperParameterTuningJob response into a Create request",
        description="Read a DescribeHyperParameterTuningJob response (JSON or YAML, as "
        "`aws sagemaker describe-hyper-parameter-tuning-job` prints it) and print the "
        "CreateHyperParameterTuningJob request that makes the same job: response-only fields "
        "dropped, every request field kept. Describe responses carry no tags.",
        epilog="examples:\n"
        "  aws sagemaker describe-hyper-parameter-tuning-job \\\n"
        "    --hyper-parameter-tuning-job-name old \\\n"
        "    | hpt-request from-describe - --name new-job > new-job.json\n"
        "  hpt-request from-describe old.json --name child --warm-start TransferLearning",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    describe.add_argument("path", metavar="FILE", help="the Describe response, or - for stdin")
    describe.add_argument(
        "--name",
        help="the new job's name (default: the described job's, which a line on stderr notes)",
    )
    describe.add_argument(
        "--warm-start",
        choices=["IdenticalDataAndAlgorithm", "TransferLearning"],
        help="make a child job that warm-starts from the described one (needs --name)",
    )
    _add_max_bytes(describe)
    describe.set_defaults(run=command_from_describe)
    drift = commands.add_parser(
        "spec-diff",
        help="compare the pinned spec with the installed botocore's SageMaker model",
        description="List the shapes, members and constraints that the installed botocore's "
        "SageMaker model adds, removes or changes compared with the spec this release was "
        "generated from. Exit status: 0 identical, 1 differences, 2 botocore missing.",
        epilog="example:\n  pip install -U botocore && hpt-request spec-diff",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    drift.set_defaults(run=command_spec_diff)
    prices = commands.add_parser(
        "prices",
        help="make a price table for the worst case in dollars",
        description="prices import OFFER.json: convert the AWS Price List offer file for "
        "AmazonSageMaker (one region's JSON) into the price table --prices reads (CSV "
        "region,instance_type,usd_per_hour: the On-Demand training instances). Exit status: 0 "
        "written, 2 unreadable or not an offer file.",
        epilog="example:\n  hpt-request prices import index.json -o prices.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    prices.add_argument("action", choices=["import"], help="import: convert an offer file")
    prices.add_argument("offer", metavar="OFFER.json", help="the offer file, or - for stdin")
    prices.add_argument("-o", "--output", metavar="FILE", help="where to write (default stdout)")
    prices.set_defaults(run=command_prices)
    metrics = commands.add_parser(
        "metrics",
        help="try the request's metric regexes on a training log",
        description="Apply each training job definition's MetricDefinitions regexes (Java "
        "syntax, first capture group, the value must be a number) to every line of a training "
        "log, and print what each metric captured and whether the objective metric was found. "
        "A built-in algorithm emits its metrics itself: then the objective metric must be one "
        "it lists. Exit status: 0 found, 1 the objective metric captures no number, 2 "
        "unreadable input or a regex that cannot be judged offline.",
        epilog="example:\n  hpt-request metrics tuning.json --log train.log",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    metrics.add_argument("path", metavar="REQUEST", help="the request file, or - for stdin")
    metrics.add_argument(
        "--log", required=True, metavar="LOGFILE", help="training log text, or - for stdin"
    )
    metrics.add_argument(
        "--timeout",
        type=_seconds,
        default=METRICS_SECONDS,
        metavar="SECONDS",
        help="the time all the regexes may take to match, shared out among them; a regex "
        f"still matching when its share runs out cannot be judged (default {METRICS_SECONDS:g})",
    )
    _add_max_bytes(metrics)
    metrics.set_defaults(run=command_metrics)
    return parser


def command_prices(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from hpt_request.text.price_offers import OfferFileError, convert

    try:
        text = stdin.read() if args.offer == "-" else Path(args.offer).read_text(encoding="utf-8")
        table, rows = convert(text)
    except (OSError, UnicodeDecodeError, OfferFileError) as exc:
        print(printable(f"hpt-request prices: {_label(args.offer)}: {exc}"), file=err)
        return EXIT_UNREADABLE
    if args.output is None:
        out.write(table)
        return EXIT_OK
    try:
        Path(args.output).write_text(table, encoding="utf-8")
    except OSError as exc:
        print(printable(f"hpt-request prices: {args.output}: {exc}"), file=err)
        return EXIT_UNREADABLE
    print(f"{args.output}: {rows} prices", file=err)
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    # Unencodable text is escaped and a closed pipe (`| head -1`) or stream (`>&-`) ignored:
    # the exit status is always the command's own. Ctrl-C is one line and status 130, as a
    # shell reports a command that SIGINT ended (128 + 2).
    out = guarded(out or sys.stdout)
    err = guarded(err or sys.stderr)
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
            return int(exc.code) if isinstance(exc.code, int) else EXIT_UNREADABLE
        status: int = args.run(args, out, err, stdin or sys.stdin or ClosedInput())
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
        print("hpt-request: interrupted", file=err)
    out.flush()
    err.flush()
    return status
