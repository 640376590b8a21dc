"""Rules for SageMaker's built-in algorithms, checked against the table of their documented
metrics and hyperparameters (:mod:`hpt_request.rules.algorithms`, from the Developer Guide's
per-algorithm pages).

They apply to a definition whose TrainingImage is a built-in algorithm's image (recognised by
registry account, region and repository) run as the algorithm: in framework mode (the SDK's
``sagemaker_program`` markers) the container runs the user's script, and the table says nothing
about it. The table is as complete as the Developer Guide, which is not always complete (its
XGBoost page covers a subset of XGBoost's parameters), so a name the table does not know is a
warning; only what the Guide states plainly and the service checks is an error.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from hpt_request.model.base import is_unknown, unknown_input
from hpt_request.rules import algorithms
from hpt_request.rules._core import Context, Definition, Finding, feature, quoted, rule
from hpt_request.rules.algorithms import Algorithm, Hyperparameter

# Hyperparameters SageMaker or the SDK add to every job; no algorithm documents them.
SERVICE_PREFIXES = ("sagemaker_", "_tuning")
# Hyperparameters the SageMaker Python SDK's estimators for built-in algorithms send whether or
# not the algorithm's page documents them (seen in requests its integration tests create:
# tests/realworld/sdkinteg-*), so AWS accepts them.
SDK_HYPERPARAMETERS = frozenset({"feature_dim", "mini_batch_size", "force_dense"})


def _builtin_views(ctx: Context) -> list[tuple[Definition, Algorithm]]:
    """Each definition that runs a built-in algorithm, with it (identified once per check)."""
    return ctx.once(_identified)


def _identified(ctx: Context) -> list[tuple[Definition, Algorithm]]:
    found = []
    script = []
    for view in ctx.definitions:
        definition = view.definition
        spec = definition.algorithm_specification
        image = spec.training_image
        if image is None or spec.algorithm_name is not None:
            continue  # ambiguous: image-xor-algorithm reports it
        if algorithms.framework_mode(definition.static_hyper_parameters):
            algorithm = algorithms.identify(image)
            if algorithm is not None and algorithm.key == "xgboost":
                script.append((view, algorithm))
            continue
        algorithm = algorithms.identify(image)
        if algorithm is not None:
            found.append((view, algorithm))
    ctx.keep(_script_identified, script)
    return found


def _script_views(ctx: Context) -> list[tuple[Definition, Algorithm]]:
    """Each definition that runs the first-party XGBoost image in script mode, with it."""
    _builtin_views(ctx)  # which finds them too
    return ctx.once(_script_identified)


def _script_identified(ctx: Context) -> list[tuple[Definition, Algorithm]]:
    """Only ever read after :func:`_identified` kept it (an empty list otherwise)."""
    return []


# What the rules below report about, each rule one of them: the objective (its metric and
# direction), hyperparameter names, documented values, required hyperparameters.
OBJECTIVE, NAMES, VALUES, REQUIRED = "objective", "names", "values", "required"
# And: a range over a hyperparameter not listed as tunable where the service is reported to
# refuse it; a range over a name XGBoost does not know on its image in script mode.
UNTUNABLE, SCRIPT_RANGES = "untunable", "script-ranges"
ASPECTS = frozenset({OBJECTIVE, NAMES, VALUES, REQUIRED, UNTUNABLE, SCRIPT_RANGES})
# The objective's Type whose str() is not its text (a str subclass of a model object given to
# the rules directly): the direction rule, which compares str(), decides for itself; it does
# not make the feature appear (which compares the text).
_TYPE_AS_STR = "objective-type-as-str"
_NOTHING: frozenset[str] = frozenset()
_OBJECTIVE = frozenset({OBJECTIVE})
_NAMES = frozenset({NAMES})
_VALUES = frozenset({VALUES})
_REQUIRED = frozenset({REQUIRED})
_TYPE_AS_STR_ONLY = frozenset({_TYPE_AS_STR})
_UNTUNABLE = frozenset({UNTUNABLE})
_SCRIPT_RANGES = frozenset({SCRIPT_RANGES})
# The ranges could not all be read.
_RANGES_UNCLEAR = frozenset({NAMES, VALUES, REQUIRED, UNTUNABLE})
_EVERY = ASPECTS | {_TYPE_AS_STR}


@feature("builtin-findings")
def _builtin_findings(ctx: Context) -> bool:
    """Whether a definition runs a built-in algorithm about which one of the rules below may
    have something to say (every rule here needs this feature)."""
    found = _reportable(ctx)
    if found:  # the rules below are called, and read it (kept only then: the rare case)
        ctx.keep(_reportable, found)
    return bool(found) and found != _TYPE_AS_STR_ONLY


def _reportable(ctx: Context) -> frozenset[str]:
    """The aspects (:data:`ASPECTS`) that one of the rules below may report about, for any
    definition that runs a built-in algorithm: none in the common case, all of them where a
    member this reads is unreadable (each rule then reads what it can)."""
    found = _NOTHING
    try:
        for view, algorithm in _builtin_views(ctx):
            aspects = _aspects(view, algorithm)
            if aspects:
                found = found | aspects
    except Exception:  # an unreadable member: every rule decides for itself, as before
        return _EVERY
    for view, algorithm in _script_views(ctx):
        try:
            facts = view.ranges_read()
            if not facts.tuned_names_readable or not facts.tuned <= algorithm.known_names():
                found = found | _SCRIPT_RANGES
        except Exception:  # unreadable ranges: the rule reads what it can
            found = found | _SCRIPT_RANGES
    return found


def _may_report(ctx: Context, aspect: str) -> bool:
    """Whether a rule about ``aspect`` may report anything."""
    return aspect in ctx.once(_reportable)


def _aspects(view: Definition, algorithm: Algorithm) -> frozenset[str]:
    """The aspects that the rules below may report about for ``view``, shown in one pass over
    its objective, static hyperparameters and ranges: none in the common case. The objective
    and the hyperparameters are told apart: where one of them cannot be read, the aspects
    about it count (their rules decide one by one), and the other is still told."""
    try:
        found = _objective_aspects(view, algorithm)
    except Exception:  # an unreadable objective: its rules read what they can
        found = _OBJECTIVE
    try:
        rest = _hyperparameter_aspects(view, algorithm)
    except Exception:  # unreadable hyperparameters or ranges: their rules read what they can
        rest = _RANGES_UNCLEAR
    return found | rest if found and rest else found or rest


def _objective_aspects(view: Definition, algorithm: Algorithm) -> frozenset[str]:
    """:data:`OBJECTIVE` if the objective's metric is not the algorithm's, or its Type not the
    metric's direction."""
    objective = view.objective
    if objective is not None and algorithm.metrics:
        metric = algorithm.metric(objective.metric_name)  # objective metric and direction
        if metric is None or str.__str__(objective.type) != metric.direction:
            return _OBJECTIVE
        if str(objective.type) != metric.direction:
            return _TYPE_AS_STR_ONLY
    return _NOTHING


def _hyperparameter_aspects(view: Definition, algorithm: Algorithm) -> frozenset[str]:
    """What the static hyperparameters and the ranges give the rules about names, values and
    required hyperparameters to say."""
    found = _NOTHING
    facts = view.survey()
    if not facts.clean:
        return _RANGES_UNCLEAR
    static = view.static
    admitted = _admitted(algorithm.key)
    if admitted is not None:
        # Known names and documented values: all at once where each pair was seen before.
        if not static.items() <= admitted.static:
            found = found | admitted.statics(static)
        ranges = admitted.ranges
        position = 0  # in the numeric ranges' parsed bounds, in walk order
        for kind, items in (
            ("integer", facts.integer_ranges),
            ("continuous", facts.continuous_ranges),
        ):
            for item in items:
                key = (kind, item.name, item.min_value, item.max_value)
                if key not in ranges:
                    found = found | admitted.numeric(key, facts.numeric_bounds[position])
                position += 1
        for item in facts.categorical_ranges:
            values = ("categorical", item.name, tuple(item.values))
            if values not in ranges:
                found = found | admitted.categorical(values)
    if algorithm.key in REFUSES_UNTUNABLE:
        for name in facts.named:
            hyperparameter = algorithm.hyperparameter(name)
            if hyperparameter is not None and hyperparameter.tunable is None:
                found = found | _UNTUNABLE
                break
    for hyperparameter in algorithm.required_hyperparameters():
        if hyperparameter.name not in static and hyperparameter.name not in facts.named:
            return found | _REQUIRED
    return found


class _Admitted:
    """What the one-pass check of one algorithm found to have nothing to report, remembered
    by text (the table does not change, and requests repeat their values): static
    (name, value) pairs, and ranges by kind, name and bounds or values. Only what passes is
    remembered; each memory holds at most :data:`REMEMBERED` keys and starts afresh when full."""

    __slots__ = ("accepted", "ranges", "static", "verdicts")

    def __init__(self, verdicts: dict[str, _Verdicts], accepted: frozenset[str]) -> None:
        self.verdicts = verdicts
        self.accepted = accepted
        self.static: set[tuple[str, str]] = set()
        self.ranges: set[tuple[Any, ...]] = set()

    def statics(self, static: Mapping[str, str]) -> frozenset[str]:
        """What the static hyperparameters give the rules to say: :data:`NAMES` if one is
        neither ours nor documented, :data:`VALUES` if one has a value not documented."""
        found: frozenset[str] = frozenset()
        verdicts = self.verdicts
        for name, value in static.items() - self.static:  # those not seen to pass before
            verdict = verdicts.get(name)
            if verdict is None:
                if not (_ours(name) or name in self.accepted):
                    found |= _NAMES
                    continue
            elif not (verdict.values.get(value) or verdict.admits(value)):
                found |= _VALUES
                continue
            _keep(self.static, (name, value))
        return found

    def numeric(self, key: tuple[str, str, str, str], bounds: tuple[Any, Any]) -> frozenset[str]:
        """What a numeric range (``key``: kind, name, MinValue, MaxValue, with ``bounds``
        parsed) gives the rules to say: :data:`NAMES` if it tunes a name the algorithm does not
        document, :data:`VALUES` if a bound lies outside the documented values."""
        kind, name, low_text, high_text = key
        verdict = self.verdicts.get(name)
        if verdict is None:
            if name not in self.accepted:
                return _NAMES  # a tuned name the algorithm neither documents nor accepts
            _keep(self.ranges, key)
            return _NOTHING
        low, high = bounds
        if verdict.hyperparameter.kind in ("integer", "continuous") and not (
            verdict.contains(kind, low_text, low) and verdict.contains(kind, high_text, high)
        ):
            return _VALUES
        _keep(self.ranges, key)
        return _NOTHING

    def categorical(self, key: tuple[str, str, tuple[str, ...]]) -> frozenset[str]:
        """What a categorical range (``key``: "categorical", name, values) gives the rules to
        say: :data:`NAMES` for a name not documented, :data:`VALUES` for a value not
        documented."""
        _kind, name, values = key
        verdict = self.verdicts.get(name)
        if verdict is None:
            if name not in self.accepted:
                return _NAMES
            _keep(self.ranges, key)
            return _NOTHING
        for value in values:
            if not (verdict.values.get(value) or verdict.admits(value)):
                return _VALUES
        _keep(self.ranges, key)
        return _NOTHING


def _keep(memory: set[Any], key: Any) -> None:
    if len(memory) >= REMEMBERED:
        memory.clear()
    memory.add(key)


@functools.cache  # one entry per algorithm of the table
def _admitted(algorithm: str) -> _Admitted | None:
    """The memory of what passed the one-pass check of ``algorithm`` (None if the table
    documents no hyperparameter of it: no name or value is looked up then)."""
    verdicts = _verdicts(algorithm)
    accepted = algorithms.algorithms()[algorithm].accepted_names()
    return _Admitted(verdicts, accepted) if verdicts else None


def _hint(name: str, choices: Sequence[str]) -> str:
    close = algorithms.suggest(name, choices)
    return f' (did you mean "{close}"?)' if close else ""


def _name_hint(name: str, algorithm: Algorithm) -> str:
    """:func:`_hint` among the algorithm's known names: the documented ones, then those it
    accepts besides them (:meth:`~hpt_request.rules.algorithms.Algorithm.known_list`)."""
    close = algorithm.closest_name(name)
    return f' (did you mean "{close}"?)' if close else ""


def _ours(name: str) -> bool:
    return name.startswith(SERVICE_PREFIXES) or name in SDK_HYPERPARAMETERS


@rule(
    "builtin-objective-metric",
    needs=("builtin-findings",),
    severity="warning",
    source='DG:automatic-model-tuning-define-metrics-variables ("choose one of the metrics '
    'that the built-in algorithm emits as the objective metric"); the metrics tables of the '
    "per-algorithm tuning pages",
    description="The objective metric of a built-in algorithm is one of the metrics its "
    "Developer Guide page lists (with a did-you-mean for a near miss).",
    rationale="A name the algorithm does not emit leaves the tuning job without an objective "
    "value. But the Guide's lists are not complete (XGBoost emits every evaluation metric its "
    "eval_metric names, such as validation:aucpr, which is one letter from validation:auc), so "
    "the check cannot tell a typo from an unlisted metric: warning.",
)
def _builtin_objective_metric(ctx: Context) -> Iterator[Finding]:
    if not _may_report(ctx, OBJECTIVE):
        return
    for view, algorithm in _builtin_views(ctx):
        objective = view.objective
        if objective is None or algorithm.metric(objective.metric_name) is not None:
            continue
        names = [metric.name for metric in algorithm.metrics]
        if not names:
            continue  # the Guide lists no tuning metric for it: nothing to compare with
        metric = objective.metric_name
        yield Finding(
            (*view.objective_location, "MetricName"),
            f'"{metric}" is not among the metrics the Developer Guide lists for '
            f"{algorithm.title}{_hint(metric, names)}: {', '.join(names)}",
        )


@rule(
    "builtin-objective-direction",
    needs=("builtin-findings",),
    severity="warning",
    source="the metrics tables of the per-algorithm tuning pages (DG:xgboost-tuning, "
    "DG:k-means-tuning, ...), which give each metric's optimization direction",
    description="The objective Type of a built-in algorithm's metric is the direction its "
    "Developer Guide page gives (Maximize an accuracy, Minimize a loss).",
    rationale="Tuning in the wrong direction runs and finds the worst model; the service does "
    "not refuse it, so it is a warning.",
)
def _builtin_objective_direction(ctx: Context) -> Iterator[Finding]:
    if not (_may_report(ctx, OBJECTIVE) or _may_report(ctx, _TYPE_AS_STR)):
        return
    for view, algorithm in _builtin_views(ctx):
        objective = view.objective
        metric = algorithm.metric(objective.metric_name) if objective is not None else None
        if objective is None or metric is None or str(objective.type) == metric.direction:
            continue
        yield Finding(
            (*view.objective_location, "Type"),
            f'{algorithm.title} documents "{metric.name}" as a metric to {metric.direction}, '
            f'but the objective Type is "{objective.type}"',
        )


@rule(
    "builtin-hyperparameter-known",
    needs=("builtin-findings",),
    severity="warning",
    source="the hyperparameter tables of the per-algorithm pages "
    "(DG:xgboost_hyperparameters, DG:k-means-api-config, ...); the names the algorithms accept "
    "beyond them (hpt_request/rules/data/algorithm_names.json, each with its repository, commit "
    "and path): every release of aws/sagemaker-xgboost-container's "
    "algorithm_mode/hyperparameter_validation.py (silent, dsplit, prob_buffer_row, the aliases "
    'learning_rate, reg_alpha, ...; the container refuses any other name: "Extraneous '
    'hyperparameter found"), its training helper copied from the legacy XGBoost algorithm '
    "(dsplit, prob_buffer_row for the xgboost:1 image), and the training logs and hyperparameters "
    "of aws/amazon-sagemaker-examples notebooks (_kvstore, _num_gpus, _num_kv_servers)",
    description="Every static and tunable hyperparameter of a built-in algorithm is one its "
    "Developer Guide page documents or one the algorithm is shown to accept.",
    rationale="An unknown name is usually a typo (max_dept) that the algorithm rejects or "
    "ignores when the training job starts, not when the tuning job is created; and the Guide "
    "does not list every parameter of every algorithm, so names its container declares, its "
    "logs list or AWS's notebooks pass are accepted too (the framework names _kvstore, "
    "_num_gpus and _num_kv_servers for every algorithm of the SDK's AmazonAlgorithmEstimatorBase "
    "family, from the members whose logs show them): warning.",
)
def _builtin_hyperparameter_known(ctx: Context) -> Iterator[Finding]:
    if not _may_report(ctx, NAMES):
        return
    for view, algorithm in _builtin_views(ctx):
        if not algorithm.hyperparameters:
            continue
        known = algorithm.known_names()
        static = view.static
        if not static.keys() <= known:
            for name in static:
                if name not in known and not _ours(name):
                    yield Finding(
                        (*view.location, "StaticHyperParameters", name),
                        f'{algorithm.title} documents no hyperparameter "{name}"'
                        f"{_name_hint(name, algorithm)}",
                    )
        facts = view.ranges_read()
        facts.need(facts.tuned_names_readable)
        if facts.tuned <= known:
            continue
        for kind, name, where, _item in facts.found:
            if kind != "auto" and name not in known:
                yield Finding(
                    (*where, "Name"),
                    f'{algorithm.title} documents no hyperparameter "{name}"'
                    f"{_name_hint(name, algorithm)}",
                )


@rule(
    "builtin-script-mode-ranges",
    needs=("builtin-findings",),
    severity="error",
    source="aws/sagemaker-python-sdk#2226 (2021, open: a script-mode XGBoost tuner with a range "
    "over its script's own feature_xform is refused, \"the XGBoost hyper-parameters must match "
    'those from the built-in algo"); aws/sagemaker-xgboost-container#113 (2022: "ClientError: '
    "An error occurred (ValidationException) when calling the CreateHyperParameterTuningJob "
    'operation: The hyperparamet...", where the quote is cut off) and #121 (2023: "I also '
    "can't provide custom hyperparameter ranges to HPO job\")",
    description="With the first-party XGBoost image in script mode, every tuned hyperparameter "
    "is one the XGBoost algorithm documents or accepts.",
    rationale="The tuning service treats the first-party XGBoost image as the built-in algorithm "
    "even when it runs your script, and refuses a range over a name the algorithm does not know "
    "when the tuning job is created; the reports from 2021 to 2023 agree and none shows such a "
    "range accepted: error. Static hyperparameters are your script's and are not checked.",
)
def _builtin_script_mode_ranges(ctx: Context) -> Iterator[Finding]:
    if not _may_report(ctx, SCRIPT_RANGES):
        return
    for view, algorithm in _script_views(ctx):
        known = algorithm.known_names()
        facts = view.ranges_read()
        facts.need(facts.tuned_names_readable)
        if facts.tuned <= known:
            continue
        for kind, name, where, _item in facts.found:
            if kind != "auto" and name not in known:
                yield Finding(
                    (*where, "Name"),
                    f'"{name}" is no hyperparameter of {algorithm.title}, and the tuning service '
                    "refuses a range over it: it treats the first-party XGBoost image as the "
                    "built-in algorithm even in script mode"
                    f"{_name_hint(name, algorithm)}. Tune it on an image of your own (one that "
                    "extends the XGBoost container, in your registry) or tune a name XGBoost "
                    "knows",
                )


@rule(
    "builtin-hyperparameter-tunable",
    severity="warning",
    source="the tunable hyperparameters tables of the per-algorithm tuning pages "
    "(DG:xgboost-tuning, DG:linear-learner-tuning, ...)",
    description="A built-in algorithm's hyperparameter is tuned only if its tuning page lists it "
    "as tunable (opt-in: enable it in the settings).",
    rationale="The Guide lists the hyperparameters with the most effect; tuning another one is "
    "accepted by the service, and AWS's own notebooks and the SDK's tests do it (DeepAR's "
    "likelihood, NTM's num_topics, Seq2Seq's rnn_attention_type), so by default it says "
    "nothing: a team that wants the advice enables it.",
    default=False,
)
def _builtin_hyperparameter_tunable(ctx: Context) -> Iterator[Finding]:
    for view, algorithm in _builtin_views(ctx):
        if not any(h.tunable for h in algorithm.hyperparameters):
            continue
        for kind, name, where, _item in view.named_ranges():
            hyperparameter = algorithm.hyperparameter(name)
            if kind != "auto" and hyperparameter is not None and hyperparameter.tunable is None:
                yield Finding(
                    (*where, "Name"),
                    f'{algorithm.title} does not document "{name}" as tunable; its tuning page '
                    f"lists {', '.join(h.name for h in algorithm.hyperparameters if h.tunable)}",
                )


# The algorithms for which a public report shows the tuning service refusing a range over a
# hyperparameter that the tuning page does not list as tunable, with the report.
REFUSES_UNTUNABLE = {
    # "according to an error message I just got, several parameters like gamma1/2 ... are not"
    "semantic-segmentation": "awsdocs/amazon-sagemaker-developer-guide#90",
}


@rule(
    "builtin-range-not-tunable",
    needs=("builtin-findings",),
    severity="warning",
    source="awsdocs/amazon-sagemaker-developer-guide#90 (2020: the service's error message says "
    "that Semantic Segmentation's gamma1 and gamma2 are not tunable; AWS answers that the "
    "tuning pages list the tunable hyperparameters); DG:semantic-segmentation-tuning (its "
    "tunable hyperparameters table)",
    description="For Semantic Segmentation, each range tunes a hyperparameter its tuning page "
    "lists as tunable (on by default for the algorithms a report shows refusing the others; "
    "builtin-hyperparameter-tunable, opt-in, says the same for every algorithm).",
    rationale="The Guide lists the tunable hyperparameters explicitly, and a user reports the "
    "service refusing ranges over gamma1 and gamma2, which the list leaves out. But the same "
    "report named weight_decay as refused too, which the tuning page lists as tunable, and the "
    "exact refusal is not quoted, so the service's list and the Guide's may differ: warning.",
)
def _builtin_range_not_tunable(ctx: Context) -> Iterator[Finding]:
    if not _may_report(ctx, UNTUNABLE):
        return
    for view, algorithm in _builtin_views(ctx):
        report = REFUSES_UNTUNABLE.get(algorithm.key)
        if report is None:
            continue
        for kind, name, where, _item in view.named_ranges():
            hyperparameter = algorithm.hyperparameter(name)
            if kind != "auto" and hyperparameter is not None and hyperparameter.tunable is None:
                tunable = ", ".join(h.name for h in algorithm.hyperparameters if h.tunable)
                yield Finding(
                    (*where, "Name"),
                    f'{algorithm.title} does not list "{name}" as tunable, and the tuning '
                    f"service has been reported to refuse a range over such a hyperparameter "
                    f"({report}); its tuning page lists {tunable}. Give {name} as a static "
                    "hyperparameter instead",
                )


def _bounds_text(hyperparameter: Hyperparameter) -> str:
    if hyperparameter.documented:
        return hyperparameter.documented.rstrip(".")
    low = "(" if not hyperparameter.min_inclusive else "["
    high = ")" if not hyperparameter.max_inclusive else "]"
    return f"{low}{hyperparameter.minimum}, {hyperparameter.maximum}{high}"


def _admits(hyperparameter: Hyperparameter, value: str) -> bool:
    """A documented value, with words compared regardless of case (the algorithms read
    ``True`` as ``true``: AWS's own notebooks send it)."""
    if hyperparameter.admits(value):
        return True
    words = hyperparameter.values or ()
    return value.strip().lower() in {word.lower() for word in words}


def _within(hyperparameter: Hyperparameter, number: float) -> bool:
    """Within the documented bounds, or within the range the tuning page recommends (the Guide
    recommends 0 for Object Detection's momentum while its bounds exclude it)."""
    if hyperparameter.contains(number):
        return True
    tuning = hyperparameter.tunable
    return (
        tuning is not None
        and (tuning.minimum is None or tuning.minimum <= number)
        and (tuning.maximum is None or number <= tuning.maximum)
        and (tuning.minimum is not None or tuning.maximum is not None)
    )


class _Verdicts:
    """What one documented hyperparameter admits, remembered per value: static values and
    categorical values by their text, range bounds by their text and kind (the table does not
    change, and requests repeat their values). Each memory holds at most :data:`REMEMBERED`
    texts and starts afresh when full."""

    __slots__ = ("bounds", "hyperparameter", "values")

    def __init__(self, hyperparameter: Hyperparameter) -> None:
        self.hyperparameter = hyperparameter
        self.values: dict[str, bool] = {}
        # By the kind of range ("integer", "continuous"), then by the bound's text.
        self.bounds: dict[str, dict[str, bool]] = {"integer": {}, "continuous": {}}

    def admits(self, value: str) -> bool:
        """Whether ``value`` is a documented value."""
        found = self.values.get(value)
        if found is None:
            found = _admits(self.hyperparameter, value)
            _remember(self.values, value, found)
        return found

    def contains(self, kind: str, text: str, bound: Decimal | int) -> bool:
        """Whether a range bound (``text``, parsed as ``bound`` for a range of ``kind``) lies
        within what is documented."""
        memory = self.bounds[kind]
        found = memory.get(text)
        if found is None:
            found = _within(self.hyperparameter, float(bound))
            _remember(memory, text, found)
        return found


def _remember(memory: dict[str, bool], text: str, verdict: bool) -> None:
    if len(memory) >= REMEMBERED:
        memory.clear()
    memory[text] = verdict


REMEMBERED = 1024


@functools.cache  # one entry per algorithm of the table
def _verdicts(algorithm: str) -> dict[str, _Verdicts]:
    """The verdict memories of ``algorithm``'s documented hyperparameters, by name."""
    documented = algorithms.algorithms()[algorithm]
    verdicts = {
        name: _Verdicts(hyperparameter)
        for name in documented.hyperparameter_names()
        if (hyperparameter := documented.hyperparameter(name)) is not None
    }
    for alias, name in documented.aliases.items():  # learning_rate: eta's documented values
        if name in verdicts and alias not in verdicts:
            verdicts[alias] = verdicts[name]
    return verdicts


@rule(
    "builtin-hyperparameter-values",
    needs=("builtin-findings",),
    severity="warning",
    source="the valid values of the per-algorithm hyperparameter tables "
    "(DG:xgboost_hyperparameters, ...)",
    description="Static values and range bounds of a built-in algorithm's hyperparameters lie "
    "within the values its Developer Guide page documents.",
    rationale="A value outside the documented ones fails the training jobs, not the creation "
    "of the tuning job; and the Guide contradicts itself in places (its tuning pages recommend "
    "ranges that its hyperparameter pages exclude): warning.",
)
def _builtin_hyperparameter_values(ctx: Context) -> Iterator[Finding]:
    if not _may_report(ctx, VALUES):
        return
    for view, algorithm in _builtin_views(ctx):
        verdicts = _verdicts(algorithm.key)
        for name, value in view.static.items():
            verdict = verdicts.get(name)
            if verdict is not None and not (verdict.values.get(value) or verdict.admits(value)):
                yield Finding(
                    (*view.location, "StaticHyperParameters", name),
                    f'{quoted(value)} is not a documented value of {algorithm.title}\'s "{name}" '
                    f"({_bounds_text(verdict.hyperparameter)})",
                )
        facts = view.ranges_read()
        if not verdicts:
            continue  # no name is looked up
        facts.need(facts.names_readable)
        for position, (kind, name, where, item) in enumerate(facts.found):
            verdict = verdicts.get(name)
            if verdict is None or kind == "auto":
                continue
            hyperparameter = verdict.hyperparameter
            if kind == "categorical":
                for index, value in enumerate(item.values):
                    if not (verdict.values.get(value) or verdict.admits(value)):
                        yield Finding(
                            (*where, "Values", index),
                            f"{quoted(value)} is not a documented value of {algorithm.title}'s "
                            f'"{name}" ({_bounds_text(hyperparameter)})',
                        )
                continue
            if hyperparameter.kind not in ("integer", "continuous"):
                continue
            low, high = facts.numeric_bounds[position]
            if is_unknown(low) or is_unknown(high):
                raise unknown_input(low, high)  # a bound that could not be read
            memory = verdict.bounds[kind]
            if memory.get(item.min_value) and memory.get(item.max_value):
                continue  # both bounds known to lie within (the common case)
            for member, text, bound in (
                ("MinValue", item.min_value, low),
                ("MaxValue", item.max_value, high),
            ):
                if bound is not None and not verdict.contains(kind, text, bound):
                    yield Finding(
                        (*where, member),
                        f'{member} {bound} of "{name}" is outside the values {algorithm.title} '
                        f"documents ({_bounds_text(hyperparameter)})",
                    )


@rule(
    "builtin-required-hyperparameters",
    needs=("builtin-findings",),
    severity="error",
    source="the per-algorithm hyperparameter tables, which mark required hyperparameters "
    "(\"Required\", e.g. XGBoost's num_round, k-means' k and feature_dim: "
    "DG:xgboost_hyperparameters, DG:k-means-api-config); aws/sagemaker-python-sdk#132 (a job "
    "without PCA's mini_batch_size or XGBoost's num_round is accepted, then fails minutes later: "
    "\"ClientError: No value(s) were specified for 'mini_batch_size' which are required "
    'hyperparameter(s)")',
    description="Every hyperparameter a built-in algorithm's page marks as required is given, "
    "as a static value or a tunable range.",
    rationale="CreateHyperParameterTuningJob does not check the algorithm's hyperparameters, so "
    "it accepts such a request; but every training job the tuning job starts then fails at "
    'start ("No value(s) were specified for ... which are required hyperparameter(s)"), and '
    "the tuning job fails with them, its budget and wait lost: error, though the service "
    "accepts the request. Only hyperparameters marked required without a condition count; those "
    "required 'if' something is set do not.",
)
def _builtin_required_hyperparameters(ctx: Context) -> Iterator[Finding]:
    if not _may_report(ctx, REQUIRED):
        return
    for view, algorithm in _builtin_views(ctx):
        facts = view.ranges_read()
        facts.need(facts.names_readable)
        given = view.static.keys() | facts.named
        missing = [h.name for h in algorithm.required_hyperparameters() if h.name not in given]
        if missing:
            listed = ", ".join(f"'{name}'" for name in missing)
            yield Finding(
                (*view.location, "StaticHyperParameters"),
                f"{algorithm.title} requires {', '.join(missing)}: CreateHyperParameterTuningJob "
                "accepts the request, but every training job it starts then fails at start "
                f'("No value(s) were specified for {listed} which are required '
                'hyperparameter(s)"); give '
                f"{'it' if len(missing) == 1 else 'them'} as static hyperparameters or ranges",
            )
