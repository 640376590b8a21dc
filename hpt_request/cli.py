"""The ``hpt-request`` command line.

``hpt-request validate PATH... | -`` checks request files (the JSON that
``aws sagemaker create-hyper-parameter-tuning-job --cli-input-json`` takes); ``hpt-request
example [NAME]`` lists or prints the bundled examples; ``hpt-request schema [--response]``
prints a JSON Schema; ``hpt-request rules`` lists the cross-field rules. Exit status: 0 clean,
1 errors found (warnings too with ``--strict``), 2 unreadable input or usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from hpt_request import examples, schema
from hpt_request.errors import Problem
from hpt_request.wire import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


class UnreadableInput(Exception):
    """A file that is missing, undecodable or not JSON."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {json.dumps(key)} in one object")
        result[key] = value
    return result


def parse_json(text: str) -> Any:
    """Strict JSON: no NaN/Infinity, no duplicate keys (json.loads would keep the last one)."""
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)


def read_source(path: str, stdin: TextIO) -> Any:
    try:
        if path == "-":
            text = stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UnreadableInput(f"cannot read: {reason}") from None
    try:
        return parse_json(text)
    except (ValueError, RecursionError) as exc:
        raise UnreadableInput(f"not valid JSON: {exc}") from None


def _label(path: str) -> str:
    return "<stdin>" if path == "-" else path


def command_validate(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    status = EXIT_OK
    reports: list[dict[str, Any]] = []
    errors = warnings = 0
    for path in args.paths:
        label = _label(path)
        try:
            data = read_source(path, stdin)
        except UnreadableInput as exc:
            reports.append({"file": label, "readable": False, "message": str(exc), "problems": []})
            if args.format == "text":
                print(f"{label}: {exc}", file=err)
            status = EXIT_UNREADABLE
            continue
        problems = validate(data, rules=args.rules, strict=args.strict)
        errors += sum(p.severity == "error" for p in problems)
        warnings += sum(p.severity == "warning" for p in problems)
        reports.append(
            {"file": label, "readable": True, "problems": [_as_json(p) for p in problems]}
        )
        if args.format == "text":
            for problem in problems:
                print(f"{label}: {_line(problem)}", file=out)
            if not problems:
                print(f"{label}: OK", file=out)
        if any(p.severity == "error" for p in problems) and status == EXIT_OK:
            status = EXIT_PROBLEMS
    summary = {"files": len(reports), "errors": errors, "warnings": warnings}
    if args.format == "json":
        json.dump({"files": reports, "summary": summary}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        unreadable = sum(not report["readable"] for report in reports)
        tail = f", {unreadable} unreadable" if unreadable else ""
        print(
            f"{len(reports)} file{'s' if len(reports) != 1 else ''} checked: "
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}{tail}",
            file=out,
        )
    return status


def _as_json(problem: Problem) -> dict[str, str]:
    return {
        "path": problem.path,
        "code": problem.code,
        "severity": problem.severity,
        "message": problem.message,
    }


def _line(problem: Problem) -> str:
    tag = "" if problem.severity == "error" else f"{problem.severity}: "
    return f"{problem.path or '<request>'}: {problem.code}: {tag}{problem.message}"


def command_rules(_args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    from hpt_request.rules import RULES

    width = max(len(rule.id) for rule in RULES)
    for rule in RULES:
        print(f"{rule.id:{width}}  {rule.severity:7}  {rule.description}", file=out)
    return EXIT_OK


def command_example(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
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


def command_schema(args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    out.write(
        schema.schema_text(schema.RESPONSE_SCHEMA if args.response else schema.REQUEST_SCHEMA)
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hpt-request",
        description="Check SageMaker CreateHyperParameterTuningJob requests offline.",
        epilog="Exit status: 0 clean, 1 problems found, 2 unreadable input or usage error.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "validate",
        help="check request files",
        description="Check request files (the JSON taken by --cli-input-json) and print "
        "every problem as FILE: PATH: CODE: message, then a summary line. Exit status: 0 "
        "clean (warnings allowed), 1 errors found (or warnings, with --strict), 2 unreadable "
        "input.",
        epilog="examples:\n  hpt-request validate tuning.json\n"
        "  hpt-request example bayesian | hpt-request validate -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="a JSON file, or - for stdin")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument(
        "--rules",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run the cross-field rules (default) or only the structural check",
    )
    check.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text lines (default) or one JSON document for CI annotations",
    )
    check.set_defaults(run=command_validate)
    listed = commands.add_parser("rules", help="list the cross-field rules")
    listed.set_defaults(run=command_rules)
    example = commands.add_parser(
        "example",
        help="list or print the bundled example requests",
        description="Without NAME, list the bundled examples; with NAME, print one.",
    )
    example.add_argument("name", nargs="?", metavar="NAME")
    example.set_defaults(run=command_example)
    printed = commands.add_parser("schema", help="print the request (or response) JSON Schema")
    printed.add_argument("--response", action="store_true", help="the response schema")
    printed.set_defaults(run=command_schema)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code) if isinstance(exc.code, int) else EXIT_UNREADABLE
    try:
        status: int = args.run(args, out, err, stdin or sys.stdin)
    except BrokenPipeError:  # the reader went away (hpt-request example x | head)
        return EXIT_OK
    return status
