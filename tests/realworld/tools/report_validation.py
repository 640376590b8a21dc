"""Tally what hpt-request's validate() says about every request of the corpus.

Usage, from the repository root, in the project's own virtualenv::

    .venv/bin/python tests/realworld/tools/report_validation.py
"""

from __future__ import annotations

import collections
import json
from pathlib import Path

import hpt_request

REALWORLD = Path(__file__).resolve().parent.parent


def main() -> None:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    files_with: collections.Counter[str] = collections.Counter()
    lines: list[str] = []
    paths = sorted(REALWORLD.glob("*.json"))
    errors = 0
    for path in paths:
        request = json.loads(path.read_text(encoding="utf-8"))
        plain = hpt_request.validate(request)
        strict = hpt_request.validate(request, strict=True)
        errors += sum(1 for problem in plain if "error" in str(problem.severity).lower())
        if not strict:
            continue
        # strict=True escalates warnings; the plain run keeps each finding's own severity
        original = {(problem.code, problem.path): problem.severity for problem in plain}
        found = []
        codes = set()
        for problem in strict:
            own = original.get((problem.code, problem.path), problem.severity)
            severity = str(getattr(own, "value", own))
            counts[(problem.code, severity)] += 1
            codes.add(problem.code)
            found.append(f"{problem.code} @ {problem.path} ({severity})")
        files_with.update(codes)
        lines.append(f"{path.name}: " + "; ".join(found))
    clean = len(paths) - len(lines)
    print(f"{len(paths)} files, {errors} errors without strict, {clean} clean under strict=True")
    print("| code | severity | findings | files |")
    print("|---|---|---|---|")
    for (code, severity), number in sorted(counts.items(), key=lambda item: -item[1]):
        print(f"| {code} | {severity} | {number} | {files_with[code]} |")
    print()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
