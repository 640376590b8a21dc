"""The rules that read ranges and built-in tables agree with a straightforward reference.

The rules share facts computed once per check (one walk over each definition's ranges, with a
shortcut for the common case where nothing is to be reported). The reference below reads every
range itself, one rule at a time, as each rule's description says. A rule that judges one range
at a time judges each range (each bound) it can read and leaves the others; any other rule that
touches a member the structural check could not read is skipped. Both run on generated requests,
valid and with structural problems, and must report the same codes at the same locations with
the same severities, in the same order.
"""

from __future__ import annotations

import copy
import gc
import json
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hpt_request import from_wire, rules, validate
from hpt_request.model import examples
from hpt_request.model.errors import Step
from hpt_request.rules import algorithms, numbers
from hpt_request.rules.partial import readable

Location = tuple[Step, ...]
LIMITS: Location = ("HyperParameterTuningJobConfig", "ResourceLimits")
Found = tuple[Location, str | None]  # (location, severity if not the rule's own)
Reference = Callable[[rules.Context], Iterator[Found]]

# -- the reference: every rule walks the ranges itself ---------------------------------------

KINDS = (
    ("integer", "IntegerParameterRanges", "integer_parameter_ranges"),
    ("continuous", "ContinuousParameterRanges", "continuous_parameter_ranges"),
    ("categorical", "CategoricalParameterRanges", "categorical_parameter_ranges"),
    ("auto", "AutoParameters", "auto_parameters"),
)


def _ranges(view: rules.Definition) -> Iterator[tuple[str, Any, Location, Any]]:
    """(kind, name, location, range), read one by one."""
    if view.ranges is None:
        return
    lists = [(kind, member, getattr(view.ranges, attribute)) for kind, member, attribute in KINDS]
    for kind, member, items in lists:
        for index, item in enumerate(items or []):
            yield kind, item.name, (*view.ranges_location, member, index), item


def _parse(kind: str, text: str) -> Decimal | int | None:
    if not isinstance(text, str):
        raise rules.UnknownInput
    return numbers.parse_integer(text) if kind == "integer" else numbers.parse_decimal(text)


def _said(*values: Any) -> None:
    """What a finding's message shows (each rule's message names the range, its values or the
    static value it reports): an unreadable one makes the rule skip, as it does the rule."""
    for value in values:
        format(value)


def _static(view: rules.Definition) -> dict[str, str]:
    return dict(view.definition.static_hyper_parameters or {})


def _judged(finding: Callable[[], Iterator[Found]]) -> list[Found]:
    """What one range (or one bound of it) gives, or nothing where it touches a member the
    structural check could not read: the range is left, the others are judged."""
    try:
        return list(finding())
    except Exception:
        return []


def _names_unique(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        seen: set[str] = set()
        for _kind, name, where, _item in _ranges(view):

            def one(
                name: Any = name, where: Location = where, seen: set[str] = seen
            ) -> Iterator[Found]:
                if name in seen:
                    _said(name)
                    yield (*where, "Name"), None
                seen.add(name)

            yield from _judged(one)


def _static_not_tuned(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        static = _static(view)
        for kind, name, where, _item in _ranges(view):

            def one(
                kind: str = kind,
                name: Any = name,
                where: Location = where,
                static: dict[str, str] = static,
            ) -> Iterator[Found]:
                if kind != "auto" and name in static:
                    _said(name, static[name])
                    yield (*where, "Name"), None

            yield from _judged(one)


def _numeric(view: rules.Definition) -> Iterator[tuple[str, Any, Location, Any]]:
    """(kind, name, location, range) of each numeric range."""
    for kind, name, where, item in _ranges(view):
        if kind in ("integer", "continuous"):
            yield kind, name, where, item


def _bounds_numeric(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        for kind, name, where, item in _numeric(view):
            for member, text in (("MinValue", item.min_value), ("MaxValue", item.max_value)):

                def one(
                    kind: str = kind, name: Any = name, where: Location = where,
                    member: str = member, text: Any = text,
                ) -> Iterator[Found]:  # fmt: skip
                    if _parse(kind, text) is None:
                        _said(name)
                        yield (*where, member), None

                yield from _judged(one)


def _min_lt_max(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        for kind, name, where, item in _numeric(view):

            def one(
                kind: str = kind, name: Any = name, where: Location = where, item: Any = item
            ) -> Iterator[Found]:
                low, high = _parse(kind, item.min_value), _parse(kind, item.max_value)
                if low is not None and high is not None and not low < high:
                    _said(name)
                    yield (*where, "MaxValue"), None

            yield from _judged(one)


def _categorical_distinct(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        for kind, name, where, item in _ranges(view):
            if kind != "categorical":
                continue

            def one(name: Any = name, where: Location = where, item: Any = item) -> Iterator[Found]:
                if max(Counter(item.values).values(), default=0) > 1:
                    _said(name)
                    yield (*where, "Values"), None
                elif len(item.values) == 1:
                    _said(name)
                    yield (*where, "Values"), "warning"

            yield from _judged(one)


def _log_positive(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        for kind, name, where, item in _numeric(view):

            def one(
                kind: str = kind, name: Any = name, where: Location = where, item: Any = item
            ) -> Iterator[Found]:
                if item.scaling_type == "Logarithmic":
                    low = _parse(kind, item.min_value)
                    if low is not None and low <= 0:
                        _said(name)
                        yield (*where, "MinValue"), None

            yield from _judged(one)


def _reverse_log_continuous_only(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        for kind, name, where, item in _ranges(view):

            def one(
                kind: str = kind, name: Any = name, where: Location = where, item: Any = item
            ) -> Iterator[Found]:
                if kind == "integer" and item.scaling_type == "ReverseLogarithmic":
                    _said(name)
                    yield (*where, "ScalingType"), None

            yield from _judged(one)


def _reverse_log_unit_interval(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        for kind, name, where, item in _ranges(view):
            if kind != "continuous":
                continue
            for member, outside in (
                ("MinValue", lambda value: value < 0),
                ("MaxValue", lambda value: value >= 1),
            ):

                def one(
                    name: Any = name, where: Location = where, item: Any = item,
                    member: str = member, outside: Callable[[Any], bool] = outside,
                ) -> Iterator[Found]:  # fmt: skip
                    if item.scaling_type != "ReverseLogarithmic":
                        return
                    text = item.min_value if member == "MinValue" else item.max_value
                    value = _parse("continuous", text)
                    if value is not None and outside(value):
                        _said(name)
                        yield (*where, member), None

                yield from _judged(one)


def _tunable(view: rules.Definition) -> int:
    return sum(1 for kind, _name, _where, _item in _ranges(view) if kind != "auto")


def _ranges_total(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        if _tunable(view) > 30:
            yield view.ranges_location, None


def _static_plus_tunable(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        count = len(_static(view)) + _tunable(view)
        if count >= 100:
            yield (*view.location, "StaticHyperParameters"), "warning" if count == 100 else None


def _ranges_required(ctx: rules.Context) -> Iterator[Found]:
    if ctx.request.autotune is not None:
        return
    for view in ctx.definitions:
        if ctx.multi and view.ranges is None:
            continue
        if _tunable(view) == 0:
            yield view.ranges_location, None


def _auto_need_autotune(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        static = _static(view)
        for kind, name, where, _item in _ranges(view):
            if kind != "auto":
                continue
            if ctx.request.autotune is None:
                _said(name)
                yield where, None
            if name in static:
                _said(name)
                yield (*where, "Name"), None


def _grid_categorical_only(ctx: rules.Context) -> Iterator[Found]:
    if str(ctx.config.strategy) != "Grid":
        return
    for view in ctx.definitions:
        for kind, name, where, _item in _ranges(view):
            if kind != "categorical":
                _said(name)
                yield where, None


def _grid_total(ctx: rules.Context) -> int:
    total = 0
    for view in ctx.definitions:
        product = 1
        for kind, _name, _where, item in _ranges(view):
            if kind == "categorical":
                product *= len(set(item.values))
        total += product
    return total


def _grid_max_jobs(ctx: rules.Context) -> Iterator[Found]:
    limit = ctx.config.resource_limits.max_number_of_training_jobs
    if str(ctx.config.strategy) != "Grid" or limit is None or not ctx.definitions:
        return
    total = _grid_total(ctx)
    if limit != total:
        yield (*LIMITS, "MaxNumberOfTrainingJobs"), None if limit > total else "warning"


def _grid_combinations(ctx: rules.Context) -> Iterator[Found]:
    if str(ctx.config.strategy) == "Grid" and ctx.definitions and _grid_total(ctx) > 750:
        yield ctx.definitions[0].ranges_location, None


def _discrete_space(ctx: rules.Context) -> Iterator[Found]:
    limit = ctx.config.resource_limits.max_number_of_training_jobs
    if str(ctx.config.strategy) == "Grid" or ctx.request.autotune is not None:
        return
    if limit is None or not ctx.definitions:
        return
    total: Decimal | int = 0
    for view in ctx.definitions:
        count: Decimal | int = 1
        for kind, _name, _where, item in _ranges(view):  # stops at the first non-discrete range
            if kind in ("continuous", "auto"):
                return
            if kind == "categorical":
                count *= len(set(item.values))
                continue
            low, high = _parse(kind, item.min_value), _parse(kind, item.max_value)
            if low is None or high is None or high < low:
                return
            count *= high - low + 1
        if not list(_ranges(view)):
            return
        total += count
    if total < limit:
        yield (*LIMITS, "MaxNumberOfTrainingJobs"), None


def _builtin(view: rules.Definition) -> algorithms.Algorithm | None:
    spec = view.definition.algorithm_specification
    if spec.training_image is None or spec.algorithm_name is not None:
        return None
    if algorithms.framework_mode(view.definition.static_hyper_parameters):
        return None
    return algorithms.identify(spec.training_image)


def _documented(algorithm: algorithms.Algorithm, name: str) -> algorithms.Hyperparameter | None:
    for hyperparameter in algorithm.hyperparameters:
        if hyperparameter.name == name:
            return hyperparameter
    return None


_ACCEPTED = json.loads(
    (
        Path(__file__).parent.parent / "hpt_request" / "rules" / "data" / "algorithm_names.json"
    ).read_text(encoding="utf-8")
)["algorithms"]


def _accepted(algorithm: algorithms.Algorithm, name: str) -> bool:
    """Whether the algorithm is shown to accept ``name`` beyond its documented names."""
    return name in _ACCEPTED.get(algorithm.key, {})


def _builtin_known(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        algorithm = _builtin(view)
        if algorithm is None or not algorithm.hyperparameters:
            continue
        for name in _static(view):
            ours = name.startswith(("sagemaker_", "_tuning")) or name in {
                "feature_dim",
                "mini_batch_size",
                "force_dense",
            }
            if not ours and _documented(algorithm, name) is None and not _accepted(algorithm, name):
                yield (*view.location, "StaticHyperParameters", name), None
        for kind, name, where, _item in _ranges(view):
            if (
                kind != "auto"
                and _documented(algorithm, name) is None
                and not _accepted(algorithm, name)
            ):
                _said(name)
                yield (*where, "Name"), None


def _builtin_required(ctx: rules.Context) -> Iterator[Found]:
    for view in ctx.definitions:
        algorithm = _builtin(view)
        if algorithm is None:
            continue
        given = set(_static(view)) | {name for _kind, name, _where, _item in _ranges(view)}
        required = [h.name for h in algorithm.hyperparameters if h.required]
        if any(name not in given for name in required):
            yield (*view.location, "StaticHyperParameters"), None


REFERENCE: dict[str, Reference] = {
    "range-names-unique": _names_unique,
    "static-not-tuned": _static_not_tuned,
    "range-bounds-numeric": _bounds_numeric,
    "range-min-lt-max": _min_lt_max,
    "categorical-distinct": _categorical_distinct,
    "log-scale-positive": _log_positive,
    "reverse-log-continuous-only": _reverse_log_continuous_only,
    "reverse-log-unit-interval": _reverse_log_unit_interval,
    "ranges-total-30": _ranges_total,
    "static-plus-tunable-100": _static_plus_tunable,
    "ranges-required": _ranges_required,
    "auto-parameters-need-autotune": _auto_need_autotune,
    "grid-categorical-only": _grid_categorical_only,
    "grid-max-jobs": _grid_max_jobs,
    "grid-combinations-limit": _grid_combinations,
    "discrete-space-covers-max-jobs": _discrete_space,
    "builtin-hyperparameter-known": _builtin_known,
    "builtin-required-hyperparameters": _builtin_required,
}


def _under(location: Location, unknown: frozenset[Location]) -> bool:
    return any(location[: len(part)] == part for part in unknown)


def _reference(request: Any, unknown: frozenset[Location]) -> list[tuple[str, Location, str]]:
    ctx = rules.context(request)
    found = []
    for registered in rules.RULES:
        check = REFERENCE.get(registered.id)
        if check is None:
            continue
        try:
            findings = list(check(ctx))
        except Exception:  # touched an unreadable member: the rule is skipped
            if not unknown:
                raise
            continue
        found += [
            (registered.id, where, severity or registered.severity)
            for where, severity in findings
            if not _under(where, unknown)
        ]
    return found


# -- generated requests -------------------------------------------------------------------------

NAMES = ["eta", "max_depth", "alpha", "num_round", "subsample", "booster", "epochs", "x_1", "x_2"]
PAIRS = {  # ordered bounds
    "integer": [("1", "5"), ("2", "10"), ("0", "3"), ("-3", "7"), ("+1", "007")],
    "continuous": [("0.01", "0.3"), ("1e-05", "0.5"), ("0.5", "0.99"), ("-1", "2"), ("0", "1")],
}
SCALINGS = [None, "Auto", "Linear", "Logarithmic"]
VALUES = ["gbtree", "dart", "a", "b", "true", "1"]
BAD_BOUNDS = ["abc", "", "1.5", "1e400", " 1", "0x10", "-0"]
# Values the structural check refuses, to make partial requests.
BROKEN: list[Any] = [7, 0.5, None, True, [], {}, "n" * 300, "Bogus"]
MEMBERS = {
    "integer": "IntegerParameterRanges",
    "continuous": "ContinuousParameterRanges",
    "categorical": "CategoricalParameterRanges",
}


@st.composite
def _parameter_ranges(draw: st.DrawFn) -> dict[str, Any]:
    """Ranges with distinct names, ordered bounds and distinct values (as most are)."""
    names = iter(draw(st.permutations(NAMES)))
    ranges: dict[str, Any] = {}
    for kind, member in MEMBERS.items():
        items: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(0, 3))):
            name = next(names, "x_3")
            if kind == "categorical":
                values = draw(
                    st.lists(st.sampled_from(VALUES), min_size=2, max_size=4, unique=True)
                )
                items.append({"Name": name, "Values": values})
                continue
            low, high = draw(st.sampled_from(PAIRS[kind]))
            item = {"Name": name, "MinValue": low, "MaxValue": high}
            scaling = draw(st.sampled_from(SCALINGS))
            if scaling is not None:
                item["ScalingType"] = scaling
            items.append(item)
        if items:
            ranges[member] = items
        elif draw(st.booleans()):
            ranges[member] = []  # an empty list, as some tools send
    if draw(st.integers(0, 3)) == 0:
        ranges["AutoParameters"] = [{"Name": next(names, "x_4"), "ValueHint": "1"}]
    return ranges


def _containers(value: Any) -> list[Any]:
    """Every non-empty dict and list inside ``value`` (itself included)."""
    if isinstance(value, dict):
        inner = [found for item in value.values() for found in _containers(item)]
    elif isinstance(value, list):
        inner = [found for item in value for found in _containers(item)]
    else:
        return []
    return [value, *inner] if value else inner


def _spoil(draw: st.DrawFn, item: dict[str, Any], names: list[str], static: dict[str, Any]) -> None:
    """One thing a rule reports (or a structural problem) in one range."""
    defect = draw(st.integers(0, 7))
    if defect == 0:  # a name used twice, or also static
        name = draw(st.sampled_from(names))
        if draw(st.booleans()) or not isinstance(item.get("Name"), str):
            item["Name"] = name
        else:
            static[item["Name"]] = "1"
    elif defect == 1 and "Values" in item:  # a repeated value, or a single one
        values = item["Values"]
        item["Values"] = [*values, values[0]] if draw(st.booleans()) else values[:1]
    elif defect == 1:  # a bound that does not parse
        item[draw(st.sampled_from(["MinValue", "MaxValue"]))] = draw(st.sampled_from(BAD_BOUNDS))
    elif defect == 2 and "MinValue" in item:  # bounds equal or swapped
        if draw(st.booleans()):
            item["MaxValue"] = item["MinValue"]
        else:
            item["MinValue"], item["MaxValue"] = item["MaxValue"], item["MinValue"]
    elif defect == 3 and "MinValue" in item:  # scaling the bounds do not allow
        item["ScalingType"] = draw(st.sampled_from(["Logarithmic", "ReverseLogarithmic"]))
    else:  # a structural problem: a member, a value or the range itself
        places = _containers(item)
        target = draw(st.sampled_from(places))
        keys = list(target) if isinstance(target, dict) else range(len(target))
        target[draw(st.sampled_from(keys))] = draw(st.sampled_from(BROKEN))


@st.composite
def _requests(draw: st.DrawFn) -> dict[str, Any]:
    request = examples.load(draw(st.sampled_from(["bayesian", "multi-algorithm", "seed-era"])))
    config = request["HyperParameterTuningJobConfig"]
    several = "TrainingJobDefinitions" in request
    definitions = (
        request["TrainingJobDefinitions"] if several else [request["TrainingJobDefinition"]]
    )
    for definition in definitions:
        ranges = draw(_parameter_ranges())
        if several:
            definition["HyperParameterRanges"] = ranges
        else:
            config["ParameterRanges"] = ranges
        static = definition.setdefault("StaticHyperParameters", {})
        if draw(st.integers(0, 7)) == 0:  # near the limits on ranges and hyperparameters
            extra = [_numbers(f"c_{i}", "0.1", "0.2") for i in range(draw(st.integers(25, 30)))]
            ranges["ContinuousParameterRanges"] = (
                ranges.get("ContinuousParameterRanges", []) + extra
            )
            static.update({f"s_{i}": "1" for i in range(draw(st.integers(60, 75)))})
        items = [item for items in ranges.values() for item in items]
        names = [item["Name"] for item in items]
        for _ in range(draw(st.integers(0, 2)) if items else 0):
            _spoil(draw, draw(st.sampled_from(items)), names, static)
        if draw(st.integers(0, 5)) == 0:  # a whole list, or a range, unreadable
            member = draw(st.sampled_from(sorted(ranges))) if ranges else None
            if member is not None and ranges[member] and draw(st.booleans()):
                ranges[member][-1] = draw(st.sampled_from(BROKEN))
            elif member is not None:
                ranges[member] = draw(st.sampled_from(BROKEN))
    if draw(st.booleans()):
        config["Strategy"] = draw(st.sampled_from(["Grid", "Random"]))
        config.pop("StrategyConfig", None)
    if draw(st.integers(0, 3)) == 0:
        request["Autotune"] = {"Mode": "Enabled"}
    jobs = draw(st.sampled_from([None, 1, 4, 12, 50, 800]))
    if jobs is not None:
        config["ResourceLimits"]["MaxNumberOfTrainingJobs"] = jobs
    return request


def _checked(wire: dict[str, Any]) -> tuple[Any, frozenset[Location]]:
    """The request as the rules see it, and the locations that failed the structural check."""
    problems = validate(copy.deepcopy(wire), rules=False)
    if not problems:
        return from_wire(wire, rules=False), frozenset()
    request, unknown = readable(wire, problems)
    return request, unknown


def _bayesian(
    ranges: dict[str, Any], static: dict[str, str] | None = None, jobs: int = 50
) -> dict[str, Any]:
    """The bayesian example (XGBoost) with these ranges, static hyperparameters added and
    MaxNumberOfTrainingJobs."""
    request = examples.load("bayesian")
    request["HyperParameterTuningJobConfig"]["ParameterRanges"] = ranges
    request["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"] = jobs
    request["TrainingJobDefinition"]["StaticHyperParameters"].update(static or {})
    return request


def _numbers(name: Any, low: Any, high: Any, scaling: Any = "Auto") -> dict[str, Any]:
    return {"Name": name, "MinValue": low, "MaxValue": high, "ScalingType": scaling}


# Partial requests where one rule must be skipped and the others must not (each mixes an
# unreadable member with a range that other rules report).
EXAMPLES = [
    _bayesian(  # an unreadable name, beside a tuned name that is also static
        {"CategoricalParameterRanges": [{"Name": 7, "Values": ["a", "b"]}]}
        | {"IntegerParameterRanges": [_numbers("max_depth", "5", "2")]},
        {"max_depth": "4", "x_1": "1"},
    ),
    _bayesian(  # an unreadable bound, beside an inverted and a single-valued range
        {"IntegerParameterRanges": [_numbers("max_depth", 3, "9"), _numbers("x_1", "5", "2")]}
        | {"CategoricalParameterRanges": [{"Name": "booster", "Values": ["dart"]}]}
    ),
    _bayesian(  # an unreadable ScalingType, beside Logarithmic from 0
        {"ContinuousParameterRanges": [_numbers("eta", "0", "1", "Logarithmic")]}
        | {"IntegerParameterRanges": [_numbers("max_depth", "1", "9", "Bogus")]}
    ),
    _bayesian(  # an unreadable categorical value, beside repeated values and ReverseLogarithmic
        {
            "CategoricalParameterRanges": [
                {"Name": "booster", "Values": ["dart", 3]},
                {"Name": "x_1", "Values": ["a", "a"]},
            ]
        }
        | {"ContinuousParameterRanges": [_numbers("alpha", "-1", "2", "ReverseLogarithmic")]}
        | {"IntegerParameterRanges": [_numbers("x_1", "1", "3", "ReverseLogarithmic")]}
    ),
    _bayesian(  # an unreadable continuous ScalingType, beside what the scaling rules report
        {"ContinuousParameterRanges": [_numbers("eta", "0.1", "0.5", 3)]}
        | {"IntegerParameterRanges": [_numbers("max_depth", "0", "9", "Logarithmic")]}
    ),
    _bayesian(  # a continuous ReverseLogarithmic range beside an unreadable ScalingType
        {
            "ContinuousParameterRanges": [
                _numbers("eta", "0.1", "0.5", 3),
                _numbers("alpha", "0.5", "2", "ReverseLogarithmic"),
            ]
        }
    ),
    _bayesian(  # integer ranges only, the last one unreadable: the space cannot be counted
        {"IntegerParameterRanges": [_numbers("max_depth", "1", "2"), 7]}
    ),
    _bayesian(  # a small discrete space, but with an AutoParameter: it cannot be counted
        {"IntegerParameterRanges": [_numbers("max_depth", "1", "2")]}
        | {"AutoParameters": [{"Name": "eta", "ValueHint": "0.1"}]}
    ),
    _bayesian(  # an unreadable AutoParameter name, beside a repeated and a static name
        {"IntegerParameterRanges": [_numbers("x_1", "1", "2"), _numbers("x_1", "1", "3")]}
        | {"AutoParameters": [{"Name": 7, "ValueHint": "1"}]},
        {"x_1": "2"},
    ),
    _bayesian(  # an unreadable range: the walk stops there
        {"IntegerParameterRanges": [_numbers("x_1", "abc", "2"), 7]}
        | {"AutoParameters": [{"Name": "max_depth", "ValueHint": "3"}]},
        {"max_depth": "4"},
    ),
]


@settings(max_examples=300)
@given(_requests())
@example(EXAMPLES[0])
@example(EXAMPLES[1])
@example(EXAMPLES[2])
@example(EXAMPLES[3])
@example(EXAMPLES[4])
@example(EXAMPLES[5])
@example(EXAMPLES[6])
@example(EXAMPLES[7])
@example(EXAMPLES[8])
@example(EXAMPLES[9])
def test_rules_agree_with_the_reference(wire: dict[str, Any]) -> None:
    """The shared facts give the findings (code, location, severity) of the one-by-one reference."""
    request, unknown = _checked(wire)
    if request is None:
        return
    found = [
        (problem.code, problem.location, problem.severity)
        for problem in rules.run(request, unknown=unknown)
        if problem.code in REFERENCE
    ]
    assert found == _reference(request, unknown)


def test_facts_are_not_kept_between_checks() -> None:
    """A request changed after a check is checked as it is now, and so is another one after it."""
    wire = examples.load("bayesian")
    request = from_wire(wire)
    assert [p.code for p in rules.run(request)] == []
    ranges = request.hyper_parameter_tuning_job_config.parameter_ranges
    assert ranges is not None
    assert ranges.continuous_parameter_ranges
    first = ranges.continuous_parameter_ranges[0]
    first.min_value = first.max_value
    assert [p.code for p in rules.run(request)] == ["range-min-lt-max"]
    other = copy.deepcopy(wire)
    other["HyperParameterTuningJobConfig"]["ParameterRanges"]["CategoricalParameterRanges"] = [
        {"Name": "booster", "Values": ["gbtree", "gbtree"]}
    ]
    assert [p.code for p in validate(other)] == ["categorical-distinct"]
    assert [p.code for p in rules.run(from_wire(wire))] == []


@pytest.mark.slow
def test_skipped_rules_leave_no_garbage_cycles() -> None:
    """Checking a partial request frees everything it computed without the garbage collector."""
    checked = [_checked(wire) for wire in EXAMPLES]
    for request, unknown in checked:
        # What is alive now is left out of the collection, which counts what the rules made.
        gc.disable()
        gc.freeze()
        try:
            rules.run(request, unknown=unknown)
            assert gc.collect() == 0
        finally:
            gc.unfreeze()
            gc.enable()
