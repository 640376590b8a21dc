"""Extract the EC2 instance types and their instance store volumes: ``generator/inputs/ec2/``.

Dev-only, never run by the tests or by ``python -m generator``: it needs the public git
repository awsdocs/amazon-ec2-user-guide on disk, given as a bare git directory (a clone's
``.git`` works too)::

    python -m generator.ec2_tables --ec2-guide PATH/amazon-ec2-user-guide.git [--check]

The repository is the Markdown source of the EC2 User Guide, archived in June 2023;
``COMMIT`` is its last commit with content. Two of its pages are read:

- ``doc_source/instance-types.md``: the "Current generation instances" and "Previous generation
  instances" tables, one row per family with its sizes: every instance type the guide names;
- ``doc_source/InstanceStorage.md``: the "Available instance store volumes" tables, one row per
  instance type that has instance store volumes, with their number, size and kind.

It writes ``instance_types.csv`` there: one row per instance type of either page, with its
instance store volumes as the guide writes them (``1 x 75 GB``, ``NVMe SSD``), empty for a type
without any. ``--check`` exits 1 if the file differs from what would be written. The digest of
each page read is in ``SOURCES``, and a page of another digest stops the script: move the pin
(here and in the README beside the CSV) on purpose, never by accident.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.algorithms import tables, unescape

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "generator" / "inputs" / "ec2" / "instance_types.csv"
REPOSITORY = "awsdocs/amazon-ec2-user-guide"
COMMIT = "e3707c431483ec0ffffcabebd36cf799ba682cd0"
INSTANCE_TYPES_PAGE = "doc_source/instance-types.md"
INSTANCE_STORE_PAGE = "doc_source/InstanceStorage.md"
# The sha256 of each page at COMMIT.
SOURCES = {
    INSTANCE_TYPES_PAGE: "e65b6428651a3603a98dc028810eb3abd6f64669bf97b62fd29c8d30419c36d8",
    INSTANCE_STORE_PAGE: "022b507570ccf88c972075bfc7b07280f1a2ff81fbcf3035b5c5be4abbc4357b",
}
COLUMNS = ("instance_type", "instance_store_volumes", "instance_store_type")
_TYPE = re.compile(r"[a-z][a-z0-9-]*\.[a-z0-9]+")


class SourceError(Exception):
    """A page is not the pinned one, or holds a table this script does not understand."""


def page(git_dir: Path, path: str) -> str:
    """The text of a pinned page, refused if its digest is not the pinned one."""
    data = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{COMMIT}:{path}"],
        capture_output=True,
        check=True,
    ).stdout
    found = hashlib.sha256(data).hexdigest()
    if found != SOURCES[path]:
        raise SourceError(f"{path}: sha256 {found}, not the pinned {SOURCES[path]}")
    return data.decode("utf-8")


def named_types(markdown: str) -> Iterator[str]:
    """Every instance type of the "Type | Sizes" tables of the instance types page."""
    for header, rows in tables(markdown):
        if header != ["Type", "Sizes"]:
            continue
        for row in rows:
            for size in re.split(r"\\\|", row[1]):
                name = unescape(size)
                if not _TYPE.fullmatch(name):
                    raise SourceError(f"{INSTANCE_TYPES_PAGE}: {name!r} is not an instance type")
                yield name


def instance_stores(markdown: str) -> Iterator[tuple[str, str, str]]:
    """(instance type, volumes, kind) of each row of the instance store volume tables."""
    for header, rows in tables(markdown):
        if header[:3] != ["Instance type", "Instance store volumes", "Type"]:
            continue
        for row in rows:
            name, volumes, kind = (unescape(cell) for cell in row[:3])
            if not _TYPE.fullmatch(name) or not volumes:
                raise SourceError(f"{INSTANCE_STORE_PAGE}: cannot read the row {row!r}")
            yield name, volumes, kind


def rows(types_page: str, store_page: str) -> list[tuple[str, str, str]]:
    """One row per instance type named on either page, sorted by name."""
    stores = {name: (volumes, kind) for name, volumes, kind in instance_stores(store_page)}
    names = {*named_types(types_page), *stores}
    return [(name, *stores.get(name, ("", ""))) for name in sorted(names)]


def render(found: list[tuple[str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(found)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.ec2_tables")
    parser.add_argument("--ec2-guide", type=Path, required=True, help="git dir of the EC2 guide")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    try:
        types_page = page(args.ec2_guide, INSTANCE_TYPES_PAGE)
        text = render(rows(types_page, page(args.ec2_guide, INSTANCE_STORE_PAGE)))
    except SourceError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
