"""Cross-field rules: what SageMaker rejects beyond the structural model.

Each rule is a small function registered with :func:`rule` under a stable id, a one-line
description, a severity and a source, in one ordered registry (:data:`RULES`). The catalogue
they implement, with its sources, is ``semantic-rules.md``; ``docs/rules.md`` is generated
from this registry.

Rules run only on structurally valid requests (model objects that passed the schema), so they
can rely on types and required members; they still never assume an optional member is present.
A rule yields :class:`Finding` objects: the location of the most specific field involved (the
one a user would change), a message naming fields, values and what would be accepted, and
optionally a severity different from the rule's default (for the catalogue's mixed cases, such
as ``MinValue == MaxValue``, a warning where ``MinValue > MaxValue`` is an error).

The warm-start rule needs the parent jobs' DescribeHyperParameterTuningJob responses, passed as
``parents=``; without them it is skipped.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

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

Location = tuple[Step, ...]
CONFIG: Location = ("HyperParameterTuningJobConfig",)
LIMITS: Location = (*CONFIG, "ResourceLimits")

# Documented limits (SageMaker Developer Guide, automatic-model-tuning-limits and related pages).
MAX_RANGES = 30
MAX_HYPERPARAMETERS = 100
MAX_GRID_COMBINATIONS = 750
MAX_TRAINING_JOBS_QUOTA = 750
MAX_PARALLEL_QUOTA = 10
MAX_TUNING_RUNTIME = 30 * 24 * 3600
MAX_TRAINING_RUNTIME = 28 * 24 * 3600
DEFAULT_TRAINING_RUNTIME = 24 * 3600
MAX_HYPERBAND_RESOURCE = 20_000
MAX_ENVIRONMENT_ENTRIES = 48
MAX_WARM_START_CHANGES = 10
FINISHED_STATES = frozenset({"Completed", "Stopped", "Failed"})
WARM_START_EPOCH = datetime.datetime(2018, 10, 1, tzinfo=datetime.timezone.utc)
# Added by SageMaker to the static hyperparameters it reports for a tuning job.
SERVICE_HYPERPARAMETERS = frozenset({"_tuning_objective_metric"})
EPOCH_NAMES = ("epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs")
# ECR repositories of SageMaker's built-in algorithms, whose objective metrics are predefined
# (DG: sagemaker-algo-docker-registry-paths). Framework images (PyTorch, TensorFlow, ...) are
# not among them: they need MetricDefinitions.
BUILT_IN_REPOSITORIES = frozenset(
    {
        "sagemaker-xgboost", "xgboost", "linear-learner", "kmeans", "knn", "pca", "lda", "ntm",
        "factorization-machines", "forecasting-deepar", "image-classification",
        "object-detection", "semantic-segmentation", "seq2seq", "blazingtext", "object2vec",
        "ipinsights", "randomcutforest",
    }
)  # fmt: skip


@attrs.frozen
class Finding:
    """What a rule reports: where, what, and (rarely) a severity of its own."""

    location: Location
    message: str
    severity: Severity | None = None


Check = Callable[["Context"], Iterable[Finding]]


@attrs.frozen
class Rule:
    id: str
    description: str
    severity: Severity
    source: str
    check: Check


RULES: list[Rule] = []


def rule(id: str, *, severity: Severity, source: str, description: str) -> Callable[[Check], Check]:
    """Register a rule function under ``id`` (in definition order)."""

    def register(check: Check) -> Check:
        if any(existing.id == id for existing in RULES):
            raise ValueError(f"duplicate rule id {id!r}")
        RULES.append(Rule(id, description, severity, source, check))
        return check

    return register


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

    @property
    def static(self) -> dict[str, str]:
        return dict(self.definition.static_hyper_parameters or {})

    def named_ranges(self) -> Iterator[tuple[str, str, Location, Any]]:
        """(kind, name, location, range) for every range and AutoParameter in force."""
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
        return sum(1 for kind, *_ in self.named_ranges() if kind != "auto")


@attrs.frozen
class Context:
    request: CreateHyperParameterTuningJobRequest
    definitions: list[Definition]
    parents: Mapping[str, Mapping[str, Any]] | None

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


def _context(
    request: CreateHyperParameterTuningJobRequest,
    parents: Mapping[str, Mapping[str, Any]] | None,
) -> Context:
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
                config.parameter_ranges,
                (*CONFIG, "ParameterRanges"),
                config.hyper_parameter_tuning_job_objective,
                (*CONFIG, "HyperParameterTuningJobObjective"),
            )
        )
    return Context(request, views, parents)


def definitions_in_force(request: CreateHyperParameterTuningJobRequest) -> list[Definition]:
    """Each training job definition with the ranges and objective that apply to it."""
    return _context(request, None).definitions


def grid_size(request: CreateHyperParameterTuningJobRequest) -> int:
    """The number of distinct combinations a Grid search runs (summed over definitions)."""
    return _grid_total(_context(request, None))


def run(
    request: CreateHyperParameterTuningJobRequest,
    *,
    parents: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Problem]:
    """Every finding of every rule, as problems (unsorted; the caller orders them)."""
    from hpt_request.schema import path_of

    context = _context(request, parents)
    problems = []
    for registered in RULES:
        for finding in registered.check(context):
            problems.append(
                Problem(
                    path=path_of(finding.location),
                    code=registered.id,
                    message=finding.message,
                    severity=finding.severity or registered.severity,
                    location=finding.location,
                )
            )
    return problems


def _q(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def _names(items: Iterable[str]) -> str:
    return ", ".join(sorted(f'"{item}"' for item in items))


# -- definitions, objective, algorithm -------------------------------------------------------------


@rule(
    "definition-exactly-one",
    severity="error",
    source="DG:multiple-algorithm-hpo-create-tuning-jobs",
    description="Exactly one of TrainingJobDefinition and TrainingJobDefinitions is given.",
)
def _definition_exactly_one(ctx: Context) -> Iterator[Finding]:
    single, several = ctx.request.training_job_definition, ctx.request.training_job_definitions
    if single is not None and several is not None:
        yield Finding(
            ("TrainingJobDefinitions",),
            "TrainingJobDefinition and TrainingJobDefinitions are both given; keep "
            "one: the single definition, or the list for a multi-algorithm job",
        )
    elif single is None and several is None:
        yield Finding(
            ("TrainingJobDefinition",),
            "neither TrainingJobDefinition nor TrainingJobDefinitions is "
            "given; a tuning job needs the training job definition it launches",
        )


@rule(
    "multi-definition-names",
    severity="error",
    source="DG:multiple-algorithm-hpo-create-tuning-jobs",
    description="With TrainingJobDefinitions, every item has "
    "a DefinitionName and the names are unique.",
)
def _multi_definition_names(ctx: Context) -> Iterator[Finding]:
    if not ctx.multi:
        return
    seen: dict[str, int] = {}
    for view in ctx.definitions:
        name = view.definition.definition_name
        if name is None:
            yield Finding(
                (*view.location, "DefinitionName"),
                "DefinitionName is missing; each of several "
                "training job definitions needs a unique name",
            )
        elif name in seen:
            yield Finding(
                (*view.location, "DefinitionName"),
                f'DefinitionName "{name}" is already used by TrainingJobDefinitions[{seen[name]}]; '
                "names must be unique",
            )
        else:
            seen[name] = int(view.location[1])


@rule(
    "objective-required",
    severity="error",
    source="SM:HyperParameterTuningJobConfig",
    description="With a single definition, HyperParameterTuningJobObjective "
    "is given (unless Autotune).",
)
def _objective_required(ctx: Context) -> Iterator[Finding]:
    if ctx.multi or ctx.autotune or not ctx.definitions:
        return
    if ctx.config.hyper_parameter_tuning_job_objective is None:
        yield Finding(
            (*CONFIG, "HyperParameterTuningJobObjective"),
            "HyperParameterTuningJobObjective is missing; give the metric to "
            "tune and whether to Maximize or Minimize it (or enable Autotune)",
        )


@rule(
    "multi-objective-per-definition",
    severity="error",
    source="DG:multiple-algorithm-hpo-create-tuning-jobs",
    description="With several definitions, each has TuningObjective and "
    "HyperParameterRanges, and the config has neither objective nor ranges.",
)
def _multi_objective_per_definition(ctx: Context) -> Iterator[Finding]:
    if not ctx.multi:
        return
    if ctx.config.hyper_parameter_tuning_job_objective is not None:
        yield Finding(
            (*CONFIG, "HyperParameterTuningJobObjective"),
            "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective is not allowed "
            "with TrainingJobDefinitions; give each definition its own TuningObjective",
        )
    if ctx.config.parameter_ranges is not None:
        yield Finding(
            (*CONFIG, "ParameterRanges"),
            "HyperParameterTuningJobConfig.ParameterRanges is not allowed with "
            "TrainingJobDefinitions; give each definition its own HyperParameterRanges",
        )
    for view in ctx.definitions:
        if view.definition.tuning_objective is None:
            yield Finding(
                (*view.location, "TuningObjective"),
                "TuningObjective is missing; each of several definitions needs its own objective",
            )
        if view.definition.hyper_parameter_ranges is None and not ctx.autotune:
            yield Finding(
                (*view.location, "HyperParameterRanges"),
                "HyperParameterRanges is missing; each of several definitions needs its own ranges",
            )


@rule(
    "multi-no-warm-start",
    severity="error",
    source="DG:multiple-algorithm-hpo-create-tuning-jobs",
    description="WarmStartConfig is only allowed with a single training job definition.",
)
def _multi_no_warm_start(ctx: Context) -> Iterator[Finding]:
    if ctx.multi and ctx.request.warm_start_config is not None:
        yield Finding(
            ("WarmStartConfig",),
            "WarmStartConfig is not supported with TrainingJobDefinitions; "
            "warm start needs a single TrainingJobDefinition",
        )


@rule(
    "multi-no-early-stopping",
    severity="error",
    source="DG:multiple-algorithm-hpo-create-tuning-jobs",
    description="TrainingJobEarlyStoppingType Auto is only allowed with a single definition.",
)
def _multi_no_early_stopping(ctx: Context) -> Iterator[Finding]:
    if ctx.multi and ctx.config.training_job_early_stopping_type == "Auto":
        yield Finding(
            (*CONFIG, "TrainingJobEarlyStoppingType"),
            'TrainingJobEarlyStoppingType "Auto" is not supported with TrainingJobDefinitions; '
            'use "Off" or leave it out',
        )


@rule(
    "image-xor-algorithm",
    severity="error",
    source="SM:HyperParameterAlgorithmSpecification.AlgorithmName",
    description="AlgorithmSpecification gives exactly one of TrainingImage and AlgorithmName.",
)
def _image_xor_algorithm(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        spec = view.definition.algorithm_specification
        where = (*view.location, "AlgorithmSpecification")
        if spec.training_image is not None and spec.algorithm_name is not None:
            yield Finding(
                (*where, "AlgorithmName"),
                "TrainingImage and AlgorithmName are both given; give the image of "
                "your own algorithm or the name of an algorithm resource, not both",
            )
        elif spec.training_image is None and spec.algorithm_name is None:
            yield Finding(
                (*where, "TrainingImage"),
                "neither TrainingImage nor AlgorithmName is "
                "given; one of them names the algorithm to tune",
            )


def _repository(image: str) -> str:
    path = image.split("/", 1)[1] if "/" in image else image
    return path.split("@", 1)[0].split(":", 1)[0]


@rule(
    "objective-metric-defined",
    severity="error",
    source='aws/amazon-sagemaker-examples#1207; aws/sagemaker-python-sdk#3932 ("A metric is '
    "required for this hyperparameter tuning job objective. Provide a metric in the metric "
    'definitions.")',
    description="With a TrainingImage, the objective MetricName is the Name of one of the "
    "definition's MetricDefinitions (a warning for built-in algorithm images).",
)
def _objective_metric_defined(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        spec = view.definition.algorithm_specification
        if spec.training_image is None or view.objective is None:
            continue
        names = [d.name for d in spec.metric_definitions or []]
        metric = view.objective.metric_name
        if metric in names:
            continue
        built_in = _repository(spec.training_image) in BUILT_IN_REPOSITORIES
        defined = (
            f"the MetricDefinitions define {_names(names)}"
            if names
            else "there are no MetricDefinitions"
        )
        yield Finding(
            (*view.objective_location, "MetricName"),
            f'objective metric "{metric}" is not defined: {defined}. '
            + (
                "The image looks like a built-in algorithm whose metrics "
                "are predefined; check that the name is one of its metrics"
                if built_in
                else f'Add a MetricDefinition named "{metric}" with the Regex that finds it in '
                "the logs"
            ),
            severity="warning" if built_in else None,
        )


@rule(
    "algorithm-no-metric-definitions",
    severity="error",
    source="DG:automatic-model-tuning-define-metrics-variables",
    description="With AlgorithmName, MetricDefinitions is not "
    "given (the algorithm defines its metrics).",
)
def _algorithm_no_metric_definitions(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        spec = view.definition.algorithm_specification
        if spec.algorithm_name is not None and spec.metric_definitions is not None:
            yield Finding(
                (*view.location, "AlgorithmSpecification", "MetricDefinitions"),
                "MetricDefinitions is not allowed with AlgorithmName: an algorithm "
                "resource defines its own metrics; leave MetricDefinitions out",
            )


@rule(
    "metric-definition-names-unique",
    severity="warning",
    source="-",
    description="MetricDefinitions names are unique and each Regex compiles.",
)
def _metric_definition_names_unique(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        where = (*view.location, "AlgorithmSpecification", "MetricDefinitions")
        seen: set[str] = set()
        for index, item in enumerate(
            view.definition.algorithm_specification.metric_definitions or []
        ):
            if item.name in seen:
                yield Finding(
                    (*where, index, "Name"), f'metric name "{item.name}" is defined twice'
                )
            seen.add(item.name)
            if "\\p{" in item.regex:
                continue  # Java's property classes: Python's re cannot judge them
            try:
                # Java writes named groups (?<name>...); Python wants (?P<name>...).
                re.compile(re.sub(r"\(\?<(?=[A-Za-z])", "(?P<", item.regex))
            except (re.error, RecursionError, OverflowError) as exc:
                yield Finding(
                    (*where, index, "Regex"), f"Regex {_q(item.regex)} does not compile: {exc}"
                )


@rule(
    "marketplace-network-isolation",
    severity="warning",
    source="DG:multiple-algorithm-hpo-create-tuning-jobs",
    description="With AlgorithmName (AWS Marketplace), EnableNetworkIsolation is true.",
)
def _marketplace_network_isolation(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        if (
            definition.algorithm_specification.algorithm_name is not None
            and not definition.enable_network_isolation
        ):
            yield Finding(
                (*view.location, "EnableNetworkIsolation"),
                "AlgorithmName is given but EnableNetworkIsolation is not true; "
                "AWS Marketplace algorithms run only with network isolation",
            )


# -- strategy, early stopping, Hyperband, Grid --------------------------------------------------


@rule(
    "hyperband-early-stopping-off",
    severity="error",
    source="SM:HyperParameterTuningJobConfig.TrainingJobEarlyStoppingType",
    description="Strategy Hyperband requires TrainingJobEarlyStoppingType absent or Off.",
)
def _hyperband_early_stopping_off(ctx: Context) -> Iterator[Finding]:
    if ctx.strategy == "Hyperband" and ctx.config.training_job_early_stopping_type == "Auto":
        yield Finding(
            (*CONFIG, "TrainingJobEarlyStoppingType"),
            'TrainingJobEarlyStoppingType "Auto" cannot be used with the Hyperband strategy, '
            'which stops jobs itself; use "Off" or leave it out',
        )


@rule(
    "strategy-config-only-hyperband",
    severity="error",
    source="SM:HyperParameterTuningJobStrategyConfig",
    description="StrategyConfig is only given with Strategy Hyperband.",
)
def _strategy_config_only_hyperband(ctx: Context) -> Iterator[Finding]:
    if ctx.config.strategy_config is not None and ctx.strategy != "Hyperband":
        yield Finding(
            (*CONFIG, "StrategyConfig"),
            f'StrategyConfig is only for the Hyperband strategy, not "{ctx.strategy}"; leave it '
            "out",
        )


def _hyperband_max_resource(
    view: Definition, config: HyperParameterTuningJobConfig
) -> tuple[int | None, Location]:
    """MaxResource as given, or as SageMaker infers it from an epochs-like static hyperparameter."""
    hyperband = config.strategy_config.hyperband_strategy_config if config.strategy_config else None
    if hyperband is not None and hyperband.max_resource is not None:
        return hyperband.max_resource, (
            *CONFIG,
            "StrategyConfig",
            "HyperbandStrategyConfig",
            "MaxResource",
        )
    static = view.static
    for name in EPOCH_NAMES:
        if name in static:
            return numbers.parse_integer(static[name].strip()), (
                *view.location,
                "StaticHyperParameters",
                name,
            )
    return None, (*CONFIG, "StrategyConfig")


@rule(
    "hyperband-max-resource",
    severity="error",
    source="SM:HyperbandStrategyConfig.MaxResource; awslabs/graphstorm#1243",
    description="Hyperband without MaxResource needs a static hyperparameter epochs, "
    "numepochs, n-epochs, n_epochs or num_epochs (an integer) in every definition.",
)
def _hyperband_needs_max_resource(ctx: Context) -> Iterator[Finding]:
    if ctx.strategy != "Hyperband":
        return
    for view in ctx.definitions:
        value, where = _hyperband_max_resource(view, ctx.config)
        if value is not None:
            continue
        if where[-1] in EPOCH_NAMES:
            yield Finding(
                where,
                f'static hyperparameter "{where[-1]}" = {_q(view.static[str(where[-1])])} is not '
                "an integer, so Hyperband cannot infer MaxResource from it; "
                "set StrategyConfig.HyperbandStrategyConfig.MaxResource",
            )
        else:
            yield Finding(
                where,
                "Hyperband needs MaxResource: set "
                "StrategyConfig.HyperbandStrategyConfig.MaxResource, or a static "
                f"hyperparameter named one of {', '.join(EPOCH_NAMES)}",
            )


@rule(
    "hyperband-max-resource-limit",
    severity="error",
    source="SM:HyperbandStrategyConfig.MaxResource",
    description=f"Hyperband MaxResource (given or inferred) is at most {MAX_HYPERBAND_RESOURCE}.",
)
def _hyperband_max_resource_limit(ctx: Context) -> Iterator[Finding]:
    if ctx.strategy != "Hyperband":
        return
    reported: set[Location] = set()
    for view in ctx.definitions:
        value, where = _hyperband_max_resource(view, ctx.config)
        if value is not None and value > MAX_HYPERBAND_RESOURCE and where not in reported:
            reported.add(where)
            yield Finding(
                where,
                f"MaxResource {value} is above {MAX_HYPERBAND_RESOURCE}, the most Hyperband allows",
            )


@rule(
    "hyperband-min-le-max",
    severity="error",
    source="logical",
    description="Hyperband MinResource is at most MaxResource.",
)
def _hyperband_min_le_max(ctx: Context) -> Iterator[Finding]:
    config = ctx.config.strategy_config
    hyperband = config.hyperband_strategy_config if config else None
    if ctx.strategy != "Hyperband" or hyperband is None or hyperband.min_resource is None:
        return
    maxima = [_hyperband_max_resource(view, ctx.config)[0] for view in ctx.definitions]
    smallest = min((value for value in maxima if value is not None), default=None)
    if smallest is not None and hyperband.min_resource > smallest:
        yield Finding(
            (*CONFIG, "StrategyConfig", "HyperbandStrategyConfig", "MinResource"),
            f"MinResource {hyperband.min_resource} is above MaxResource "
            f"{smallest}; lower MinResource or raise MaxResource",
        )


def _distinct_values(item: Any) -> int:
    return len(set(item.values))


def _combinations(view: Definition) -> int | None:
    """Distinct points of a discrete search space (None if it has a continuous or auto range, or
    a bound that does not parse). Counted, never enumerated."""
    total = 1
    for kind, _name, _where, item in view.named_ranges():
        if kind in ("continuous", "auto"):
            return None
        if kind == "categorical":
            total *= _distinct_values(item)
        else:
            low, high = numbers.parse_integer(item.min_value), numbers.parse_integer(item.max_value)
            if low is None or high is None or high < low:
                return None
            total *= high - low + 1
    return total


@rule(
    "grid-categorical-only",
    severity="error",
    source="DG:automatic-model-tuning-define-ranges",
    description="Strategy Grid allows only CategoricalParameterRanges.",
)
def _grid_categorical_only(ctx: Context) -> Iterator[Finding]:
    if ctx.strategy != "Grid":
        return
    for view in ctx.definitions:
        for kind, name, where, _item in view.named_ranges():
            if kind != "categorical":
                yield Finding(
                    where,
                    f'{kind} range "{name}" cannot be used with the Grid strategy, which takes '
                    "only categorical ranges; list its values as a CategoricalParameterRange",
                )


def _grid_total(ctx: Context) -> int:
    total = 0
    for view in ctx.definitions:
        product = 1
        for kind, _name, _where, item in view.named_ranges():
            if kind == "categorical":
                product *= _distinct_values(item)
        total += product
    return total


@rule(
    "grid-max-jobs",
    severity="error",
    source="DG:automatic-model-tuning-how-it-works",
    description="Grid: MaxNumberOfTrainingJobs, if given, equals the number of combinations.",
)
def _grid_max_jobs(ctx: Context) -> Iterator[Finding]:
    limit = ctx.config.resource_limits.max_number_of_training_jobs
    if ctx.strategy != "Grid" or limit is None or not ctx.definitions:
        return
    total = _grid_total(ctx)
    if limit != total:
        yield Finding(
            (*LIMITS, "MaxNumberOfTrainingJobs"),
            f"MaxNumberOfTrainingJobs is {limit} but the grid has {total} "
            f"combinations; with Grid it must be {total}, or left out",
        )


@rule(
    "grid-combinations-limit",
    severity="error",
    source="DG:automatic-model-tuning-limits",
    description=f"Grid: the number of combinations is at most {MAX_GRID_COMBINATIONS}.",
)
def _grid_combinations_limit(ctx: Context) -> Iterator[Finding]:
    if ctx.strategy != "Grid" or not ctx.definitions:
        return
    total = _grid_total(ctx)
    if total > MAX_GRID_COMBINATIONS:
        view = ctx.definitions[0]
        yield Finding(
            view.ranges_location,
            f"the grid has {total} combinations, more than the {MAX_GRID_COMBINATIONS} "
            "allowed; drop values or use Bayesian or Random search",
        )


@rule(
    "max-jobs-required",
    severity="warning",
    source="SDK behaviour",
    description="Strategies other than Grid, without Autotune, give MaxNumberOfTrainingJobs.",
)
def _max_jobs_required(ctx: Context) -> Iterator[Finding]:
    if ctx.strategy == "Grid" or ctx.autotune:
        return
    if ctx.config.resource_limits.max_number_of_training_jobs is None:
        yield Finding(
            (*LIMITS, "MaxNumberOfTrainingJobs"),
            f'MaxNumberOfTrainingJobs is not given; the "{ctx.strategy}" strategy needs a budget',
        )


@rule(
    "discrete-space-covers-max-jobs",
    severity="error",
    source="aws/amazon-sagemaker-operator-for-k8s#123 (\"You don't have enough combinations of "
    'hyperparameter ranges ...")',
    description="Without continuous ranges, the distinct "
    "combinations are at least MaxNumberOfTrainingJobs.",
)
def _discrete_space_covers_max_jobs(ctx: Context) -> Iterator[Finding]:
    limit = ctx.config.resource_limits.max_number_of_training_jobs
    if ctx.strategy == "Grid" or ctx.autotune or limit is None or not ctx.definitions:
        return
    total = 0
    for view in ctx.definitions:
        count = _combinations(view)
        if count is None or not list(view.named_ranges()):
            return
        total += count
    if total < limit:
        yield Finding(
            (*LIMITS, "MaxNumberOfTrainingJobs"),
            f"MaxNumberOfTrainingJobs is {limit} but the search space has only "
            f"{total} distinct combinations; lower it to {total} or widen the ranges",
        )


@rule(
    "max-jobs-quota",
    severity="warning",
    source="DG:automatic-model-tuning-limits",
    description="MaxNumberOfTrainingJobs is at most "
    f"{MAX_TRAINING_JOBS_QUOTA} (default quota, raisable).",
)
def _max_jobs_quota(ctx: Context) -> Iterator[Finding]:
    limit = ctx.config.resource_limits.max_number_of_training_jobs
    if limit is not None and limit > MAX_TRAINING_JOBS_QUOTA:
        yield Finding(
            (*LIMITS, "MaxNumberOfTrainingJobs"),
            f"MaxNumberOfTrainingJobs {limit} is above the default "
            f"quota of {MAX_TRAINING_JOBS_QUOTA} training jobs per tuning "
            "job; it fails unless your account's quota was raised",
        )


@rule(
    "max-parallel-quota",
    severity="warning",
    source="DG:automatic-model-tuning-limits",
    description="MaxParallelTrainingJobs is at most "
    f"{MAX_PARALLEL_QUOTA} (default quota, raisable).",
)
def _max_parallel_quota(ctx: Context) -> Iterator[Finding]:
    parallel = ctx.config.resource_limits.max_parallel_training_jobs
    if parallel > MAX_PARALLEL_QUOTA:
        yield Finding(
            (*LIMITS, "MaxParallelTrainingJobs"),
            f"MaxParallelTrainingJobs {parallel} is above the default "
            f"quota of {MAX_PARALLEL_QUOTA} concurrent training "
            "jobs; it fails unless your account's quota was raised",
        )


@rule(
    "parallel-le-total",
    severity="warning",
    source="DG:multiple-algorithm-hpo-create-tuning-jobs",
    description="MaxParallelTrainingJobs is at most MaxNumberOfTrainingJobs.",
)
def _parallel_le_total(ctx: Context) -> Iterator[Finding]:
    limits = ctx.config.resource_limits
    total = limits.max_number_of_training_jobs
    if total is not None and limits.max_parallel_training_jobs > total:
        yield Finding(
            (*LIMITS, "MaxParallelTrainingJobs"),
            f"MaxParallelTrainingJobs {limits.max_parallel_training_jobs} is above "
            f"MaxNumberOfTrainingJobs {total}; at most {total} jobs can run at once",
        )


@rule(
    "tuning-runtime-30-days",
    severity="warning",
    source="DG:automatic-model-tuning-limits",
    description="ResourceLimits.MaxRuntimeInSeconds is at most 30 days.",
)
def _tuning_runtime_30_days(ctx: Context) -> Iterator[Finding]:
    runtime = ctx.config.resource_limits.max_runtime_in_seconds
    if runtime is not None and runtime > MAX_TUNING_RUNTIME:
        yield Finding(
            (*LIMITS, "MaxRuntimeInSeconds"),
            f"MaxRuntimeInSeconds {runtime} is above 30 days "
            f"({MAX_TUNING_RUNTIME} s), the documented limit for a tuning job",
        )


# -- parameter ranges and hyperparameters ----------------------------------------------------------


@rule(
    "ranges-total-30",
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
    severity="error",
    source="-",
    description="A hyperparameter name appears once across the range lists of a definition.",
)
def _range_names_unique(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        first: dict[str, Location] = {}
        for _kind, name, where, _item in view.named_ranges():
            if name in first:
                yield Finding(
                    (*where, "Name"),
                    f'hyperparameter "{name}" is already tuned at '
                    f"{_relative(first[name], view.ranges_location)}; "
                    "each name can have one range",
                )
            else:
                first[name] = where


def _relative(location: Location, base: Location) -> str:
    from hpt_request.schema import path_of

    return path_of(location).removeprefix(path_of(base) + ".")


@rule(
    "static-not-tuned",
    severity="error",
    source="aws/sagemaker-python-sdk#931",
    description="A hyperparameter is not both static and tuned.",
)
def _static_not_tuned(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        static = view.static
        for kind, name, where, _item in view.named_ranges():
            if kind != "auto" and name in static:
                yield Finding(
                    (*where, "Name"),
                    f'hyperparameter "{name}" is tuned here and also set in StaticHyperParameters '
                    f"({_q(static[name])}); remove one of the two",
                )


def _bounds(kind: str, item: Any) -> tuple[Decimal | int | None, Decimal | int | None]:
    parse: Callable[[str], Decimal | int | None] = (
        numbers.parse_integer if kind == "integer" else numbers.parse_decimal
    )
    return parse(item.min_value), parse(item.max_value)


def _numeric_ranges(view: Definition) -> Iterator[tuple[str, str, Location, Any]]:
    for kind, name, where, item in view.named_ranges():
        if kind in ("integer", "continuous"):
            yield kind, name, where, item


@rule(
    "range-bounds-numeric",
    severity="error",
    source="the model only says string; see the catalogue's notes on numbers",
    description="Integer range bounds are integers; continuous bounds are finite decimal numbers.",
)
def _range_bounds_numeric(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for kind, name, where, item in _numeric_ranges(view):
            low, high = _bounds(kind, item)
            form = numbers.INTEGER_FORM if kind == "integer" else numbers.DECIMAL_FORM
            for member, text, value in (
                ("MinValue", item.min_value, low),
                ("MaxValue", item.max_value, high),
            ):
                if value is None:
                    yield Finding(
                        (*where, member),
                        f'{member} {_q(text)} of {kind} range "{name}" is not {form}',
                    )


@rule(
    "range-min-lt-max",
    severity="error",
    source="aws/amazon-sagemaker-feedback#195",
    description="MinValue is below MaxValue (equal values are a warning).",
)
def _range_min_lt_max(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for kind, name, where, item in _numeric_ranges(view):
            low, high = _bounds(kind, item)
            if low is None or high is None or low < high:
                continue
            if low == high:
                yield Finding(
                    (*where, "MaxValue"),
                    f'range "{name}" has MinValue equal to MaxValue ({_q(item.min_value)}): '
                    "nothing to tune; make it a static hyperparameter or widen the range",
                    severity="warning",
                )
            else:
                yield Finding(
                    (*where, "MaxValue"),
                    f'range "{name}" has MaxValue {_q(item.max_value)} below MinValue '
                    f"{_q(item.min_value)}; MinValue must be less than MaxValue",
                )


@rule(
    "categorical-distinct",
    severity="error",
    source="aws/amazon-sagemaker-feedback#195",
    description="Categorical values are distinct (a single value is a warning).",
)
def _categorical_distinct(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for kind, name, where, item in view.named_ranges():
            if kind != "categorical":
                continue
            counts = Counter(item.values)
            repeated = [value for value, count in counts.items() if count > 1]
            if repeated:
                yield Finding(
                    (*where, "Values"),
                    f'categorical range "{name}" repeats {_names(repeated)}; values must be '
                    "distinct",
                )
            elif len(item.values) == 1:
                yield Finding(
                    (*where, "Values"),
                    f'categorical range "{name}" has a single value {_q(item.values[0])}: nothing '
                    "to tune; make it a static hyperparameter",
                    severity="warning",
                )


@rule(
    "log-scale-positive",
    severity="error",
    source="SM:ContinuousParameterRange.ScalingType",
    description="ScalingType Logarithmic requires MinValue above 0.",
)
def _log_scale_positive(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for kind, name, where, item in _numeric_ranges(view):
            low, _ = _bounds(kind, item)
            if item.scaling_type == "Logarithmic" and low is not None and low <= 0:
                yield Finding(
                    (*where, "MinValue"),
                    f'MinValue {_q(item.min_value)} of range "{name}" is not > 0: Logarithmic '
                    "scaling needs a range above 0; use Linear or raise MinValue",
                )


@rule(
    "reverse-log-continuous-only",
    severity="error",
    source="DG:automatic-model-tuning-define-ranges",
    description="ScalingType ReverseLogarithmic is only for continuous ranges.",
)
def _reverse_log_continuous_only(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for kind, name, where, item in _numeric_ranges(view):
            if kind == "integer" and item.scaling_type == "ReverseLogarithmic":
                yield Finding(
                    (*where, "ScalingType"),
                    f'integer range "{name}" cannot use ReverseLogarithmic scaling, which is only '
                    "for continuous ranges; use Linear, Logarithmic or Auto",
                )


@rule(
    "reverse-log-unit-interval",
    severity="error",
    source="SM:ContinuousParameterRange.ScalingType",
    description="ScalingType ReverseLogarithmic requires 0 <= MinValue and MaxValue < 1.",
)
def _reverse_log_unit_interval(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for kind, name, where, item in _numeric_ranges(view):
            if kind != "continuous" or item.scaling_type != "ReverseLogarithmic":
                continue
            low, high = _bounds(kind, item)
            if low is not None and low < 0:
                yield Finding(
                    (*where, "MinValue"),
                    f'MinValue {_q(item.min_value)} of range "{name}" is below 0: '
                    "ReverseLogarithmic scaling needs 0 <= MinValue and MaxValue < 1",
                )
            if high is not None and high >= 1:
                yield Finding(
                    (*where, "MaxValue"),
                    f'MaxValue {_q(item.max_value)} of range "{name}" is not < 1: '
                    "ReverseLogarithmic scaling needs 0 <= MinValue and MaxValue < 1",
                )


@rule(
    "ranges-required",
    severity="error",
    source="SDK behaviour",
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
    severity="warning",
    source="SM:AutoParameter",
    description="AutoParameters only with Autotune; an AutoParameter name is not also static.",
)
def _auto_parameters_need_autotune(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        static = view.static
        for kind, name, where, _item in view.named_ranges():
            if kind != "auto":
                continue
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


# -- stopping condition, spot, resources, input data ---------------------------------------------


@rule(
    "max-wait-needs-spot",
    severity="error",
    source='aws/amazon-sagemaker-examples#869 ("Invalid MaxWaitTimeInSeconds. It is only '
    'supported when EnableManagedSpotTraining is set to true")',
    description="StoppingCondition.MaxWaitTimeInSeconds only with EnableManagedSpotTraining true.",
)
def _max_wait_needs_spot(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        if (
            definition.stopping_condition.max_wait_time_in_seconds is not None
            and not definition.enable_managed_spot_training
        ):
            yield Finding(
                (*view.location, "StoppingCondition", "MaxWaitTimeInSeconds"),
                "MaxWaitTimeInSeconds is only supported with EnableManagedSpotTraining "
                "true; set it or remove MaxWaitTimeInSeconds",
            )


@rule(
    "spot-needs-max-wait",
    severity="error",
    source="DG:model-managed-spot-training",
    description="EnableManagedSpotTraining true requires StoppingCondition.MaxWaitTimeInSeconds.",
)
def _spot_needs_max_wait(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        if (
            definition.enable_managed_spot_training
            and definition.stopping_condition.max_wait_time_in_seconds is None
        ):
            yield Finding(
                (*view.location, "StoppingCondition", "MaxWaitTimeInSeconds"),
                "EnableManagedSpotTraining is true but MaxWaitTimeInSeconds is missing; give "
                "the longest time to wait for spot capacity (at least MaxRuntimeInSeconds)",
            )


@rule(
    "max-wait-ge-max-runtime",
    severity="error",
    source="SM:StoppingCondition.MaxWaitTimeInSeconds",
    description="MaxWaitTimeInSeconds is at least MaxRuntimeInSeconds.",
)
def _max_wait_ge_max_runtime(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        stopping = view.definition.stopping_condition
        wait = stopping.max_wait_time_in_seconds
        # MaxRuntimeInSeconds defaults to one day (SM:StoppingCondition.MaxRuntimeInSeconds).
        runtime = stopping.max_runtime_in_seconds or DEFAULT_TRAINING_RUNTIME
        if wait is not None and wait < runtime:
            yield Finding(
                (*view.location, "StoppingCondition", "MaxWaitTimeInSeconds"),
                f"MaxWaitTimeInSeconds {wait} is below MaxRuntimeInSeconds "
                f"{runtime}; it must be at least as long",
            )


@rule(
    "max-runtime-28-days",
    severity="warning",
    source="SM:StoppingCondition.MaxRuntimeInSeconds",
    description="StoppingCondition.MaxRuntimeInSeconds is at most 28 days.",
)
def _max_runtime_28_days(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        runtime = view.definition.stopping_condition.max_runtime_in_seconds
        if runtime is not None and runtime > MAX_TRAINING_RUNTIME:
            yield Finding(
                (*view.location, "StoppingCondition", "MaxRuntimeInSeconds"),
                f"MaxRuntimeInSeconds {runtime} is above 28 days "
                f"({MAX_TRAINING_RUNTIME} s), the longest a training job can run",
            )


@rule(
    "resource-config-exactly-one",
    severity="error",
    source="SM:HyperParameterTrainingJobDefinition",
    description="Each definition has exactly one of ResourceConfig "
    "and HyperParameterTuningResourceConfig.",
)
def _resource_config_exactly_one(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        plain, tuning = (
            definition.resource_config,
            definition.hyper_parameter_tuning_resource_config,
        )
        if plain is not None and tuning is not None:
            yield Finding(
                (*view.location, "HyperParameterTuningResourceConfig"),
                "ResourceConfig and HyperParameterTuningResourceConfig are both given; keep one",
            )
        elif plain is None and tuning is None:
            yield Finding(
                (*view.location, "ResourceConfig"),
                "neither ResourceConfig nor HyperParameterTuningResourceConfig "
                "is given; the training jobs need instances",
            )


@rule(
    "instance-configs-exclusive",
    severity="error",
    source="SM:HyperParameterTuningResourceConfig.InstanceConfigs",
    description="HyperParameterTuningResourceConfig: InstanceConfigs "
    "excludes InstanceType, InstanceCount and VolumeSizeInGB; "
    "without it, InstanceType and InstanceCount are given.",
)
def _instance_configs_exclusive(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        config = view.definition.hyper_parameter_tuning_resource_config
        if config is None:
            continue
        where = (*view.location, "HyperParameterTuningResourceConfig")
        members = {
            "InstanceType": config.instance_type,
            "InstanceCount": config.instance_count,
            "VolumeSizeInGB": config.volume_size_in_gb,
        }
        if config.instance_configs is not None:
            for member, value in members.items():
                if value is not None:
                    yield Finding(
                        (*where, member),
                        f"{member} cannot be given with InstanceConfigs; "
                        "set it in each InstanceConfigs item",
                    )
        else:
            for member in ("InstanceType", "InstanceCount"):
                if members[member] is None:
                    yield Finding(
                        (*where, member),
                        f"{member} is missing; give InstanceType "
                        "and InstanceCount, or InstanceConfigs",
                    )


@rule(
    "instance-count-positive",
    severity="error",
    source="SM:ResourceConfig",
    description="InstanceCount is at least 1 where InstanceType is used; "
    "InstanceGroups excludes InstanceType and InstanceCount.",
)
def _instance_count_positive(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        for member, config in (
            ("ResourceConfig", definition.resource_config),
            (
                "HyperParameterTuningResourceConfig",
                definition.hyper_parameter_tuning_resource_config,
            ),
        ):
            if config is None:
                continue
            where = (*view.location, member)
            groups = getattr(config, "instance_groups", None)
            if groups is not None:
                for name, value in (
                    ("InstanceType", config.instance_type),
                    ("InstanceCount", config.instance_count),
                ):
                    if value is not None:
                        yield Finding(
                            (*where, name),
                            f"{name} cannot be given with InstanceGroups; each group has its own",
                        )
                for index, group in enumerate(groups):
                    if group.instance_count < 1:
                        yield Finding(
                            (*where, "InstanceGroups", index, "InstanceCount"),
                            f"InstanceCount {group.instance_count} of instance group "
                            f'"{group.instance_group_name}" must be at least 1',
                        )
            elif (
                config.instance_type is not None
                and config.instance_count is not None
                and config.instance_count < 1
            ):
                yield Finding(
                    (*where, "InstanceCount"),
                    f"InstanceCount {config.instance_count} must be "
                    f"at least 1 to run on {config.instance_type}",
                )
            for index, item in enumerate(getattr(config, "instance_configs", None) or []):
                if item.instance_count < 1:
                    yield Finding(
                        (*where, "InstanceConfigs", index, "InstanceCount"),
                        f"InstanceCount {item.instance_count} must be at least 1",
                    )


def _channels(view: Definition) -> Iterator[tuple[Location, Any, str]]:
    """(location, channel, effective input mode) for each input channel."""
    default = str(view.definition.algorithm_specification.training_input_mode)
    for index, channel in enumerate(view.definition.input_data_config or []):
        mode = str(channel.input_mode) if channel.input_mode is not None else default
        yield (*view.location, "InputDataConfig", index), channel, mode


@rule(
    "augmented-manifest-pipe",
    severity="error",
    source="SM:S3DataSource.S3DataType",
    description="S3DataType AugmentedManifestFile requires the channel's input mode Pipe.",
)
def _augmented_manifest_pipe(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for where, channel, mode in _channels(view):
            source = channel.data_source.s3_data_source
            if (
                source is not None
                and source.s3_data_type == "AugmentedManifestFile"
                and mode != "Pipe"
            ):
                yield Finding(
                    (*where, "InputMode")
                    if channel.input_mode is not None
                    else (*where, "DataSource", "S3DataSource", "S3DataType"),
                    f'channel "{channel.channel_name}" reads an AugmentedManifestFile in {mode} '
                    'mode; augmented manifests need InputMode "Pipe"',
                )


@rule(
    "file-mode-compression",
    severity="warning",
    source="SM:Channel.CompressionType",
    description="A channel in File mode has no CompressionType "
    "or RecordWrapperType other than None.",
)
def _file_mode_compression(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for where, channel, mode in _channels(view):
            if mode != "File":
                continue
            for member, value in (
                ("CompressionType", channel.compression_type),
                ("RecordWrapperType", channel.record_wrapper_type),
            ):
                if value is not None and value != "None":
                    yield Finding(
                        (*where, member),
                        f'channel "{channel.channel_name}" is in File mode with {member} '
                        f'"{value}", which applies to Pipe mode only',
                    )


@rule(
    "channel-names-unique",
    severity="error",
    source="-",
    description="ChannelName is unique within InputDataConfig.",
)
def _channel_names_unique(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        seen: dict[str, int] = {}
        for where, channel, _mode in _channels(view):
            name = channel.channel_name
            if name in seen:
                yield Finding(
                    (*where, "ChannelName"),
                    f'channel name "{name}" is already used by InputDataConfig[{seen[name]}]; '
                    "channel names must be unique",
                )
            else:
                seen[name] = int(where[-1])


@rule(
    "environment-total-48",
    severity="error",
    source="SM:HyperParameterTrainingJobDefinition.Environment",
    description="Environment entries summed over all definitions "
    f"are at most {MAX_ENVIRONMENT_ENTRIES}.",
)
def _environment_total(ctx: Context) -> Iterator[Finding]:
    counted = [(view, len(view.definition.environment or {})) for view in ctx.definitions]
    total = sum(count for _view, count in counted)
    if total > MAX_ENVIRONMENT_ENTRIES and ctx.multi:
        last = next(view for view, count in reversed(counted) if count)
        yield Finding(
            (*last.location, "Environment"),
            f"the definitions set {total} environment variables in all; at most "
            f"{MAX_ENVIRONMENT_ENTRIES} are allowed across all definitions",
        )


# -- completion criteria, names, tags, warm start -------------------------------------------------


@rule(
    "completion-needs-objective",
    severity="warning",
    source="SM:TuningJobCompletionCriteria",
    description="TargetObjectiveMetricValue and BestObjectiveNotImproving need an objective.",
)
def _completion_needs_objective(ctx: Context) -> Iterator[Finding]:
    criteria = ctx.config.tuning_job_completion_criteria
    objectives = [view.objective for view in ctx.definitions]
    objectives.append(ctx.config.hyper_parameter_tuning_job_objective)
    if criteria is None or any(objective is not None for objective in objectives):
        return
    for member, value in (
        ("TargetObjectiveMetricValue", criteria.target_objective_metric_value),
        ("BestObjectiveNotImproving", criteria.best_objective_not_improving),
    ):
        if value is not None:
            yield Finding(
                (*CONFIG, "TuningJobCompletionCriteria", member),
                f"{member} refers to the objective metric, but no objective is given",
            )


@rule(
    "tag-keys-unique",
    severity="error",
    source="SM:Tag.Key",
    description="Tag keys are unique.",
)
def _tag_keys_unique(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, tag in enumerate(ctx.request.tags or []):
        if tag.key in seen:
            yield Finding(
                ("Tags", index, "Key"),
                f'tag key "{tag.key}" is already used by Tags[{seen[tag.key]}]; tag keys must be '
                "unique",
            )
        else:
            seen[tag.key] = index


@rule(
    "tag-aws-prefix",
    severity="error",
    source="AWS tagging restrictions",
    description="Tag keys do not start with aws: (reserved for AWS, in any letter case).",
)
def _tag_aws_prefix(ctx: Context) -> Iterator[Finding]:
    for index, tag in enumerate(ctx.request.tags or []):
        if tag.key.lower().startswith("aws:"):
            yield Finding(
                ("Tags", index, "Key"),
                f'tag key "{tag.key}" starts with "aws:", a prefix reserved for AWS; choose '
                "another key",
            )


@rule(
    "warm-start-parents-distinct",
    severity="warning",
    source="-",
    description="Warm-start parent job names are distinct.",
)
def _warm_start_parents_distinct(ctx: Context) -> Iterator[Finding]:
    warm = ctx.request.warm_start_config
    if warm is None:
        return
    seen: set[str] = set()
    for index, parent in enumerate(warm.parent_hyper_parameter_tuning_jobs):
        name = parent.hyper_parameter_tuning_job_name
        if name is None:
            continue
        if name.lower() in seen:
            yield Finding(
                (
                    "WarmStartConfig",
                    "ParentHyperParameterTuningJobs",
                    index,
                    "HyperParameterTuningJobName",
                ),
                f'parent job "{name}" is listed twice (job names are not case sensitive)',
            )
        seen.add(name.lower())


def _parent_definition(describe: Mapping[str, Any]) -> Mapping[str, Any] | None:
    definition = describe.get("TrainingJobDefinition")
    return definition if isinstance(definition, Mapping) else None


def _kinds(ranges: Mapping[str, Any] | None) -> dict[str, str]:
    kinds = {}
    for member, kind in (
        ("IntegerParameterRanges", "integer"),
        ("ContinuousParameterRanges", "continuous"),
        ("CategoricalParameterRanges", "categorical"),
    ):
        for item in (ranges or {}).get(member) or []:
            if isinstance(item, Mapping) and isinstance(item.get("Name"), str):
                kinds[item["Name"]] = kind
    return kinds


@rule(
    "warm-start-against-parents",
    severity="error",
    source="DG:automatic-model-tuning-warm-start; "
    "aws/amazon-sagemaker-examples#861; aws/sagemaker-python-sdk#3693",
    description="Given the parents' Describe responses (parents=): parents finished "
    "and created since 2018-10-01, same objective, same set of "
    "static+tunable names, same kind per hyperparameter, at most 10 changes, "
    "and for IdenticalDataAndAlgorithm the same data and algorithm.",
)
def _warm_start_against_parents(ctx: Context) -> Iterator[Finding]:
    warm = ctx.request.warm_start_config
    if warm is None or ctx.parents is None or ctx.multi or not ctx.definitions:
        return
    view = ctx.definitions[0]
    ours_static = view.static
    ours_kinds = {name: kind for kind, name, _w, _i in view.named_ranges() if kind != "auto"}
    ours_where = {name: where for kind, name, where, _i in view.named_ranges() if kind != "auto"}
    ours_names = set(ours_static) | set(ours_kinds)
    for index, parent in enumerate(warm.parent_hyper_parameter_tuning_jobs):
        name = parent.hyper_parameter_tuning_job_name
        describe = ctx.parents.get((name or "").lower())  # job names are not case sensitive
        if describe is None:
            continue
        where: Location = (
            "WarmStartConfig",
            "ParentHyperParameterTuningJobs",
            index,
            "HyperParameterTuningJobName",
        )
        config = describe.get("HyperParameterTuningJobConfig") or {}
        definition = _parent_definition(describe)
        yield from _parent_state(describe, where, str(name))
        if definition is None:
            yield Finding(
                where,
                f'parent "{name}" has no single TrainingJobDefinition; it cannot be warm-started '
                "from",
            )
            continue
        their_objective = config.get("HyperParameterTuningJobObjective") or {}
        ours = view.objective
        if ours is not None and (
            their_objective.get("MetricName") != ours.metric_name
            or their_objective.get("Type") != str(ours.type)
        ):
            same_metric = their_objective.get("MetricName") == ours.metric_name
            yield Finding(
                (*view.objective_location, "Type" if same_metric else "MetricName"),
                f'the objective ({ours.type} "{ours.metric_name}") differs from parent "{name}" '
                f'({their_objective.get("Type")} "{their_objective.get("MetricName")}"); warm '
                "start keeps the objective",
            )
        their_static = {
            key: value
            for key, value in (definition.get("StaticHyperParameters") or {}).items()
            if key not in SERVICE_HYPERPARAMETERS
        }
        their_kinds = _kinds(config.get("ParameterRanges"))
        their_names = set(their_static) | set(their_kinds)
        if ours_names != their_names:
            added, removed = ours_names - their_names, their_names - ours_names
            detail = "; ".join(
                part
                for part in (
                    f"added {_names(added)}" if added else "",
                    f"removed {_names(removed)}" if removed else "",
                )
                if part
            )
            yield Finding(
                (*view.location, "StaticHyperParameters"),
                f'the static and tunable hyperparameters differ from parent "{name}" ({detail}); '
                "warm start keeps the same set of names",
            )
        for hyperparameter, kind in sorted(ours_kinds.items()):
            theirs = their_kinds.get(hyperparameter)
            if theirs is not None and theirs != kind:
                yield Finding(
                    ours_where[hyperparameter],
                    f'hyperparameter "{hyperparameter}" is a {kind} range here but a {theirs} '
                    "range "
                    f'in parent "{name}"; its kind cannot change',
                )
        changes = sum(1 for h in their_kinds if h in ours_static)
        changes += sum(
            1 for h, v in ours_static.items() if h in their_static and their_static[h] != v
        )
        if changes > MAX_WARM_START_CHANGES:
            yield Finding(
                (*view.location, "StaticHyperParameters"),
                f'{changes} changes from parent "{name}" (tunable made static plus static values '
                f"changed); at most {MAX_WARM_START_CHANGES} are allowed",
            )
        if warm.warm_start_type == "IdenticalDataAndAlgorithm":
            yield from _identical_data_and_algorithm(view, definition, str(name))


def _parent_state(describe: Mapping[str, Any], where: Location, name: str) -> Iterator[Finding]:
    """A parent must have finished, and be created on or after 1 October 2018
    (DG:automatic-model-tuning-warm-start; SM:HyperParameterTuningJobWarmStartConfig)."""
    status = describe.get("HyperParameterTuningJobStatus")
    if isinstance(status, str) and status not in FINISHED_STATES:
        yield Finding(
            where,
            f'parent "{name}" is {status}; a parent must be Completed, Stopped or Failed '
            "before a warm start can use it",
        )
    created = _moment(describe.get("CreationTime"))
    if created is not None and created < WARM_START_EPOCH:
        yield Finding(
            where,
            f'parent "{name}" was created on {created.date()}; tuning jobs created before '
            f"{WARM_START_EPOCH.date()} cannot be warm-start parents",
        )


def _moment(value: object) -> datetime.datetime | None:
    """A Describe timestamp as boto3 returns it (datetime) or as JSON keeps it (ISO text or
    epoch seconds); None if it is none of those."""
    try:
        if isinstance(value, datetime.datetime):
            moment = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            moment = datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
        elif isinstance(value, str):
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        else:
            return None
    except (ValueError, OverflowError, OSError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _identical_data_and_algorithm(
    view: Definition, parent: Mapping[str, Any], name: str
) -> Iterator[Finding]:
    from hpt_request.wire import to_wire

    ours = to_wire(view.definition)
    spec, theirs_spec = (
        ours.get("AlgorithmSpecification", {}),
        parent.get("AlgorithmSpecification") or {},
    )
    for member in ("TrainingImage", "AlgorithmName"):
        if spec.get(member) != theirs_spec.get(member):
            yield Finding(
                (*view.location, "AlgorithmSpecification", member),
                f'{member} differs from parent "{name}" ({_q(theirs_spec.get(member))}); '
                "IdenticalDataAndAlgorithm keeps the algorithm: use TransferLearning to change it",
            )
    if _data_sources(ours.get("InputDataConfig")) != _data_sources(parent.get("InputDataConfig")):
        yield Finding(
            (*view.location, "InputDataConfig"),
            f'InputDataConfig differs from parent "{name}"; IdenticalDataAndAlgorithm keeps the '
            "input data: use TransferLearning to change it",
        )


def _data_sources(channels: Any) -> dict[str, Any]:
    """Channel name -> data source: what "identical data" compares (Describe responses may fill
    in channel defaults such as CompressionType, which do not change the data)."""
    if not isinstance(channels, list):
        return {}
    return {
        str(channel.get("ChannelName")): channel.get("DataSource")
        for channel in channels
        if isinstance(channel, Mapping)
    }


def catalogue() -> list[dict[str, str]]:
    """The registry as rows (id, severity, description, source), in order."""
    return [
        {"id": r.id, "severity": r.severity, "description": r.description, "source": r.source}
        for r in RULES
    ]
