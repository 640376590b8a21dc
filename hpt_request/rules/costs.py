"""The worst case a request allows, from the rules' view of it: instance-hours, and dollars
where a price table is given.

Instance-hours are counted as the summary counts them (:mod:`hpt_request.text.summary`, whose
docstring explains it): training jobs (MaxNumberOfTrainingJobs, or the grid's size) x the most
instance-seconds one job can take, where a job takes every group of
``ResourceConfig.InstanceGroups`` but only one of ``HyperParameterTuningResourceConfig``'s
``InstanceConfigs``; a job's runtime is its ``StoppingCondition.MaxRuntimeInSeconds`` (one day
when not set).

Dollars, per definition, are the worst case if every job used that definition:

- a job costs runtime x the sum of instances x USD per hour (the dearest of its InstanceConfigs),
  times ``1 + RetryStrategy.MaximumRetryAttempts`` (each retry may run the whole runtime again);
- all the jobs cost jobs x that; the tuning job's own ``ResourceLimits.MaxRuntimeInSeconds``
  caps it at MaxParallelTrainingJobs jobs running for that long;
- with ``EnableManagedSpotTraining`` the figure is shown as *at most* (spot is billed at most
  the on-demand price).

The total is the dearest definition's figure: the definitions share the jobs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Protocol

import attrs

from hpt_request.model import HyperParameterTrainingJobDefinition
from hpt_request.rules import registries
from hpt_request.rules._core import Context, Definition, Location
from hpt_request.rules.prices import Prices

DEFAULT_RUNTIME = 24 * 3600  # SM:StoppingCondition.MaxRuntimeInSeconds: one day by default
_ECR_REGION = re.compile(r"^[0-9]{12}\.dkr(?:\.|-)ecr(?:-fips)?\.([a-z0-9-]+)\.")


class DefinitionView(Protocol):
    """What :func:`parts` reads of a view of one definition: the rules' own
    (:class:`~hpt_request.rules._core.Definition`) or the summary's."""

    @property
    def definition(self) -> HyperParameterTrainingJobDefinition: ...

    @property
    def location(self) -> Location: ...


def parts(
    view: DefinitionView, shown: Callable[[object], str] = str
) -> list[tuple[Location, str, int, bool]]:
    """(location of the member, instance type, count, is an alternative) of one definition's
    jobs: the one count of the instances a job takes, which the rules, the dollars and the
    summary share. ``shown`` writes an instance type as text (the summary's shows what cannot be
    read as such)."""
    definition = view.definition
    found: list[tuple[Location, str, int, bool]] = []
    plain = definition.resource_config
    if plain is not None:
        where: Location = (*view.location, "ResourceConfig")
        if plain.instance_groups:
            found += [
                ((*where, "InstanceGroups", i), shown(g.instance_type), g.instance_count, False)
                for i, g in enumerate(plain.instance_groups)
            ]
        elif plain.instance_type is not None:
            found.append((where, shown(plain.instance_type), plain.instance_count or 1, False))
    tuning = definition.hyper_parameter_tuning_resource_config
    if tuning is not None:
        where = (*view.location, "HyperParameterTuningResourceConfig")
        if tuning.instance_configs:
            found += [
                ((*where, "InstanceConfigs", i), shown(c.instance_type), c.instance_count, True)
                for i, c in enumerate(tuning.instance_configs)
            ]
        elif tuning.instance_type is not None:
            found.append((where, shown(tuning.instance_type), tuning.instance_count or 1, False))
    return found


def runtime(view: Definition) -> int:
    condition = view.definition.stopping_condition
    value = condition.max_runtime_in_seconds if condition is not None else None
    return DEFAULT_RUNTIME if value is None else int(value)


def attempts(view: Definition) -> int:
    """1 + RetryStrategy.MaximumRetryAttempts: how many times a job may run in the worst case."""
    strategy = view.definition.retry_strategy
    return 1 + (int(strategy.maximum_retry_attempts) if strategy is not None else 0)


def job_count(ctx: Context) -> int | None:
    """MaxNumberOfTrainingJobs, or the grid's size; None when not capped."""
    limit = ctx.config.resource_limits.max_number_of_training_jobs
    if limit is not None:
        return int(limit)
    if ctx.strategy == "Grid":
        from hpt_request.rules.budget import grid_total

        return grid_total(ctx)
    return None


def instance_seconds_per_job(view: Definition) -> int:
    together = sum(count for _w, _t, count, alternative in parts(view) if not alternative)
    alternatives = [count for _w, _t, count, alternative in parts(view) if alternative]
    return (together + max(alternatives, default=0)) * runtime(view)


def total_instance_hours(ctx: Context) -> float | None:
    """The worst case in all, in instance-hours, as the summary gives it (None when the number
    of jobs is not capped or no definition names an instance)."""
    jobs = job_count(ctx)
    if jobs is None or not ctx.definitions:
        return None
    largest = max(instance_seconds_per_job(view) for view in ctx.definitions)
    return jobs * largest / 3600


def region_of(ctx: Context) -> tuple[str, str, Location] | None:
    """(region, where it came from, the member that gave it) for the request: ``--region``
    (the settings' region), the AWS_REGION environment variable, or the first training image's
    ECR host."""
    given = getattr(ctx.settings, "region", None)
    if given:
        return given, "--region", ()
    environment = os.environ.get("AWS_REGION")
    if environment:
        return environment, "AWS_REGION", ()
    for view in ctx.definitions:
        image = view.definition.algorithm_specification.training_image
        if isinstance(image, str) and registries.ecr_account(image) is not None:
            match = _ECR_REGION.match(image)
            if match:
                where = (*view.location, "AlgorithmSpecification", "TrainingImage")
                return match.group(1), "the training image's ECR host", where
    return None


@attrs.frozen
class DollarLine:
    """The worst case in dollars of one definition."""

    location: Location
    usd: float | None  # None: an instance type has no price in the table
    unpriced: tuple[str, ...]
    spot: bool
    jobs: int | None
    attempts: int
    usd_per_job_attempt: float | None
    capped: bool  # the tuning job's MaxRuntimeInSeconds gave the figure


@attrs.frozen
class Dollars:
    region: str
    region_origin: str
    lines: tuple[DollarLine, ...]

    @property
    def total(self) -> float | None:
        """The dearest definition's figure (the definitions share the jobs); None when one
        cannot be priced or the jobs are not capped."""
        if not self.lines or any(line.usd is None for line in self.lines):
            return None
        return max(line.usd for line in self.lines if line.usd is not None)

    @property
    def spot(self) -> bool:
        return any(line.spot for line in self.lines)


def prices_of(ctx: Context) -> Prices | None:
    found = getattr(ctx.settings, "prices", None)
    return found if isinstance(found, Prices) else None


def dollars(ctx: Context) -> Dollars | None:
    """The worst case in dollars (see the module docstring); None without a price table or a
    region."""
    prices = prices_of(ctx)
    found = region_of(ctx)
    if prices is None or found is None:
        return None
    region, origin, _where = found
    jobs = job_count(ctx)
    limits = ctx.config.resource_limits
    parallel = limits.max_parallel_training_jobs
    cap = limits.max_runtime_in_seconds
    lines = []
    for view in ctx.definitions:
        together = 0.0
        alternatives: list[float] = []
        unpriced: list[str] = []
        for _where, instance_type, count, alternative in parts(view):
            rate = prices.rate(region, instance_type)
            if rate is None:
                unpriced.append(instance_type)
                continue
            if alternative:
                alternatives.append(count * rate)
            else:
                together += count * rate
        per_hour = together + max(alternatives, default=0.0)
        per_attempt = per_hour * runtime(view) / 3600
        tries = attempts(view)
        usd: float | None = None
        capped = False
        if not unpriced and jobs is not None:
            usd = jobs * tries * per_attempt
            if cap is not None and isinstance(parallel, int):
                ceiling = parallel * per_hour * cap / 3600
                if ceiling < usd:
                    usd, capped = ceiling, True
        spot = view.definition.enable_managed_spot_training is True
        lines.append(
            DollarLine(
                view.location,
                usd,
                tuple(dict.fromkeys(unpriced)),
                spot,
                jobs,
                tries,
                None if unpriced else per_attempt,
                capped,
            )
        )
    return Dollars(region, origin, tuple(lines))


def usd_text(value: float, spot: bool) -> str:
    return ("at most " if spot else "") + f"${value:,.2f}"


def _label(location: Location) -> str:
    from hpt_request.schema.engines import path_of

    return path_of(location) or "the definition"


def dollar_texts(found: Dollars) -> list[tuple[str, Location]]:
    """The summary's lines of the worst case in dollars: one per definition, then the total;
    each with the location it speaks for."""
    texts: list[tuple[str, Location]] = []
    where = f"in {found.region} (region from {found.region_origin})"
    for line in found.lines:
        label = _label(line.location)
        if line.unpriced:
            texts.append(
                (
                    f"Worst case in dollars, {label}: not known (no price for "
                    f"{', '.join(line.unpriced)} {where})",
                    line.location,
                )
            )
            continue
        if line.usd is None or line.usd_per_job_attempt is None:
            texts.append(
                (
                    f"Worst case in dollars, {label}: not known (the number of training jobs "
                    "is not capped)",
                    line.location,
                )
            )
            continue
        tries = "attempt" if line.attempts == 1 else "attempts"
        how = (
            f"{line.jobs} jobs x {line.attempts} {tries} x "
            f"{usd_text(line.usd_per_job_attempt, False)} per attempt"
        )
        if line.capped:
            how += ", capped by the tuning job's MaxRuntimeInSeconds"
        spot = " (managed spot: at most the on-demand price)" if line.spot else ""
        texts.append(
            (
                f"Worst case in dollars, {label}: {usd_text(line.usd, line.spot)} {where} "
                f"({how}){spot}",
                line.location,
            )
        )
    total = found.total
    if total is not None:
        shared = " (the dearest definition: the jobs are shared)" if len(found.lines) > 1 else ""
        texts.append((f"Worst case in dollars in all: {usd_text(total, found.spot)}{shared}", ()))
    return texts


def dollars_json(found: Dollars) -> dict[str, object]:
    """The worst case in dollars as ``--format json`` gives it."""
    from hpt_request.schema.engines import path_of

    return {
        "region": found.region,
        "region_from": found.region_origin,
        "definitions": [
            {
                "path": path_of(line.location),
                "usd": line.usd,
                "at_most": line.spot,
                "attempts": line.attempts,
                "capped_by_tuning_runtime": line.capped,
                "unpriced": list(line.unpriced),
            }
            for line in found.lines
        ],
        "total_usd": found.total,
        "total_at_most": found.spot,
    }
