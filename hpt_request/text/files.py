"""The files ``hpt-request validate`` checks: the paths given, with folders searched.

- a file, or ``-`` (standard input), is checked as given, whatever its name;
- a folder is searched, sub-folders included, for the files that match one of the ``include``
  patterns (``*.json``, ``*.yaml`` and ``*.yml`` by default), in name order; folders whose names
  start with a dot (``.git``, ``.venv``) are not entered, and only regular files are taken (a
  FIFO or a socket found there is skipped: reading one could wait forever);
- ``exclude`` patterns remove files and whole folders found in a folder;
- a folder in which nothing matches stays in the list as itself, so that the command reports
  it (see :func:`nothing_found`) instead of passing a gate that checked nothing;
- a file found in a folder that is plainly no document holding a tuning request (a
  ``package.json``, a ``docker-compose.yml``: :func:`~hpt_request.text.documents.unrelated`) is
  passed over, not checked as a request; a file given by name is always checked.

A pattern is a shell glob (``fnmatch``); it matches a file's name (``*.draft.json``) or its path
relative to the folder given, with ``/`` between parts (``drafts/*``, ``legacy/**``), without
regard to case: ``TUNING.JSON`` is a ``*.json`` file, as a ``.YAML`` suffix is read as YAML.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

DEFAULT_INCLUDE = ("*.json", "*.yaml", "*.yml")


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    relative = relative.casefold()
    name = relative.rsplit("/", 1)[-1]
    return any(
        fnmatch.fnmatchcase(relative, folded) or fnmatch.fnmatchcase(name, folded)
        for folded in map(str.casefold, patterns)
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
    """The files to check, in the order given (each folder's files in name order; a folder with
    none, itself)."""
    return [path for path, _ in expand_found(paths, include=include, exclude=exclude)]


def expand_found(
    paths: Sequence[str],
    *,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
) -> list[tuple[str, bool]]:
    """:func:`expand`, each file with whether it was found by searching a folder (True) or
    given (False): a file found so is passed over when it is plainly not a document that holds
    a tuning request (:func:`hpt_request.text.documents.unrelated`)."""
    found: list[tuple[str, bool]] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            files = list(_walk(Path(path), include or DEFAULT_INCLUDE, exclude or ()))
            if files:
                found.extend((file, True) for file in files)
            else:
                found.append((path, False))
        else:
            found.append((path, False))
    return found


def nothing_found(
    include: Sequence[str] | None = None, exclude: Sequence[str] | None = None
) -> str:
    """What to say of a folder in which no file matched: what was looked for."""
    looked = ", ".join(include or DEFAULT_INCLUDE)
    left_out = f", leaving out {', '.join(exclude)}" if exclude else ""
    return (
        f"no file to check: looked for {looked} in the folder and below{left_out} "
        "(--include names other files)"
    )
