"""The ``hpt-request`` command line.

- ``hpt-request validate PATH... | -`` checks request files (the JSON or YAML that
  ``aws sagemaker create-hyper-parameter-tuning-job --cli-input-json/--cli-input-yaml`` takes);
- ``hpt-request example [NAME]`` lists or prints the bundled examples;
- ``hpt-request schema [--response]`` prints a JSON Schema;
- ``hpt-request rules`` lists the cross-field rules;
- ``hpt-request from-describe FILE [--name NEW] [--warm-start TYPE]`` turns a saved
  DescribeHyperParameterTuningJob response into a Create request;
- ``hpt-request spec-diff`` compares the pinned spec with the installed botocore.

Exit status: 0 clean, 1 errors found (warnings too with ``--strict``), 2 unreadable input or
usage error. Color only on a terminal (never with ``NO_COLOR``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from hpt_request import examples, schema
from hpt_request.errors import Problem, RequestValidationError
from hpt_request.jsontext import UnreadableText, parse_json, parse_yaml
from hpt_request.settings import RuleSettings, SettingsError, from_options, load
from hpt_request.wire import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


class UnreadableInput(Exception):
    """A file that is missing, undecodable, or not JSON or YAML."""


YAML_SUFFIXES = (".yaml", ".yml")


def read_text(path: str, stdin: TextIO) -> str:
    try:
        if path == "-":
            return stdin.read()
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UnreadableInput(f"cannot read: {reason}") from None


def read_source(path: str, stdin: TextIO) -> Any:
    """The data of a JSON or YAML file (YAML by suffix; standard input may be either)."""
    text = read_text(path, stdin)
    try:
        if path.lower().endswith(YAML_SUFFIXES):
            return parse_yaml(text)
        if path == "-" and not text.lstrip().startswith(("{", "[")):
            return parse_yaml(text)
        return parse_json(text)
    except UnreadableText as exc:
        raise UnreadableInput(str(exc)) from None


def _label(path: str) -> str:
    return "<stdin>" if path == "-" else path


class _Settings:
    """The rule settings of each checked file: the nearest pyproject.toml's [tool.hpt-request]
    (found by walking up from the file; from the working directory for stdin), with the command
    line's --disable/--warn/--error on top. Each folder's file is read once."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.options = from_options(
            disable=args.disable or (), warn=args.warn or (), error=args.error or ()
        )
        self.use_config = args.config
        self.by_folder: dict[Path, RuleSettings] = {}

    def for_path(self, path: str) -> RuleSettings:
        folder = (Path.cwd() if path == "-" else Path(path).parent).resolve()
        if not self.use_config:
            return self.options
        if folder not in self.by_folder:
            self.by_folder[folder] = load(folder).merged(self.options)
        return self.by_folder[folder]


def command_validate(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    status = EXIT_OK
    reports: list[dict[str, Any]] = []
    errors = warnings = 0
    try:
        settings = _Settings(args)
    except SettingsError as exc:
        print(f"hpt-request: {exc}", file=err)
        return EXIT_UNREADABLE
    for path in args.paths:
        label = _label(path)
        try:
            chosen = settings.for_path(path)
        except SettingsError as exc:
            print(f"hpt-request: {exc}", file=err)
            return EXIT_UNREADABLE
        try:
            data = read_source(path, stdin)
        except UnreadableInput as exc:
            reports.append({"file": label, "readable": False, "message": str(exc), "problems": []})
            if args.format == "text":
                print(f"{label}: {exc}", file=err)
            status = EXIT_UNREADABLE
            continue
        problems = validate(data, rules=args.rules, strict=args.strict, settings=chosen)
        errors += sum(p.effective_severity == "error" for p in problems)
        warnings += sum(p.effective_severity == "warning" for p in problems)
        reports.append(
            {"file": label, "readable": True, "problems": [_as_json(p) for p in problems]}
        )
        if args.format == "text":
            color = _use_color(out)
            for problem in problems:
                print(f"{label}: {_line(problem, color=color)}", file=out)
            if not problems:
                print(f"{label}: OK", file=out)
        if any(p.blocking for p in problems) and status == EXIT_OK:
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
        "effective_severity": problem.effective_severity,
        "message": problem.message,
    }


ANSI = {"error": "\033[31m", "warning": "\033[33m", "reset": "\033[0m"}


def _use_color(stream: TextIO) -> bool:
    """Color only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


def _line(problem: Problem, *, color: bool = False) -> str:
    level = problem.effective_severity
    tag = "" if level == "error" else f"{level}: "
    if problem.severity != level:
        tag = f"{tag}({problem.severity} made {level}) "
    code = problem.code
    if color:
        code = f"{ANSI[level]}{code}{ANSI['reset']}"
    return f"{problem.path or '<request>'}: {code}: {tag}{problem.message}"


def command_from_describe(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from hpt_request.describe import from_describe, warm_start_from
    from hpt_request.jsontext import to_json

    try:
        data = read_source(args.path, stdin)
    except UnreadableInput as exc:
        print(f"{_label(args.path)}: {exc}", file=err)
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
        for problem in error.problems:
            print(f"{_label(args.path)}: {_line(problem)}", file=err)
        return EXIT_PROBLEMS
    out.write(to_json(request, indent=2) + "\n")
    return EXIT_OK


def command_spec_diff(_args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    from hpt_request import model, specdiff

    try:
        version, installed = specdiff.installed_shapes()
    except ImportError:
        print("spec-diff needs botocore: pip install botocore", file=err)
        return EXIT_UNREADABLE
    found = specdiff.differences(specdiff.pinned_shapes(), installed)
    pinned = f"the pinned spec (botocore {model.BOTOCORE_VERSION})"
    if not found:
        print(f"botocore {version}: no differences from {pinned}", file=out)
        return EXIT_OK
    print(f"botocore {version} differs from {pinned} in {len(found)} places:", file=out)
    for difference in found:
        print(f"  {difference}", file=out)
    return EXIT_PROBLEMS


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
        epilog="examples:\n  hpt-request validate tuning.json other.yaml\n"
        "  hpt-request example bayesian | hpt-request validate -\n"
        "  hpt-request validate --strict --format json configs/*.json\n"
        "  hpt-request validate --warn range-min-lt-max --disable tag-aws-prefix tuning.json\n\n"
        "Rule settings are read from [tool.hpt-request] in the nearest pyproject.toml\n"
        "(disable, warn, error, [tool.hpt-request.quotas]); options override them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="a JSON file, or - for stdin")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    for option, what in (
        ("--disable", "do not run rule ID"),
        ("--warn", "report rule ID as a warning"),
        ("--error", "report rule ID as an error"),
    ):
        check.add_argument(
            option, action="append", metavar="ID", help=f"{what} (repeatable; overrides pyproject)"
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
        choices=["text", "json"],
        default="text",
        help="text lines (default) or one JSON document for CI annotations",
    )
    check.set_defaults(run=command_validate)
    listed = commands.add_parser(
        "rules",
        help="list the cross-field rules",
        description="List the cross-field rules: id, severity (error blocks, warning does not "
        "unless --strict) and what each checks.",
        epilog="example:\n  hpt-request rules | grep hyperband",
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
        epilog="examples:\n  hpt-request schema > request.schema.json\n"
        "  hpt-request schema --response",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    printed.add_argument("--response", action="store_true", help="the response schema")
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
    describe.add_argument("--name", help="the new job's name (default: the described job's)")
    describe.add_argument(
        "--warm-start",
        choices=["IdenticalDataAndAlgorithm", "TransferLearning"],
        help="make a child job that warm-starts from the described one (needs --name)",
    )
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
