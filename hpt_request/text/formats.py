"""What ``hpt-request validate`` prints: one report per file, written in the chosen format.

- ``text`` (default): ``FILE:LINE:COL: PATH: CODE: message`` per problem, the form compilers
  and linters use (editors and terminals make ``FILE:LINE:COL`` a link), ``FILE: OK`` for a
  clean file, then a summary line;
- ``json``: one document, each problem with its path, code, both severities, message, line,
  column and the address of its explanation, and a summary that counts unreadable files;
- ``github``: GitHub Actions workflow commands (``::error file=F,line=L,col=C,title=CODE::...``)
  that become annotations on the pull request's changed lines;
- ``sarif``: SARIF 2.1.0, see :mod:`hpt_request.text.sarif`.

All text passes through :func:`~hpt_request.text.terminal.printable` where it reaches a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from hpt_request.model.errors import Problem
from hpt_request.text.codes import docs_url
from hpt_request.text.documents import Skipped
from hpt_request.text.embedded import UNREAD_DEFINITION
from hpt_request.text.locations import Position
from hpt_request.text.terminal import printable

FORMATS = ("text", "json", "github", "sarif")
ANSI = {"error": "\033[31m", "warning": "\033[33m", "reset": "\033[0m"}


@attrs.frozen
class Located:
    """A problem and where it is in its file (None when the place is unknown)."""

    problem: Problem
    position: Position | None = None


@attrs.frozen
class LocatedSkip:
    """A check skipped for a placeholder, and where its member is in the file."""

    skipped: Skipped
    position: Position | None = None


@attrs.frozen
class FileReport:
    """The outcome for one file: its problems (and the checks skipped for placeholders), or why
    it could not be read (and where, when that is known: ``position``)."""

    file: str
    readable: bool
    problems: tuple[Located, ...] = ()
    message: str = ""
    skipped: tuple[LocatedSkip, ...] = ()
    position: Position | None = None
    # The worst case in dollars (with a price table): the summary's lines and the JSON form.
    dollars: tuple[str, ...] = ()
    dollars_json: Mapping[str, Any] | None = None


@attrs.frozen
class Summary:
    """The counts of the summary line."""

    files: int
    errors: int
    warnings: int
    unreadable: int

    @classmethod
    def of(cls, reports: Sequence[FileReport]) -> Summary:
        problems = [located.problem for report in reports for located in report.problems]
        return cls(
            files=len(reports),
            errors=sum(p.effective_severity == "error" for p in problems),
            warnings=sum(p.effective_severity == "warning" for p in problems),
            unreadable=sum(not report.readable for report in reports),
        )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# -- text ---------------------------------------------------------------------------------------


def problem_text(problem: Problem, *, color: bool = False) -> str:
    """``PATH: CODE: message``, every part escaped for the terminal; a warning's message starts
    with ``warning:``, and a severity the settings changed says so."""
    level = problem.effective_severity
    tag = "" if level == "error" else f"{level}: "
    if problem.severity != level:
        tag = f"{tag}({problem.severity} made {level}) "
    code = printable(problem.code)
    if color:
        code = f"{ANSI[level]}{code}{ANSI['reset']}"
    path = printable(problem.path or "<request>")
    return f"{path}: {code}: {tag}{printable(problem.message)}"


def file_label(name: str) -> str:
    """A file's name as the text output starts a line with it: escaped for the terminal, and
    ``./`` in front of a name that starts with ``::`` (after blanks), which GitHub Actions would
    read as a workflow command (``::warning title=forged::x.json: OK``) rather than print; the
    ``./`` name opens the same file."""
    label = printable(name)
    return f"./{label}" if label.lstrip().startswith("::") else label


def text_lines(
    report: FileReport, *, color: bool = False, quiet: bool = False, verbose: bool = False
) -> list[str]:
    """The lines of one readable file's report (``FILE: OK`` unless ``quiet``), the problems in
    the order of their lines (a problem whose place is unknown last); with ``verbose``, a line
    for each check skipped for a placeholder too."""
    label = file_label(report.file)
    lines = []
    for located in sorted(report.problems, key=_line_order):
        where = f"{label}:{located.position}" if located.position else label
        lines.append(f"{where}: {problem_text(located.problem, color=color)}")
    if verbose:
        for skip in report.skipped:
            where = f"{label}:{skip.position}" if skip.position else label
            lines.append(f"{where}: {printable(skip_text(skip.skipped))}")
    if not report.problems:
        return lines if quiet else [f"{label}: OK", *lines]
    return lines


def _line_order(located: Located) -> tuple[int, int]:
    """Where a problem is, for sorting (a stable sort keeps the check's order on one spot)."""
    if located.position is None:
        return (1 << 62, 0)
    return (located.position.line, located.position.column)


def skip_text(skip: Skipped) -> str:
    """``PATH: skipped CHECK: needs PLACEHOLDER, known at run time``; for a definition the
    document keeps elsewhere, ``PATH: skipped definition: it is in MEMBER, outside this file``;
    for one it writes in a form not read, ``PATH: skipped definition: written with FUNCTION,
    which is not read``."""
    if skip.check == UNREAD_DEFINITION:
        return (
            f"{skip.path or '<request>'}: skipped definition: written with {skip.placeholder}, "
            "which is not read (a text, Fn::Sub or Fn::Join is)"
        )
    if skip.check == "definition":
        return (
            f"{skip.path or '<request>'}: skipped definition: it is in {skip.placeholder}, "
            "outside this file"
        )
    return (
        f"{skip.path or '<request>'}: skipped {skip.check}: needs {skip.placeholder}, "
        "known at run time"
    )


def skipped_tail(reports: Sequence[FileReport], verbose: bool) -> str:
    """The summary line's note of the checks skipped for placeholders (empty if none)."""
    count = sum(len(report.skipped) for report in reports)
    if not count:
        return ""
    hint = "" if verbose else " (--verbose lists them)"
    return f"; {_plural(count, 'check')} skipped for placeholders{hint}"


def passed_over_text(what: str) -> str:
    """Why a file found in a folder is not checked (:func:`~.documents.unrelated`)."""
    return f"passed over: not a document that holds a tuning request ({what})"


def passed_over_tail(count: int, verbose: bool) -> str:
    """The summary line's note of the files found in folders and passed over."""
    if not count:
        return ""
    hint = "" if verbose else " (--verbose lists them)"
    files = _plural(count, "file")
    return f"; {files} in folders passed over: they hold no tuning request{hint}"


def nothing_to_check(count: int) -> str:
    """What to say when every file found in folders was passed over."""
    verb = "holds" if count == 1 else "hold"
    return (
        f"no file to check: the {_plural(count, 'file')} found in the folders {verb} no tuning "
        "request, pipeline, state machine, template, manifest or service file (give a file by "
        "name to check it as a request, or --kind)"
    )


def summary_line(summary: Summary) -> str:
    tail = f", {summary.unreadable} unreadable" if summary.unreadable else ""
    return (
        f"{_plural(summary.files, 'file')} checked: {_plural(summary.errors, 'error')}, "
        f"{_plural(summary.warnings, 'warning')}{tail}"
    )


# -- json ---------------------------------------------------------------------------------------


def problem_json(located: Located) -> dict[str, Any]:
    problem = located.problem
    return {
        "path": problem.path,
        "code": problem.code,
        "severity": problem.severity,
        "effective_severity": problem.effective_severity,
        "message": problem.message,
        "line": located.position.line if located.position else None,
        "column": located.position.column if located.position else None,
        "docs": docs_url(problem.code),
    }


def skip_json(located: LocatedSkip) -> dict[str, Any]:
    skip = located.skipped
    return {
        "path": skip.path,
        "check": skip.check,
        "placeholder": skip.placeholder,
        "line": located.position.line if located.position else None,
        "column": located.position.column if located.position else None,
    }


def json_document(reports: Sequence[FileReport]) -> dict[str, Any]:
    """The ``--format json`` document."""
    files: list[dict[str, Any]] = []
    for report in reports:
        entry: dict[str, Any] = {"file": report.file, "readable": report.readable}
        if report.readable:
            entry["problems"] = [problem_json(located) for located in report.problems]
            if report.skipped:
                entry["skipped"] = [skip_json(skip) for skip in report.skipped]
            if report.dollars_json is not None:
                entry["worst_case_usd"] = dict(report.dollars_json)
        else:
            entry["message"] = report.message
            entry["line"] = report.position.line if report.position else None
            entry["column"] = report.position.column if report.position else None
            entry["problems"] = []
        files.append(entry)
    return {"files": files, "summary": attrs.asdict(Summary.of(reports))}


# -- github -------------------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    """Text for a workflow command: GitHub's own escapes (``%0A`` for a newline, which the
    annotation reads back), then the terminal escapes for what is left."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(report: FileReport) -> list[str]:
    """GitHub Actions workflow commands, one per problem (and one for an unreadable file)."""
    file = _escape_property(report.file)
    if not report.readable:
        where = f"file={file}"
        if report.position:
            where += f",line={report.position.line},col={report.position.column}"
        return [f"::error {where},title=unreadable::{_escape_data(report.message)}"]
    lines = []
    for located in report.problems:
        problem = located.problem
        where = f"file={file}"
        if located.position:
            where += f",line={located.position.line},col={located.position.column}"
        title = _escape_property(problem.code)
        message = _escape_data(f"{problem.path or '<request>'}: {problem.message}")
        lines.append(f"::{problem.effective_severity} {where},title={title}::{message}")
    return lines
