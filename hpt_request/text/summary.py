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

The summary is made of any request object, however broken: a member set to None where the model
requires a value, or holding a value of the wrong type, leaves :data:`UNREADABLE` (``?``) where
it would be shown (a whole worst-case line, where a definition's resources or stopping condition
cannot be read), and the rest is shown as it is; the problems that say why are listed with it.
The text's table cuts each cell to :data:`MAX_CELL` characters (an ellipsis marks the cut, and a
line says so), so that the text grows with the number of rows, not with rows times the widest
cell.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from hpt_request.model import (
    CreateHyperParameterTuningJobRequest,
    HyperParameterTrainingJobDefinition,
    HyperParameterTuningJobConfig,
    HyperParameterTuningJobObjective,
    ParameterRanges,
)
from hpt_request.model.errors import Problem, Step
from hpt_request.rules import context, costs, definitions_in_force, grid_size, secret_formats
from hpt_request.schema.engines import integer_text

Location = tuple[Step, ...]
DEFAULT_RUNTIME = 24 * 3600  # SM:StoppingCondition.MaxRuntimeInSeconds: one day by default
UNREADABLE = "?"  # what the summary shows for a value it cannot read
MAX_CELL = 60  # characters of a cell of the text's table, at most (the ellipsis included)
ELLIPSIS = "\u2026"
CONFIG = "HyperParameterTuningJobConfig"
COLUMNS = ("definition", "hyperparameter", "kind", "range or values", "scaling")


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
        return _total_instance_hours(self.max_jobs, self.lines)


def _total_instance_hours(max_jobs: int | None, lines: Sequence[CostLine]) -> float | None:
    if max_jobs is None or not lines:
        return None
    per_definition: dict[Location, tuple[int, int]] = {}
    for line in lines:
        together, alternatives = per_definition.get(line.location, (0, 0))
        if line.alternative:
            alternatives = max(alternatives, line.seconds_per_job)
        else:
            together += line.seconds_per_job
        per_definition[line.location] = (together, alternatives)
    largest = max(together + alternatives for together, alternatives in per_definition.values())
    try:
        return max_jobs * largest / 3600
    except OverflowError:  # only an invalid request gets here (integers of 300+ digits)
        return math.inf


def _member(obj: object, name: str) -> Any:
    """``obj.name``, or None where ``obj`` has no such member (it is None, or of another type
    than the model holds there)."""
    try:
        return getattr(obj, name)
    except Exception:
        return None


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: object) -> str:
    """A value as the summary shows it: text and enum members as their text, integers in
    digits, anything else (None where a value is required, a value of another type) as
    :data:`UNREADABLE`."""
    if isinstance(value, enum.Enum) and isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, str):
        return value
    if _is_integer(value):
        return integer_text(value)  # type: ignore[arg-type]  # an int, as _is_integer says
    return UNREADABLE


@attrs.frozen
class View:
    """One training job definition in force, with its label and the ranges and objective that
    apply to it (None where there are none, :data:`UNREADABLE` where the configuration that
    holds them cannot be read)."""

    label: str
    definition: HyperParameterTrainingJobDefinition
    location: Location
    ranges: Any
    ranges_location: Location
    objective: Any
    objective_location: Location


def views(request: CreateHyperParameterTuningJobRequest) -> list[View]:
    """Every training job definition in force that is a definition object (others cannot be
    summarised: their problems say what is wrong)."""
    found = []
    several = _member(request, "training_job_definitions")
    if several is not None:
        for index, item in enumerate(several if isinstance(several, list | tuple) else ()):
            if not isinstance(item, HyperParameterTrainingJobDefinition):
                continue
            where: Location = ("TrainingJobDefinitions", index)
            name = _member(item, "definition_name")
            label = name if isinstance(name, str) and name else f"TrainingJobDefinitions[{index}]"
            found.append(
                View(
                    label,
                    item,
                    where,
                    _member(item, "hyper_parameter_ranges"),
                    (*where, "HyperParameterRanges"),
                    _member(item, "tuning_objective"),
                    (*where, "TuningObjective"),
                )
            )
        return found
    single = _member(request, "training_job_definition")
    if isinstance(single, HyperParameterTrainingJobDefinition):
        config = _member(request, "hyper_parameter_tuning_job_config")
        readable = isinstance(config, HyperParameterTuningJobConfig)
        found.append(
            View(
                "TrainingJobDefinition",
                single,
                ("TrainingJobDefinition",),
                _member(config, "parameter_ranges") if readable else UNREADABLE,
                (CONFIG, "ParameterRanges"),
                _member(config, "hyper_parameter_tuning_job_objective") if readable else UNREADABLE,
                (CONFIG, "HyperParameterTuningJobObjective"),
            )
        )
    return found


RANGE_KINDS = (
    ("integer", "integer_parameter_ranges", "IntegerParameterRanges"),
    ("continuous", "continuous_parameter_ranges", "ContinuousParameterRanges"),
    ("categorical", "categorical_parameter_ranges", "CategoricalParameterRanges"),
    ("auto", "auto_parameters", "AutoParameters"),
)


def _dimension(label: str, kind: str, item: object, location: Location) -> Dimension:
    if kind in ("integer", "continuous"):
        low, high = _member(item, "min_value"), _member(item, "max_value")
        values = f"{_shown(low)} .. {_shown(high)}"
        scaling = _member(item, "scaling_type")
        scaling_text = "Auto" if scaling is None else _shown(scaling)
    elif kind == "categorical":
        listed = _member(item, "values")
        values = ", ".join(map(_shown, listed)) if isinstance(listed, list | tuple) else UNREADABLE
        scaling_text = ""
    else:
        values, scaling_text = f"hint {_shown(_member(item, 'value_hint'))}", ""
    return Dimension(label, _shown(_member(item, "name")), kind, values, scaling_text, location)


def _dimensions(view: View) -> Iterator[Dimension]:
    """The ranges of one definition, in the walk order of the rules (integer, continuous,
    categorical, auto); a list that is not a list has no rows (its problem says so)."""
    for kind, name, member in RANGE_KINDS:
        items = _member(view.ranges, name)
        for index, item in enumerate(items if isinstance(items, list | tuple) else ()):
            yield _dimension(view.label, kind, item, (*view.ranges_location, member, index))


def search_space(request: CreateHyperParameterTuningJobRequest) -> list[Dimension]:
    """Every range in force, definition by definition."""
    return [row for view in views(request) for row in _dimensions(view)]


def _job_count(request: CreateHyperParameterTuningJobRequest) -> int | None:
    config = request.hyper_parameter_tuning_job_config
    if config.resource_limits.max_number_of_training_jobs is not None:
        return config.resource_limits.max_number_of_training_jobs
    if str(config.strategy) == "Grid":
        return grid_size(request)
    return None


def _cost_lines(view: View, jobs: int | None) -> list[CostLine]:
    """The worst case of one definition, one line per instance type (or group, or config)."""
    runtime = view.definition.stopping_condition.max_runtime_in_seconds
    return [
        CostLine(
            view.label,
            instance_type,
            count,
            jobs,
            runtime or DEFAULT_RUNTIME,
            runtime is None,
            view.location,
            alternative,
            where,
        )
        for where, instance_type, count, alternative in costs.parts(view, _shown)
    ]


def worst_case(request: CreateHyperParameterTuningJobRequest) -> WorstCase:
    """The most ``request`` allows (see the module docstring)."""
    jobs = _job_count(request)
    lines = [line for view in views(request) for line in _cost_lines(view, jobs)]
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


def _title(request: CreateHyperParameterTuningJobRequest) -> Line:
    config = _member(request, "hyper_parameter_tuning_job_config")
    name = _shown(_member(request, "hyper_parameter_tuning_job_name"))
    strategy = _shown(_member(config, "strategy"))
    autotune = " with Autotune" if _member(request, "autotune") is not None else ""
    return Line(
        f"Tuning job {name}: {strategy} search{autotune}",
        (
            ("HyperParameterTuningJobName",),
            (CONFIG, "Strategy"),
            (CONFIG, "StrategyConfig"),
            (CONFIG, "TrainingJobEarlyStoppingType"),
            (CONFIG, "TuningJobCompletionCriteria"),
            ("Autotune",),
        ),
    )


def _objective_text(objective: object) -> str | None:
    """``Type MetricName`` of an objective; None if there is none."""
    if objective is None:
        return None
    if not isinstance(objective, HyperParameterTuningJobObjective):
        return UNREADABLE
    return f"{_shown(objective.type)} {_shown(objective.metric_name)}"


def _objective(found: list[View]) -> Line:
    objectives = sorted({text for v in found if (text := _objective_text(v.objective)) is not None})
    return Line(
        "Objective: " + ("; ".join(objectives) if objectives else "not set"),
        ((CONFIG, "HyperParameterTuningJobObjective"), *(v.objective_location for v in found)),
    )


def _space(
    request: CreateHyperParameterTuningJobRequest, rows: list[Dimension], found: list[View]
) -> Line:
    if rows:
        text = "Search space:"
    elif any(v.ranges is not None and not isinstance(v.ranges, ParameterRanges) for v in found):
        text = f"Search space: {UNREADABLE}"
    elif _member(request, "autotune") is not None:
        text = "Search space: none (Autotune chooses)"
    else:
        text = "Search space: none"
    return Line(text, ((CONFIG, "ParameterRanges"), *(v.ranges_location for v in found)))


def _jobs_text(jobs: int | str | None) -> str:
    if isinstance(jobs, int):
        return f"{integer_text(jobs)} training jobs"
    return "training jobs not capped" if jobs is None else f"{UNREADABLE} training jobs"


def _budget_line(request: CreateHyperParameterTuningJobRequest, jobs: int | str | None) -> Line:
    limits = _member(_member(request, "hyper_parameter_tuning_job_config"), "resource_limits")
    parallel = _shown(_member(limits, "max_parallel_training_jobs"))
    cap_value = _member(limits, "max_runtime_in_seconds")
    cap = ""
    if _is_integer(cap_value) and cap_value:
        cap = f", tuning job capped at {_hours(cap_value)}"
    elif cap_value is not None and not _is_integer(cap_value):
        cap = f", tuning job capped at {UNREADABLE}"
    return Line(
        f"Budget: {_jobs_text(jobs)}, {parallel} in parallel{cap}", ((CONFIG, "ResourceLimits"),)
    )


def _cost_text(line: CostLine) -> Line:
    default = " (default)" if line.runtime_is_default else ""
    hours = line.instance_hours
    total = f" = {hours:g} instance-hours" if hours is not None else ""
    count = integer_text(line.jobs) if line.jobs is not None else UNREADABLE
    return Line(
        f"Worst case {line.definition}: {count} jobs x {integer_text(line.instances)} x "
        f"{line.instance_type} x {_hours(line.runtime_seconds)}{default}{total}",
        (line.resource_location, (*line.location, "StoppingCondition")),
    )


def _unreadable_cost(view: View) -> Line:
    where = view.location
    return Line(
        f"Worst case {view.label}: {UNREADABLE} (its resources or stopping condition cannot be "
        "read)",
        (
            (*where, "ResourceConfig"),
            (*where, "HyperParameterTuningResourceConfig"),
            (*where, "StoppingCondition"),
        ),
    )


def _budget(request: CreateHyperParameterTuningJobRequest, found: list[View]) -> list[Line]:
    """The budget line, then the worst case of each definition, and in all when there are
    several lines; a part that cannot be read is shown as unreadable."""
    try:
        jobs: int | str | None = _job_count(request)
    except Exception:  # the limits or the ranges of a Grid cannot be read
        jobs = UNREADABLE
    budget = [_budget_line(request, jobs)]
    known = jobs if isinstance(jobs, int) else None
    lines: list[CostLine] = []
    for view in found:
        try:
            costs = _cost_lines(view, known)
            texts = [_cost_text(line) for line in costs]
        except Exception:  # a member of the wrong type, or None where one is required
            budget.append(_unreadable_cost(view))
            continue
        lines += costs
        budget += texts
    if len(lines) > 1:
        budget.append(Line(_total_text(known, lines)))
    return budget


def facts(request: CreateHyperParameterTuningJobRequest, settings: Any = None) -> Facts:
    """The facts of the summary (see the module docstring); with ``settings`` that hold a price
    table (:class:`~hpt_request.rules.settings.RuleSettings`), the worst case in dollars too."""
    found = views(request)
    rows = search_space(request)
    made = Facts(
        _title(request),
        _objective(found),
        _space(request, rows, found),
        rows,
        _budget(request, found) + dollar_lines(request, settings),
    )
    secrets = secrets_of(request)
    return _masked_facts(made, secrets) if secrets else made


def dollar_lines(request: CreateHyperParameterTuningJobRequest, settings: Any) -> list[Line]:
    """The worst case in dollars, per definition and in all (:mod:`hpt_request.rules.costs`),
    when ``settings`` hold a price table; nothing otherwise."""
    if settings is None or getattr(settings, "prices", None) is None:
        return []
    try:
        found = costs.dollars(context(request, settings=settings))
    except Exception:  # a request too broken to price: its problems say why
        return [Line(f"Worst case in dollars: {UNREADABLE}")]
    if found is None:
        return [Line("Worst case in dollars: not known (no region: give --region or AWS_REGION)")]
    return [Line(text, (where,) if where else ()) for text, where in costs.dollar_texts(found)]


def secrets_of(request: CreateHyperParameterTuningJobRequest) -> frozenset[str]:
    """The credentials in the definitions' static hyperparameters and environment values (none
    where the request is too broken to read them)."""
    try:
        definitions = [view.definition for view in definitions_in_force(request)]
        return secret_formats.in_definitions(definitions)
    except Exception:  # a broken object: what the summary shows of it is masked no further
        return frozenset()


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


def _total_text(max_jobs: int | None, lines: Sequence[CostLine]) -> str:
    total = _total_instance_hours(max_jobs, lines)
    if total is None:
        return "Worst case in all: not known (the number of training jobs is not capped)"
    definitions = len({line.location for line in lines})
    why = (
        f"the {integer_text(max_jobs or 0)} jobs are shared between the definitions, "
        "so the lines above do not add up"
        if definitions > 1
        else "every job takes all of the lines above"
    )
    if any(line.alternative for line in lines):
        why = "each job takes the largest of the alternatives above"
        if definitions > 1:
            why += ", and the jobs are shared between the definitions"
    return f"Worst case in all: {total:g} instance-hours ({why})"


def _cell(text: str) -> str:
    """A cell of the text's table, cut to :data:`MAX_CELL` characters."""
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + ELLIPSIS


def _table(rows: list[Dimension]) -> list[str]:
    """The search space as aligned lines, each cell cut to :data:`MAX_CELL` characters (and a
    line saying so when one was)."""
    cells = [list(COLUMNS), *([d.definition, d.name, d.kind, d.values, d.scaling] for d in rows)]
    cut = any(len(cell) > MAX_CELL for row in cells for cell in row)
    table = [[_cell(cell) for cell in row] for row in cells]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    lines = [
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    if cut:
        lines.append(f"  ({ELLIPSIS} ends a cell cut to {MAX_CELL} characters)")
    return lines


def _problem_lines(problems: Sequence[Problem]) -> list[str]:
    count = len(problems)
    return [
        f"Problems ({count}, as validate() reports them; {UNREADABLE} above marks what could "
        "not be read):",
        *(f"  {problem}" for problem in problems),
    ]


def summary_text(
    request: CreateHyperParameterTuningJobRequest,
    problems: Sequence[Problem] = (),
    settings: Any = None,
) -> str:
    """The summary as aligned plain text, then ``problems`` (what
    :func:`~hpt_request.validate` found in ``request``), if any; ``settings`` as
    :func:`facts` takes them."""
    found = facts(request, settings)
    lines = [found.title.text, found.objective.text, found.space.text]
    if found.rows:
        lines += _table(found.rows)
    lines += [line.text for line in found.budget]
    if problems:
        lines += _problem_lines(problems)
    return "\n".join(lines) + "\n"
