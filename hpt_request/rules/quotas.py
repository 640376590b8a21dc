"""The account quotas the rules check against: AWS's default and the most it can be raised to.

The values come from the SageMaker Developer Guide; :mod:`hpt_request.rules.settings` lets an
account raise them up to the hard limit.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs


@attrs.frozen
class Quota:
    """An account quota: the value AWS sets by default and the most it can be raised to."""

    name: str
    default: int
    hard_limit: int
    description: str


# SageMaker Developer Guide, automatic-model-tuning-limits: "Number of parallel training jobs per
# hyperparameter tuning job: default 10, can be increased to 100"; "[Random search] Number of
# training jobs per hyperparameter tuning job: default 750, can be increased to 10000" (the other
# strategies' 750 cannot be increased).
QUOTAS: Mapping[str, Quota] = {
    quota.name: quota
    for quota in (
        Quota(
            "max-parallel-training-jobs",
            10,
            100,
            "parallel training jobs per tuning job (ResourceLimits.MaxParallelTrainingJobs)",
        ),
        Quota(
            "max-number-of-training-jobs",
            750,
            10_000,
            "training jobs per Random-search tuning job (ResourceLimits.MaxNumberOfTrainingJobs)",
        ),
    )
}
