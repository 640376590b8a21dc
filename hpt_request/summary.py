"""What a request asks for, at a glance: the search space, the budget, and the worst case.

:func:`worst_case` states the most a request allows before anyone spends money: for each
training job definition and instance type, training jobs x instances x maximum runtime =
instance-hours, and the tuning job's own runtime cap. A job's maximum runtime is its
``StoppingCondition.MaxRuntimeInSeconds``, or SageMaker's default of one day when it is not set.
With several definitions the jobs are shared between them, so each line is the worst case if
every job used that definition. When ``MaxNumberOfTrainingJobs`` is not set (Grid, Autotune)
the number of jobs is the grid's size, or unknown.

:func:`summary_text` and :func:`summary_html` render the same facts for a terminal and for a
notebook (``_repr_html_``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import attrs

from hpt_request import _helpers
from hpt_request.model import (
    CreateHyperParameterTuningJobRequest,
    HyperParameterTrainingJobDefinition,
    HyperParameterTuningJobObjective,
    ParameterRanges,
)
from hpt_request.rules import definitions_in_force, grid_size
from hpt_request.schema import integer_text

DEFAULT_RUNTIME = 24 * 3600  # SM:StoppingCondition.MaxRuntimeInSeconds: one day by default


@attrs.frozen
class Dimension:
    """One hyperparameter of the search space."""

    definition: str
    name: str
    kind: str
    values: str
    scaling: str


@attrs.frozen
class CostLine:
    """The worst case of one definition on one instance type."""

    definition: str
    instance_type: str
    instances: int
    jobs: int | None
    runtime_seconds: int
    runtime_is_default: bool

    @property
    def instance_hours(self) -> float | None:
        """jobs x instances x runtime, in hours (None when the number of jobs is not capped)."""
        if self.jobs is None:
            return None
        try:
            return self.jobs * self.instances * self.runtime_seconds / 3600
        except OverflowError:  # only an invalid request gets here (integers of 300+ digits)
            return math.inf


@attrs.frozen
class WorstCase:
    """The most a request allows."""

    max_jobs: int | None
    max_parallel: int
    tuning_runtime_cap: int | None
    lines: tuple[CostLine, ...]

    def instance_hours_by_type(self) -> dict[str, float]:
        """The largest instance-hours per instance type over the definitions."""
        found: dict[str, float] = {}
        for line in self.lines:
            hours = line.instance_hours
            if hours is not None:
                found[line.instance_type] = max(found.get(line.instance_type, 0.0), hours)
        return found


def _definitions(
    request: CreateHyperParameterTuningJobRequest,
) -> Iterator[
    tuple[
        str,
        HyperParameterTrainingJobDefinition,
        ParameterRanges | None,
        HyperParameterTuningJobObjective | None,
    ]
]:
    """(label, definition, ranges in force, objective in force), as the rules see them."""
    for view in definitions_in_force(request):
        label = "TrainingJobDefinition"
        if len(view.location) > 1:
            label = view.definition.definition_name or f"TrainingJobDefinitions[{view.location[1]}]"
        yield label, view.definition, view.ranges, view.objective


def search_space(request: CreateHyperParameterTuningJobRequest) -> list[Dimension]:
    """Every range in force, definition by definition."""
    rows = []
    for label, _definition, ranges, _objective in _definitions(request):
        if ranges is None:
            continue
        for bounded in ranges.integer_parameter_ranges or []:
            rows.append(
                Dimension(
                    label,
                    bounded.name,
                    "integer",
                    _span(bounded.min_value, bounded.max_value),
                    str(bounded.scaling_type or "Auto"),
                )
            )
        for real in ranges.continuous_parameter_ranges or []:
            rows.append(
                Dimension(
                    label,
                    real.name,
                    "continuous",
                    _span(real.min_value, real.max_value),
                    str(real.scaling_type or "Auto"),
                )
            )
        for listed in ranges.categorical_parameter_ranges or []:
            rows.append(Dimension(label, listed.name, "categorical", ", ".join(listed.values), ""))
        for auto in ranges.auto_parameters or []:
            rows.append(Dimension(label, auto.name, "auto", f"hint {auto.value_hint}", ""))
    return rows


def _span(low: str, high: str) -> str:
    return f"{low} .. {high}"


def _instances(definition: HyperParameterTrainingJobDefinition) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    plain = definition.resource_config
    if plain is not None:
        if plain.instance_groups:
            found += [(str(g.instance_type), g.instance_count) for g in plain.instance_groups]
        elif plain.instance_type is not None:
            found.append((str(plain.instance_type), plain.instance_count or 1))
    tuning = definition.hyper_parameter_tuning_resource_config
    if tuning is not None:
        if tuning.instance_configs:
            found += [(str(c.instance_type), c.instance_count) for c in tuning.instance_configs]
        elif tuning.instance_type is not None:
            found.append((str(tuning.instance_type), tuning.instance_count or 1))
    return found


def _job_count(request: CreateHyperParameterTuningJobRequest) -> int | None:
    config = request.hyper_parameter_tuning_job_config
    if config.resource_limits.max_number_of_training_jobs is not None:
        return config.resource_limits.max_number_of_training_jobs
    if str(config.strategy) == "Grid":
        return grid_size(request)
    return None


def worst_case(request: CreateHyperParameterTuningJobRequest) -> WorstCase:
    """The most ``request`` allows (see the module docstring)."""
    jobs = _job_count(request)
    lines = []
    for label, definition, _ranges, _objective in _definitions(request):
        runtime = definition.stopping_condition.max_runtime_in_seconds
        for instance_type, count in _instances(definition):
            lines.append(
                CostLine(
                    label, instance_type, count, jobs, runtime or DEFAULT_RUNTIME, runtime is None
                )
            )
    limits = request.hyper_parameter_tuning_job_config.resource_limits
    return WorstCase(
        jobs, limits.max_parallel_training_jobs, limits.max_runtime_in_seconds, tuple(lines)
    )


def _hours(seconds: int) -> str:
    try:
        return f"{seconds / 3600:g} h"
    except OverflowError:
        return f"{integer_text(seconds)} s"


def _facts(
    request: CreateHyperParameterTuningJobRequest,
) -> tuple[list[str], list[list[str]], list[str]]:
    """(heading lines, search-space rows, budget lines) shared by the text and HTML forms."""
    config = request.hyper_parameter_tuning_job_config
    objectives = sorted(
        {f"{o.type} {o.metric_name}" for _l, _d, _r, o in _definitions(request) if o is not None}
    )
    heading = [
        f"Tuning job {request.hyper_parameter_tuning_job_name}: {config.strategy} search"
        + (" with Autotune" if request.autotune else ""),
        "Objective: " + ("; ".join(objectives) if objectives else "not set"),
    ]
    rows = [[d.definition, d.name, d.kind, d.values, d.scaling] for d in search_space(request)]
    case = worst_case(request)
    cap = (
        f", tuning job capped at {_hours(case.tuning_runtime_cap)}"
        if case.tuning_runtime_cap
        else ""
    )
    jobs = (
        f"{integer_text(case.max_jobs)} training jobs"
        if case.max_jobs is not None
        else "training jobs not capped"
    )
    budget = [f"Budget: {jobs}, {integer_text(case.max_parallel)} in parallel{cap}"]
    for line in case.lines:
        default = " (default)" if line.runtime_is_default else ""
        hours = line.instance_hours
        total = f" = {hours:g} instance-hours" if hours is not None else ""
        count = integer_text(line.jobs) if line.jobs is not None else "?"
        budget.append(
            f"Worst case {line.definition}: {count} jobs x {integer_text(line.instances)} x "
            f"{line.instance_type} x "
            f"{_hours(line.runtime_seconds)}{default}{total}"
        )
    return heading, rows, budget


def summary_text(request: CreateHyperParameterTuningJobRequest) -> str:
    """The summary as aligned plain text."""
    heading, rows, budget = _facts(request)
    table = [["definition", "hyperparameter", "kind", "range or values", "scaling"], *rows]
    widths = [max(len(row[i]) for row in table) for i in range(5)]
    lines = [*heading, "Search space:"]
    lines += [
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    if not rows:
        lines[-1] = (
            "Search space: none (Autotune chooses)" if request.autotune else "Search space: none"
        )
    return "\n".join([*lines, *budget]) + "\n"


def summary_html(request: CreateHyperParameterTuningJobRequest) -> str:
    """The summary as an HTML fragment for notebooks."""
    import html  # only for notebooks

    heading, rows, budget = _facts(request)
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    head = "".join(
        f"<th>{name}</th>"
        for name in ("definition", "hyperparameter", "kind", "range or values", "scaling")
    )
    parts: list[Any] = [f"<p><b>{html.escape(heading[0])}</b><br>{html.escape(heading[1])}</p>"]
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>")
    parts.append("<p>" + "<br>".join(html.escape(line) for line in budget) + "</p>")
    return "".join(parts)


# The request's methods (``request.worst_case()``, ...) call these.
_helpers.provide(worst_case=worst_case, summary_text=summary_text, summary_html=summary_html)
