"""spec-diff: the pinned spec rebuilt from the model, compared with another spec."""

from __future__ import annotations

import copy

from hpt_request.aws import specdiff


def test_pinned_spec_equals_the_installed_closure() -> None:
    """The model carries the whole pinned spec: nothing differs from the pinned botocore."""
    _version, installed = specdiff.installed_shapes()
    assert specdiff.differences(specdiff.pinned_shapes(), installed) == []


def test_changes_are_listed() -> None:
    """Added and removed shapes and members, changed bounds, enums and required flags."""
    pinned = specdiff.pinned_shapes()
    newer = copy.deepcopy(pinned)
    newer["TagKey"]["max"] = 256
    newer["HyperParameterTuningJobStrategyType"]["enum"] = [
        "Bayesian",
        "Random",
        "Hyperband",
        "Grid",
        "Evolutionary",
    ]
    newer["ResourceLimits"]["members"]["MaxBudgetInDollars"] = {"shape": "Dollars"}
    newer["Dollars"] = {"type": "integer", "min": 1}
    newer["ResourceLimits"]["required"] = ["MaxParallelTrainingJobs", "MaxNumberOfTrainingJobs"]
    del newer["Autotune"]
    found = {str(difference) for difference in specdiff.differences(pinned, newer)}
    assert found == {
        "added    Dollars: new shape",
        "added    ResourceLimits: member MaxBudgetInDollars (Dollars)",
        "changed  HyperParameterTuningJobStrategyType: enum values added Evolutionary",
        "changed  ResourceLimits: member MaxNumberOfTrainingJobs is now required",
        "changed  TagKey: max: 128 -> 256",
        "removed  Autotune: the shape (not reachable)",
    }


def test_an_older_botocore_lacks_rather_than_removes() -> None:
    """With an older installed botocore, what it does not have yet is "lacks", not "removed"."""
    pinned = specdiff.pinned_shapes()
    older = copy.deepcopy(pinned)
    del older["Autotune"]
    del older["ResourceLimits"]["members"]["MaxRuntimeInSeconds"]
    found = {str(d) for d in specdiff.differences(pinned, older, older=True)}
    assert found == {
        "lacks    Autotune: the installed botocore lacks the shape (not reachable)",
        "lacks    ResourceLimits: the installed botocore lacks member MaxRuntimeInSeconds",
    }
    assert specdiff.is_older("1.35.0")
    assert not specdiff.is_older("1.44.5")
    assert not specdiff.is_older("1.100.0")
