"""check_tuner() against the real SageMaker Python SDK v3 tuner, offline: the request it would
send is captured (nothing reaches even moto), validated, and compared with the settings the
program gave the tuner and its ModelTrainer.

Skipped where the SDK v3 is not installed; ``.ci/run`` runs this file in its environment."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sagemaker.train.tuner", reason="the SageMaker Python SDK v3 is not installed")

from sagemaker.core.shapes import (
    CheckpointConfig,
    HyperParameterTuningJobWarmStartConfig,
    ParentHyperParameterTuningJob,
    StoppingCondition,
)
from sagemaker.core.training.configs import (
    Compute,
    InputData,
    Networking,
    OutputDataConfig,
    SourceCode,
)
from sagemaker.core.workflow.pipeline_context import PipelineSession
from sagemaker.train.tuner import HyperparameterTuner

from hpt_request import TunerError, TunerReport, check_tuner, guard
from tests import sdk3_world as world

TRAIN = f"s3://{world.BUCKET}/train"
FIVE_DROPS = {
    ("TrainingJobDefinition.EnableNetworkIsolation", "tuner-setting-lost", "error"),
    (
        "TrainingJobDefinition.EnableInterContainerTrafficEncryption",
        "tuner-setting-lost",
        "error",
    ),
    ("TrainingJobDefinition.ResourceConfig.VolumeKmsKeyId", "tuner-setting-lost", "error"),
    (
        "TrainingJobDefinition.ResourceConfig.KeepAlivePeriodInSeconds",
        "tuner-option-lost",
        "warning",
    ),
    ("HyperParameterTuningJobConfig.RandomSeed", "tuner-option-lost", "warning"),
}


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    yield from world.mocked_aws()


def _found(report: TunerReport) -> set[tuple[str, str, str]]:
    return {(p.path, p.code, p.severity) for p in report.lost}


def _dropping_tuner(session: Any) -> HyperparameterTuner:
    return HyperparameterTuner(
        world.network_trainer(session),
        objective_metric_name="validation:auc",
        hyperparameter_ranges=dict(world.RANGES),
        max_jobs=10,
        max_parallel_jobs=2,
        random_seed=0,
    )


def test_the_five_settings_sdk_3_27_drops_are_reported() -> None:
    """Network isolation, inter-container encryption, the volume KMS key, the warm pool and
    RandomSeed 0 are each reported at their wire member, with their severity."""
    report = check_tuner(_dropping_tuner(world.sdk_session()), inputs=TRAIN)
    assert _found(report) == FIVE_DROPS
    assert report.blocking
    isolation = next(p for p in report.lost if p.path.endswith("EnableNetworkIsolation"))
    assert isolation.message == (
        "the ModelTrainer sets networking.enable_network_isolation=True (a security setting), "
        "but the request the SDK builds leaves it out"
    )


def test_check_tuner_sends_nothing() -> None:
    """The request is captured, not sent: moto holds no tuning job afterwards."""
    check_tuner(_dropping_tuner(world.sdk_session()), inputs=TRAIN)
    assert world.tuning_jobs() == []


def test_the_captured_request_is_what_the_sdk_sends() -> None:
    """The request check_tuner() captures equals the parameters the SDK gives boto3 when it
    does send (recorded by a botocore handler, then sent to moto)."""
    boto = world.boto_session()
    sent: list[dict[str, Any]] = []

    def record(params: dict[str, Any], **_: Any) -> None:
        sent.append(copy.deepcopy(params))

    boto.events.register("before-parameter-build.sagemaker.CreateHyperParameterTuningJob", record)
    session = world.sdk_session(boto)
    tuner = _dropping_tuner(session)
    report = check_tuner(tuner, inputs=TRAIN, job_name="churn-captured")
    assert sent == []
    tuner.tune(inputs=TRAIN, job_name="churn-captured", wait=False)
    assert world.tuning_jobs() == ["churn-captured"]
    assert sent == [report.request]


def test_a_tuner_whose_request_carries_everything_reports_nothing() -> None:
    """Many settings, all carried by the request: no problem, only the not-compared notes."""
    session = world.sdk_session()
    trainer = world.trainer(
        session,
        compute=Compute(
            instance_type="ml.c5.2xlarge",
            instance_count=2,
            volume_size_in_gb=80,
            enable_managed_spot_training=True,
        ),
        networking=Networking(
            subnets=["subnet-0123456789abcdef0"], security_group_ids=["sg-0123456789abcdef0"]
        ),
        stopping_condition=StoppingCondition(
            max_runtime_in_seconds=3600, max_wait_time_in_seconds=7200
        ),
        output_data_config=OutputDataConfig(
            s3_output_path=f"s3://{world.BUCKET}/output", kms_key_id=world.KMS_KEY
        ),
        checkpoint_config=CheckpointConfig(s3_uri=f"s3://{world.BUCKET}/checkpoints"),
        environment={"LOG_LEVEL": "debug"},
    )
    tuner = HyperparameterTuner(
        trainer,
        objective_metric_name="validation:auc",
        hyperparameter_ranges=dict(world.RANGES),
        max_jobs=12,
        max_parallel_jobs=3,
        strategy="Random",
        random_seed=7,
        tags=[{"Key": "team", "Value": "churn"}],
    )
    inputs = [
        InputData(channel_name="train", data_source=TRAIN, content_type="text/csv"),
        InputData(
            channel_name="validation",
            data_source=f"s3://{world.BUCKET}/validation",
            content_type="text/csv",
        ),
    ]
    report = check_tuner(tuner, inputs=inputs, job_name="churn-random-7")
    assert report.problems == [], str(report)
    assert any("hyperparameter_ranges" in item for item in report.not_compared)


def test_a_changed_setting_is_reported_with_what_the_request_has() -> None:
    """A setting the request carries with another value says what it has instead."""
    report = check_tuner(world.tuner(world.sdk_session()), inputs=TRAIN)
    report_request = report.request
    assert report_request["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] == (
        "ml.m5.xlarge"
    )
    from hpt_request.aws.intent import Expected, compare

    wanted = Expected(
        "model_trainer.compute.instance_type",
        "TrainingJobDefinition.ResourceConfig.InstanceType",
        "ml.p3.2xlarge",
    )
    [problem] = compare([wanted], report_request)
    assert problem.code == "tuner-setting-lost"
    assert problem.message.endswith('has "ml.m5.xlarge" instead')


def test_the_request_is_validated_too() -> None:
    """The captured request's own problems come first (here Hyperband with early stopping)."""
    report = check_tuner(world.tuner(world.sdk_session(), defective=True), inputs=TRAIN)
    assert "hyperband-early-stopping-off" in [p.code for p in report.problems]
    assert report.lost == []


def test_a_guard_does_not_stop_the_capture() -> None:
    """With the session guarded, check_tuner() still reports (nothing is sent to stop)."""
    session = world.sdk_session()
    unguard = guard(session)
    report = check_tuner(world.tuner(session, defective=True), inputs=TRAIN)
    unguard()
    assert "hyperband-early-stopping-off" in [p.code for p in report.problems]


def test_warm_start_and_settings_the_module_cannot_place_are_listed() -> None:
    """A warm start the request carries, member for member, is no loss."""
    session = world.sdk_session()
    warm = HyperParameterTuningJobWarmStartConfig(
        parent_hyper_parameter_tuning_jobs=[
            ParentHyperParameterTuningJob(hyper_parameter_tuning_job_name="churn-parent")
        ],
        warm_start_type="IdenticalDataAndAlgorithm",
    )
    report = check_tuner(world.tuner(session, warm_start_config=warm), inputs=TRAIN)
    assert report.lost == []
    assert report.request["WarmStartConfig"]["WarmStartType"] == "IdenticalDataAndAlgorithm"


def test_the_report_shows_in_a_notebook() -> None:
    """_repr_html_ gives the verdict, the request's summary with each problem at its wire path
    (linked to its catalogue entry), and the not-compared list."""
    report = check_tuner(_dropping_tuner(world.sdk_session()), inputs=TRAIN)
    page = report._repr_html_()
    assert "3 errors, 2 warnings" in page
    assert "TrainingJobDefinition.EnableNetworkIsolation</code>: the ModelTrainer sets" in page
    assert "rules.html#tuner-setting-lost" in page
    assert "hpt-request-summary" in page
    assert "Not compared:" in page
    assert str(report).splitlines()[0] == "The request the SDK builds: 3 errors, 2 warnings"


def test_unknown_objects_are_refused_by_name() -> None:
    """Anything but an SDK v3 tuner raises TunerError naming what it got."""
    with pytest.raises(TunerError, match=r"not builtins\.dict"):
        check_tuner({"HyperParameterTuningJobConfig": {}})


def test_a_v2_tuner_without_an_estimator_is_refused() -> None:
    """An object of v2's tuner class without an Estimator gets a TunerError saying so."""
    v2 = type("HyperparameterTuner", (), {"__module__": "sagemaker.tuner", "estimator": None})
    with pytest.raises(TunerError, match="no Estimator"):
        check_tuner(v2())


def test_a_tuner_without_a_trainer_is_refused() -> None:
    """A multi-algorithm tuner (model_trainer_dict) is refused with what to do instead."""
    session = world.sdk_session()
    tuner = HyperparameterTuner.create(
        model_trainer_dict={"xgb": world.trainer(session)},
        objective_metric_name_dict={"xgb": "validation:auc"},
        hyperparameter_ranges_dict={"xgb": dict(world.RANGES)},
        max_jobs=4,
        max_parallel_jobs=2,
    )
    with pytest.raises(TunerError, match="model_trainer_dict"):
        check_tuner(tuner, inputs={"xgb": TRAIN})


def test_a_pipeline_session_is_refused() -> None:
    """A tuner on a PipelineSession builds step arguments: refused, pointing to
    validate_document."""
    session = PipelineSession(
        boto_session=world.boto_session(),
        default_bucket=world.BUCKET,
        sagemaker_config=world.SDK_CONFIG,
    )
    with pytest.raises(TunerError, match="validate_document"):
        check_tuner(world.tuner(session), inputs=TRAIN)


def test_a_tune_that_raises_is_a_tuner_error() -> None:
    """tune() failing inside the SDK is reported as TunerError naming the SDK's exception."""
    with pytest.raises(TunerError, match=r"tune\(\) raised TypeError") as caught:
        check_tuner(world.tuner(world.sdk_session()), inputs=TRAIN, no_such_argument=1)
    assert isinstance(caught.value.__cause__, TypeError)


def test_an_aws_call_before_the_request_is_named(tmp_path: Path) -> None:
    """A tune() that makes another AWS call first (a ModelTrainer with source code looks S3
    up before it uploads) stops with TunerError naming the call; nothing is sent."""
    (tmp_path / "train.py").write_text("print('training')\n", encoding="utf-8")
    session = world.sdk_session()
    code = SourceCode(source_dir=str(tmp_path), entry_script="train.py")
    tuner = HyperparameterTuner(
        world.trainer(session, source_code=code),
        objective_metric_name="validation:auc",
        hyperparameter_ranges=dict(world.RANGES),
        max_jobs=4,
    )
    with pytest.raises(TunerError, match=r"the SDK calls s3 ListBuckets before"):
        check_tuner(tuner, inputs=TRAIN)
    assert world.tuning_jobs() == []
