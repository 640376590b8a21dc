"""Rules for the search space: parameter ranges and static hyperparameters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from hpt_request.model.base import is_unknown
from hpt_request.rules import numbers
from hpt_request.rules._core import (
    Context,
    Finding,
    feature,
    names,
    partly_judged,
    quoted,
    relative,
    rule,
)

# botocore's model (ParameterRanges: at most 30 ranges in all) and the Developer Guide
# (automatic-model-tuning-define-ranges: at most 100 static plus tunable hyperparameters).
MAX_RANGES = 30
MAX_HYPERPARAMETERS = 100


@feature("search-space-findings")
def _search_space_findings(ctx: Context) -> bool:
    """Whether one of the four rules that count and compare the hyperparameters of each
    definition may have something to say: shown in one pass over the counts and names the
    survey of the ranges found (each rule needs this feature)."""
    for view in ctx.definitions:
        facts = view.ranges_read()
        tunable = facts.tunable
        static = view.static
        if (
            tunable > MAX_RANGES  # ranges-total-30
            or len(static) + tunable >= MAX_HYPERPARAMETERS  # static-plus-tunable-100
            # static-not-tuned (which is skipped where a tuned name is unreadable)
            or (static and not static.keys().isdisjoint(facts.tuned))
            # ranges-required
            or (tunable == 0 and not ctx.autotune and not (ctx.multi and view.ranges is None))
        ):
            return True
    return False


@rule(
    "ranges-total-30",
    needs=("search-space-findings",),
    severity="error",
    source="SM:ParameterRanges; DG:automatic-model-tuning-limits",
    description="Integer, continuous and categorical ranges "
    f"total at most {MAX_RANGES} per definition.",
)
def _ranges_total(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        count = view.tunable_count()
        if count > MAX_RANGES:
            yield Finding(
                view.ranges_location,
                f"{count} tunable ranges are given; at most {MAX_RANGES} are allowed in total",
            )


@rule(
    "static-plus-tunable-100",
    needs=("search-space-findings",),
    severity="error",
    source="DG:automatic-model-tuning-define-ranges",
    description=f"Static hyperparameters plus tunable ranges are at most {MAX_HYPERPARAMETERS} "
    "per definition (exactly 100 is a warning: SageMaker adds one of its own).",
)
def _static_plus_tunable(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        count = len(view.static) + view.tunable_count()
        if count >= MAX_HYPERPARAMETERS:
            yield Finding(
                (*view.location, "StaticHyperParameters"),
                f"{len(view.static)} static hyperparameters and {view.tunable_count()} "
                f"tunable ranges make {count}; at most {MAX_HYPERPARAMETERS} "
                "are allowed, and SageMaker adds _tuning_objective_metric to them",
                severity="warning" if count == MAX_HYPERPARAMETERS else None,
            )


@rule(
    "range-names-unique",
    needs=("range-findings",),
    severity="warning",
    source="SM:ParameterRanges",
    rationale="A hyperparameter with two ranges has no single value to send to a training job; "
    "no public report quotes the service's answer, so it is a warning.",
    description="A hyperparameter name appears once across the range lists of a definition.",
)
def _range_names_unique(ctx: Context) -> Iterator[Finding]:
    unjudged = []
    for view in ctx.definitions:
        facts = view.ranges_read()
        if not facts.names_readable:
            unjudged.append(facts)
        for (_kind, name, where, _item), first in facts.duplicates:
            yield Finding(
                (*where, "Name"),
                f'hyperparameter "{name}" is already tuned at '
                f"{relative(first, view.ranges_location)}; "
                "each name can have one range",
            )
    partly_judged(unjudged)


@rule(
    "static-not-tuned",
    needs=("search-space-findings",),
    severity="warning",
    source="aws/sagemaker-python-sdk#931 (the SDK drops a static hyperparameter that is also "
    "tuned before it calls CreateHyperParameterTuningJob)",
    rationale="The SDK removes such duplicates itself, which suggests AWS objects, but no report "
    "quotes the service: warning.",
    description="A hyperparameter is not both static and tuned.",
)
def _static_not_tuned(ctx: Context) -> Iterator[Finding]:
    unjudged = []
    for view in ctx.definitions:
        static = view.static
        facts = view.ranges_read()
        if not facts.tuned_names_readable:
            unjudged.append(facts)
        if not static or static.keys().isdisjoint(facts.tuned):
            continue
        for kind, name, where, _item in facts.found:
            if kind != "auto" and type(name) is str and name in static:
                yield Finding(
                    (*where, "Name"),
                    f'hyperparameter "{name}" is tuned here and also set in StaticHyperParameters '
                    f"({quoted(static[name])}); remove one of the two",
                )
    partly_judged(unjudged)


@rule(
    "range-bounds-numeric",
    needs=("range-findings",),
    severity="error",
    source="SM:IntegerParameterRange.MinValue, SM:ContinuousParameterRange.MinValue (the "
    "minimum and maximum values to search); the catalogue's notes on numbers",
    rationale="A bound that is not a number defines no range. The accepted forms are the ones "
    "real tools send (the SageMaker SDK sends str(float), such as 1e-05).",
    description="Integer range bounds are integers; continuous bounds are finite decimal numbers.",
)
def _range_bounds_numeric(ctx: Context) -> Iterator[Finding]:
    unjudged = []
    for view in ctx.definitions:
        facts = view.ranges_read()
        if not facts.bounds_readable:
            unjudged.append(facts)
        for (kind, name, where, item), low, high in facts.unparsed:
            form = numbers.INTEGER_FORM if kind == "integer" else numbers.DECIMAL_FORM
            for member, text, value in (
                ("MinValue", item.min_value, low),
                ("MaxValue", item.max_value, high),
            ):
                if value is None:
                    yield Finding(
                        (*where, member),
                        f'{member} {quoted(text)} of {kind} range "{name}" is not {form}',
                    )
    partly_judged(unjudged)


@rule(
    "range-min-lt-max",
    needs=("range-findings",),
    severity="error",
    source="aws/amazon-sagemaker-feedback#195 (a feature request asking AWS to accept "
    "IntegerParameter(1, 1) and ContinuousParameter(1, 1), which it refuses today)",
    description="MinValue is below MaxValue.",
    rationale="MinValue above MaxValue is an empty range. MinValue equal to MaxValue is what the "
    "feedback request asks AWS to allow, so AWS refuses it today: error as well.",
)
def _range_min_lt_max(ctx: Context) -> Iterator[Finding]:
    unjudged = []
    for view in ctx.definitions:
        facts = view.ranges_read()
        if not facts.bounds_readable:
            unjudged.append(facts)
        for (_kind, name, where, item), low, high in facts.inverted:
            if low == high:
                yield Finding(
                    (*where, "MaxValue"),
                    f'range "{name}" has MinValue equal to MaxValue ({quoted(item.min_value)}): '
                    "SageMaker refuses single-value ranges; make it a static hyperparameter or "
                    "widen the range",
                )
            else:
                yield Finding(
                    (*where, "MaxValue"),
                    f'range "{name}" has MaxValue {quoted(item.max_value)} below MinValue '
                    f"{quoted(item.min_value)}; MinValue must be less than MaxValue",
                )
    partly_judged(unjudged)


@rule(
    "categorical-distinct",
    needs=("range-findings",),
    severity="error",
    source="aws/amazon-sagemaker-feedback#195 (a feature request asking AWS to accept "
    'CategoricalParameter(["cat1", "cat1"]) and CategoricalParameter(["cat1"]))',
    description="Categorical values are distinct (a single value is a warning).",
    rationale="Repeated values are refused today, as the feedback request shows: error. A single "
    "value is in the same request, but real notebooks send single-value categorical ranges to "
    "pin a value, so the evidence is mixed: warning.",
)
def _categorical_distinct(ctx: Context) -> Iterator[Finding]:
    unjudged = []
    for view in ctx.definitions:
        facts = view.ranges_read()
        if not facts.values_readable:
            unjudged.append(facts)
        for _kind, name, where, item in facts.repeated_or_single:
            counts = Counter(item.values)
            repeated = [value for value, count in counts.items() if count > 1]
            if repeated:
                yield Finding(
                    (*where, "Values"),
                    f'categorical range "{name}" repeats {names(repeated)}; values must be '
                    "distinct",
                )
            elif len(item.values) == 1:
                yield Finding(
                    (*where, "Values"),
                    f'categorical range "{name}" has a single value '
                    f"{quoted(item.values[0])}: nothing to tune; make it a static hyperparameter",
                    severity="warning",
                )
    partly_judged(unjudged)


@rule(
    "log-scale-positive",
    needs=("range-findings",),
    severity="error",
    source="SM:ContinuousParameterRange.ScalingType",
    description="ScalingType Logarithmic requires MinValue above 0.",
)
def _log_scale_positive(ctx: Context) -> Iterator[Finding]:
    unjudged = []
    for view in ctx.definitions:
        facts = view.ranges_read()
        if not (
            facts.bounds_readable
            and facts.integer_scaling_readable
            and facts.continuous_scaling_readable
        ):
            unjudged.append(facts)
        for _kind, name, where, item in facts.log_not_positive:
            yield Finding(
                (*where, "MinValue"),
                f'MinValue {quoted(item.min_value)} of range "{name}" is not > 0: Logarithmic '
                "scaling needs a range above 0; use Linear or raise MinValue",
            )
    partly_judged(unjudged)


@rule(
    "reverse-log-continuous-only",
    needs=("range-findings",),
    severity="error",
    source="DG:automatic-model-tuning-define-ranges",
    description="ScalingType ReverseLogarithmic is only for continuous ranges.",
)
def _reverse_log_continuous_only(ctx: Context) -> Iterator[Finding]:
    unjudged = []
    for view in ctx.definitions:
        facts = view.ranges_read()
        if not facts.integer_scaling_readable:
            unjudged.append(facts)
        for _kind, name, where, _item in facts.reverse_log_integer:
            yield Finding(
                (*where, "ScalingType"),
                f'integer range "{name}" cannot use ReverseLogarithmic scaling, which is only '
                "for continuous ranges; use Linear, Logarithmic or Auto",
            )
    partly_judged(unjudged)


@rule(
    "reverse-log-unit-interval",
    needs=("range-findings",),
    severity="error",
    source="SM:ContinuousParameterRange.ScalingType",
    description="ScalingType ReverseLogarithmic requires 0 <= MinValue and MaxValue < 1.",
)
def _reverse_log_unit_interval(ctx: Context) -> Iterator[Finding]:
    unjudged = []
    for view in ctx.definitions:
        facts = view.ranges_read()
        if not facts.continuous_scaling_readable:
            unjudged.append(facts)
        for (_kind, name, where, item), low, high in facts.reverse_log_continuous:
            if (is_unknown(low) or is_unknown(high)) and facts not in unjudged:
                unjudged.append(facts)  # an unreadable bound is not judged; the other is
            if low is not None and not is_unknown(low) and low < 0:
                yield Finding(
                    (*where, "MinValue"),
                    f'MinValue {quoted(item.min_value)} of range "{name}" is below 0: '
                    "ReverseLogarithmic scaling needs 0 <= MinValue and MaxValue < 1",
                )
            if high is not None and not is_unknown(high) and high >= 1:
                yield Finding(
                    (*where, "MaxValue"),
                    f'MaxValue {quoted(item.max_value)} of range "{name}" is not < 1: '
                    "ReverseLogarithmic scaling needs 0 <= MinValue and MaxValue < 1",
                )
    partly_judged(unjudged)


@rule(
    "ranges-required",
    needs=("search-space-findings",),
    severity="error",
    source="SM:HyperParameterTuningJobConfig.ParameterRanges; "
    "DG:automatic-model-tuning-define-ranges",
    description="Without Autotune, every definition has at least one tunable range.",
)
def _ranges_required(ctx: Context) -> Iterator[Finding]:
    if ctx.autotune:
        return
    for view in ctx.definitions:
        if ctx.multi and view.ranges is None:
            continue  # reported by multi-objective-per-definition
        if view.tunable_count() == 0:
            yield Finding(
                view.ranges_location,
                "no hyperparameter range is given: add an integer, "
                "continuous or categorical range to tune, or enable Autotune",
            )


@rule(
    "auto-parameters-need-autotune",
    needs=("auto-parameters",),
    severity="warning",
    source="SM:AutoParameter",
    description="AutoParameters only with Autotune; an AutoParameter name is not also static.",
)
def _auto_parameters_need_autotune(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        static = view.static
        for _kind, name, where, _item in view.ranges_read().auto:
            if not ctx.autotune:
                yield Finding(
                    where,
                    f'AutoParameter "{name}" has no effect without Autotune; enable Autotune or '
                    "give a range instead",
                )
            if name in static:
                yield Finding(
                    (*where, "Name"),
                    f'AutoParameter "{name}" is also a static hyperparameter; remove one of the '
                    "two",
                )
