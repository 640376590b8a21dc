"""What an online check reports: a problem at a member's wire path, with its code's severity
from the catalogue and the call that found it in the message, or a "not checked" note."""

from __future__ import annotations

from collections.abc import Sequence

from hpt_request.aws.online.calls import Answer
from hpt_request.model.errors import Problem, Severity, Step, render_path
from hpt_request.text.codes import ONLINE

Location = tuple[Step, ...]

NOT_CHECKED = "online-not-checked"


def path_of(location: Sequence[Step]) -> str:
    """The wire path of a location in a request (members, list indexes)."""
    return render_path(tuple(location), [False] * len(location))


def problem(
    location: Sequence[Step],
    code: str,
    message: str,
    answer: Answer,
    *,
    severity: Severity | None = None,
) -> Problem:
    """A finding of ``answer``'s call at ``location``: ``code``'s catalogue severity unless the
    check knows better (``severity``)."""
    chosen: Severity = severity or ONLINE[code][0]
    return Problem(
        path=path_of(location),
        code=code,
        message=f"{message} (found by {answer.call})",
        severity=chosen,
        location=tuple(location),
    )


def not_checked(location: Sequence[Step], what: str, answer: Answer) -> Problem:
    """A note that ``what`` was not checked because ``answer`` gave no evidence."""
    return Problem(
        path=path_of(location),
        code=NOT_CHECKED,
        message=f"not checked: {what}: {answer.why_not()}",
        severity=ONLINE[NOT_CHECKED][0],
        location=tuple(location),
    )


def note(location: Sequence[Step], what: str, why: str) -> Problem:
    """A note that ``what`` was not checked, for a reason other than a call's answer."""
    return Problem(
        path=path_of(location),
        code=NOT_CHECKED,
        message=f"not checked: {what}: {why}",
        severity=ONLINE[NOT_CHECKED][0],
        location=tuple(location),
    )
