"""What a metric regex can capture, read from the regex alone (no training log needed).

SageMaker takes a metric's value from the first capture group of its ``Regex``, and only a
number (aws/sagemaker-python-sdk#3208: a metric regex captures numbers, not text). Three forms
never give one, whatever the log says:

- ``no-group``: the regex has no capture group;
- ``empty``: the first group ends the regex and is lazy from nothing (``F1=(.*?)``): the
  shortest match is taken, and it is empty (aws/sagemaker-python-sdk#3932);
- ``no-number``: the first group can only begin with characters no number begins with
  (``acc=([a-z]+)``).

:func:`capture_problem` reads the regex's parse tree (Python's own parser, on the Python
spelling of the Java regex); a construct it does not know makes it say nothing, so what it says
is certain.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from hpt_request.rules import javaregex

try:  # Python 3.11 moved the parser; it is the same module
    import re._parser as _parser  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef,unused-ignore]

Verdict = Literal["no-group", "empty", "no-number"]

# The characters a number can begin with (digits, a sign, a decimal point).
NUMBER_STARTS = frozenset("0123456789+-.")
_ALL = None  # any character may come first


def _op(name: str) -> Any:
    """An opcode of the parse tree (the parser module has them all)."""
    return getattr(_parser, name)


@functools.lru_cache(maxsize=1024)
def capture_problem(regex: str) -> Verdict | None:
    """Why the Java ``regex`` can never capture a metric's value, or None (also when it does not
    compile or uses a construct this reading does not know)."""
    try:
        compiled = javaregex.compile_java(regex)
        if compiled.groups == 0:
            return "no-group"
        tree = list(_parser.parse(javaregex.translate(regex)))
    except Exception:  # not compiled here: the compile rule says why, or nothing is said
        return None
    try:
        return _first_group_verdict(tree)
    except Exception:  # _Unknown, or a parse tree of a shape this reading does not expect
        return None


class _Unknown(Exception):
    """A construct the reading does not know."""


def _first_group(items: list[Any]) -> tuple[list[Any], list[Any]] | None:
    """The first capture group's content and what follows it at its level, or None."""
    subpattern, branch = _op("SUBPATTERN"), _op("BRANCH")
    for index, (op, argument) in enumerate(items):
        if op is subpattern:
            group, _add, _remove, content = argument
            if group == 1:
                return list(content), items[index + 1 :]
            found = _first_group(list(content))
            if found is not None:
                raise _Unknown  # the first group inside another: left alone
        elif op is branch:
            raise _Unknown
    return None


def _first_group_verdict(tree: list[Any]) -> Verdict | None:
    found = _first_group(tree)
    if found is None:
        return None
    content, after = found
    if not after and len(content) == 1 and content[0][0] is _op("MIN_REPEAT"):
        low, _high, _inner = content[0][1]
        if low == 0:
            return "empty"
    starts = _starts(content)
    if starts is not _ALL and starts and not starts & NUMBER_STARTS:
        return "no-number"
    return None


def _starts(items: list[Any]) -> frozenset[str] | None:
    """The characters the sequence ``items`` may begin with (None: any)."""
    found: set[str] = set()
    for op, argument in items:
        first, may_be_empty = _starts_of(op, argument)
        if first is _ALL:
            return _ALL
        found |= first
        if not may_be_empty:
            return frozenset(found)
    return _ALL  # the whole sequence may be empty: what follows begins it


def _starts_of(op: Any, argument: Any) -> tuple[frozenset[str] | None, bool]:
    """(the characters one item may begin with, whether it may match nothing)."""
    if op is _op("LITERAL"):
        return frozenset(chr(argument)), False
    if op is _op("IN"):
        return _class_starts(argument), False
    if op in (_op("MAX_REPEAT"), _op("MIN_REPEAT")):
        low, _high, inner = argument
        return _starts(list(inner)), low == 0
    if op is _op("SUBPATTERN"):
        return _starts(list(argument[3])), False
    if op is _op("AT"):
        return frozenset(), True
    return _ALL, True


def _class_starts(items: list[Any]) -> frozenset[str] | None:
    found: set[str] = set()
    for op, argument in items:
        if op is _op("LITERAL"):
            found.add(chr(argument))
        elif op is _op("RANGE"):
            low, high = argument
            if high - low > 512:
                return _ALL
            found.update(chr(code) for code in range(low, high + 1))
        else:  # a negation, a category (\w, \S, \d): may take a digit
            return _ALL
    return frozenset(found)
