"""Try a request's metric regexes on training log text, offline, before paying for a job.

A tuning job whose objective metric regex matches nothing in the training logs fails hours
later with "no objective metric found". :func:`check_metrics` applies each training job
definition's ``AlgorithmSpecification.MetricDefinitions`` to sample log text the way SageMaker
reads the logs:

- the regex is Java's (``java.util.regex``), translated as the cross-field rules translate it
  (:func:`hpt_request.rules.javaregex.compile_java`);
- it is searched in every line of the log, every match of the line counting (Java's
  ``Matcher.find``); the metric's value is the regex's first capture group, and a value counts
  only if it parses as a number (a regex without a group, or a capture such as ``"abc"``,
  gives no value);
- the tuning job ranks a training job by the last value of its objective metric (the API's
  ``FinalHyperParameterTuningJobObjectiveMetric``: "the latest objective metric emitted").

Matching has a time bound: a regex with nested quantifiers, such as ``^(a+)+$``, can make a
backtracking engine (Python's ``re``) take longer than anyone waits on a single line of forty
characters. The regexes are matched with the ``regex`` package, which takes a timeout and
backtracks less on such patterns, and all the regexes of one call share ``timeout`` seconds
(:data:`METRICS_SECONDS` by default): each gets an equal share of the time left when its turn
comes, so a fast one leaves its unused time to the next. A regex still matching when its share
runs out is not judged (:attr:`MetricResult.judged` is false, and its ``error`` says on which
line of the log it stopped), so the verdict on its metric is unknown.

For a built-in algorithm (its image is one of SageMaker's, and no script runs in it), the
algorithm emits its metrics itself and the request has no regexes to try: the report then says
which algorithm it is and whether the objective metric is one the algorithm lists
(``hpt_request/data/algorithms.json``, from the Developer Guide's tuning pages).

The report says, for each definition, what every metric captured and whether the objective
metric was found; :attr:`MetricsReport.ok` is false when some definition's objective metric
captures no number (the command line's ``hpt-request metrics`` then exits 1).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from typing import Any

import attrs

from hpt_request.model import CreateHyperParameterTuningJobRequest
from hpt_request.rules import definitions_in_force
from hpt_request.rules._core import Definition
from hpt_request.rules.algorithms import framework_mode, identify
from hpt_request.rules.javaregex import JavaRegexError, UnsupportedJavaRegex, compile_java

__all__ = [
    "METRICS_SECONDS",
    "DefinitionReport",
    "MetricResult",
    "MetricsReport",
    "check_metrics",
    "render",
]

SHOWN = 5  # values listed per metric in the text report (then "...", then the last)
METRICS_SECONDS = 20.0
"""The time all the regexes of one :func:`check_metrics` call may take to match, by default."""


@attrs.frozen
class MetricResult:
    """What one metric definition captured from the log."""

    name: str
    regex: str
    values: tuple[float, ...] = ()
    not_numbers: tuple[str, ...] = ()  # captures that do not parse as numbers
    error: str | None = None  # the regex does not compile, or cannot be judged offline
    judged: bool = True  # False: Java syntax Python cannot judge (the result is unknown)


@attrs.frozen
class DefinitionReport:
    """One training job definition: its objective and what its metrics captured."""

    label: str
    objective: str | None
    direction: str | None
    metrics: tuple[MetricResult, ...]
    builtin: str | None = None  # the built-in algorithm's title, when the image is one
    builtin_metrics: tuple[str, ...] = ()  # the metrics that algorithm lists

    @property
    def objective_result(self) -> MetricResult | None:
        """The metric definition of the objective metric, or None."""
        return next((m for m in self.metrics if m.name == self.objective), None)

    @property
    def ok(self) -> bool | None:
        """Whether the objective metric is found: for a built-in algorithm, whether it is one
        the algorithm lists; otherwise whether its regex captured a number. None when its regex
        cannot be judged offline."""
        if self.builtin is not None:
            return self.objective in self.builtin_metrics
        found = self.objective_result
        if found is None:
            return False
        if not found.judged:
            return None
        return bool(found.values)


@attrs.frozen
class MetricsReport:
    """The metrics of every definition of a request, tried on one log."""

    definitions: tuple[DefinitionReport, ...]

    @property
    def ok(self) -> bool:
        """True when every definition's objective metric is found (or cannot be judged)."""
        return all(report.ok is not False for report in self.definitions)

    def __str__(self) -> str:
        return render(self)


def _number(text: str) -> float | None:
    """The number ``text`` spells (surrounding spaces allowed, as Java's ``Float.parseFloat``
    allows them), or None; Python's digit separators (``1_000``) are not numbers."""
    if "_" in text:
        return None
    try:
        return float(text.strip())
    except ValueError:
        return None


class _Clock:
    """The time left for matching, shared out among the regexes still to try."""

    def __init__(self, seconds: float, regexes: int) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.left = regexes

    def share(self) -> float:
        """The seconds the next regex may take: an equal share of what is left."""
        remaining = max(self.deadline - time.monotonic(), 0.0)
        share = remaining / max(self.left, 1)
        self.left -= 1
        return share


@functools.cache
def _engine() -> Any:
    """The ``regex`` package, which matches with a timeout (imported on first use; it has no
    type stubs, and is used as ``Any``)."""
    import regex

    return regex


def _timed_out(name: str, regex: str, share: float, seconds: float, line: int) -> MetricResult:
    return MetricResult(
        name,
        regex,
        error=(
            f"cannot be judged offline: it was still matching line {line} of the log when its "
            f"share of the time bound ran out ({share:.2g} of {seconds:g} seconds); nested "
            "quantifiers such as (a+)+ make a backtracking engine's time grow exponentially "
            "with the length of the line"
        ),
        judged=False,
    )


def _compiled(name: str, regex: str) -> Any:
    """The regex compiled for matching, or the result that says why it cannot be tried."""
    try:
        return _engine().compile(compile_java(regex).pattern)
    except UnsupportedJavaRegex as exc:
        return MetricResult(name, regex, error=f"cannot be judged offline: {exc}", judged=False)
    except JavaRegexError as exc:
        return MetricResult(name, regex, error=f"does not compile: {exc}")
    except _engine().error as exc:  # what re compiles but the matching engine does not
        error = f"cannot be judged offline: {exc}"
        return MetricResult(name, regex, error=error, judged=False)


def _matches(pattern: Any, line: str, deadline: float) -> Iterator[Any]:
    """Each match of ``pattern`` in ``line`` (Java's ``Matcher.find``); raises TimeoutError
    once ``deadline`` has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    # The timeout bounds each search for the next match; the deadline, all of them.
    for match in pattern.finditer(line, timeout=left):
        yield match
        if time.monotonic() > deadline:
            raise TimeoutError


def _try(name: str, regex: str, lines: list[str], clock: _Clock) -> MetricResult:
    share = clock.share()
    pattern = _compiled(name, regex)
    if isinstance(pattern, MetricResult):
        return pattern
    deadline = time.monotonic() + share
    values: list[float] = []
    not_numbers: list[str] = []
    for number, line in enumerate(lines, 1):
        try:
            for match in _matches(pattern, line, deadline):
                captured = match.group(1) if pattern.groups else None
                value = _number(captured) if captured is not None else None
                if value is None:
                    not_numbers.append(match.group(0) if captured is None else captured)
                else:
                    values.append(value)
        except TimeoutError:
            return _timed_out(name, regex, share, clock.seconds, number)
    return MetricResult(name, regex, tuple(values), tuple(not_numbers))


def _regex_count(views: list[Definition]) -> int:
    """How many metric regexes the definitions hold."""
    return sum(
        len(view.definition.algorithm_specification.metric_definitions or []) for view in views
    )


def check_metrics(
    request: CreateHyperParameterTuningJobRequest, log: str, *, timeout: float = METRICS_SECONDS
) -> MetricsReport:
    """Apply every definition's metric regexes to ``log`` (see the module docstring), all of
    them within ``timeout`` seconds of matching (a regex still matching when its share of them
    runs out is not judged)."""
    lines = log.splitlines()
    views = definitions_in_force(request)
    clock = _Clock(timeout, _regex_count(views))
    reports = []
    for view in views:
        definition = view.definition
        label = "TrainingJobDefinition"
        if len(view.location) > 1:
            label = definition.definition_name or f"TrainingJobDefinitions[{view.location[1]}]"
        spec = definition.algorithm_specification
        objective = view.objective.metric_name if view.objective else None
        direction = str(view.objective.type) if view.objective else None
        metrics = tuple(_try(m.name, m.regex, lines, clock) for m in spec.metric_definitions or [])
        algorithm = identify(spec.training_image) if spec.training_image else None
        if (
            algorithm is not None
            and not metrics
            and not framework_mode(definition.static_hyper_parameters)
        ):
            names = tuple(metric.name for metric in algorithm.metrics)
            reports.append(
                DefinitionReport(label, objective, direction, (), algorithm.title, names)
            )
        else:
            reports.append(DefinitionReport(label, objective, direction, metrics))
    return MetricsReport(tuple(reports))


def _values(result: MetricResult) -> str:
    shown = [f"{value:g}" for value in result.values]
    if len(shown) > SHOWN:
        shown = [*shown[: SHOWN - 1], "...", shown[-1]]
    count = len(result.values)
    return f"{count} value{'s' if count != 1 else ''}: {', '.join(shown)}"


def _metric_line(result: MetricResult, objective: bool) -> str:
    if result.error is not None:
        found = f"regex {result.error}"
    elif result.values:
        found = _values(result)
    elif result.not_numbers:
        sample = ", ".join(repr(text) for text in result.not_numbers[:3])
        found = f"matched {len(result.not_numbers)} time(s) but captured no number ({sample})"
    else:
        found = "no match"
    return f"  {result.name}{' (objective)' if objective else ''}: {found}"


def _verdict(report: DefinitionReport) -> str:
    name = report.objective or "(none)"
    if report.builtin is not None:
        if report.ok:
            return (
                f"  objective {name}: {report.builtin} is a built-in algorithm that emits "
                "this metric itself (no regex to try)"
            )
        listed = ", ".join(report.builtin_metrics) or "none"
        return f"  objective {name}: NOT one of the metrics {report.builtin} emits ({listed})"
    found = report.objective_result
    if found is None:
        return f"  objective {name}: NOT FOUND: no MetricDefinition is named {name}"
    if report.ok is None:
        return f"  objective {name}: unknown: its regex {found.error}"
    if report.ok:
        return (
            f"  objective {name}: found; the tuning job ranks this job by the last value, "
            f"{found.values[-1]:g} ({report.direction})"
        )
    return (
        f"  objective {name}: NOT FOUND: its regex captures no number in this log; the "
        'tuning job would fail with "no objective metric found"'
    )


def _lines(report: MetricsReport) -> Iterator[str]:
    for definition in report.definitions:
        yield f"{definition.label}:"
        if definition.builtin is None:
            for result in definition.metrics:
                yield _metric_line(result, result.name == definition.objective)
        yield _verdict(definition)


def render(report: MetricsReport) -> str:
    """The report as plain text, one line per metric and one verdict per definition."""
    return "\n".join(_lines(report)) + "\n"
