"""The quick test of whether a value may hold a credential with a prefix
(:func:`hpt_request.rules.secret_formats.hinted`) answers as the case-insensitive search of the
hints (``_HINTS``) does, on any text: ASCII or not, with hints in any case or none."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hpt_request.rules import secret_formats

# Every hint spelled out (the character classes of gh[pousr]_ and xox[abposr]- expanded).
HINTS = (
    "AKIA",
    "ASIA",
    "aws_secret_access_key",
    "IQoJb3JpZ2luX2Vj",
    "FwoGZXIvYXdzE",
    "-----BEGIN ",
    *(f"gh{letter}_" for letter in "pousr"),
    "github_pat_",
    *(f"xox{letter}-" for letter in "abposr"),
    "hf_",
    "AIza",
    "_live_",
    "sk-",
)


def _recased(text: str, upper: list[bool]) -> str:
    return "".join(
        char.upper() if flip else char.lower() for char, flip in zip(text, upper, strict=False)
    )


@st.composite
def values(draw: st.DrawFn) -> str:
    """Text around a hint (in any case, a letter of it perhaps replaced), or plain text."""
    around = st.text(max_size=20) | st.text(alphabet=st.characters(max_codepoint=127), max_size=20)
    before, after = draw(around), draw(around)
    hint = draw(st.sampled_from(HINTS) | st.just(""))
    hint = _recased(hint, draw(st.lists(st.booleans(), min_size=len(hint), max_size=len(hint))))
    if hint and draw(st.booleans()):
        at = draw(st.integers(0, len(hint) - 1))
        hint = hint[:at] + draw(st.characters()) + hint[at + 1 :]
    return before + hint + after


@given(values())
def test_hinted_answers_as_the_case_insensitive_search(value: str) -> None:
    """hinted() and _HINTS.search agree on every value."""
    expected = secret_formats._HINTS.search(value) is not None
    assert secret_formats.hinted(value) is expected


def test_each_hint_in_any_case_is_hinted_and_text_without_one_is_not() -> None:
    """Each hint is found in upper, lower and its own case, inside other text; a long text
    without any is not hinted."""
    for hint in HINTS:
        for spelling in (hint, hint.lower(), hint.upper()):
            assert secret_formats.hinted(f"x{spelling}y"), spelling
            assert secret_formats.hinted(f"é{spelling}"), spelling
    assert not secret_formats.hinted('{"layers": [' + ", ".join(map(str, range(600))) + "]}")
    # Non-ASCII letters that match an ASCII one without regard to case (the Kelvin sign K,
    # the long s) are found as the case-insensitive search finds them.
    assert secret_formats.hinted("a\u212aia") is (
        secret_formats._HINTS.search("a\u212aia") is not None
    )
    assert secret_formats.hinted("\u017fk-") is (
        secret_formats._HINTS.search("\u017fk-") is not None
    )
