"""The files ``hpt-request validate`` checks: the paths given, with folders searched.

- a file, or ``-`` (standard input), is checked as given, whatever its name;
- a folder is searched, sub-folders included, for the files that match one of the ``include``
  patterns (``*.json``, ``*.yaml`` and ``*.yml`` by default), in name order; folders whose names
  start with a dot (``.git``, ``.venv``) are not entered, and only regular files are taken (a
  FIFO or a socket found there is skipped: reading one could wait forever);
- ``exclude`` patterns remove files and whole folders found in a folder.

A pattern is a shell glob (``fnmatch``); it matches a file's name (``*.draft.json``) or its path
relative to the folder given, with ``/`` between parts (``drafts/*``, ``legacy/**``).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

DEFAULT_INCLUDE = ("*.json", "*.yaml", "*.yml")


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(
        fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(name, pattern)
        for pattern in patterns
    )


def _walk(folder: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        here = Path(root)
        relative_root = here.relative_to(folder).as_posix()
        prefix = "" if relative_root == "." else f"{relative_root}/"
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith(".") and not _matches(prefix + name, exclude)
        )
        for name in sorted(files):
            relative = prefix + name
            wanted = _matches(relative, include) and not _matches(relative, exclude)
            if wanted and (here / name).is_file():  # follows links; False for a FIFO, a socket
                yield str(here / name)


def expand(
    paths: Sequence[str],
    *,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
) -> list[str]:
    """The files to check, in the order given (each folder's files in name order)."""
    found: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found.extend(_walk(Path(path), include or DEFAULT_INCLUDE, exclude or ()))
        else:
            found.append(path)
    return found
