"""The registry, the view of a request that rules read, and the helpers they share.

A rule is a small function registered with :func:`rule` under a stable id, a one-line
description, a default severity, its evidence (``source``) and, where the severity was a judgement
call, the reason (``rationale``). Registration order is catalogue order: the package imports the
topic modules in that order. A rule that has nothing to say unless the request has some feature
(a warm start, the Hyperband strategy, a channel with CompressionType: :data:`FEATURES`) names
it (``needs=``), and is not called for a request without it (:func:`features` tells, once per
check, counting a feature as present where what tells it cannot be read).

Rules read model objects. On a structurally valid request every member has its declared type. On
a request with structural problems (one pass reports both kinds), the members that failed are
:data:`UNKNOWN`: any use of them other than ``is None`` raises :class:`UnknownInput`, and a rule
that touches one is skipped as a whole, so it never reports on what it could not read.

What several rules read (each definition's ranges walked once into :class:`RangeFacts`, the
static hyperparameters, the channels, the built-in algorithm) is computed once per check, on
first use, and kept with that check's :class:`Context` and :class:`Definition` views, never
longer (:meth:`Definition.once`, :meth:`Context.once`). A fact whose computation touched an
unreadable member raises again for every rule that reads it, so the same rules are skipped as
if each had read the request itself. Module-level caches are keyed by immutable values only
(bound texts, image URIs, regexes, the built-in verdicts by algorithm key, hyperparameter
name and value, and what passed the built-in one-pass check by algorithm key and the texts it
read), each bounded where its keys come from the request.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Protocol, TypeVar

import attrs

from hpt_request.model import (
    CreateHyperParameterTuningJobRequest,
    HyperParameterScalingType,
    HyperParameterTrainingJobDefinition,
    HyperParameterTuningJobConfig,
    HyperParameterTuningJobObjective,
    ParameterRanges,
)
from hpt_request.model.base import UNKNOWN, PartlyUnknown, UnknownInput, is_unknown, unknown_input
from hpt_request.model.errors import Problem, Severity, Step, new_problem
from hpt_request.rules import numbers
from hpt_request.rules.quotas import QUOTAS

Location = tuple[Step, ...]
CONFIG: Location = ("HyperParameterTuningJobConfig",)
LIMITS: Location = (*CONFIG, "ResourceLimits")
DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"
API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
GITHUB = "https://github.com/"

# What a request may have that some rules need before they have anything to say (see
# :func:`features`): most requests have few of them, and the rules that need the others are
# not called.
FEATURES = frozenset(
    {
        "multi",  # TrainingJobDefinitions
        "warm-start",  # WarmStartConfig
        "tags",  # Tags, every key readable (rules/tags_environment.py tells)
        "strategy-config",  # HyperParameterTuningJobConfig.StrategyConfig
        "hyperband",  # Strategy Hyperband
        "grid",  # Strategy Grid
        "completion",  # HyperParameterTuningJobConfig.TuningJobCompletionCriteria
        "algorithm-name",  # a definition's AlgorithmSpecification.AlgorithmName
        "metric-definitions",  # a definition's AlgorithmSpecification.MetricDefinitions
        "max-wait",  # a definition's StoppingCondition.MaxWaitTimeInSeconds
        "spot",  # a definition's EnableManagedSpotTraining
        "tuning-resource-config",  # a definition's HyperParameterTuningResourceConfig
        "pipe-options",  # a channel's CompressionType or RecordWrapperType
        "augmented-manifest",  # a channel's S3DataType AugmentedManifestFile
        "auto-parameters",  # AutoParameters among the ranges in force
        # A range that a range rule reports (its walk found something: RangeFacts.clean False)
        "range-findings",
        # Something a built-in algorithm rule may report (rules/builtin.py tells)
        "builtin-findings",
        # Something the rules counting each definition's hyperparameters may report
        # (rules/search_space.py tells)
        "search-space-findings",
        # Something the rules on the resource limits may report (rules/budget.py tells)
        "budget-findings",
        # Something the rules on each definition's algorithm, metric, runtime, instances and
        # channel names may report (rules/training.py tells)
        "training-findings",
    }
)


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
    # The features (:data:`FEATURES`) without one of which the rule has nothing to say; the
    # rule is not called for a request that has none of them. Empty: it always runs.
    needs: frozenset[str] = frozenset()


RULES: list[Rule] = []

ALIASES: dict[str, str] = {"metric-definition-names-unique": "metric-regex-compiles"}
"""Former rule ids, still accepted wherever rule ids are, and the id each now has (the
catalogue's ``metric-definition-names-unique`` checks that each Regex compiles, which its new id
says)."""


def rule(
    id: str,
    *,
    severity: Severity,
    source: str,
    description: str,
    rationale: str = "",
    default: bool = True,
    needs: Iterable[str] = (),
) -> Callable[[Check], Check]:
    """Register a rule function under ``id`` (in definition order); ``default=False`` makes it
    opt-in (run only when the settings enable it). ``needs`` names the features of a request
    (:data:`FEATURES`) without one of which the rule never reports anything: it is then not
    called at all (``tests/test_rule_features.py`` checks that skipping it changes nothing)."""
    needed = frozenset(needs)
    if not needed <= FEATURES:
        raise ValueError(f"rule {id!r} needs unknown features {sorted(needed - FEATURES)}")

    def register(check: Check) -> Check:
        if any(existing.id == id for existing in RULES):
            raise ValueError(f"duplicate rule id {id!r}")
        topic = check.__module__.rsplit(".", 1)[-1]
        RULES.append(
            Rule(id, description, severity, source, check, rationale, topic, default, needed)
        )
        return check

    return register


# -- the view of a request the rules work on ------------------------------------------------------

T = TypeVar("T")
Entry = tuple[str, str, Location, Any]  # (kind, name, location, range)


class _Failed:
    """A fact whose computation raised: every reader raises the same exception."""

    __slots__ = ("error",)

    def __init__(self, error: Exception) -> None:
        self.error = error


def _compute(facts: dict[Any, Any], compute: Callable[[Any], Any], view: Any) -> Any:
    """``compute(view)`` stored in ``facts`` under ``compute``, or the exception it raised
    (a :class:`_Failed`)."""
    try:
        found = compute(view)
    except Exception as exc:  # raised again to every reader of the fact
        found = _Failed(_kept(exc))
    facts[compute] = found
    return found


def _kept(error: Exception) -> Exception:
    """``error`` to be raised again later. An :class:`UnknownInput` (a partial request's
    unreadable member: the expected case) loses its traceback, whose frames would hold the
    facts that hold it, a cycle that only the garbage collector could free."""
    return error.with_traceback(None) if isinstance(error, UnknownInput) else error


V = TypeVar("V", bound="_KeepsFacts")


class _KeepsFacts:
    """A view of one check that keeps the facts computed about it (in its ``_facts``)."""

    __slots__ = ()
    _facts: dict[Callable[[Any], Any], Any]

    def once(self: V, compute: Callable[[V], T]) -> T:
        """``compute(self)``, computed on first use and remembered (an exception too)."""
        found = self._facts.get(compute, _Failed)
        if found is _Failed:  # not computed yet
            found = _compute(self._facts, compute, self)
        if type(found) is _Failed:  # it raised
            raise found.error
        return found  # type: ignore[no-any-return]

    def keep(self: V, compute: Callable[[V], T], found: T) -> None:
        """Remember ``found`` as what ``compute(self)`` returned (computed by the caller, who
        knew it would be read again): :meth:`once` returns it."""
        self._facts[compute] = found


class Definition(_KeepsFacts):
    """One training job definition with the ranges and objective in force for it.

    Facts that several rules read (the ranges and what one walk over them finds, the static
    hyperparameters, the built-in algorithm) are computed once per check, on first use, and
    remembered with the view (:meth:`once`); a fact that touched an unreadable member of a
    partial request raises again for every rule that reads it, and only for those.

    A plain class with slots, made once per definition and check (an attrs frozen class costs
    several times as much to make); the rules read its members and never set them.
    """

    __slots__ = (
        "_facts",
        "definition",
        "location",
        "objective",
        "objective_location",
        "ranges",
        "ranges_location",
    )

    def __init__(
        self,
        definition: HyperParameterTrainingJobDefinition,
        location: Location,
        ranges: ParameterRanges | None,
        ranges_location: Location,
        objective: HyperParameterTuningJobObjective | None,
        objective_location: Location,
    ) -> None:
        self.definition = definition
        self.location = location
        self.ranges = ranges
        self.ranges_location = ranges_location
        self.objective = objective
        self.objective_location = objective_location
        # Facts computed once per check, by the function that computes them (:meth:`once`).
        self._facts: dict[Callable[[Definition], Any], Any] = {}

    def __repr__(self) -> str:
        return f"Definition(location={self.location!r})"

    @property
    def static(self) -> Mapping[str, str]:
        """The static hyperparameters (empty if none); read it, do not change it."""
        return self.once(_static)

    def survey(self) -> RangeFacts:
        """What one walk over the ranges in force found, also when the walk stopped at a member
        of a partial request that could not be read (:attr:`RangeFacts.failure`)."""
        return self.once(_survey)

    def ranges_read(self) -> RangeFacts:
        """:meth:`survey`, raising the exception that stopped the walk if it stopped: what a
        rule that reads every range gets."""
        facts = self._facts.get(_survey)
        if facts is None or type(facts) is _Failed:
            facts = self.once(_survey)
        if facts.failure is not None:
            raise facts.failure
        return facts

    def named_ranges(self) -> Iterator[Entry]:
        """(kind, name, location, range) for every range and AutoParameter in force."""
        facts = self.once(_survey)
        yield from facts.found
        if facts.failure is not None:
            raise facts.failure

    def tunable_count(self) -> int:
        return self.ranges_read().tunable


def _static(view: Definition) -> Mapping[str, str]:
    # The request's own map, not a copy (the rules only read it); an unreadable one raises here
    # (its truth value), once, for every rule that reads it.
    return view.definition.static_hyper_parameters or _NO_STATIC


_NO_STATIC: Mapping[str, str] = MappingProxyType({})


class RangeFacts:
    """What one walk over a definition's ranges found, for the rules to share.

    The ranges are read in walk order (integer, continuous, categorical, auto) up to
    ``failure``, the exception that stopped the walk on a partial request (None if none did);
    ``found`` lists them as (kind, name, location, range). Parsed bounds are :data:`UNKNOWN`
    where the text could not be read. The lists of candidates (``unparsed``, ``inverted``, ...)
    hold the ranges each rule reports, in walk order. A rule that would have touched an
    unreadable member (a name, a bound, a ScalingType, categorical values) checks the flag that
    says so with :meth:`need` and is skipped, exactly as if it had walked the ranges itself.

    Most definitions have nothing to report: :func:`_survey` first tries to show that with a few
    whole-list operations, and walks the ranges one by one only when that fails. What only that
    walk fills (the candidates, the flags) is held by :class:`_Walked`; here the class gives it
    for a clean survey: no candidate, every flag True.
    """

    __slots__ = (
        "_auto",
        "_categorical",
        "_continuous",
        "_found",
        "_integer",
        "base",
        "clean",
        "distinct",
        "failure",
        "named",
        "names",
        "numeric_bounds",
        "tuned",
        "unread",
    )

    # What a walk one range at a time finds (:class:`_Walked` holds its own): flags that say
    # whether every bound, ScalingType, list of values, name was read, and the candidates of
    # each range rule.
    bounds_readable: bool = True
    integer_scaling_readable: bool = True
    continuous_scaling_readable: bool = True
    values_readable: bool = True
    names_readable: bool = True
    tuned_names_readable: bool = True
    unparsed: Sequence[tuple[Entry, Any, Any]] = ()  # a bound that does not parse
    inverted: Sequence[tuple[Entry, Any, Any]] = ()  # MinValue not below MaxValue
    log_not_positive: Sequence[Entry] = ()  # Logarithmic with MinValue <= 0
    reverse_log_integer: Sequence[Entry] = ()
    reverse_log_continuous: Sequence[tuple[Entry, Any, Any]] = ()
    repeated_or_single: Sequence[Entry] = ()  # a categorical value repeated, or a single one
    duplicates: Sequence[tuple[Entry, Location]] = ()  # with the location of the first range

    def __init__(self, base: Location) -> None:
        self.base = base
        self.failure: Exception | None = None
        # True when the walk found nothing that any range rule reports: every range read, every
        # list of candidates empty, every flag True.
        self.clean = False
        # The ranges read, by kind, and every name in walk order.
        self._integer: list[Any] = _NONE
        self._continuous: list[Any] = _NONE
        self._categorical: list[Any] = _NONE
        self._auto: list[Any] = _NONE
        self.names: list[Any] = []
        self._found: list[Entry] | None = None
        # Bounds: (MinValue, MaxValue) of each numeric range, parsed (UNKNOWN: unreadable).
        self.numeric_bounds: list[tuple[Any, Any]] = []
        # Categorical values: distinct values of each range (UNKNOWN: unreadable).
        self.distinct: list[Any] = []
        # Every name, and the tuned ones (not AutoParameters).
        self.named: set[str] = _NO_NAMES
        self.tuned: set[str] = _NO_NAMES
        # The unknown members met (UNKNOWN, or where a placeholder is), for the rules' skips.
        self.unread: list[Any] = []

    @staticmethod
    def need(*readable: bool) -> None:
        """Skip the reading rule (raise :class:`UnknownInput`) unless every flag is True."""
        if False in readable:
            raise UnknownInput

    def partly(self, *readable: bool) -> None:
        """At the end of a rule that judges one range at a time: say that some ranges were not
        judged (raise :class:`PartlyUnknown`, which keeps the findings made) unless every flag
        is True."""
        if False in readable:
            raise unknown_input(*self.unread, partly=True)

    @property
    def tunable(self) -> int:
        """The number of integer, continuous and categorical ranges."""
        return len(self._integer) + len(self._continuous) + len(self._categorical)

    @property
    def found(self) -> list[Entry]:
        """(kind, name, location, range) for every range read, in walk order."""
        if self._found is None:
            base = self.base
            names = iter(self.names)
            self._found = [
                (kind, next(names), (*base, member, index), item)
                for kind, member, items in (
                    ("integer", "IntegerParameterRanges", self._integer),
                    ("continuous", "ContinuousParameterRanges", self._continuous),
                    ("categorical", "CategoricalParameterRanges", self._categorical),
                    ("auto", "AutoParameters", self._auto),
                )
                for index, item in enumerate(items)
            ]
        return self._found

    @property
    def numeric(self) -> list[Entry]:
        """The integer and continuous ranges, in walk order."""
        return self.found[: len(self._integer) + len(self._continuous)]

    @property
    def categorical(self) -> list[Entry]:
        start = len(self._integer) + len(self._continuous)
        return self.found[start : start + len(self._categorical)]

    @property
    def auto(self) -> list[Entry]:
        return self.found[self.tunable :] if self._auto else []

    @property
    def integer_ranges(self) -> list[Any]:
        """The integer ranges read, in order (read them, do not change them)."""
        return self._integer

    @property
    def continuous_ranges(self) -> list[Any]:
        return self._continuous

    @property
    def categorical_ranges(self) -> list[Any]:
        return self._categorical

    @property
    def integer_bounds(self) -> list[tuple[Any, Any]]:
        """The parsed bounds of the integer ranges."""
        return self.numeric_bounds[: len(self._integer)]

    @property
    def has_continuous(self) -> bool:
        return bool(self._continuous)

    @property
    def has_auto(self) -> bool:
        return bool(self._auto)


# What the facts of a definition without ranges hold (never changed: read them only).
_NONE: list[Any] = []
_NO_NAMES: set[str] = set()


def partly_judged(unjudged: Sequence[RangeFacts]) -> None:
    """At the end of a rule that judges one range at a time, over every definition: say that
    the ranges of ``unjudged`` (the facts of definitions with a range it could not read) were
    not all judged (:class:`PartlyUnknown`: the findings made stand)."""
    if unjudged:
        raise unknown_input(*(value for facts in unjudged for value in facts.unread), partly=True)


class _Walked(RangeFacts):
    """The facts of a walk one range at a time, with the flags and candidates it fills."""

    __slots__ = (
        "bounds_readable",
        "continuous_scaling_readable",
        "duplicates",
        "integer_scaling_readable",
        "inverted",
        "log_not_positive",
        "names_readable",
        "repeated_or_single",
        "reverse_log_continuous",
        "reverse_log_integer",
        "tuned_names_readable",
        "unparsed",
        "values_readable",
    )

    def __init__(self, base: Location) -> None:
        super().__init__(base)
        self._integer = []
        self._continuous = []
        self._categorical = []
        self._auto = []
        self.named = set()
        self.tuned = set()
        self.bounds_readable = True
        self.integer_scaling_readable = True
        self.continuous_scaling_readable = True
        self.values_readable = True
        self.names_readable = True
        self.tuned_names_readable = True
        self.unparsed: list[tuple[Entry, Any, Any]] = []
        self.inverted: list[tuple[Entry, Any, Any]] = []
        self.log_not_positive: list[Entry] = []
        self.reverse_log_integer: list[Entry] = []
        self.reverse_log_continuous: list[tuple[Entry, Any, Any]] = []
        self.repeated_or_single: list[Entry] = []
        self.duplicates: list[tuple[Entry, Location]] = []


_LINEAR = HyperParameterScalingType.LINEAR
_AUTO = HyperParameterScalingType.AUTO
_LOGARITHMIC = HyperParameterScalingType.LOGARITHMIC


def _survey(view: Definition) -> RangeFacts:
    facts = RangeFacts(view.ranges_location)
    if view.ranges is None:
        facts.clean = True
        return facts
    try:
        if _nothing_to_report(view.ranges, facts):
            facts.clean = True
            return facts
    except Exception:  # something unreadable: walked one range at a time below
        pass
    walked = _Walked(view.ranges_location)
    try:
        _walk(view.ranges, walked)
    except Exception as exc:  # raised again where each reader meets it
        walked.failure = _kept(exc)
    _survey_numeric(walked)
    _survey_categorical(walked)
    _survey_names(walked)
    return walked


def _nothing_to_report(ranges: ParameterRanges, facts: RangeFacts) -> bool:
    """Fill ``facts`` in one tight pass if every range can be read and no range rule has
    anything to say about it (the common case); False (or an exception) otherwise, with
    ``facts`` to be discarded."""
    integer: list[Any] = ranges.integer_parameter_ranges or []
    continuous: list[Any] = ranges.continuous_parameter_ranges or []
    categorical: list[Any] = ranges.categorical_parameter_ranges or []
    auto: list[Any] = ranges.auto_parameters or []
    names = facts.names
    append = names.append
    bounds = facts.numeric_bounds
    for kind, items in (("integer", integer), ("continuous", continuous)):
        for item in items:
            append(item.name)
            pair = _ordered(kind, item.min_value, item.max_value)
            if pair is None:
                return False  # a bound that does not parse, or MinValue not below MaxValue
            scaling = item.scaling_type
            if scaling is _LOGARITHMIC:
                if not pair[0] > 0:
                    return False
            elif scaling is not None and scaling is not _LINEAR and scaling is not _AUTO:
                return False  # ReverseLogarithmic (or text that is not a member)
            bounds.append(pair)
    distinct = facts.distinct
    for item in categorical:
        append(item.name)
        values = item.values
        count = len(set(values))
        if count != len(values) or count == 1:
            return False  # a repeated value, or a single one
        distinct.append(count)
    tunable = len(names)
    for item in auto:
        append(item.name)
    named = set(names)
    if len(named) != len(names):
        return False  # a name is repeated
    facts._integer = integer  # the request's own lists: read them, do not change them
    facts._continuous = continuous
    facts._categorical = categorical
    facts._auto = auto
    facts.named = named
    facts.tuned = set(names[:tunable]) if auto else named
    return True


def _walk(ranges: ParameterRanges, facts: _Walked) -> None:
    lists = (
        (ranges.integer_parameter_ranges, facts._integer),
        (ranges.continuous_parameter_ranges, facts._continuous),
        (ranges.categorical_parameter_ranges, facts._categorical),
        (ranges.auto_parameters, facts._auto),
    )
    names = facts.names
    for items, read in lists:
        for item in items or []:
            names.append(item.name)
            read.append(item)


def _survey_numeric(facts: _Walked) -> None:
    for entry in facts.numeric:
        kind, _name, _where, item = entry
        try:
            low = _bound(kind, item.min_value)
        except Exception:  # an unreadable bound: the rules that read bounds are skipped
            low = UNKNOWN
            facts.bounds_readable = False
            facts.unread.append(item.min_value)
        try:
            high = _bound(kind, item.max_value)
        except Exception:
            high = UNKNOWN
            facts.bounds_readable = False
            facts.unread.append(item.max_value)
        facts.numeric_bounds.append((low, high))
        if low is None or high is None:
            facts.unparsed.append((entry, low, high))
        elif not is_unknown(low) and not is_unknown(high) and not low < high:
            facts.inverted.append((entry, low, high))
        scaling = item.scaling_type
        try:
            logarithmic = scaling == "Logarithmic"
            reverse = scaling == "ReverseLogarithmic"
        except Exception:  # an unreadable ScalingType
            if kind == "integer":
                facts.integer_scaling_readable = False
            else:
                facts.continuous_scaling_readable = False
            facts.unread.append(scaling)
            continue
        if logarithmic and low is not None and not is_unknown(low) and low <= 0:
            facts.log_not_positive.append(entry)
        if reverse:
            if kind == "integer":
                facts.reverse_log_integer.append(entry)
            else:
                facts.reverse_log_continuous.append((entry, low, high))


def _survey_categorical(facts: _Walked) -> None:
    for entry in facts.categorical:
        values = entry[3].values
        try:
            count = len(values)
            distinct = len(set(values))
        except Exception:  # unreadable values: the rules that read them are skipped
            facts.distinct.append(UNKNOWN)
            facts.values_readable = False
            facts.unread.append(values)
            continue
        facts.distinct.append(distinct)
        if distinct != count or count == 1:
            facts.repeated_or_single.append(entry)


def _survey_names(facts: _Walked) -> None:
    first: dict[str, Location] = {}
    for entry in facts.found:
        kind, name, where, _item = entry
        try:
            if name in first:
                facts.duplicates.append((entry, first[name]))
            else:
                first[name] = where
        except Exception:  # an unreadable name: the rules that read names are skipped
            facts.names_readable = False
            facts.unread.append(name)
            if kind != "auto":
                facts.tuned_names_readable = False
            continue
        facts.named.add(name)
        if kind != "auto":
            facts.tuned.add(name)


class Settings(Protocol):
    """What the rules read of :class:`~hpt_request.rules.settings.RuleSettings` (which sits above
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


class Context(_KeepsFacts):
    """The rules' view of one request: its definitions' views, the parents' Describe responses,
    the settings, and what nearly every rule reads first, read from the request once (a plain
    class with slots, as :class:`Definition` is)."""

    __slots__ = (
        "_facts",
        "_strategy",
        "autotune",
        "config",
        "definitions",
        "multi",
        "parents",
        "request",
        "settings",
    )

    def __init__(
        self,
        request: CreateHyperParameterTuningJobRequest,
        definitions: list[Definition],
        parents: Mapping[str, Mapping[str, Any]] | None,
        settings: Settings,
        config: HyperParameterTuningJobConfig,
        multi: bool,
        autotune: bool,
        strategy: str | None,
    ) -> None:
        self.request = request
        self.definitions = definitions
        self.parents = parents
        self.settings = settings
        self.config = config
        self.multi = multi  # TrainingJobDefinitions given
        self.autotune = autotune  # Autotune given
        # The strategy's text; None where a partial request's config or strategy is unreadable.
        self._strategy = strategy
        # Facts computed once per check, by the function that computes them (:meth:`once`).
        self._facts: dict[Callable[[Context], Any], Any] = {}

    def __repr__(self) -> str:
        return f"Context(definitions={self.definitions!r})"

    @property
    def strategy(self) -> str:
        """The strategy's text (``"Bayesian"``, ...); a rule that reads an unreadable one is
        skipped."""
        if self._strategy is None:
            raise UnknownInput
        return self._strategy


def _strategy_of(config: HyperParameterTuningJobConfig | None) -> str | None:
    try:
        # str.__str__: the text of a str enum member (its value) or of plain text; anything
        # else (an unreadable member, a missing config) raises.
        return str.__str__(config.strategy)  # type: ignore[union-attr]
    except Exception:
        return None


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
    return Context(
        request,
        views,
        parents,
        settings or DEFAULTS,
        config,
        request.training_job_definitions is not None,
        request.autotune is not None,
        _strategy_of(config),
    )


# Features that a topic module tells (it registers them with :func:`feature`): name -> whether
# the context's request has it.
FEATURE_CHECKS: dict[str, Callable[[Context], bool]] = {}


def feature(name: str) -> Callable[[Callable[[Context], bool]], Callable[[Context], bool]]:
    """Register the function that tells whether a request has feature ``name`` (one of
    :data:`FEATURES`). It may raise where the request cannot be read: the feature counts as
    present then, and its rules decide one by one."""
    if name not in FEATURES:
        raise ValueError(f"unknown feature {name!r}")

    def register(check: Callable[[Context], bool]) -> Callable[[Context], bool]:
        FEATURE_CHECKS[name] = check
        return check

    return register


def features(ctx: Context) -> frozenset[str]:
    """The features (:data:`FEATURES`) that ``ctx``'s request has. Where the request cannot be
    read (a member of a partial request that failed its structural check), every feature
    counts as present, or, where only what a topic module reads to tell its feature cannot be
    read, that feature, and where only the strategy cannot be read, the two it tells
    (``hyperband``, ``grid``): a rule is only ever left out when the request plainly lacks
    what it needs."""
    try:
        return _features(ctx)
    except Exception as error:  # an unreadable member: run every rule, each decides for itself
        error.__traceback__ = None  # a fact's exception, kept with the facts: not their frames
        return FEATURES


def _features(ctx: Context) -> frozenset[str]:
    request = ctx.request
    found = []
    if request.training_job_definitions is not None:
        found.append("multi")
    if request.warm_start_config is not None:
        found.append("warm-start")
    config = request.hyper_parameter_tuning_job_config
    if config is not None:
        if config.strategy_config is not None:
            found.append("strategy-config")
        strategy = ctx._strategy  # None where the strategy is unreadable
        if strategy is None:  # the features it tells: their rules decide one by one
            found.append("hyperband")
            found.append("grid")
        elif strategy == "Hyperband":
            found.append("hyperband")
        elif strategy == "Grid":
            found.append("grid")
        if config.tuning_job_completion_criteria is not None:
            found.append("completion")
    for view in ctx.definitions:
        definition = view.definition
        spec = definition.algorithm_specification
        if spec.algorithm_name is not None:
            found.append("algorithm-name")
        if spec.metric_definitions is not None:
            found.append("metric-definitions")
        if definition.stopping_condition.max_wait_time_in_seconds is not None:
            found.append("max-wait")
        if definition.enable_managed_spot_training is not None:
            found.append("spot")
        if definition.hyper_parameter_tuning_resource_config is not None:
            found.append("tuning-resource-config")
        for channel in definition.input_data_config or ():
            if channel.compression_type is not None or channel.record_wrapper_type is not None:
                found.append("pipe-options")
            source = channel.data_source.s3_data_source
            if source is not None and source.s3_data_type == "AugmentedManifestFile":
                found.append("augmented-manifest")
        if view.ranges is not None:
            if view.ranges.auto_parameters is not None:
                found.append("auto-parameters")
            if not view.survey().clean:
                found.append("range-findings")
    for name, check in FEATURE_CHECKS.items():
        try:
            if check(ctx):
                found.append(name)
        except Exception as error:  # an unreadable member: the feature's rules decide
            error.__traceback__ = None  # a fact's exception, kept with the facts
            found.append(name)
    return frozenset(found)


def _within(location: Location, unknown: Iterable[Location]) -> bool:
    return any(location[: len(part)] == part for part in unknown)


def _enabled(settings: Settings, present: frozenset[str]) -> list[Rule]:
    """The rules that ``settings`` enable and that a request with the features ``present``
    gives something to say."""
    if settings is DEFAULTS:
        return _default_rules(len(RULES), present)
    return [
        registered
        for registered in RULES
        if settings.runs(registered) and (not registered.needs or registered.needs & present)
    ]


@functools.lru_cache(maxsize=256)
def _default_rules(registered: int, present: frozenset[str]) -> list[Rule]:
    """The rules on by default that a request with the features ``present`` calls for, for a
    registry of ``registered`` rules (rules are only ever added, so the count tells whether the
    list is still current)."""
    return [
        rule
        for rule in RULES[:registered]
        if rule.default and (not rule.needs or rule.needs & present)
    ]


def run(
    request: CreateHyperParameterTuningJobRequest,
    *,
    parents: Mapping[str, Mapping[str, Any]] | None = None,
    settings: Settings | None = None,
    unknown: frozenset[Location] = frozenset(),
    skipped: list[str] | None = None,
    touched: dict[str, Location | None] | None = None,
) -> list[Problem]:
    """Every finding of every enabled rule, as problems (unsorted; the caller orders them).
    A rule that needs features the request does not have (:func:`features`) is not called.

    ``unknown`` lists the locations that failed the structural check when ``request`` was read
    from such a request (members there hold :data:`UNKNOWN`). A rule that touches one of them,
    or fails on the partial request in any other way, is skipped, and nothing is reported at or
    below an unknown location: the structural problem there already says what is wrong.
    The id of each rule skipped so is appended to ``skipped`` when it is given; then every
    enabled rule is called, whatever the request's features. ``touched`` (when given) gets, for
    each rule skipped, the location of the located unknown member it touched
    (:class:`~hpt_request.model.base.UnknownAt`), or None.
    """
    try:
        ctx = context(request, parents, settings)
    except UnknownInput as error:  # the request's core (its config or definitions) is unreadable
        if skipped is not None:
            skipped.extend(rule.id for rule in RULES if rule.default)
        if touched is not None:  # each rule touched what made the core unreadable
            touched.update((rule.id, error.location) for rule in RULES if rule.default)
        return []
    problems: list[Problem] = []
    overrides = ctx.settings.severity
    # Listing the rules skipped, every enabled rule is called: a feature's test may have left a
    # rule out because the member it reads is unknown, which is a skip too.
    present = FEATURES if skipped is not None else features(ctx)
    for registered in _enabled(ctx.settings, present):
        reported = len(problems)
        try:
            for finding in registered.check(ctx):
                if unknown and _within(finding.location, unknown):
                    continue
                severity = finding.severity or registered.severity
                from hpt_request.schema.engines import path_of

                location = finding.location
                problems.append(
                    new_problem(
                        path_of(location),
                        registered.id,
                        finding.message,
                        severity,
                        location,
                        overrides.get(registered.id) or severity,
                    )
                )
        except Exception as error:
            if not unknown:
                raise  # on a request read without problems, a failing rule is a bug
            # UnknownInput, or a type the partial request could not give: the rule is skipped.
            # A fact's exception is kept with the facts: its traceback must not hold them too.
            error.__traceback__ = None
            if not isinstance(error, PartlyUnknown):
                del problems[reported:]
            if skipped is not None:
                skipped.append(registered.id)
            if touched is not None:
                touched[registered.id] = error.location if isinstance(error, UnknownInput) else None
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
    from hpt_request.schema.engines import path_of

    return path_of(location).removeprefix(path_of(base) + ".")


def _bound(kind: str, text: str) -> Decimal | int | None:
    """A bound parsed by the one parser (None if it does not parse); each text is parsed once
    and remembered."""
    return _integer_bound(text) if kind == "integer" else _decimal_bound(text)


_integer_bound = functools.lru_cache(maxsize=4096)(numbers.parse_integer)
_decimal_bound = functools.lru_cache(maxsize=4096)(numbers.parse_decimal)


@functools.lru_cache(maxsize=4096)
def _ordered(kind: str, low: str, high: str) -> tuple[Decimal | int, Decimal | int] | None:
    """Both bounds of a range, parsed, if both parse and MinValue is below MaxValue."""
    first, last = _bound(kind, low), _bound(kind, high)
    if first is None or last is None or not first < last:
        return None
    return first, last


def channels(view: Definition) -> list[tuple[Location, Any, str]]:
    """(location, channel, effective input mode) for each input channel (read once per check)."""
    return view.once(_channels)


def _channels(view: Definition) -> list[tuple[Location, Any, str]]:
    # str.__str__: the text of a str enum member (its value) or of plain text, without the
    # enum's slower __str__; anything else (an unreadable member) raises.
    default = str.__str__(view.definition.algorithm_specification.training_input_mode)
    found = []
    for index, channel in enumerate(view.definition.input_data_config or []):
        mode = str.__str__(channel.input_mode) if channel.input_mode is not None else default
        found.append(((*view.location, "InputDataConfig", index), channel, mode))
    return found
