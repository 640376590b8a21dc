"""What the generated readers (:mod:`hpt_request.schema.readers`) use: the state of one pass, the
signal to give up, places (flattened into locations only when an error is noted), the setters
of the model's slots, the schema's patterns compiled at first use, and the texts known to pass
a string definition.

See :mod:`hpt_request.schema.reading` for what a pass does.
"""

from __future__ import annotations

import enum
import math
import re
import types
from collections.abc import Callable
from typing import Any

from hpt_request.model.base import UNKNOWN
from hpt_request.model.errors import Step
from hpt_request.schema.engines import MAX_ENTRIES, MAX_NODES

Location = tuple[Step, ...]
# Where a reader is, as its readers pass it down: None for the root, else (the parent's place,
# the step from there), with MISSING as the root's own step. A linked pair costs one small tuple
# per container; :func:`flatten` makes it a location only when an error is noted.
Place = tuple[Any, Any] | None
# One error as a reader notes it: (location, keyword, schema definition, value, is a map key).
RawError = tuple[Location, str, str, object, bool]

MISSING: Any = object()
# How deep the values under an unknown member or a wrongly typed container are counted before
# a pass gives up (the reference engine cuts its copy at schema.MAX_DEPTH).
COUNTED_DEPTH = 16
# How many valid texts each string definition with a pattern remembers (ValidTexts).
REMEMBERED = 4096
_PLAIN_SCALARS = (int, float, bool, type(None), str)

__all__ = [
    "MAX_ENTRIES",
    "MAX_NODES",
    "MISSING",
    "UNKNOWN",
    "GiveUp",
    "Pass",
    "Pattern",
    "Place",
    "ValidTexts",
    "finite",
    "flatten",
    "members",
    "slot",
    "surrogate",
]


class GiveUp(Exception):
    """The input is not plain JSON data that a pass reads like the reference engine."""


class Pass:
    """What one call gathers: the raw errors, how many more values it may visit, and (if it
    ``keep``s them) a copy of the data read."""

    __slots__ = ("errors", "keep", "last", "left")

    def __init__(self, keep: bool = True) -> None:
        self.errors: list[RawError] = []
        self.left = MAX_NODES
        # Whether the readers copy what they read into ``last`` (only ``from_wire`` keeps the
        # copy: ``validate`` has no use for it).
        self.keep = keep
        # With ``keep``, a copy of the last object or array read (whose own containers are
        # copies too), made as it was read: of valid data, a private copy of what passed the
        # schema.
        self.last: Any = None

    def error(self, at: Place, step: Any, keyword: str, title: str, value: object) -> None:
        """Note an error at the value reached by ``step`` from place ``at`` (the place itself
        when ``step`` is MISSING)."""
        # flatten((at, step)), written out: this is the readers' slow path, once per error
        steps = [] if step is MISSING else [step]
        while at is not None:
            at, step = at
            if step is not MISSING:
                steps.append(step)
        steps.reverse()
        self.errors.append((tuple(steps), keyword, title, value, False))

    def key_error(self, at: Place, step: Any, keyword: str, title: str, key: str) -> None:
        """Note an error of key ``key`` of the map reached by ``step`` from place ``at``."""
        self.errors.append((flatten((at, step)), keyword, title, key, True))

    def count_all(self, value: object, depth: int = COUNTED_DEPTH) -> None:
        """Count the values of a container the schema does not describe (an unknown member's,
        or one given where a scalar belongs); give up on anything that is not plain data."""
        if type(value) is dict:
            children: Any = value.values()
        elif type(value) is list:
            children = value
        elif type(value) in _PLAIN_SCALARS:
            return
        else:
            raise GiveUp
        size = len(children)
        self.left -= size
        if depth <= 0 or size > MAX_ENTRIES or self.left < 0:
            raise GiveUp
        for child in children:
            if type(child) is dict or type(child) is list:
                self.count_all(child, depth - 1)
            elif type(child) not in _PLAIN_SCALARS:
                raise GiveUp

    def wrong_type(self, at: Place, step: Any, title: str, value: object, enum_too: bool) -> Any:
        """A value of the wrong JSON type: a ``type`` error, and an ``enum`` error too where the
        definition lists strings (the reference engine does not gate ``enum`` on the type)."""
        if type(value) not in _PLAIN_SCALARS:
            self.count_all(value)
        self.error(at, step, "type", title, value)
        if enum_too:
            self.error(at, step, "enum", title, value)
        return UNKNOWN


class Pattern:
    """A schema pattern, applied as the reference engine applies it (``re.search``), compiled
    at first use. ``search(text)`` is true (a match) where the pattern is found in ``text``."""

    __slots__ = ("search", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Until the first search, the method that compiles the pattern; then the compiled
        # pattern's own search, called with nothing in between.
        self.search: Callable[[str], object] = self._compile_and_search

    def _compile_and_search(self, value: str) -> object:
        self.search = _WITHOUT_REGEX.get(self.text) or re.compile(self.text).search
        return self.search(value)


def _one_line(value: str) -> bool:
    """Whether ``value`` holds none of the characters that end a line for Java's ``.``: what
    the translation of the service pattern ``.*`` finds (it matches a text exactly then)."""
    return not (
        "\n" in value or "\r" in value or "\x85" in value or "\u2028" in value or "\u2029" in value
    )


def _one_line_filled(value: str) -> bool:
    """What the translation of ``.+`` finds: a text of one character or more on one line."""
    return bool(value) and _one_line(value)


def _anything(value: str) -> bool:
    """What the translation of ``[\\s\\S]*`` finds: every text."""
    return True


def _hyphenated(most: int) -> Callable[[str], bool]:
    """What the translation of ``[a-zA-Z0-9](-*[a-zA-Z0-9]){0,N}`` finds (the names of jobs
    and definitions), for ``most`` = N + 1 letters and digits at most: ASCII letters, digits and
    hyphens, a letter or digit first and last (the regex engine takes microseconds on a name)."""

    def hyphenated(value: str) -> bool:
        return (
            value.isascii()
            and value[:1].isalnum()
            and value[-1].isalnum()
            and value.replace("-", "").isalnum()
            and len(value) - value.count("-") <= most
        )

    return hyphenated


# The translations (:mod:`hpt_request.javaregex`) of the service patterns that only say which
# characters a text may hold, by their text, with a function that finds the same texts without
# the regular expression engine (which walks the text character by character: a long value such
# as a JSON-encoded static hyperparameter costs microseconds per kilobyte).
_WITHOUT_REGEX: dict[str, Callable[[str], object]] = {
    "^(?:[^\\x0a\\x0d\x85\u2028\u2029]*)$(?!\\n)": _one_line,
    "^(?:[^\\x0a\\x0d\x85\u2028\u2029]+)$(?!\\n)": _one_line_filled,
    "^(?:[\\s\\S]*)$(?!\\n)": _anything,
    "^(?:[0-9A-Za-z](-*[0-9A-Za-z]){0,31})$(?!\\n)": _hyphenated(32),
    "^(?:[0-9A-Za-z](-*[0-9A-Za-z]){0,63})$(?!\\n)": _hyphenated(64),
}


class ValidTexts:
    """The texts known to pass every keyword of one string definition (its length bounds, its
    pattern, and valid Unicode: no lone surrogate): :meth:`admits` checks a text and remembers
    (a bounded number of) those that pass, since the same names and numbers recur across ranges,
    definitions and requests. A reader's quick check is ``text in seen or admits(text)``."""

    __slots__ = ("high", "low", "pattern", "seen")

    def __init__(self, pattern: Pattern, low: int = 0, high: int | None = None) -> None:
        self.pattern = pattern
        self.low = low
        self.high = high
        self.seen: set[str] = set()

    def admits(self, value: str) -> bool:
        """Whether the ``str`` ``value`` is valid (remembered if it is)."""
        size = len(value)
        if size < self.low or (self.high is not None and size > self.high):
            return False
        if not value.isascii() and surrogate(value):
            return False
        if not self.pattern.search(value):
            return False
        if len(self.seen) >= REMEMBERED:
            self.seen.clear()
        self.seen.add(value)
        return True


def flatten(place: Place) -> Location:
    """The location of ``place``: its steps from the root, the MISSING ones left out."""
    steps: list[Step] = []
    while place is not None:
        place, step = place
        if step is not MISSING:
            steps.append(step)
    steps.reverse()
    return tuple(steps)


def surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (it is not valid Unicode)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def finite(value: float) -> bool:
    return math.isfinite(value)


def slot(cls: type, name: str) -> Callable[[Any, Any], None]:
    """What sets attribute ``name`` of a ``cls`` object in its slot, past the class's own
    ``__setattr__`` (the model's converters and validators: the readers set checked values)."""
    descriptor = getattr(cls, name)
    if type(descriptor) is not types.MemberDescriptorType:
        raise TypeError(f"{cls.__name__}.{name} is not a slot")
    setter: Callable[[Any, Any], None] = descriptor.__set__
    return setter


def members(cls: type[enum.Enum]) -> dict[str, Any]:
    """Each wire value of a model enum with the member it reads as."""
    return {member.value: member for member in cls}
