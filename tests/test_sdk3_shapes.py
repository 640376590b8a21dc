"""The adapters between sagemaker-core's shapes and the model (hpt_request.aws.coreshapes)
round-trip every structure the package's Hypothesis strategies draw, falsy members included,
and turn pipeline variables into the placeholders of a pipeline definition.

Skipped where the SDK v3 (sagemaker-core) is not installed; ``.ci/run`` runs this file in its
environment."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("sagemaker.core.shapes", reason="sagemaker-core is not installed")

from sagemaker.core import shapes as core
from sagemaker.core.utils.utils import serialize
from sagemaker.core.workflow.execution_variables import ExecutionVariables
from sagemaker.core.workflow.functions import Join
from sagemaker.core.workflow.parameters import ParameterInteger

from hpt_request import model, strategies, to_wire
from hpt_request.aws.coreshapes import (
    CoreShapeError,
    core_to_wire,
    create_arguments_to_wire,
    from_core,
    to_core,
)
from hpt_request.model.base import Structure

STRUCTURES: list[type[Any]] = sorted(
    (
        cls
        for name in model.shapes.__all__
        if isinstance(cls := getattr(model, name), type)
        and attrs.has(cls)
        and issubclass(cls, Structure)
        and name != "CreateHyperParameterTuningJobRequest"
        and hasattr(core, name)
    ),
    key=lambda cls: cls.__name__,
)


def test_every_structure_of_the_request_has_a_sagemaker_core_shape() -> None:
    """The adapters cover the request's structures: sagemaker-core has each one."""
    assert len(STRUCTURES) >= 35
    assert model.ResourceConfig in STRUCTURES


@pytest.mark.parametrize("cls", STRUCTURES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_structures_round_trip_through_sagemaker_core(cls: type[Any], data: st.DataObject) -> None:
    """A drawn model structure -> sagemaker-core shape -> model gives it back, and the shape's
    wire data is the structure's."""
    obj = data.draw(st.from_type(cls))
    shape = to_core(obj)
    assert type(shape).__name__ == cls.__name__
    assert core_to_wire(shape) == to_wire(obj)
    assert from_core(shape) == obj


@given(request=strategies.requests())
def test_requests_round_trip_through_create_arguments(
    request: model.CreateHyperParameterTuningJobRequest,
) -> None:
    """A drawn request -> HyperParameterTuningJob.create() keyword arguments -> wire request
    is the request's own wire dict."""
    assert create_arguments_to_wire(to_core(request)) == to_wire(request)


def test_falsy_members_are_kept_where_sagemaker_core_drops_them() -> None:
    """0, False and "" survive the adapters; sagemaker-core's own serializer drops them."""
    config = core.HyperParameterTuningJobConfig(
        strategy="Random",
        random_seed=0,
        resource_limits=core.ResourceLimits(
            max_number_of_training_jobs=3, max_parallel_training_jobs=1
        ),
    )
    resource = core.ResourceConfig(
        instance_type="ml.m5.xlarge", instance_count=1, keep_alive_period_in_seconds=0
    )
    assert core_to_wire(config)["RandomSeed"] == 0
    assert core_to_wire(resource)["KeepAlivePeriodInSeconds"] == 0
    assert "RandomSeed" not in serialize(config)
    assert "KeepAlivePeriodInSeconds" not in serialize(resource)
    assert from_core(config).random_seed == 0
    definition = core.HyperParameterTrainingJobDefinition(
        algorithm_specification=core.HyperParameterAlgorithmSpecification(
            training_image="123456789012.dkr.ecr.us-west-2.amazonaws.com/t:1",
            training_input_mode="File",
        ),
        role_arn="arn:aws:iam::123456789012:role/R",
        output_data_config=core.OutputDataConfig(s3_output_path="s3://acme-ml-data/out"),
        stopping_condition=core.StoppingCondition(max_runtime_in_seconds=3600),
        enable_network_isolation=False,
        static_hyper_parameters={"flag": ""},
    )
    wire = core_to_wire(definition)
    assert wire["EnableNetworkIsolation"] is False
    assert wire["StaticHyperParameters"] == {"flag": ""}


def test_wire_names_come_from_the_spec() -> None:
    """volume_size_in_gb is VolumeSizeInGB on the wire (not derived from its snake_case)."""
    wire = core_to_wire(core.ResourceConfig(instance_type="ml.m5.xlarge", volume_size_in_gb=30))
    assert wire == {"InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30}


def test_pipeline_variables_become_pipeline_placeholders() -> None:
    """A ParameterInteger and a Join become the expressions a pipeline definition holds."""
    limits = core.ResourceConfig(
        instance_type="ml.m5.xlarge",
        instance_count=ParameterInteger(name="InstanceCount", default_value=2),
    )
    output = core.OutputDataConfig(
        s3_output_path=Join(
            on="/", values=["s3://acme-ml-data/out", ExecutionVariables.PIPELINE_EXECUTION_ID]
        )
    )
    assert core_to_wire(limits) == {
        "InstanceType": "ml.m5.xlarge",
        "InstanceCount": {"Get": "Parameters.InstanceCount"},
    }
    assert core_to_wire(output) == {
        "S3OutputPath": {
            "Std:Join": {
                "On": "/",
                "Values": ["s3://acme-ml-data/out", {"Get": "Execution.PipelineExecutionId"}],
            }
        }
    }
    with pytest.raises(CoreShapeError, match=r"InstanceCount.*validate_document"):
        from_core(limits)


def test_a_shape_the_model_lacks_is_refused_by_name() -> None:
    """A sagemaker-core shape that is no structure of the model raises, naming it."""
    with pytest.raises(CoreShapeError, match="TrainingJobSummary"):
        core_to_wire(core.TrainingJobSummary.model_construct(training_job_name="x"), "Jobs[0]")
    with pytest.raises(CoreShapeError, match="takes a sagemaker-core shape"):
        from_core({"Strategy": "Random"})
    with pytest.raises(CoreShapeError, match="takes a model object"):
        to_core("Random")
