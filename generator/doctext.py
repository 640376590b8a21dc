"""botocore's HTML documentation of a shape or member, as one or two plain-text sentences.

botocore documents each shape and member in HTML (``<p>``, ``<code>``, ``<a>``, ``<dl>``,
``<note>``, entities). Editors show a JSON Schema ``description`` and a docstring as plain
text, and a hover is read in a glance, so :func:`summary` keeps the start of the first
paragraph only:

- tags are dropped (their text kept) and entities decoded; whitespace is collapsed, and a
  space before a punctuation mark removed, and one put between ``<code>`` and a word glued to
  it (``<code>MaxValue</code>for``);
- a sentence that only points elsewhere ("For more information, see ...") or introduces a list
  (it ends with a colon) is left out;
- the first sentence is kept, and the second too when both fit in :data:`TWO_SENTENCES`
  characters; a first paragraph that is only the introduction of a list ("Specifies one of the
  following:") is followed by the list's terms (``IDENTICAL_DATA_AND_ALGORITHM, ...``);
- a first sentence longer than :data:`LONGEST` characters is cut at a space, never inside a
  word, and ends with ``...``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

TWO_SENTENCES = 250
LONGEST = 300
# Tags that end a paragraph: what follows them is not the same sentence.
BLOCKS = frozenset(
    {"p", "li", "ul", "ol", "dl", "dt", "dd", "note", "important", "br", "div", "h1", "h2", "h3"}
)
# Words whose final full stop does not end a sentence.
ABBREVIATIONS = frozenset({"e.g.", "i.e.", "etc.", "vs.", "Inc.", "approx.", "No."})
MOST_WORDS_IN_A_TERM = 4
POINTERS = ("For more information", "For information", "For details", "For more details", "See ")
_SPACE_BEFORE_MARK = re.compile(r" ([.,;:!?])(?=\s|$)")  # "<a>groups</a> ." -> "groups."
_SENTENCE_END = re.compile(r"[.!?](?=\s+\S)")


class _Text(HTMLParser):
    """Collects the text of an HTML fragment, one string per paragraph, and the term of each
    list item (a ``<dt>``, or the start of an ``<li>`` up to its colon)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = [""]
        self.terms: list[str] = []
        self._item: str | None = None
        self._code_edge = False

    def _add(self, data: str) -> None:
        # ``<code>MaxValue</code>for``: the code is a word of its own, whatever the spacing.
        last = self.paragraphs[-1][-1:]
        if self._code_edge and last.isalnum() and data[:1].isalnum():
            data = f" {data}"
        self._code_edge = False
        self.paragraphs[-1] += data
        if self._item is not None:
            self._item += data

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._code_edge = tag == "code"
        if tag in BLOCKS:
            self.paragraphs.append("")
        if tag in ("dt", "li"):
            self._item = ""

    def handle_endtag(self, tag: str) -> None:
        self._code_edge = tag == "code"
        if tag in BLOCKS:
            self.paragraphs.append("")
        if tag in ("dt", "li") and self._item is not None:
            term = " ".join(self._item.split())
            if tag == "li":
                term = term.split(":", 1)[0] if ":" in term else ""
            if term and len(term.split()) <= MOST_WORDS_IN_A_TERM:
                self.terms.append(term)
            self._item = None

    def handle_data(self, data: str) -> None:
        self._add(data)


def _parsed(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def paragraphs(html: str) -> list[str]:
    """The plain text of each paragraph of ``html``, whitespace collapsed, empty ones left out."""
    collapsed = (
        _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split())) for text in _parsed(html).paragraphs
    )
    return [text for text in collapsed if text]


def sentences(text: str) -> list[str]:
    """``text`` split after each full stop, question or exclamation mark that ends a sentence
    (not the one of an abbreviation such as "e.g.")."""
    found: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        words = text[start : match.end()].split()
        if words and words[-1] in ABBREVIATIONS:
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    return [*found, rest] if rest else found


def _shortened(sentence: str) -> str:
    if len(sentence) <= LONGEST:
        return sentence
    cut = sentence[: LONGEST - 3].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}..."


def summary(html: str) -> str:
    """The first sentence or two of ``html``'s first paragraph, as plain text ("" if none)."""
    found = paragraphs(html)
    if not found:
        return ""
    candidates = sentences(found[0])
    kept = [s for s in candidates if not s.startswith(POINTERS) and not s.endswith(":")]
    if not kept:
        kept = candidates[:1]
        terms = _parsed(html).terms
        if kept and kept[0].endswith(":") and terms:
            kept = [f"{kept[0]} {', '.join(terms)}."]
    text = _shortened(kept[0])
    if len(kept) > 1 and len(text) + 1 + len(kept[1]) <= TWO_SENTENCES:
        text = f"{text} {kept[1]}"
    return text
