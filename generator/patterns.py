"""Translate the service's regular expressions into patterns every JSON Schema engine reads alike.

SageMaker's patterns are written in Java's dialect and matched against the whole value. Python's
``re`` (the ``jsonschema`` package's default pattern check), Rust's ``regex``/``fancy-regex``
(jsonschema-rs) and ECMA-262 differ on exactly the constructs these patterns use, so the
translation makes every class explicit:

- ``\\d``, ``\\w``, ``\\s`` and their negations are ASCII in Java; Python makes them Unicode.
  They become explicit ASCII ranges.
- ``\\p{L}``, ``\\p{Z}``, ``\\p{N}`` are unknown to Python's ``re``. They become explicit code-point
  ranges, read from the pinned ``regex`` package's Unicode tables so that the output does not
  depend on the Python version that runs the generator.
- ``.`` excludes Java's line terminators (``\\n \\r \\u0085 \\u2028 \\u2029``); Python excludes only
  ``\\n`` and ECMA-262 three of them. It becomes an explicit class.
- Every class is computed as a set of code-point ranges over the Unicode scalar values and
  emitted in whichever form is shorter, positive or negated, with non-ASCII characters written
  literally so Python, Rust and ECMA-262 (u mode) agree on them. (Lone surrogates, which no
  UTF-8 JSON can carry, are refused by the reference engine's string type, not by patterns.)
- Whole-string matching: the body is wrapped as ``^(?:...)$(?!\\n)``. Python's ``$`` also
  matches before a final newline; the lookahead removes that difference.

Anything else the translator meets (Java's ``\\Q``, possessive quantifiers, class intersection,
unknown escapes) raises :class:`PatternError` rather than being passed through.
"""

from __future__ import annotations

import functools
import re

MAX_CODE_POINT = 0x10FFFF
SURROGATES = (0xD800, 0xDFFF)

Ranges = tuple[tuple[int, int], ...]


class PatternError(ValueError):
    """A construct the translator does not know."""


def _normalise(ranges: list[tuple[int, int]]) -> Ranges:
    """Sort, merge and cut out the surrogate block."""
    cut: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if lo <= SURROGATES[1] and hi >= SURROGATES[0]:
            if lo < SURROGATES[0]:
                cut.append((lo, SURROGATES[0] - 1))
            if hi > SURROGATES[1]:
                cut.append((SURROGATES[1] + 1, hi))
        else:
            cut.append((lo, hi))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(cut):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)


UNIVERSE = _normalise([(0, MAX_CODE_POINT)])


def complement(ranges: Ranges) -> Ranges:
    out: list[tuple[int, int]] = []
    start = 0
    for lo, hi in _normalise(list(ranges)):
        if lo > start:
            out.append((start, lo - 1))
        start = hi + 1
    if start <= MAX_CODE_POINT:
        out.append((start, MAX_CODE_POINT))
    return _normalise(out)


def _chars(text: str) -> list[tuple[int, int]]:
    return [(ord(c), ord(c)) for c in text]


# Java's predefined classes without UNICODE_CHARACTER_CLASS: ASCII only.
DIGIT = _normalise([(0x30, 0x39)])
WORD = _normalise([(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
SPACE = _normalise(_chars(" \t\n\x0b\f\r"))
# Java's line terminators, which '.' does not match (without DOTALL / UNIX_LINES).
LINE_TERMINATORS = _normalise(_chars("\n\r\u0085\u2028\u2029"))
DOT = complement(LINE_TERMINATORS)

ESCAPE_CLASSES: dict[str, Ranges] = {
    "d": DIGIT,
    "D": complement(DIGIT),
    "w": WORD,
    "W": complement(WORD),
    "s": SPACE,
    "S": complement(SPACE),
}
# Escaped punctuation that stands for itself in Java.
LITERAL_ESCAPES = frozenset("\\/.-_+*?()[]{}|^$:=@,#&~!%<>'\" ")
UNICODE_PROPERTIES = frozenset({"L", "Z", "N"})


@functools.cache
def unicode_property(name: str) -> Ranges:
    """The code points of general category ``name`` (L, Z or N), from the ``regex`` package."""
    if name not in UNICODE_PROPERTIES:
        raise PatternError(f"unsupported Unicode property \\p{{{name}}}")
    import regex  # development dependency, pinned in pyproject.toml

    text = "".join(chr(cp) for lo, hi in UNIVERSE for cp in range(lo, hi + 1))
    runs = [
        (ord(m.group()[0]), ord(m.group()[-1])) for m in regex.finditer(rf"\p{{{name}}}+", text)
    ]
    # Runs in ``text`` are contiguous code points except across the surrogate gap.
    return _normalise(runs)


def unicode_tables_version() -> str:
    import regex

    return str(regex.__version__)


def _emit_char(cp: int) -> str:
    if 0x20 <= cp <= 0x7E:
        char = chr(cp)
        return "\\" + char if char in "\\]^-[" else char
    if cp < 0x80:
        return f"\\x{cp:02x}"
    return chr(cp)


def _emit_literal(cp: int) -> str:
    """A single character outside a class: only regex syntax characters are escaped."""
    char = chr(cp)
    if char in META:
        return "\\" + char
    return _emit_char(cp) if cp < 0x80 and char not in "-]" else char


def _class_body(ranges: Ranges) -> str:
    parts = []
    for lo, hi in ranges:
        if lo == hi:
            parts.append(_emit_char(lo))
        elif hi == lo + 1:
            parts.append(_emit_char(lo) + _emit_char(hi))
        else:
            parts.append(f"{_emit_char(lo)}-{_emit_char(hi)}")
    return "".join(parts)


def emit_class(ranges: Ranges) -> str:
    """A class for ``ranges``: the positive form, or the negated form of the complement when
    that is shorter (``.`` becomes ``[^\\n\\r\\x85\\u2028\\u2029]``). Schema-driven generators
    such as Hypothesis's ``from_regex`` enumerate the characters of a positive class, so a huge
    positive class makes them slow, while a short negated one is cheap."""
    excluded = complement(ranges)
    if not excluded:
        return "[\\s\\S]"
    if len(excluded) < len(ranges):
        return "[^" + _class_body(excluded) + "]"
    return "[" + _class_body(ranges) + "]"


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def more(self) -> bool:
        return self.pos < len(self.text)

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def take(self) -> str:
        char = self.text[self.pos]
        self.pos += 1
        return char

    def fail(self, what: str) -> PatternError:
        return PatternError(f"{what} at position {self.pos} of {self.text!r}")


def _escape_ranges(reader: _Reader) -> Ranges:
    """Read the escape after a backslash and return the code points it stands for."""
    if not reader.more():
        raise reader.fail("dangling backslash")
    char = reader.take()
    if char in ESCAPE_CLASSES:
        return ESCAPE_CLASSES[char]
    if char == "p":
        match = re.match(r"\{(\w+)\}", reader.text[reader.pos :])
        if not match:
            raise reader.fail("malformed \\p")
        reader.pos += match.end()
        return unicode_property(match.group(1))
    if char in LITERAL_ESCAPES:
        return _normalise([(ord(char), ord(char))])
    escapes = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
    if char in escapes:
        return _normalise(_chars(escapes[char]))
    raise reader.fail(f"unsupported escape \\{char}")


def _class(reader: _Reader) -> Ranges:
    """Read a bracket class; the opening bracket is already consumed."""
    negated = reader.peek() == "^"
    if negated:
        reader.take()
    items: list[tuple[int, int]] = []
    first = True
    while True:
        if not reader.more():
            raise reader.fail("unterminated class")
        char = reader.take()
        if char == "]" and not first:
            break
        first = False
        if char == "[" or (char == "&" and reader.peek() == "&"):
            raise reader.fail("nested classes and intersections are not supported")
        if char == "\\":
            escaped = _escape_ranges(reader)
            if len(escaped) == 1 and escaped[0][0] == escaped[0][1]:
                low = escaped[0][0]
            else:
                items.extend(escaped)
                continue
        else:
            low = ord(char)
        if reader.peek() == "-" and reader.peek(1) not in ("]", ""):
            reader.take()
            end = reader.take()
            if end == "\\":
                escaped = _escape_ranges(reader)
                if len(escaped) != 1 or escaped[0][0] != escaped[0][1]:
                    raise reader.fail("a range cannot end in a class escape")
                high = escaped[0][0]
            else:
                high = ord(end)
            if high < low:
                raise reader.fail("reversed range")
            items.append((low, high))
        else:
            items.append((low, low))
    ranges = _normalise(items)
    return complement(ranges) if negated else ranges


QUANTIFIER = re.compile(r"\{\d+(?:,\d*)?\}")
GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")
META = set("\\^$.|?*+()[]{}")


def translate_body(pattern: str) -> str:
    reader = _Reader(pattern)
    out: list[str] = []
    if reader.peek() == "^":
        reader.take()
    while reader.more():
        char = reader.peek()
        if char == "$" and reader.pos == len(pattern) - 1:
            reader.take()
            break
        if char == "\\":
            reader.take()
            ranges = _escape_ranges(reader)
            if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
                out.append(_emit_literal(ranges[0][0]))
            else:
                out.append(emit_class(ranges))
        elif char == "[":
            reader.take()
            out.append(emit_class(_class(reader)))
        elif char == ".":
            reader.take()
            out.append(emit_class(DOT))
        elif char == "(":
            opener = next((g for g in GROUP_OPENERS if pattern.startswith(g, reader.pos)), None)
            if opener is None and reader.peek(1) == "?":
                raise reader.fail("unsupported group kind")
            opener = opener or "("
            reader.pos += len(opener)
            out.append(opener)
        elif char in ")|":
            out.append(reader.take())
        elif char in "*+?" or char == "{":
            match = QUANTIFIER.match(pattern, reader.pos) if char == "{" else None
            if char == "{" and not match:
                raise reader.fail("literal '{' is not supported")
            token = match.group() if match else char
            reader.pos += len(token)
            if reader.peek() == "+":
                raise reader.fail("possessive quantifiers are not supported")
            if reader.peek() == "?":
                token += reader.take()
            out.append(token)
        elif char in "^$":
            raise reader.fail(f"anchor {char!r} inside the pattern")
        else:
            reader.take()
            out.append(_emit_literal(ord(char)))
    return "".join(out)


def translate(pattern: str) -> str:
    """The portable whole-string form of a service pattern."""
    return "^(?:" + translate_body(pattern) + ")$(?!\\n)"
