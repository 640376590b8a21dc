"""Derive ``tests/data/sarif-schema-2.1.0.structure.json`` from the OASIS SARIF 2.1.0 schema.

Dev-only: it needs the public repository oasis-tcs/sarif-spec on disk, as a bare git directory
(a clone's ``.git`` works too)::

    python tests/data/tools/derive_sarif_schema.py --sarif-spec PATH/sarif-spec.git [--check]

It reads ``sarif-2.1/schema/sarif-schema-2.1.0.json`` at ``COMMIT`` (refused if its digest is not
``SOURCE_SHA256``) and writes the same JSON Schema without its prose: every ``description`` and
``title`` keyword is left out (a property *named* ``description`` stays: keys of
``properties``, ``definitions``, ``patternProperties`` and ``dependencies`` are names, not
keywords). What validates is kept unchanged: types, required members, enums, patterns, formats,
bounds, references. ``--check`` exits 1 if the file differs from what would be written. The
tests validate ``--format sarif`` output against it (``tests/test_formats.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent.parent / "sarif-schema-2.1.0.structure.json"
REPOSITORY = "oasis-tcs/sarif-spec"
COMMIT = "a560296ca8c921f3bdb8d4a8db57ab83dae968a7"
SOURCE_PATH = "sarif-2.1/schema/sarif-schema-2.1.0.json"
SOURCE_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
PROSE = frozenset({"description", "title"})
NAME_MAPS = frozenset({"properties", "definitions", "patternProperties", "dependencies"})


def source(git_dir: Path) -> bytes:
    data = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{COMMIT}:{SOURCE_PATH}"],
        check=True,
        capture_output=True,
    ).stdout
    found = hashlib.sha256(data).hexdigest()
    if found != SOURCE_SHA256:
        raise SystemExit(f"{SOURCE_PATH}: sha256 {found}, not the pinned {SOURCE_SHA256}")
    return data


def without_prose(schema: Any) -> Any:
    """``schema`` (a JSON Schema node) without its ``description`` and ``title`` keywords."""
    if isinstance(schema, list):
        return [without_prose(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kept: dict[str, Any] = {}
    for key, value in schema.items():
        if key in PROSE:
            continue
        if key in NAME_MAPS and isinstance(value, dict):
            kept[key] = {name: without_prose(child) for name, child in value.items()}
        else:
            kept[key] = without_prose(value)
    return kept


def render(data: bytes) -> str:
    derived = {
        "$comment": (
            f"Derived from {REPOSITORY} {SOURCE_PATH} at commit {COMMIT} (sha256 "
            f"{SOURCE_SHA256}) by tests/data/tools/derive_sarif_schema.py, which leaves out "
            "the description and title keywords; regenerate with that script."
        ),
        **without_prose(json.loads(data)),
    }
    return json.dumps(derived, indent=1, ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="derive_sarif_schema.py")
    parser.add_argument("--sarif-spec", type=Path, required=True, help="git dir of sarif-spec")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render(source(args.sarif_spec))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.name} is stale", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
