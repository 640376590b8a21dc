"""Rules for the budget: how many training jobs, how many at once, for how long, against the
account quotas (SageMaker Developer Guide, automatic-model-tuning-limits) and the size of the
search space.
"""

from __future__ import annotations

from collections.abc import Iterator

from hpt_request.model.base import UnknownInput, is_unknown, unknown_input
from hpt_request.rules._core import LIMITS, Context, Definition, Finding, feature, rule
from hpt_request.rules.quotas import QUOTAS

# SageMaker Developer Guide, automatic-model-tuning-limits.
MAX_GRID_COMBINATIONS = 750
MAX_TRAINING_JOBS_FIXED = 750  # Bayesian, Hyperband, Grid: cannot be increased
MAX_TUNING_RUNTIME = 30 * 24 * 3600


def _combinations(view: Definition) -> int | None:
    """Distinct points of a discrete search space (None if it has a continuous or auto range, or
    a bound that does not parse). Counted, never enumerated.

    It reads the ranges in walk order (integer, continuous, categorical, auto) and stops at the
    first range that makes the space not discrete, as :meth:`Definition.named_ranges` would.
    """
    facts = view.survey()
    total = 1
    for low, high in facts.integer_bounds:
        if is_unknown(low) or is_unknown(high):
            raise unknown_input(low, high)
        if low is None or high is None or high < low:
            return None
        total *= high - low + 1
    if facts.has_continuous:
        return None
    for distinct in facts.distinct:
        if is_unknown(distinct):
            raise unknown_input(distinct)
        total *= distinct
    if facts.has_auto:
        return None
    if facts.failure is not None:
        raise facts.failure
    return total


def grid_total(ctx: Context) -> int:
    """The number of distinct combinations a Grid search runs (summed over definitions)."""
    total = 0
    for view in ctx.definitions:
        facts = view.ranges_read()
        facts.need(facts.values_readable)
        product = 1
        for distinct in facts.distinct:
            product *= distinct
        total += product
    return total


@rule(
    "grid-max-jobs",
    needs=("grid",),
    severity="error",
    source="DG:automatic-model-tuning-how-it-works; aws/amazon-sagemaker-operator-for-k8s#123 "
    "(\"You don't have enough combinations of hyperparameter ranges. The total number of "
    "hyperparameter combinations for the provided ranges [3.0] must be equal or greater than the "
    'value of MaxNumberOfJobs, [10].")',
    description="Grid: MaxNumberOfTrainingJobs, if given, is not above the number of "
    "combinations (below it is a warning: Grid runs every combination).",
    rationale="Above the grid size AWS answers with the quoted ValidationException. Below it, no "
    "public report shows the service's answer; the Developer Guide says Grid runs every "
    "combination, so a smaller budget is reported as a warning.",
)
def _grid_max_jobs(ctx: Context) -> Iterator[Finding]:
    limit = ctx.config.resource_limits.max_number_of_training_jobs
    if ctx.strategy != "Grid" or limit is None or not ctx.definitions:
        return
    total = grid_total(ctx)
    if limit > total:
        yield Finding(
            (*LIMITS, "MaxNumberOfTrainingJobs"),
            f"MaxNumberOfTrainingJobs is {limit} but the grid has only {total} "
            f"combinations; with Grid give {total}, or leave it out",
        )
    elif limit < total:
        yield Finding(
            (*LIMITS, "MaxNumberOfTrainingJobs"),
            f"MaxNumberOfTrainingJobs is {limit} but the grid has {total} "
            f"combinations and Grid runs every one; give {total}, or leave it out",
            severity="warning",
        )


@rule(
    "grid-combinations-limit",
    needs=("grid",),
    severity="error",
    source="DG:automatic-model-tuning-limits (Grid: 750 training jobs, either specified "
    "explicitly or inferred from the search space; cannot be increased)",
    description=f"Grid: the number of combinations is at most {MAX_GRID_COMBINATIONS}.",
)
def _grid_combinations_limit(ctx: Context) -> Iterator[Finding]:
    if ctx.strategy != "Grid" or not ctx.definitions:
        return
    total = grid_total(ctx)
    if total > MAX_GRID_COMBINATIONS:
        view = ctx.definitions[0]
        yield Finding(
            view.ranges_location,
            f"the grid has {total} combinations, more than the {MAX_GRID_COMBINATIONS} "
            "allowed; drop values or use Bayesian or Random search",
        )


@feature("budget-findings")
def _budget_findings(ctx: Context) -> bool:
    """Whether one of the five rules on the resource limits that every request calls may have
    something to say, shown in one pass over the limits (each rule needs this feature). Each
    rule's test reads what the rule reads, in its order: where it meets an unreadable member,
    the rule would meet it too and be skipped, so that test says nothing."""
    limits = ctx.config.resource_limits
    try:  # max-parallel-quota
        parallel = limits.max_parallel_training_jobs
        if parallel > QUOTAS["max-parallel-training-jobs"].hard_limit or parallel > (
            ctx.settings.quota("max-parallel-training-jobs")
        ):
            return True
    except UnknownInput:
        pass
    try:  # tuning-runtime-30-days
        runtime = limits.max_runtime_in_seconds
        if runtime is not None and runtime > MAX_TUNING_RUNTIME:
            return True
    except UnknownInput:
        pass
    jobs = limits.max_number_of_training_jobs
    if jobs is None:
        return False  # the other three compare MaxNumberOfTrainingJobs
    try:  # parallel-le-total
        if limits.max_parallel_training_jobs > jobs:
            return True
    except UnknownInput:
        pass
    try:  # max-jobs-quota
        limit, quota = _jobs_limits(ctx)
        if jobs > limit or (quota is not None and jobs > quota):
            return True
    except UnknownInput:
        pass
    try:  # discrete-space-covers-max-jobs
        total = _discrete_total(ctx)
    except UnknownInput as error:
        error.__traceback__ = None  # maybe a fact's, kept with the facts: not their frames
        return False
    return total is not None and total < jobs


@rule(
    "discrete-space-covers-max-jobs",
    needs=("budget-findings",),
    severity="error",
    source="aws/amazon-sagemaker-operator-for-k8s#123 (\"You don't have enough combinations of "
    "hyperparameter ranges. The total number of hyperparameter combinations for the provided "
    'ranges [3.0] must be equal or greater than the value of MaxNumberOfJobs, [10].")',
    description="Without continuous ranges, the distinct "
    "combinations are at least MaxNumberOfTrainingJobs.",
)
def _discrete_space_covers_max_jobs(ctx: Context) -> Iterator[Finding]:
    limit = ctx.config.resource_limits.max_number_of_training_jobs
    if limit is None:
        return
    total = _discrete_total(ctx)
    if total is not None and total < limit:
        yield Finding(
            (*LIMITS, "MaxNumberOfTrainingJobs"),
            f"MaxNumberOfTrainingJobs is {limit} but the search space has only "
            f"{total} distinct combinations; lower it to {total} or widen the ranges",
        )


def _discrete_total(ctx: Context) -> int | None:
    """The distinct combinations of the definitions' search spaces, summed, where they are all
    discrete (None where one has a continuous or auto range, or no range; with Grid, which has
    rules of its own; with Autotune; without definitions)."""
    if ctx.strategy == "Grid" or ctx.autotune or not ctx.definitions:
        return None
    total = 0
    for view in ctx.definitions:
        count = _combinations(view)
        if count is None or not view.ranges_read().found:
            return None
        total += count
    return total


def _jobs_limits(ctx: Context) -> tuple[int, int | None]:
    """(the most MaxNumberOfTrainingJobs may be for this strategy, the account quota below which
    nothing is said) for the request's strategy; the quota is None where it equals the limit."""
    if ctx.strategy == "Random":
        quota = ctx.settings.quota("max-number-of-training-jobs")
        return QUOTAS["max-number-of-training-jobs"].hard_limit, quota
    return MAX_TRAINING_JOBS_FIXED, None


@rule(
    "max-jobs-quota",
    needs=("budget-findings",),
    severity="error",
    source="DG:automatic-model-tuning-limits (training jobs per tuning job: Bayesian, Hyperband "
    "and Grid 750, cannot be increased; Random 750 by default, can be increased to 10,000)",
    description="MaxNumberOfTrainingJobs is at most 750 for Bayesian, Hyperband and Grid; for "
    "Random at most 10,000, and above the account quota (750 unless raised) a warning.",
    rationale="The hard limits cannot be raised, so AWS rejects anything above them: error. "
    "Between Random's default quota and its hard limit the request succeeds only in an account "
    "whose quota was raised, which the check cannot see: warning, with the raised value "
    "configurable (quotas.max-number-of-training-jobs).",
)
def _max_jobs_quota(ctx: Context) -> Iterator[Finding]:
    jobs = ctx.config.resource_limits.max_number_of_training_jobs
    if jobs is None:
        return
    limit, quota = _jobs_limits(ctx)
    where = (*LIMITS, "MaxNumberOfTrainingJobs")
    if jobs > limit:
        yield Finding(
            where,
            f"MaxNumberOfTrainingJobs {jobs} is above {limit}, the most a {ctx.strategy} tuning "
            "job can run (a limit AWS does not raise)",
        )
    elif quota is not None and jobs > quota:
        yield Finding(
            where,
            f"MaxNumberOfTrainingJobs {jobs} is above the account quota of {quota} training "
            "jobs per Random-search tuning job; it fails unless the quota was raised to at least "
            f"{jobs} (if it was, set quotas.max-number-of-training-jobs in [tool.hpt-request])",
            severity="warning",
        )


@rule(
    "max-parallel-quota",
    needs=("budget-findings",),
    severity="warning",
    source="DG:automatic-model-tuning-limits (parallel training jobs per tuning job: 10 by "
    "default, can be increased to 100)",
    description="MaxParallelTrainingJobs is at most 100; above the account quota (10 unless "
    "raised) a warning.",
    rationale="Above the hard limit of 100 AWS rejects the request in every account: error. "
    "Between the default quota and the hard limit it depends on the account's quota, which the "
    "check cannot see: warning, with the raised value configurable "
    "(quotas.max-parallel-training-jobs).",
)
def _max_parallel_quota(ctx: Context) -> Iterator[Finding]:
    parallel = ctx.config.resource_limits.max_parallel_training_jobs
    quota = ctx.settings.quota("max-parallel-training-jobs")
    limit = QUOTAS["max-parallel-training-jobs"].hard_limit
    where = (*LIMITS, "MaxParallelTrainingJobs")
    if parallel > limit:
        yield Finding(
            where,
            f"MaxParallelTrainingJobs {parallel} is above {limit}, the most any account can run "
            "at once for one tuning job (a limit AWS does not raise)",
            severity="error",
        )
    elif parallel > quota:
        yield Finding(
            where,
            f"MaxParallelTrainingJobs {parallel} is above the account quota of {quota} "
            "concurrent training jobs; it fails unless the quota was raised to at least "
            f"{parallel} (if it was, set quotas.max-parallel-training-jobs in [tool.hpt-request])",
        )


@rule(
    "parallel-le-total",
    needs=("budget-findings",),
    severity="warning",
    source="DG:multiple-algorithm-hpo-create-tuning-jobs",
    description="MaxParallelTrainingJobs is at most MaxNumberOfTrainingJobs.",
    rationale="No public report shows AWS rejecting it; the extra parallel slots are simply never "
    "used, so it is advice.",
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
    needs=("budget-findings",),
    severity="warning",
    source="DG:automatic-model-tuning-limits",
    description="ResourceLimits.MaxRuntimeInSeconds is at most 30 days.",
    rationale="AWS's documents conflict: the limits page says 30 days, botocore's model allows "
    "up to 15,768,000 s (182.5 days). Mixed evidence: warning.",
)
def _tuning_runtime_30_days(ctx: Context) -> Iterator[Finding]:
    runtime = ctx.config.resource_limits.max_runtime_in_seconds
    if runtime is not None and runtime > MAX_TUNING_RUNTIME:
        yield Finding(
            (*LIMITS, "MaxRuntimeInSeconds"),
            f"MaxRuntimeInSeconds {runtime} is above 30 days "
            f"({MAX_TUNING_RUNTIME} s), the documented limit for a tuning job",
        )
