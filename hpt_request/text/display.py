"""How a request looks in a notebook: the summary, and its problems next to what they concern.

- :class:`Summary` is what ``request.summary()`` returns: a ``str`` (plain text, so ``print``,
  ``str()``, ``in`` and ``==`` work as on any string) that a bare notebook cell shows as an HTML
  table and a terminal (IPython or the plain REPL) shows as the text itself, never as a quoted
  string full of ``\\n``.
- :func:`request_html` is the request's ``_repr_html_``: a one-line verdict at the top, then the
  summary, each problem (those :func:`~hpt_request.validate` found, passed in) placed under the
  line or in the row of the search space it concerns (the line whose wire location is the
  longest prefix of the problem's), errors and warnings styled apart (colour, mark and word);
  problems that concern none of the lines are listed with their wire paths after the verdict.

A credential in the definitions' static hyperparameters or environment never shows: the summary
masks it (:func:`~hpt_request.text.summary.facts`), and so are the messages of the problems
placed next to its lines (the check masks them already; problems passed in from elsewhere are
masked here too).

The HTML carries its styles inline: a notebook has no stylesheet of ours, and GitHub's and VS
Code's notebook viewers drop ``<style>`` elements. Every message wraps to the notebook's width:
the text of a problem may break anywhere in a wire path (:data:`WRAP`, :data:`CODE`), and the
search space's cells between words (:data:`WHOLE_WORD`), so the table is no wider than the
notebook; ``docs/browser_check.py`` measures it in a window 900 pixels wide.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from hpt_request.model import CreateHyperParameterTuningJobRequest
from hpt_request.model.errors import Problem
from hpt_request.rules import secret_formats
from hpt_request.text.codes import docs_url
from hpt_request.text.summary import COLUMNS, Facts, Line, Location, facts, secrets_of, summary_text

STYLE = {
    "error": "color:#b3261e",
    "warning": "color:#8a5300",
    "clean": "color:#1e6b2f",
}
# Wire paths are long words without spaces: a problem's text may break anywhere in them, so that
# every message fits the notebook's width (inherited by everything inside the element that has
# it: each line of the summary and each list of problems).
WRAP = "overflow-wrap:anywhere;word-break:break-word"
# A wire path or code: wrapped, whatever white-space a notebook's stylesheet gives <code>.
CODE = "white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word"
# The search space's cells break between words only, so that a column is never squeezed into
# pieces of words while the problems column takes the width; a word longer than this many
# characters (a name nobody would type) may break after every WHOLE_WORD of them.
WHOLE_WORD = 24
MARK = {"error": "\u2717", "warning": "\u26a0", "clean": "\u2713"}  # ✗ ⚠ ✓


class Summary(str):
    """The summary of a request: plain text, shown as HTML in a notebook.

    It is a ``str`` whose value is the plain-text summary; ``str(summary)`` gives a plain
    ``str``. ``_repr_html_`` gives the same facts as an HTML table; ``repr()`` and IPython's
    ``_repr_pretty_`` give the text itself, so a bare cell or REPL line shows it laid out."""

    _html: str

    def __new__(cls, text: str, html_text: str) -> Summary:
        made = super().__new__(cls, text)
        made._html = html_text
        return made

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self).rstrip("\n"))

    def _repr_html_(self) -> str:
        return self._html


def summary(
    request: CreateHyperParameterTuningJobRequest,
    problems: Sequence[Problem] = (),
    settings: Any = None,
) -> Summary:
    """The summary of ``request`` as text and HTML (see :class:`Summary`), with ``problems``
    (what :func:`~hpt_request.validate` found in it): listed after the text, and placed next
    to what they concern in the HTML. ``settings`` with a price table add the worst case in
    dollars."""
    return Summary(
        summary_text(request, problems, settings), summary_html(request, problems, settings)
    )


def summary_html(
    request: CreateHyperParameterTuningJobRequest,
    problems: Sequence[Problem] = (),
    settings: Any = None,
) -> str:
    """The summary as an HTML fragment, with ``problems`` placed next to what they concern;
    those that concern no line of the summary come first, under the heading."""
    found = facts(request, settings)
    placed, unplaced = _place(found, secret_formats.masked_problems(problems, secrets_of(request)))

    def line(item: Line, *, bold: bool = False) -> str:
        text = html.escape(item.text)
        return (f"<b>{text}</b>" if bold else text) + _problem_list(placed.get(id(item), []))

    parts = [
        f'<div style="{WRAP}">{line(found.title, bold=True)}</div>',
        f'<div style="{WRAP}">{line(found.objective)}</div>',
        f'<div style="{WRAP}">{line(found.space)}</div>',
    ]
    if found.rows:
        with_problems = any(placed.get(id(row)) for row in found.rows)
        names = [*COLUMNS, "problems"] if with_problems else list(COLUMNS)
        head = "".join(f'<th style="text-align:left">{name}</th>' for name in names)
        body = []
        for row in found.rows:
            cells = [row.definition, row.name, row.kind, row.values, row.scaling]
            tds = "".join(f'<td style="text-align:left">{_breakable(c)}</td>' for c in cells)
            if with_problems:
                tds += f'<td style="text-align:left">{_problem_list(placed.get(id(row), []))}</td>'
            body.append(f"<tr>{tds}</tr>")
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    parts += [f'<div style="{WRAP}">{line(item)}</div>' for item in found.budget]
    other = _problem_list(unplaced, heading="Elsewhere in the request:") if unplaced else ""
    return f'<div class="hpt-request-summary">{other}{"".join(parts)}</div>'


def _breakable(text: str) -> str:
    """A cell's text as HTML, with a break opportunity (``<wbr/>``) after every
    :data:`WHOLE_WORD` characters of a word longer than that."""
    parts = re.split(r"(\s+)", text)
    return "".join(
        "<wbr/>".join(
            html.escape(part[start : start + WHOLE_WORD])
            for start in range(0, len(part), WHOLE_WORD)
        )
        if len(part) > WHOLE_WORD
        else html.escape(part)
        for part in parts
    )


def request_html(
    request: CreateHyperParameterTuningJobRequest,
    problems: Sequence[Problem],
    settings: Any = None,
) -> str:
    """The request in a notebook: the verdict on ``problems`` (what
    :func:`~hpt_request.validate` found in ``request``), then the summary with every problem in
    place (and the worst case in dollars when ``settings`` hold a price table)."""
    verdict = _verdict(problems)
    try:
        body = summary_html(request, problems, settings)
    except Exception:  # a request too broken to summarise: the problems say why
        body = _problem_list(problems)
    return f'<div class="hpt-request">{verdict}{body}</div>'


def verdict_text(problems: Sequence[Problem]) -> str:
    """One line: whether the request would be sent, and how many errors and warnings it has."""
    errors = sum(problem.blocking for problem in problems)
    warnings = len(problems) - errors
    if not problems:
        return "Ready: no problem found by the structural check or the cross-field rules"
    counts = ", ".join(
        f"{count} {word}{'s' if count != 1 else ''}"
        for count, word in ((errors, "error"), (warnings, "warning"))
        if count
    )
    if errors:
        return f"Not ready: {counts}; SageMaker would reject this request"
    return f"Ready, with {counts} to read: nothing blocks the request"


def _verdict(problems: Sequence[Problem]) -> str:
    kind = "error" if any(p.blocking for p in problems) else ("warning" if problems else "clean")
    return (
        f'<p class="hpt-verdict hpt-{kind}" style="{STYLE[kind]};font-weight:bold">'
        f"{MARK[kind]} {html.escape(verdict_text(problems))}</p>"
    )


def _place(
    found: Facts, problems: Sequence[Problem]
) -> tuple[dict[int, list[Problem]], list[Problem]]:
    """Each problem goes to the line or row whose location is its longest prefix."""
    targets: list[tuple[int, Location]] = []
    for item in (found.title, found.objective, found.space, *found.budget):
        targets += [(id(item), location) for location in item.locations]
    targets += [(id(row), row.location) for row in found.rows if row.location]
    placed: dict[int, list[Problem]] = {}
    unplaced: list[Problem] = []
    for problem in problems:
        best: tuple[int, int] | None = None  # (prefix length, target)
        for target, location in targets:
            size = len(location)
            if size and problem.location[:size] == location and (best is None or size > best[0]):
                best = (size, target)
        if best is None:
            unplaced.append(problem)
        else:
            placed.setdefault(best[1], []).append(problem)
    return placed, unplaced


def _problem_list(problems: Sequence[Problem], *, heading: str = "") -> str:
    if not problems:
        return ""
    items = []
    for problem in problems:
        kind = "error" if problem.blocking else "warning"
        path = html.escape(problem.path or "<request>")
        items.append(
            f'<li class="hpt-{kind}" style="{STYLE[kind]}">{MARK[kind]} {kind} '
            f'<a href="{html.escape(docs_url(problem.code))}"><code style="{CODE}">'
            f'{html.escape(problem.code)}</code></a> at <code style="{CODE}">{path}</code>: '
            f"{html.escape(problem.message)}</li>"
        )
    title = f"<div>{html.escape(heading)}</div>" if heading else ""
    return f'{title}<ul class="hpt-problems" style="margin:0.2em 0;{WRAP}">{"".join(items)}</ul>'
