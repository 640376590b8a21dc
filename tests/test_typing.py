"""Typing and construction-time checks of the model (see ``hpt_request/_values.py``).

- A type checker catches a misspelt enum string: enum fields are annotated as the enum or a
  ``Literal`` of its wire strings (checked here by running mypy's API on small snippets).
- At run time every scalar field checks its Python type when an object is built or a field is
  assigned (``FieldTypeError``, naming the field); values of the right type are checked later,
  by ``validate()``, all at once.
"""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import pytest
from mypy import api

from hpt_request import (
    CreateHyperParameterTuningJobRequest,
    FieldTypeError,
    HyperParameterTuningJobConfig,
    HyperParameterTuningJobStrategyType,
    ResourceConfig,
    ResourceLimits,
    StoppingCondition,
    validate,
)

HEADER = """\
from hpt_request import HyperParameterTuningJobConfig, ResourceLimits, tuning_job
from hpt_request import HyperParameterTuningJobStrategyType as Strategy

limits = ResourceLimits(max_parallel_training_jobs=1)
"""


def mypy_errors(body: str) -> list[str]:
    """The error lines mypy (strict) reports for a snippet using the package."""
    source = HEADER + textwrap.dedent(body)
    with tempfile.TemporaryDirectory() as folder:
        snippet = Path(folder) / "snippet.py"
        snippet.write_text(source, encoding="utf-8")
        # No config file: the project's `files` setting would take the place of the snippet.
        stdout, _stderr, _status = api.run(
            [
                *("--strict", "--no-incremental", "--config-file", ""),
                *("--python-version", "3.10", str(snippet)),
            ]
        )
    return [line for line in stdout.splitlines() if ": error:" in line]


@pytest.mark.slow
def test_mypy_catches_a_misspelt_strategy() -> None:
    """strategy="Bayesain" is a type error, in the model and in tuning_job()."""
    errors = mypy_errors(
        """
        config = HyperParameterTuningJobConfig(strategy="Bayesain", resource_limits=limits)
        config.strategy = "Radom"
        tuning_job("j", objective_metric="m", search_space={}, role="r", output_path="o",
                   strategy="Bayesain")
        """
    )
    assert len(errors) == 3, errors
    assert all("Literal['Bayesian', 'Random', 'Hyperband', 'Grid']" in e for e in errors)


@pytest.mark.slow
def test_mypy_accepts_members_and_exact_strings() -> None:
    """Enum members and the exact wire strings type-check."""
    assert (
        mypy_errors(
            """
            HyperParameterTuningJobConfig(strategy="Hyperband", resource_limits=limits)
            HyperParameterTuningJobConfig(strategy=Strategy.GRID, resource_limits=limits)
            """
        )
        == []
    )


def test_wrong_python_type_is_refused_at_construction() -> None:
    """A string where an integer belongs raises FieldTypeError naming the field by its full
    wire path (ResourceLimits has one place in a request)."""
    with pytest.raises(FieldTypeError) as caught:
        ResourceLimits(max_number_of_training_jobs="10", max_parallel_training_jobs=1)  # type: ignore[arg-type]
    path = "HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs"
    assert caught.value.problems[0].path == path
    assert caught.value.problems[0].message == f"{path} takes int, not str '10'"


def test_a_structure_in_several_places_is_named_by_its_class() -> None:
    """A structure with more than one place in a request (a ResourceConfig belongs to
    TrainingJobDefinition or to an item of TrainingJobDefinitions) cannot know its place when
    it is built: its members are named after its class."""
    with pytest.raises(FieldTypeError) as caught:
        ResourceConfig(instance_count=1.0, volume_size_in_gb=30)  # type: ignore[arg-type]
    assert caught.value.problems[0].path == "ResourceConfig.InstanceCount"
    with pytest.raises(FieldTypeError) as caught:
        CreateHyperParameterTuningJobRequest(
            hyper_parameter_tuning_job_name=5,  # type: ignore[arg-type]
            hyper_parameter_tuning_job_config=None,  # type: ignore[arg-type]
        )
    assert caught.value.problems[0].path == "HyperParameterTuningJobName"


def test_bool_is_not_an_integer() -> None:
    """True is refused for an integer field, as it is for a range bound."""
    with pytest.raises(FieldTypeError):
        StoppingCondition(max_runtime_in_seconds=True)


def test_assignment_is_checked_too() -> None:
    """Assigning a wrong type raises; the object keeps its value."""
    limits = ResourceLimits(max_parallel_training_jobs=2)
    with pytest.raises(FieldTypeError):
        limits.max_parallel_training_jobs = 2.5  # type: ignore[assignment]
    assert limits.max_parallel_training_jobs == 2


def test_enum_field_takes_strings_only() -> None:
    """An enum field refuses a non-string; a string that is no member is kept for validate()."""
    with pytest.raises(FieldTypeError):
        HyperParameterTuningJobConfig(
            strategy=5,  # type: ignore[arg-type]
            resource_limits=ResourceLimits(max_parallel_training_jobs=1),
        )
    config = HyperParameterTuningJobConfig(
        strategy="Bayesain",  # type: ignore[arg-type]
        resource_limits=ResourceLimits(max_parallel_training_jobs=1),
    )
    assert config.strategy == "Bayesain"
    assert not isinstance(config.strategy, HyperParameterTuningJobStrategyType)
    problems = validate(config, cls=HyperParameterTuningJobConfig)
    assert [(p.path, p.code) for p in problems] == [("Strategy", "enum")]


def test_right_type_wrong_value_is_left_to_validate() -> None:
    """A value of the right type is never refused at construction (0 below the minimum 1)."""
    limits = ResourceLimits(max_parallel_training_jobs=0)
    problems = validate(limits, cls=ResourceLimits)
    assert [(p.path, p.code) for p in problems] == [("MaxParallelTrainingJobs", "minimum")]
