"""Rules for the shape of the job: one definition or several (multi-algorithm tuning).

SageMaker Developer Guide, multiple-algorithm-hpo-create-tuning-jobs: several training job
definitions each carry a name, an objective and ranges of their own, and some features (warm
start, early stopping) need a single definition.
"""

from __future__ import annotations

from collections.abc import Iterator

from hpt_request.rules._core import (
    CONFIG,
    Context,
    Finding,
    rule,
)


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
    needs=("multi",),
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
    "multi-objective-per-definition",
    needs=("multi",),
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
    needs=("multi",),
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
    needs=("multi",),
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
