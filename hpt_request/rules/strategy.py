"""Rules for the search strategy, the objective and completion: Hyperband, Grid, early stopping."""

from __future__ import annotations

from collections.abc import Iterator

from hpt_request.model import HyperParameterTuningJobConfig
from hpt_request.rules import numbers
from hpt_request.rules._core import (
    CONFIG,
    Context,
    Definition,
    Finding,
    Location,
    quoted,
    rule,
)

# botocore's model, HyperbandStrategyConfig.MaxResource: the keys Hyperband infers MaxResource
# from, and "The maximum value is 20,000 epochs."
EPOCH_NAMES = ("epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs")
MAX_HYPERBAND_RESOURCE = 20_000


@rule(
    "objective-required",
    severity="error",
    source="SM:HyperParameterTuningJobConfig.HyperParameterTuningJobObjective; "
    "DG:automatic-model-tuning-define-metrics-variables",
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
    "hyperband-early-stopping-off",
    needs=("hyperband",),
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
    needs=("strategy-config",),
    severity="warning",
    source='SM:HyperParameterTuningJobConfig.StrategyConfig ("This parameter should be provided '
    'only if Hyperband is selected as the strategy")',
    description="StrategyConfig is only given with Strategy Hyperband.",
    rationale='The model says "should", and a Bayesian job with a HyperbandStrategyConfig was '
    "created in the Terraform AWS provider's acceptance tests: AWS accepts it and ignores the "
    "config. Advice: warning.",
)
def _strategy_config_only_hyperband(ctx: Context) -> Iterator[Finding]:
    if ctx.config.strategy_config is not None and ctx.strategy != "Hyperband":
        yield Finding(
            (*CONFIG, "StrategyConfig"),
            f'StrategyConfig is only used by the Hyperband strategy; with "{ctx.strategy}" '
            "it has no effect, so leave it out",
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
    needs=("hyperband",),
    severity="error",
    source='SM:HyperbandStrategyConfig.MaxResource ("If HyperbandStrategyConfig is unable to '
    'infer a value for MaxResource, it generates a validation error."); awslabs/graphstorm#1243 '
    '("MaxResource parameter is not provided and could not be inferred from provided static '
    'hyperparameters of TrainingJobDefinition.")',
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
                f'static hyperparameter "{where[-1]}" = '
                f"{quoted(view.static[str(where[-1])])} is not an integer, so Hyperband cannot "
                "infer MaxResource from it; "
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
    needs=("hyperband",),
    severity="error",
    source='SM:HyperbandStrategyConfig.MaxResource ("The maximum value is 20,000 epochs.")',
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
    needs=("hyperband",),
    severity="warning",
    source="SM:HyperbandStrategyConfig.MinResource",
    description="Hyperband MinResource is at most MaxResource.",
    rationale="The model describes MinResource as the fewest resources before Hyperband may stop "
    "a job and MaxResource as the most; no public report shows AWS rejecting MinResource above "
    "MaxResource, so it is a warning.",
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


@rule(
    "grid-categorical-only",
    needs=("grid",),
    severity="error",
    source="DG:automatic-model-tuning-define-ranges; DG:automatic-model-tuning-how-it-works "
    "(grid search: only categorical parameters)",
    description="Strategy Grid allows only CategoricalParameterRanges.",
)
def _grid_categorical_only(ctx: Context) -> Iterator[Finding]:
    if ctx.strategy != "Grid":
        return
    for view in ctx.definitions:
        facts = view.ranges_read()
        for kind, name, where, _item in (*facts.numeric, *facts.auto):  # in walk order
            yield Finding(
                where,
                f'{kind} range "{name}" cannot be used with the Grid strategy, which takes '
                "only categorical ranges; list its values as a CategoricalParameterRange",
            )


@rule(
    "completion-needs-objective",
    needs=("completion",),
    severity="warning",
    source="SM:TuningJobCompletionCriteria",
    description="TargetObjectiveMetricValue and BestObjectiveNotImproving need an objective.",
    rationale="Both criteria are defined on the objective metric; without one (Autotune can "
    "choose it) they may have nothing to compare. No report shows the service's answer: warning.",
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
