"""Java regular expressions judged with Python's re: translation, errors, and no warnings."""

from __future__ import annotations

import re
import sys
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpt_request.rules.javaregex import (
    JavaRegexError,
    UnsupportedJavaRegex,
    compile_java,
    translate,
)


def test_named_groups_and_named_back_references() -> None:
    """``(?<name>...)`` and ``\\k<name>`` match as in Java."""
    pattern = compile_java(r"(?<year>[0-9]{4})-\k<year>")
    assert pattern.fullmatch("2024-2024")
    assert not pattern.fullmatch("2024-2025")
    found = compile_java(r"loss=(?<loss>[0-9.]+)").search("epoch 3 loss=0.25")
    assert found is not None
    assert found.group("loss") == "0.25"


def test_an_unknown_back_reference_is_an_error() -> None:
    """``\\k<other>`` without a group of that name does not compile."""
    with pytest.raises(JavaRegexError, match="unknown group name"):
        compile_java(r"(?<a>x)\k<other>")
    with pytest.raises(JavaRegexError, match="needs a group name"):
        compile_java(r"\k<>")


def test_unclosed_classes_are_errors_without_warnings() -> None:
    """``[[[...`` is an unclosed class: an error, and nothing is written to stderr."""
    for pattern in ("[[[abc", "[[a]", "[a-z&&[^b]"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(JavaRegexError, match="unclosed character class"):
                compile_java(pattern)
        assert caught == []


def test_what_python_cannot_judge_is_unsupported_not_wrong() -> None:
    """Property classes, nested classes, intersections and variable look-behind are not errors."""
    for pattern in (r"\p{Alpha}+", r"\P{L}", "[a-z&&[^aeiou]]", "[a-d[m-p]]", r"(?<=a{1,3})b"):
        with pytest.raises(UnsupportedJavaRegex):
            compile_java(pattern)


def test_java_escapes_with_other_python_spellings() -> None:
    """``\\Q...\\E``, ``\\z``, ``\\h``, ``\\R``, ``\\e``, ``\\cX``, octal and ``\\x{...}``."""
    assert compile_java(r"\Qa.b[\E+").fullmatch("a.b[[[")
    assert not compile_java(r"\Qa.b\E").fullmatch("axb")
    assert compile_java(r"end\z").search("the end")
    assert not compile_java(r"end\z").search("the end\n")
    assert compile_java(r"end\Z").search("the end\n")
    assert compile_java(r"a\hb").fullmatch("a\tb")
    assert compile_java(r"a\Rb").fullmatch("a\r\nb")
    assert compile_java(r"\e\cA\0101").fullmatch("\x1b\x01A")
    assert compile_java(r"\x{1F600}").fullmatch("\U0001f600")
    assert compile_java(r"[\h\Q]-\E]+").fullmatch(" ]-\t")


def test_inline_flags_in_mid_pattern_apply_to_the_rest_of_their_group() -> None:
    """``a(?i)b`` ignores case from ``b`` on, up to the end of the enclosing group."""
    pattern = compile_java(r"a(?i)b(c(?-i)d)e")
    assert pattern.fullmatch("aBCdE")
    assert not pattern.fullmatch("ABcde")
    assert not pattern.fullmatch("abcDe")
    assert compile_java("(?d)a").fullmatch("a")  # Unix lines: nothing to do for Python


def test_possessive_quantifiers_and_atomic_groups() -> None:
    """``a++`` and ``(?>...)`` compile and give up nothing once matched, as in Java, from Python
    3.11; on Python 3.10 they cannot be judged, which is not an error."""
    if sys.version_info < (3, 11):
        for pattern in ("a++", "(?>a)"):
            with pytest.raises(UnsupportedJavaRegex, match=r"3\.11"):
                compile_java(pattern)
        return
    assert not compile_java("a++a").search("aaa")
    assert not compile_java("(?>a+)a").search("aaa")
    assert compile_java("x{1,2}+y").fullmatch("xxy")


def test_lookarounds_and_plain_groups_are_kept() -> None:
    """Look-behind, look-ahead and non-capturing groups pass through unchanged."""
    for pattern in (r"(?<=x)y(?<!z)", r"(?:a|b)(?=c)(?!d)", r"validation-auc:([0-9.]+)"):
        assert translate(pattern) == pattern


@given(st.text(alphabet="()[]{}\\^$.|?*+-&<>:=!,0123456789aQEkpzxc", max_size=20))
def test_any_text_compiles_or_says_why(pattern: str) -> None:
    """Whatever the text: a compiled pattern or one of the two errors, and never a warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome: object = compile_java(pattern)
        except (JavaRegexError, UnsupportedJavaRegex) as exc:
            outcome = str(exc)
    assert isinstance(outcome, re.Pattern) or (isinstance(outcome, str) and outcome)
    assert caught == []
