"""What a request asks for, at a glance: the search space, the budget, and the worst case.

:func:`worst_case` states the most a request allows before anyone spends money: for each
training job definition and instance type, training jobs x instances x maximum runtime =
instance-hours, and the tuning job's own runtime cap. A job's maximum runtime is its
``StoppingCondition.MaxRuntimeInSeconds``, or SageMaker's default of one day when it is not set.
With several definitions the jobs are shared between them, so each line is the worst case if
every job used that definition, and the lines do not add up: the worst case in all
(:attr:`WorstCase.total_instance_hours`) is the number of jobs times the largest number of
instance-hours one job can take. A job takes every group of ``ResourceConfig.InstanceGroups``
at once, but only one of ``HyperParameterTuningResourceConfig.InstanceConfigs`` (they are
alternatives). When ``MaxNumberOfTrainingJobs`` is not set (Grid, Autotune) the number of jobs
is the grid's size, or unknown.

:func:`facts` gathers what the summary says, each line with the wire locations it speaks for;
:func:`summary_text` renders it as plain text and :mod:`hpt_request.text.display` as HTML, with the
problems of :func:`~hpt_request.validate` next to the lines they concern. A credential that the
definitions' static hyperparameters or environment hold is masked wherever the summary would
show it (:func:`secrets_of`, :mod:`hpt_request.rules.secret_formats`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import attrs

from hpt_request.model import (
    CreateHyperParameterTuningJobRequest,
    HyperParameterTrainingJobDefinition,
)
from hpt_request.model.errors import Step
from hpt_request.rules import Definition, definitions_in_force, grid_size, secret_formats
from hpt_request.schema.engines import integer_text

Location = tuple[Step, ...]
DEFAULT_RUNTIME = 24 * 3600  # SM:StoppingCondition.MaxRuntimeInSeconds: one day by default


@attrs.frozen
class Dimension:
    """One hyperparameter of the search space."""

    definition: str
    name: str
    kind: str
    values: str
    scaling: str
    location: Location = ()


@attrs.frozen
class CostLine:
    """The worst case of one definition on one instance type."""

    definition: str
    instance_type: str
    instances: int
    jobs: int | None
    runtime_seconds: int
    runtime_is_default: bool
    location: Location = ()  # the definition's
    alternative: bool = False  # one of InstanceConfigs: a job uses one of them, not all
    resource_location: Location = ()  # the instance group, config or ResourceConfig

    @property
    def seconds_per_job(self) -> int:
        """instances x runtime: what one job takes on this line, in instance-seconds."""
        return self.instances * self.runtime_seconds

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

    @property
    def total_instance_hours(self) -> float | None:
        """The worst case in all: jobs x the most instance-hours one job can take (None when
        the number of jobs is not capped). Definitions share the jobs, so this is not the sum
        of the lines."""
        if self.max_jobs is None or not self.lines:
            return None
        per_definition: dict[Location, tuple[int, int]] = {}
        for line in self.lines:
            together, alternatives = per_definition.get(line.location, (0, 0))
            if line.alternative:
                alternatives = max(alternatives, line.seconds_per_job)
            else:
                together += line.seconds_per_job
            per_definition[line.location] = (together, alternatives)
        largest = max(together + alternatives for together, alternatives in per_definition.values())
        try:
            return self.max_jobs * largest / 3600
        except OverflowError:  # only an invalid request gets here (integers of 300+ digits)
            return math.inf


def _definitions(request: CreateHyperParameterTuningJobRequest) -> Iterator[tuple[str, Definition]]:
    """(label, the rules' view of the definition) for every definition in force."""
    for view in definitions_in_force(request):
        label = "TrainingJobDefinition"
        if len(view.location) > 1:
            label = view.definition.definition_name or f"TrainingJobDefinitions[{view.location[1]}]"
        yield label, view


def search_space(request: CreateHyperParameterTuningJobRequest) -> list[Dimension]:
    """Every range in force, definition by definition."""
    rows = []
    for label, view in _definitions(request):
        for kind, name, location, item in view.named_ranges():
            if kind in ("integer", "continuous"):
                values = _span(item.min_value, item.max_value)
                scaling = str(item.scaling_type or "Auto")
            elif kind == "categorical":
                values, scaling = ", ".join(item.values), ""
            else:
                values, scaling = f"hint {item.value_hint}", ""
            rows.append(Dimension(label, name, kind, values, scaling, location))
    return rows


def _span(low: str, high: str) -> str:
    return f"{low} .. {high}"


def _instances(
    definition: HyperParameterTrainingJobDefinition,
) -> list[tuple[str, int, tuple[str | int, ...], bool]]:
    """(instance type, count, location relative to the definition, is an alternative)."""
    found: list[tuple[str, int, tuple[str | int, ...], bool]] = []
    plain = definition.resource_config
    if plain is not None:
        if plain.instance_groups:
            found += [
                (
                    str(g.instance_type),
                    g.instance_count,
                    ("ResourceConfig", "InstanceGroups", i),
                    False,
                )
                for i, g in enumerate(plain.instance_groups)
            ]
        elif plain.instance_type is not None:
            found.append(
                (str(plain.instance_type), plain.instance_count or 1, ("ResourceConfig",), False)
            )
    tuning = definition.hyper_parameter_tuning_resource_config
    if tuning is not None:
        where = "HyperParameterTuningResourceConfig"
        if tuning.instance_configs:
            found += [
                (str(c.instance_type), c.instance_count, (where, "InstanceConfigs", i), True)
                for i, c in enumerate(tuning.instance_configs)
            ]
        elif tuning.instance_type is not None:
            found.append((str(tuning.instance_type), tuning.instance_count or 1, (where,), False))
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
    for label, view in _definitions(request):
        runtime = view.definition.stopping_condition.max_runtime_in_seconds
        for instance_type, count, where, alternative in _instances(view.definition):
            lines.append(
                CostLine(
                    label,
                    instance_type,
                    count,
                    jobs,
                    runtime or DEFAULT_RUNTIME,
                    runtime is None,
                    view.location,
                    alternative,
                    (*view.location, *where),
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


@attrs.frozen
class Line:
    """One line of the summary, with the wire locations whose problems belong next to it."""

    text: str
    locations: tuple[Location, ...] = ()


@attrs.frozen
class Facts:
    """What the summary says, shared by the text and HTML renderings."""

    title: Line
    objective: Line
    space: Line  # "Search space:" or why there is none
    rows: list[Dimension]
    budget: list[Line]


CONFIG = "HyperParameterTuningJobConfig"
COLUMNS = ("definition", "hyperparameter", "kind", "range or values", "scaling")


def facts(request: CreateHyperParameterTuningJobRequest) -> Facts:
    """The facts of the summary (see the module docstring)."""
    config = request.hyper_parameter_tuning_job_config
    views = list(_definitions(request))
    objectives = sorted(
        {f"{v.objective.type} {v.objective.metric_name}" for _l, v in views if v.objective}
    )
    title = Line(
        f"Tuning job {request.hyper_parameter_tuning_job_name}: {config.strategy} search"
        + (" with Autotune" if request.autotune else ""),
        (
            ("HyperParameterTuningJobName",),
            (CONFIG, "Strategy"),
            (CONFIG, "StrategyConfig"),
            (CONFIG, "TrainingJobEarlyStoppingType"),
            (CONFIG, "TuningJobCompletionCriteria"),
            ("Autotune",),
        ),
    )
    objective = Line(
        "Objective: " + ("; ".join(objectives) if objectives else "not set"),
        ((CONFIG, "HyperParameterTuningJobObjective"), *(v.objective_location for _l, v in views)),
    )
    rows = search_space(request)
    if rows:
        space_text = "Search space:"
    elif request.autotune:
        space_text = "Search space: none (Autotune chooses)"
    else:
        space_text = "Search space: none"
    space = Line(space_text, ((CONFIG, "ParameterRanges"), *(v.ranges_location for _l, v in views)))
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
    budget = [
        Line(
            f"Budget: {jobs}, {integer_text(case.max_parallel)} in parallel{cap}",
            ((CONFIG, "ResourceLimits"),),
        )
    ]
    for line in case.lines:
        default = " (default)" if line.runtime_is_default else ""
        hours = line.instance_hours
        total = f" = {hours:g} instance-hours" if hours is not None else ""
        count = integer_text(line.jobs) if line.jobs is not None else "?"
        budget.append(
            Line(
                f"Worst case {line.definition}: {count} jobs x {integer_text(line.instances)} x "
                f"{line.instance_type} x {_hours(line.runtime_seconds)}{default}{total}",
                (line.resource_location, (*line.location, "StoppingCondition")),
            )
        )
    if len(case.lines) > 1:
        budget.append(Line(_total_text(case)))
    found = Facts(title, objective, space, rows, budget)
    secrets = secrets_of(request)
    return _masked_facts(found, secrets) if secrets else found


def secrets_of(request: CreateHyperParameterTuningJobRequest) -> frozenset[str]:
    """The credentials in the definitions' static hyperparameters and environment values."""
    return secret_formats.in_definitions(view.definition for view in definitions_in_force(request))


def _masked_facts(found: Facts, secrets: frozenset[str]) -> Facts:
    """``found`` with every credential of ``secrets`` masked in its texts."""

    def line(item: Line) -> Line:
        return attrs.evolve(item, text=secret_formats.masked(item.text, secrets))

    def row(item: Dimension) -> Dimension:
        return attrs.evolve(
            item,
            name=secret_formats.masked(item.name, secrets),
            values=secret_formats.masked(item.values, secrets),
        )

    return Facts(
        line(found.title),
        line(found.objective),
        line(found.space),
        [row(item) for item in found.rows],
        [line(item) for item in found.budget],
    )


def _total_text(case: WorstCase) -> str:
    total = case.total_instance_hours
    if total is None:
        return "Worst case in all: not known (the number of training jobs is not capped)"
    definitions = len({line.location for line in case.lines})
    why = (
        f"the {integer_text(case.max_jobs or 0)} jobs are shared between the definitions, "
        "so the lines above do not add up"
        if definitions > 1
        else "every job takes all of the lines above"
    )
    if any(line.alternative for line in case.lines):
        why = "each job takes the largest of the alternatives above"
        if definitions > 1:
            why += ", and the jobs are shared between the definitions"
    return f"Worst case in all: {total:g} instance-hours ({why})"


def summary_text(request: CreateHyperParameterTuningJobRequest) -> str:
    """The summary as aligned plain text."""
    found = facts(request)
    lines = [found.title.text, found.objective.text, found.space.text]
    if found.rows:
        table = [
            list(COLUMNS),
            *([d.definition, d.name, d.kind, d.values, d.scaling] for d in found.rows),
        ]
        widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
        lines += [
            "  "
            + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in table
        ]
    lines += [line.text for line in found.budget]
    return "\n".join(lines) + "\n"
