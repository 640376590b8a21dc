"""Placeholder until the Java regex translation lands."""

from __future__ import annotations

import re
import warnings


def compile_error(regex: str) -> str | None:
    """Why ``regex`` does not compile, or None if it does."""
    if "\\p{" in regex:
        return None
    translated = re.sub(r"\(\?<(?=[A-Za-z])", "(?P<", regex)
    translated = re.sub(r"\\k<([A-Za-z][A-Za-z0-9]*)>", r"(?P=\1)", translated)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(translated)
    except (re.error, RecursionError, OverflowError) as exc:
        return str(exc)
    return None
