"""The registry, the view of a request that rules read, and the helpers they share.

A rule is a small function registered with :func:`rule` under a stable id, a one-line
description, a default severity, its evidence (``source``) and, where the severity was a judgement
call, the reason (``rationale``). Registration order is catalogue order: the package imports the
topic modules in that order.

Rules read model objects. On a structurally valid request every member has its declared type. On
a request with structural problems (one pass reports both kinds), the members that failed are
:data:`UNKNOWN`: any use of them other than ``is None`` raises :class:`UnknownInput`, and a rule
that touches one is skipped as a whole, so it never reports on what it could not read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NoReturn, Protocol

import attrs

from hpt_request import numbers
from hpt_request.errors import Problem, Severity, Step
from hpt_request.model import (
    CreateHyperParameterTuningJobRequest,
    HyperParameterTrainingJobDefinition,
    HyperParameterTuningJobConfig,
    HyperParameterTuningJobObjective,
    ParameterRanges,
)
from hpt_request.quotas import QUOTAS

Location = tuple[Step, ...]
CONFIG: Location = ("HyperParameterTuningJobConfig",)
LIMITS: Location = (*CONFIG, "ResourceLimits")
DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"
API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
GITHUB = "https://github.com/"


@attrs.frozen
class Finding:
    """What a rule reports: where, what, and (rarely) a severity of its own."""

    location: Location
    message: str
    severity: Severity | None = None


Check = Callable[["Context"], Iterable[Finding]]


@attrs.frozen
class Rule:
    """A registered rule: its id, what it checks, its default severity, the evidence for that
    severity (``source``: AWS documentation or a public report quoting the service's error),
    why the severity is what it is where that was a judgement (``rationale``), and the check."""

    id: str
    description: str
    severity: Severity
    source: str
    check: Check
    rationale: str = ""
    topic: str = ""
    default: bool = True  # False: opt-in, run only when settings enable it


RULES: list[Rule] = []


def rule(
    id: str,
    *,
    severity: Severity,
    source: str,
    description: str,
    rationale: str = "",
    default: bool = True,
) -> Callable[[Check], Check]:
    """Register a rule function under ``id`` (in definition order); ``default=False`` makes it
    opt-in (run only when the settings enable it)."""

    def register(check: Check) -> Check:
        if any(existing.id == id for existing in RULES):
            raise ValueError(f"duplicate rule id {id!r}")
        topic = check.__module__.rsplit(".", 1)[-1]
        RULES.append(Rule(id, description, severity, source, check, rationale, topic, default))
        return check

    return register


# -- inputs a rule cannot read ---------------------------------------------------------------------


class UnknownInput(Exception):
    """A rule touched a member that failed the structural check."""


class _Unknown:
    """A member that is present but unreadable (it failed the structural check, or a required
    member is missing). Anything but ``is None`` raises :class:`UnknownInput`."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise UnknownInput

    __bool__ = __len__ = __iter__ = __contains__ = __getitem__ = _refuse
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __hash__ = __str__ = __format__ = __int__ = __float__ = __index__ = _refuse
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _refuse

    def __getattr__(self, name: str) -> NoReturn:
        raise UnknownInput

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN: Any = _Unknown()


# -- the view of a request the rules work on ------------------------------------------------------


@attrs.frozen
class Definition:
    """One training job definition with the ranges and objective in force for it."""

    definition: HyperParameterTrainingJobDefinition
    location: Location
    ranges: ParameterRanges | None
    ranges_location: Location
    objective: HyperParameterTuningJobObjective | None
    objective_location: Location

    # The ranges in force, read once per check (:meth:`_read`).
    _read_once: list[_Ranges] = attrs.field(init=False, factory=list, eq=False, repr=False)

    @property
    def static(self) -> dict[str, str]:
        return dict(self.definition.static_hyper_parameters or {})

    def _read(self) -> _Ranges:
        """The ranges, walked once per check; on a partial request, the ranges up to the first
        member that could not be read and the exception it raised, raised again by every
        reader that gets that far."""
        if not self._read_once:
            found: list[tuple[str, str, Location, Any]] = []
            failure: Exception | None = None
            try:
                found.extend(self._walk_ranges())
            except Exception as exc:  # raised again where each reader meets it
                failure = exc
            numeric = [entry for entry in found if entry[0] in ("integer", "continuous")]
            tunable = sum(1 for entry in found if entry[0] != "auto")
            self._read_once.append(_Ranges(found, numeric, tunable, failure))
        return self._read_once[0]

    def named_ranges(self) -> Iterator[tuple[str, str, Location, Any]]:
        """(kind, name, location, range) for every range and AutoParameter in force."""
        read = self._read()
        yield from read.found
        if read.failure is not None:
            raise read.failure

    def _walk_ranges(self) -> Iterator[tuple[str, str, Location, Any]]:
        if self.ranges is None:
            return
        lists: list[tuple[str, str, Sequence[Any] | None]] = [
            ("integer", "IntegerParameterRanges", self.ranges.integer_parameter_ranges),
            ("continuous", "ContinuousParameterRanges", self.ranges.continuous_parameter_ranges),
            ("categorical", "CategoricalParameterRanges", self.ranges.categorical_parameter_ranges),
            ("auto", "AutoParameters", self.ranges.auto_parameters),
        ]
        for kind, member, items in lists:
            for index, item in enumerate(items or []):
                yield kind, item.name, (*self.ranges_location, member, index), item

    def tunable_count(self) -> int:
        read = self._read()
        if read.failure is not None:
            raise read.failure
        return read.tunable


@attrs.frozen
class _Ranges:
    """What :meth:`Definition._read` found."""

    found: list[tuple[str, str, Location, Any]]
    numeric: list[tuple[str, str, Location, Any]]
    tunable: int
    failure: Exception | None


class Settings(Protocol):
    """What the rules read of :class:`~hpt_request.settings.RuleSettings` (which sits above
    the rules: it checks rule ids against the registry)."""

    @property
    def disable(self) -> frozenset[str]: ...

    @property
    def severity(self) -> Mapping[str, Severity]: ...

    def quota(self, name: str) -> int: ...

    def runs(self, rule: Rule) -> bool: ...


class _Defaults:
    """The settings when none are given: every rule, its own severity, AWS's default quotas."""

    disable: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = MappingProxyType({})

    def quota(self, name: str) -> int:
        return QUOTAS[name].default

    def runs(self, rule: Rule) -> bool:
        return rule.default  # opt-in rules run only when settings enable them


DEFAULTS: Settings = _Defaults()


@attrs.frozen
class Context:
    request: CreateHyperParameterTuningJobRequest
    definitions: list[Definition]
    parents: Mapping[str, Mapping[str, Any]] | None
    settings: Settings

    @property
    def config(self) -> HyperParameterTuningJobConfig:
        return self.request.hyper_parameter_tuning_job_config

    @property
    def multi(self) -> bool:
        return self.request.training_job_definitions is not None

    @property
    def autotune(self) -> bool:
        return self.request.autotune is not None

    @property
    def strategy(self) -> str:
        return str(self.config.strategy)


def context(
    request: CreateHyperParameterTuningJobRequest,
    parents: Mapping[str, Mapping[str, Any]] | None = None,
    settings: Settings | None = None,
) -> Context:
    """The rules' view of ``request``: each definition with the ranges and objective in force."""
    config = request.hyper_parameter_tuning_job_config
    views = []
    if request.training_job_definitions is not None:
        for index, item in enumerate(request.training_job_definitions):
            where: Location = ("TrainingJobDefinitions", index)
            views.append(
                Definition(
                    item,
                    where,
                    item.hyper_parameter_ranges,
                    (*where, "HyperParameterRanges"),
                    item.tuning_objective,
                    (*where, "TuningObjective"),
                )
            )
    elif request.training_job_definition is not None:
        views.append(
            Definition(
                request.training_job_definition,
                ("TrainingJobDefinition",),
                config.parameter_ranges if config is not None else None,
                (*CONFIG, "ParameterRanges"),
                config.hyper_parameter_tuning_job_objective if config is not None else None,
                (*CONFIG, "HyperParameterTuningJobObjective"),
            )
        )
    return Context(request, views, parents, settings or DEFAULTS)


def _within(location: Location, unknown: Iterable[Location]) -> bool:
    return any(location[: len(part)] == part for part in unknown)


def run(
    request: CreateHyperParameterTuningJobRequest,
    *,
    parents: Mapping[str, Mapping[str, Any]] | None = None,
    settings: Settings | None = None,
    unknown: frozenset[Location] = frozenset(),
) -> list[Problem]:
    """Every finding of every enabled rule, as problems (unsorted; the caller orders them).

    ``unknown`` lists the locations that failed the structural check when ``request`` was read
    from such a request (members there hold :data:`UNKNOWN`). A rule that touches one of them,
    or fails on the partial request in any other way, is skipped, and nothing is reported at or
    below an unknown location: the structural problem there already says what is wrong.
    """
    from hpt_request.schema import path_of

    try:
        ctx = context(request, parents, settings)
    except UnknownInput:  # the request's core (its config or definitions) is unreadable
        return []
    problems = []
    for registered in RULES:
        if not ctx.settings.runs(registered):
            continue
        if unknown:
            try:
                findings = list(registered.check(ctx))
            except Exception:  # UnknownInput, or a type the partial request could not give
                continue
            findings = [f for f in findings if not _within(f.location, unknown)]
        else:
            findings = list(registered.check(ctx))
        override = ctx.settings.severity.get(registered.id)
        for finding in findings:
            severity = finding.severity or registered.severity
            problems.append(
                Problem(
                    path=path_of(finding.location),
                    code=registered.id,
                    message=finding.message,
                    severity=severity,
                    location=finding.location,
                    effective_severity=override or severity,
                )
            )
    return problems


def catalogue() -> list[dict[str, str]]:
    """The registry as rows (id, severity, description, source, rationale, topic), in order."""
    return [
        {
            "id": r.id,
            "severity": r.severity,
            "description": r.description,
            "source": r.source,
            "rationale": r.rationale,
            "topic": r.topic,
            "default": "on" if r.default else "opt-in",
        }
        for r in RULES
    ]


# -- helpers the topic modules share ---------------------------------------------------------


def quoted(value: object) -> str:
    """A value as messages show it: strings in double quotes, numbers bare."""
    return f'"{value}"' if isinstance(value, str) else str(value)


def names(items: Iterable[str]) -> str:
    """Sorted, quoted and comma-separated."""
    return ", ".join(sorted(f'"{item}"' for item in items))


def relative(location: Location, base: Location) -> str:
    """``location``'s wire path below ``base``."""
    from hpt_request.schema import path_of

    return path_of(location).removeprefix(path_of(base) + ".")


def bounds(kind: str, item: Any) -> tuple[Decimal | int | None, Decimal | int | None]:
    """A numeric range's bounds, parsed by the one parser (None where they do not parse); each
    text is parsed once and remembered, since several rules read the same bounds."""
    return _bound(kind, item.min_value), _bound(kind, item.max_value)


@functools.lru_cache(maxsize=4096)
def _bound(kind: str, text: str) -> Decimal | int | None:
    parse: Callable[[str], Decimal | int | None] = (
        numbers.parse_integer if kind == "integer" else numbers.parse_decimal
    )
    return parse(text)


def numeric_ranges(view: Definition) -> Iterator[tuple[str, str, Location, Any]]:
    """The integer and continuous ranges of a definition."""
    read = view._read()
    yield from read.numeric
    if read.failure is not None:
        raise read.failure


def channels(view: Definition) -> Iterator[tuple[Location, Any, str]]:
    """(location, channel, effective input mode) for each input channel."""
    default = str(view.definition.algorithm_specification.training_input_mode)
    for index, channel in enumerate(view.definition.input_data_config or []):
        mode = str(channel.input_mode) if channel.input_mode is not None else default
        yield (*view.location, "InputDataConfig", index), channel, mode
