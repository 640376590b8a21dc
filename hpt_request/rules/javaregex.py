"""Java regular expressions (SageMaker's ``MetricDefinitions[].Regex``) judged with Python's ``re``.

SageMaker reads training logs with Java's ``java.util.regex``. :func:`translate` rewrites the
Java syntax that Python spells differently, and :func:`compile_java` compiles the result with
warnings silenced (Python warns about ``[[`` and ``&&`` in a class, Java syntax):

- named groups ``(?<name>...)`` become ``(?P<name>...)``, named back-references ``\\k<name>``
  become ``(?P=name)``;
- ``\\Q...\\E`` quoting becomes escaped text;
- Java's escapes with no Python twin: ``\\z`` (end), ``\\Z`` (end, or before a final line
  break), ``\\h`` and ``\\H`` (horizontal space), ``\\R`` (a line break), ``\\e``, ``\\cX``,
  ``\\0`` octal, ``\\x{...}``;
- inline flags in mid-pattern (``a(?i)b``) apply up to the end of their group, as in Java;
  the flags ``d`` and ``U`` (Unix lines, Unicode classes) have no effect on Python's ``str``
  patterns and are dropped.

What Python cannot judge raises :class:`UnsupportedJavaRegex` rather than an error:
``\\p{...}`` property classes, nested classes and ``&&`` intersections, ``\\G``, ``\\X``,
variable-width look-behind, and (on Python 3.10) possessive quantifiers and atomic groups.
A pattern that does not compile raises :class:`JavaRegexError`, whose message says why.
"""

from __future__ import annotations

import re
import sys
import warnings

__all__ = ["JavaRegexError", "UnsupportedJavaRegex", "compile_java", "translate"]

_POSSESSIVE = sys.version_info >= (3, 11)  # possessive quantifiers and atomic groups
_HORIZONTAL = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"
_SIMPLE_ESCAPES = {
    "z": r"\Z",
    "Z": r"(?=(?:\r\n|[\n\r\x85\u2028\u2029])?\Z)",
    "h": f"[{_HORIZONTAL}]",
    "H": f"[^{_HORIZONTAL}]",
    "R": r"(?:\r\n|[\n\x0b\f\r\x85\u2028\u2029])",
    "e": r"\x1b",
}
_CLASS_ESCAPES = {"h": _HORIZONTAL, "e": r"\x1b"}
_GROUP_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_FLAGS = re.compile(r"\(\?([idmsuxU-]+)([):])")


class JavaRegexError(ValueError):
    """A Java regular expression that does not compile; ``str()`` says why."""


class UnsupportedJavaRegex(ValueError):
    """A pattern that uses Java syntax Python cannot judge; it may well be valid Java."""


def compile_java(pattern: str) -> re.Pattern[str]:
    """``pattern`` (Java syntax) compiled by Python's ``re``; raises :class:`JavaRegexError`
    or :class:`UnsupportedJavaRegex` (see the module docstring). Never warns."""
    translated = translate(pattern)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return re.compile(translated)
    except re.error as exc:
        if "look-behind requires fixed-width" in str(exc):
            raise UnsupportedJavaRegex(
                "a look-behind of variable width (Java allows bounded ones; Python cannot check it)"
            ) from None
        raise JavaRegexError(str(exc)) from None
    except (RecursionError, OverflowError, MemoryError) as exc:
        raise JavaRegexError(f"too complex to compile ({type(exc).__name__})") from None


def translate(pattern: str) -> str:
    """The Python spelling of Java ``pattern`` (see the module docstring); raises
    :class:`UnsupportedJavaRegex` for what Python cannot express and :class:`JavaRegexError`
    for an unclosed character class."""
    return _Translator(pattern).run()


class _Translator:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0
        self.out: list[str] = []
        # For each open group: how many extra ")" close it (scoped mid-pattern flags).
        self.groups: list[int] = []
        self.extra = 0  # extra ")" owed at the end of the pattern itself

    def run(self) -> str:
        while self.at < len(self.text):
            char = self.text[self.at]
            if char == "\\":
                self._escape()
            elif char == "[":
                self._character_class()
            elif char == "(":
                self._group()
            elif char == ")":
                self.at += 1
                owed = self.groups.pop() if self.groups else 0
                self.out.append(")" * (owed + 1))
            elif char in "*+?}":
                self.at += 1
                self.out.append(char)
                self._possessive()
            else:
                self.at += 1
                self.out.append(char)
        self.out.append(")" * self.extra)
        return "".join(self.out)

    def _possessive(self) -> None:
        if self.text.startswith("+", self.at) and not _POSSESSIVE:
            raise UnsupportedJavaRegex("a possessive quantifier (Python 3.11 or later checks it)")

    def _escape(self) -> None:
        following = self.text[self.at + 1 : self.at + 2]
        if following == "Q":
            end = self.text.find("\\E", self.at + 2)
            stop = len(self.text) if end < 0 else end
            self.out.append(re.escape(self.text[self.at + 2 : stop]))
            self.at = len(self.text) if end < 0 else end + 2
            return
        if following == "k" and self.text.startswith("<", self.at + 2):
            close = self.text.find(">", self.at + 3)
            name = self.text[self.at + 3 : close] if close > 0 else ""
            if close < 0 or not _GROUP_NAME.fullmatch(name):
                raise JavaRegexError(rf"\k at position {self.at} needs a group name: \k<name>")
            self.out.append(f"(?P={name})")
            self.at = close + 1
            return
        self.out.append(self._common_escape(_SIMPLE_ESCAPES))

    def _common_escape(self, table: dict[str, str]) -> str:
        """An escape valid both in and out of classes; advances past it."""
        following = self.text[self.at + 1 : self.at + 2]
        start = self.at
        self.at += 2
        if following in table:
            return table[following]
        if following in ("p", "P"):
            raise UnsupportedJavaRegex(r"a Unicode property class (\p{...}); Python's re has none")
        if following in ("G", "X"):
            raise UnsupportedJavaRegex(f"\\{following}, which Python's re does not have")
        if following == "c" and self.at < len(self.text):
            control = ord(self.text[self.at]) ^ 0x40
            self.at += 1
            return f"\\x{control:02x}" if control < 0x100 else re.escape(chr(control))
        if following == "0":
            octal = re.match(r"[0-3]?[0-7]{1,2}", self.text[self.at :])
            if octal is None:
                raise JavaRegexError(rf"\0 at position {start} needs octal digits")
            self.at += octal.end()
            return f"\\x{int(octal.group(), 8):02x}"
        if following == "x" and self.text.startswith("{", self.at):
            close = self.text.find("}", self.at)
            digits = self.text[self.at + 1 : close] if close > 0 else ""
            if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", digits) or int(digits, 16) > 0x10FFFF:
                raise JavaRegexError(rf"\x{{...}} at position {start} needs a code point")
            self.at = close + 1
            return f"\\U{int(digits, 16):08x}"
        return self.text[start : self.at]

    def _character_class(self) -> None:
        start = self.at
        parts = ["["]
        self.at += 1
        if self.text.startswith("^", self.at):
            parts.append("^")
            self.at += 1
        if self.text.startswith("]", self.at):  # a "]" first is a literal
            parts.append(r"\]")
            self.at += 1
        while self.at < len(self.text):
            char = self.text[self.at]
            if char == "]":
                self.at += 1
                self.out.append("".join([*parts, "]"]))
                return
            if char == "\\":
                if self.text.startswith("\\Q", self.at):
                    end = self.text.find("\\E", self.at + 2)
                    stop = len(self.text) if end < 0 else end
                    quoted = self.text[self.at + 2 : stop]
                    parts.append(
                        "".join(f"\\x{ord(c):02x}" if ord(c) < 0x100 else c for c in quoted)
                    )
                    self.at = len(self.text) if end < 0 else end + 2
                    continue
                if self.text.startswith("\\H", self.at):
                    raise UnsupportedJavaRegex(r"\H inside a character class; Python's re has none")
                parts.append(self._common_escape(_CLASS_ESCAPES))
                continue
            if char == "[" or self.text.startswith("&&", self.at):
                if self._class_end(start) is None:
                    break
                raise UnsupportedJavaRegex(
                    "a nested character class or && intersection, which Python's re does not have"
                )
            parts.append(char)
            self.at += 1
        raise JavaRegexError(f"unclosed character class at position {start}")

    def _class_end(self, start: int) -> int | None:
        """Where the class opened at ``start`` ends, nested classes included (None: never)."""
        depth = 0
        at = start
        while at < len(self.text):
            char = self.text[at]
            if char == "\\":
                at += 2
                continue
            if char == "[":
                depth += 1
                at += 1
                if self.text.startswith("^", at):
                    at += 1
                if self.text.startswith("]", at):
                    at += 1
                continue
            if char == "]":
                depth -= 1
                if depth == 0:
                    return at
            at += 1
        return None

    def _group(self) -> None:
        rest = self.text[self.at :]
        named = re.match(r"\(\?<([A-Za-z][A-Za-z0-9]*)>", rest)
        if named:
            self.out.append(f"(?P<{named.group(1)}>")
            self.at += named.end()
            self.groups.append(0)
            return
        if rest.startswith("(?>") and not _POSSESSIVE:
            raise UnsupportedJavaRegex("an atomic group (Python 3.11 or later checks it)")
        flags = _FLAGS.match(rest)
        if flags:
            on, _, off = flags.group(1).partition("-")
            on, off = on.replace("d", "").replace("U", ""), off.replace("d", "").replace("U", "")
            spelled = on + (f"-{off}" if off else "")
            self.at += flags.end()
            if flags.group(2) == ":":
                self.out.append(f"(?{spelled}:" if spelled else "(?:")
                self.groups.append(0)
            elif spelled:  # (?i) alone: scoped to the rest of the enclosing group
                self.out.append(f"(?{spelled}:")
                if self.groups:
                    self.groups[-1] += 1
                else:
                    self.extra += 1
            return
        self.out.append("(")
        self.at += 1
        self.groups.append(0)
