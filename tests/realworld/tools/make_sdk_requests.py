"""Capture the requests the SageMaker Python SDK v2 sends for many tuner configurations.

Run from the repository root, in a virtualenv with ``sagemaker<3`` and ``moto[s3,sagemaker]``::

    .venv-sdk/bin/python tests/realworld/tools/make_sdk_requests.py

Each case builds estimators and a ``HyperparameterTuner`` the way a user (or the SDK's own
integration tests, ``sdkinteg-*`` files) does, and calls ``fit(..., wait=False)`` with a session
whose SageMaker client records the ``create_hyper_parameter_tuning_job`` call
(:class:`capture.RecordingSageMakerClient`). S3 and STS are moto's in-process mocks, so the
SDK's uploads of entry-point code land in a fake ``example-bucket``; nothing leaves the machine.
Job names are fixed, so re-running reproduces the files byte for byte.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import (
    BUCKET,
    PLACEHOLDERS,
    REGION,
    ROLE,
    Manifest,
    RecordingSageMakerClient,
    offline_environment,
    write_request,
)

offline_environment()

import boto3  # noqa: E402
import moto  # noqa: E402
import sagemaker  # noqa: E402
from sagemaker import image_uris  # noqa: E402
from sagemaker.amazon.amazon_estimator import RecordSet  # noqa: E402
from sagemaker.estimator import Estimator  # noqa: E402
from sagemaker.inputs import FileSystemInput, TrainingInput  # noqa: E402
from sagemaker.tuner import (  # noqa: E402
    CategoricalParameter,
    ContinuousParameter,
    HyperbandStrategyConfig,
    HyperparameterTuner,
    InstanceConfig,
    IntegerParameter,
    StrategyConfig,
    TuningJobCompletionCriteriaConfig,
    WarmStartConfig,
    WarmStartTypes,
)

SDK = f"sagemaker {sagemaker.__version__} (PyPI)"
INTEG_TAG = "v2.257.6"
INTEG_REPO = "github.com/aws/sagemaker-python-sdk"
CPU = "ml.m5.xlarge"  # the integration tests' cpu_instance_type fixture outside China regions


@dataclass
class Ctx:
    session: sagemaker.Session
    client: RecordingSageMakerClient
    code: Path  # a directory holding train.py, the entry point of framework estimators


@dataclass
class Case:
    file_name: str
    source: str
    build: Callable[[Ctx], None]


CASES: list[Case] = []


def case(
    file_name: str, source: str = ""
) -> Callable[[Callable[[Ctx], None]], Callable[..., None]]:
    """Register a case; ``source`` defaults to the SDK's own tuner module."""

    def register(build: Callable[[Ctx], None]) -> Callable[[Ctx], None]:
        CASES.append(Case(file_name, source, build))
        return build

    return register


def s3(key: str) -> str:
    return f"s3://{BUCKET}/{key}"


def image(framework: str, version: str | None = None) -> str:
    return str(image_uris.retrieve(framework, REGION, version=version))


def builtin(ctx: Ctx, framework: str, version: str | None = None, **kwargs: Any) -> Estimator:
    kwargs.setdefault("instance_count", 1)
    kwargs.setdefault("instance_type", CPU)
    kwargs.setdefault("output_path", s3(f"{framework}/output"))
    return Estimator(
        image_uri=image(framework, version), role=ROLE, sagemaker_session=ctx.session, **kwargs
    )


def record_set(key: str, features: int, channel: str = "train", records: int = 1000) -> RecordSet:
    return RecordSet(
        s3(key),
        num_records=records,
        feature_dim=features,
        s3_data_type="ManifestFile",
        channel=channel,
    )


# --- built-in algorithms ---------------------------------------------------------------------


@case("sdk-xgboost-algorithm-bayesian.json")
def xgboost_algorithm(ctx: Ctx) -> None:
    est = builtin(ctx, "xgboost", "1.7-1")
    est.set_hyperparameters(objective="binary:logistic", num_round=100, eval_metric="auc")
    tuner = HyperparameterTuner(
        est,
        "validation:auc",
        {
            "eta": ContinuousParameter(0.01, 0.3),
            "max_depth": IntegerParameter(3, 10),
            "min_child_weight": ContinuousParameter(1, 10),
            "subsample": ContinuousParameter(0.5, 1.0),
            "alpha": ContinuousParameter(0, 2),
        },
        max_jobs=20,
        max_parallel_jobs=3,
    )
    tuner.fit(
        {
            "train": TrainingInput(s3("xgb/train"), content_type="text/csv"),
            "validation": TrainingInput(s3("xgb/validation"), content_type="text/csv"),
        },
        job_name="xgb-algorithm-bayes",
        wait=False,
    )


@case("sdk-xgboost-script-mode.json")
def xgboost_script(ctx: Ctx) -> None:
    from sagemaker.xgboost import XGBoost

    est = XGBoost(
        entry_point="train.py",
        source_dir=str(ctx.code),
        framework_version="1.7-1",
        role=ROLE,
        instance_count=1,
        instance_type=CPU,
        sagemaker_session=ctx.session,
        hyperparameters={"num_round": 50, "objective": "reg:squarederror"},
    )
    tuner = HyperparameterTuner(
        est,
        "validation:rmse",
        {"eta": ContinuousParameter(0.05, 0.5), "max_depth": IntegerParameter(2, 8)},
        metric_definitions=[{"Name": "validation:rmse", "Regex": "validation-rmse:([0-9\\.]+)"}],
        objective_type="Minimize",
        max_jobs=10,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {"train": s3("xgb-script/train"), "validation": s3("xgb-script/validation")},
        job_name="xgb-script-mode",
        wait=False,
    )


@case("sdk-linear-learner-random.json")
def linear_learner(ctx: Ctx) -> None:
    from sagemaker import LinearLearner

    est = LinearLearner(
        role=ROLE,
        instance_count=1,
        instance_type=CPU,
        predictor_type="binary_classifier",
        sagemaker_session=ctx.session,
        output_path=s3("linear/output"),
    )
    tuner = HyperparameterTuner(
        est,
        "validation:binary_f_beta",
        {
            "learning_rate": ContinuousParameter(1e-4, 1.0, scaling_type="Logarithmic"),
            "wd": ContinuousParameter(1e-7, 1.0, scaling_type="Logarithmic"),
            "mini_batch_size": IntegerParameter(100, 5000),
        },
        strategy="Random",
        max_jobs=30,
        max_parallel_jobs=5,
    )
    tuner.fit(
        [
            record_set("linear/train/.amazon.manifest", 20),
            record_set("linear/validation/.amazon.manifest", 20, "validation"),
        ],
        job_name="linear-learner-random",
        wait=False,
    )


@case("sdk-kmeans-early-stopping.json")
def kmeans(ctx: Ctx) -> None:
    from sagemaker import KMeans

    est = KMeans(
        role=ROLE,
        instance_count=2,
        instance_type="ml.c5.2xlarge",
        k=10,
        sagemaker_session=ctx.session,
        output_path=s3("kmeans/output"),
    )
    tuner = HyperparameterTuner(
        est,
        "test:msd",
        {
            "extra_center_factor": IntegerParameter(4, 10),
            "init_method": CategoricalParameter(["kmeans++", "random"]),
            "mini_batch_size": IntegerParameter(3000, 15000),
        },
        objective_type="Minimize",
        max_jobs=12,
        max_parallel_jobs=4,
        early_stopping_type="Auto",
    )
    tuner.fit(
        [
            record_set("kmeans/train/.amazon.manifest", 784),
            record_set("kmeans/test/.amazon.manifest", 784, "test"),
        ],
        job_name="kmeans-early-stop",
        wait=False,
    )


@case("sdk-knn.json")
def knn(ctx: Ctx) -> None:
    from sagemaker import KNN

    est = KNN(
        role=ROLE,
        instance_count=1,
        instance_type=CPU,
        k=10,
        sample_size=500,
        predictor_type="classifier",
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner(
        est,
        "test:accuracy",
        {"k": IntegerParameter(1, 50), "sample_size": IntegerParameter(256, 2000000)},
        max_jobs=8,
        max_parallel_jobs=2,
    )
    tuner.fit(
        [
            record_set("knn/train/.amazon.manifest", 54),
            record_set("knn/test/.amazon.manifest", 54, "test"),
        ],
        job_name="knn-tuning",
        wait=False,
    )


@case("sdk-blazingtext-supervised.json")
def blazingtext(ctx: Ctx) -> None:
    est = builtin(ctx, "blazingtext", instance_type="ml.c5.4xlarge", input_mode="File")
    est.set_hyperparameters(mode="supervised", epochs=10, min_count=2)
    tuner = HyperparameterTuner(
        est,
        "validation:accuracy",
        {
            "learning_rate": ContinuousParameter(0.005, 0.05, scaling_type="Logarithmic"),
            "vector_dim": IntegerParameter(32, 300),
            "word_ngrams": IntegerParameter(1, 3),
        },
        max_jobs=10,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {
            "train": TrainingInput(s3("bt/train"), content_type="text/plain"),
            "validation": TrainingInput(s3("bt/validation"), content_type="text/plain"),
        },
        job_name="blazingtext-supervised",
        wait=False,
    )


@case("sdk-image-classification-gpu.json")
def image_classification(ctx: Ctx) -> None:
    est = builtin(
        ctx,
        "image-classification",
        instance_type="ml.p3.2xlarge",
        volume_size=50,
        max_run=360000,
        input_mode="Pipe",
    )
    est.set_hyperparameters(
        num_layers=18,
        image_shape="3,224,224",
        num_classes=257,
        num_training_samples=15420,
        epochs=10,
        top_k=2,
        precision_dtype="float32",
    )
    tuner = HyperparameterTuner(
        est,
        "validation:accuracy",
        {
            "learning_rate": ContinuousParameter(0.0001, 0.05),
            "mini_batch_size": IntegerParameter(16, 64),
            "optimizer": CategoricalParameter(["sgd", "adam", "rmsprop", "nag"]),
        },
        max_jobs=6,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {
            "train": TrainingInput(s3("ic/train"), content_type="application/x-recordio"),
            "validation": TrainingInput(s3("ic/validation"), content_type="application/x-recordio"),
        },
        job_name="image-classification-gpu",
        wait=False,
    )


@case("sdk-object-detection.json")
def object_detection(ctx: Ctx) -> None:
    est = builtin(ctx, "object-detection", instance_type="ml.p3.2xlarge", volume_size=50)
    est.set_hyperparameters(
        base_network="resnet-50",
        use_pretrained_model=1,
        num_classes=20,
        epochs=30,
        lr_scheduler_step="10,20",
        lr_scheduler_factor=0.1,
        num_training_samples=16551,
        image_shape=512,
        label_width=350,
        nms_threshold=0.45,
    )
    tuner = HyperparameterTuner(
        est,
        "validation:mAP",
        {
            "learning_rate": ContinuousParameter(0.001, 0.1),
            "mini_batch_size": IntegerParameter(16, 32),
            "momentum": ContinuousParameter(0.0, 0.999),
            "optimizer": CategoricalParameter(["sgd", "adam"]),
        },
        max_jobs=8,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {
            "train": TrainingInput(s3("od/train"), content_type="application/x-recordio"),
            "validation": TrainingInput(s3("od/validation"), content_type="application/x-recordio"),
        },
        job_name="object-detection",
        wait=False,
    )


@case("sdk-semantic-segmentation.json")
def semantic_segmentation(ctx: Ctx) -> None:
    est = builtin(ctx, "semantic-segmentation", instance_type="ml.p3.2xlarge")
    est.set_hyperparameters(
        backbone="resnet-50",
        algorithm="fcn",
        use_pretrained_model="True",
        crop_size=240,
        num_classes=21,
        epochs=10,
        num_training_samples=1464,
    )
    tuner = HyperparameterTuner(
        est,
        "validation:mIOU",
        {
            "learning_rate": ContinuousParameter(0.0001, 0.01, scaling_type="Logarithmic"),
            "mini_batch_size": IntegerParameter(8, 32),
        },
        max_jobs=4,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {
            "train": s3("ss/train"),
            "validation": s3("ss/validation"),
            "train_annotation": s3("ss/train_annotation"),
            "validation_annotation": s3("ss/validation_annotation"),
        },
        job_name="semantic-segmentation",
        wait=False,
    )


@case("sdk-deepar.json")
def deepar(ctx: Ctx) -> None:
    est = builtin(ctx, "forecasting-deepar", instance_type="ml.c5.2xlarge")
    est.set_hyperparameters(
        time_freq="H",
        context_length=72,
        prediction_length=24,
        epochs=100,
        likelihood="gaussian",
    )
    tuner = HyperparameterTuner(
        est,
        "test:RMSE",
        {
            "learning_rate": ContinuousParameter(1e-4, 1e-1, scaling_type="Logarithmic"),
            "num_cells": IntegerParameter(30, 100),
            "num_layers": IntegerParameter(1, 4),
            "mini_batch_size": IntegerParameter(32, 512),
            "dropout_rate": ContinuousParameter(0.0, 0.2),
        },
        objective_type="Minimize",
        max_jobs=20,
        max_parallel_jobs=4,
    )
    tuner.fit(
        {"train": s3("deepar/train/"), "test": s3("deepar/test/")},
        job_name="deepar-electricity",
        wait=False,
    )


@case("sdk-factorization-machines.json")
def factorization_machines(ctx: Ctx) -> None:
    from sagemaker import FactorizationMachines

    est = FactorizationMachines(
        role=ROLE,
        instance_count=1,
        instance_type=CPU,
        num_factors=64,
        predictor_type="binary_classifier",
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner(
        est,
        "test:binary_classification_accuracy",
        {
            "factors_lr": ContinuousParameter(0.0001, 0.2),
            "factors_init_sigma": ContinuousParameter(0.0001, 1),
            "epochs": IntegerParameter(10, 50),
        },
        max_jobs=10,
        max_parallel_jobs=2,
    )
    tuner.fit(
        [
            record_set("fm/train/.amazon.manifest", 784),
            record_set("fm/test/.amazon.manifest", 784, "test"),
        ],
        job_name="factorization-machines",
        wait=False,
    )


@case("sdk-ntm.json")
def ntm(ctx: Ctx) -> None:
    from sagemaker import NTM

    est = NTM(
        role=ROLE,
        instance_count=2,
        instance_type="ml.c5.xlarge",
        num_topics=20,
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner(
        est,
        "validation:total_loss",
        {
            "learning_rate": ContinuousParameter(0.0001, 0.1),
            "num_topics": IntegerParameter(10, 40),
            "encoder_layers_activation": CategoricalParameter(["sigmoid", "tanh", "relu"]),
        },
        objective_type="Minimize",
        max_jobs=6,
        max_parallel_jobs=2,
    )
    tuner.fit(
        [
            record_set("ntm/train/.amazon.manifest", 5000),
            record_set("ntm/validation/.amazon.manifest", 5000, "validation"),
        ],
        job_name="ntm-topics",
        mini_batch_size=256,
        wait=False,
    )


@case("sdk-ipinsights.json")
def ipinsights(ctx: Ctx) -> None:
    est = builtin(ctx, "ipinsights", instance_type="ml.p3.2xlarge")
    est.set_hyperparameters(
        num_entity_vectors=20000, vector_dim=128, epochs=10, batch_metrics_publish_interval=1000
    )
    tuner = HyperparameterTuner(
        est,
        "validation:discriminator_auc",
        {
            "vector_dim": IntegerParameter(64, 1024),
            "learning_rate": ContinuousParameter(0.0001, 0.01),
            "epochs": IntegerParameter(5, 20),
        },
        max_jobs=5,
        max_parallel_jobs=1,
    )
    tuner.fit(
        {
            "train": TrainingInput(s3("ipinsights/train"), content_type="text/csv"),
            "validation": TrainingInput(s3("ipinsights/validation"), content_type="text/csv"),
        },
        job_name="ipinsights",
        wait=False,
    )


@case("sdk-object2vec.json")
def object2vec(ctx: Ctx) -> None:
    est = builtin(ctx, "object2vec", instance_type="ml.p3.2xlarge")
    est.set_hyperparameters(
        epochs=20,
        enc0_max_seq_len=1,
        enc0_vocab_size=944,
        enc1_max_seq_len=1,
        enc1_vocab_size=1684,
        enc_dim=1024,
        mlp_dim=256,
        output_layer="mean_squared_error",
    )
    tuner = HyperparameterTuner(
        est,
        "validation:mean_squared_error",
        {
            "learning_rate": ContinuousParameter(0.0001, 0.1),
            "dropout": ContinuousParameter(0.0, 0.5),
            "mlp_layers": IntegerParameter(1, 3),
        },
        objective_type="Minimize",
        max_jobs=6,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {
            "train": TrainingInput(s3("o2v/train"), content_type="application/jsonlines"),
            "validation": TrainingInput(s3("o2v/validation"), content_type="application/jsonlines"),
        },
        job_name="object2vec-movielens",
        wait=False,
    )


@case("sdk-seq2seq.json")
def seq2seq(ctx: Ctx) -> None:
    est = builtin(ctx, "seq2seq", instance_type="ml.p3.8xlarge", max_run=48 * 3600)
    est.set_hyperparameters(
        max_seq_len_source=60,
        max_seq_len_target=60,
        optimized_metric="bleu",
        batch_size=64,
        checkpoint_frequency_num_batches=1000,
        rnn_num_hidden=512,
        num_layers_encoder=1,
        num_layers_decoder=1,
        num_embed_source=512,
        num_embed_target=512,
    )
    tuner = HyperparameterTuner(
        est,
        "validation:bleu",
        {
            "learning_rate": ContinuousParameter(0.0001, 0.001),
            "rnn_attention_type": CategoricalParameter(["dot", "fixed", "mlp", "bilinear"]),
        },
        max_jobs=4,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {"train": s3("s2s/train"), "validation": s3("s2s/validation"), "vocab": s3("s2s/vocab")},
        job_name="seq2seq-translation",
        wait=False,
    )


# --- framework estimators ---------------------------------------------------------------------


@case("sdk-pytorch-logarithmic.json")
def pytorch(ctx: Ctx) -> None:
    from sagemaker.pytorch import PyTorch

    est = PyTorch(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        framework_version="2.3",
        py_version="py311",
        instance_count=1,
        instance_type="ml.g5.xlarge",
        sagemaker_session=ctx.session,
        hyperparameters={"epochs": 10, "backend": "nccl"},
    )
    tuner = HyperparameterTuner(
        est,
        "average test loss",
        {
            "lr": ContinuousParameter(0.0001, 0.1, scaling_type="Logarithmic"),
            "momentum": ContinuousParameter(0.5, 0.99, scaling_type="ReverseLogarithmic"),
            "batch-size": CategoricalParameter([32, 64, 128, 256]),
        },
        metric_definitions=[
            {"Name": "average test loss", "Regex": "Test set: Average loss: ([0-9\\.]+)"}
        ],
        objective_type="Minimize",
        max_jobs=9,
        max_parallel_jobs=3,
    )
    tuner.fit({"training": s3("pytorch-mnist/")}, job_name="pytorch-mnist-log", wait=False)


@case("sdk-pytorch-distributed.json")
def pytorch_distributed(ctx: Ctx) -> None:
    from sagemaker.pytorch import PyTorch

    est = PyTorch(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        framework_version="2.2.0",
        py_version="py310",
        instance_count=2,
        instance_type="ml.p4d.24xlarge",
        distribution={"torch_distributed": {"enabled": True}},
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner(
        est,
        "eval_accuracy",
        {"learning_rate": ContinuousParameter(1e-5, 1e-3, scaling_type="Logarithmic")},
        metric_definitions=[{"Name": "eval_accuracy", "Regex": "eval_accuracy = ([0-9\\.]+)"}],
        max_jobs=4,
        max_parallel_jobs=1,
    )
    tuner.fit({"train": s3("ddp/train")}, job_name="pytorch-ddp", wait=False)


@case("sdk-tensorflow-hyperband.json")
def tensorflow_hyperband(ctx: Ctx) -> None:
    from sagemaker.tensorflow import TensorFlow

    est = TensorFlow(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        framework_version="2.16",
        py_version="py310",
        instance_count=1,
        instance_type="ml.m5.2xlarge",
        sagemaker_session=ctx.session,
        hyperparameters={"epochs": 20},
    )
    tuner = HyperparameterTuner(
        est,
        "val_accuracy",
        {
            "learning-rate": ContinuousParameter(0.0001, 0.01, scaling_type="Logarithmic"),
            "batch-size": IntegerParameter(32, 256),
            "dropout": ContinuousParameter(0.1, 0.5),
        },
        metric_definitions=[
            {"Name": "val_accuracy", "Regex": "val_accuracy: ([0-9\\.]+)"},
            {"Name": "val_loss", "Regex": "val_loss: ([0-9\\.]+)"},
        ],
        strategy="Hyperband",
        strategy_config=StrategyConfig(HyperbandStrategyConfig(max_resource=20, min_resource=1)),
        max_jobs=30,
        max_parallel_jobs=5,
    )
    tuner.fit({"training": s3("tf-cifar/")}, job_name="tf-hyperband", wait=False)


@case("sdk-huggingface-completion-criteria.json")
def huggingface(ctx: Ctx) -> None:
    from sagemaker.huggingface import HuggingFace

    est = HuggingFace(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        transformers_version="4.36",
        pytorch_version="2.1",
        py_version="py310",
        instance_count=1,
        instance_type="ml.g5.2xlarge",
        sagemaker_session=ctx.session,
        hyperparameters={"model_name_or_path": "distilbert-base-uncased", "epochs": 3},
    )
    tuner = HyperparameterTuner(
        est,
        "eval_f1",
        {
            "learning_rate": ContinuousParameter(1e-5, 5e-5, scaling_type="Logarithmic"),
            "train_batch_size": CategoricalParameter([8, 16, 32]),
            "warmup_steps": IntegerParameter(0, 500),
        },
        metric_definitions=[
            {"Name": "eval_f1", "Regex": "'eval_f1': ([0-9\\.]+)"},
            {"Name": "eval_loss", "Regex": "'eval_loss': ([0-9\\.]+)"},
        ],
        completion_criteria_config=TuningJobCompletionCriteriaConfig(
            max_number_of_training_jobs_not_improving=5,
            complete_on_convergence=True,
            target_objective_metric_value=0.92,
        ),
        max_jobs=20,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {"train": s3("hf/imdb/train"), "test": s3("hf/imdb/test")},
        job_name="hf-distilbert-imdb",
        wait=False,
    )


@case("sdk-mxnet-random-seed.json")
def mxnet(ctx: Ctx) -> None:
    from sagemaker.mxnet import MXNet

    est = MXNet(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        framework_version="1.9.0",
        py_version="py38",
        instance_count=1,
        instance_type=CPU,
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner(
        est,
        "Validation-accuracy",
        {
            "learning-rate": ContinuousParameter(0.01, 0.2),
            "batch-size": IntegerParameter(32, 1024),
            "optimizer": CategoricalParameter(["sgd", "adam"]),
        },
        metric_definitions=[
            {"Name": "Validation-accuracy", "Regex": "Validation-accuracy=([0-9\\.]+)"}
        ],
        strategy="Random",
        random_seed=42,
        max_jobs=12,
        max_parallel_jobs=4,
    )
    tuner.fit(
        {"train": s3("mxnet/train"), "test": s3("mxnet/test")},
        job_name="mxnet-random-seed",
        wait=False,
    )


@case("sdk-sklearn-grid.json")
def sklearn_grid(ctx: Ctx) -> None:
    from sagemaker.sklearn import SKLearn

    est = SKLearn(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        framework_version="1.2-1",
        py_version="py3",
        instance_count=1,
        instance_type="ml.c5.xlarge",
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner(
        est,
        "validation:f1",
        {
            "n-estimators": CategoricalParameter([50, 100, 200]),
            "min-samples-leaf": CategoricalParameter([1, 2, 5, 10]),
            "criterion": CategoricalParameter(["gini", "entropy"]),
        },
        metric_definitions=[{"Name": "validation:f1", "Regex": "f1=([0-9\\.]+)"}],
        strategy="Grid",
        # without max_jobs the SDK sends MaxNumberOfTrainingJobs=None, which botocore's own
        # parameter validation rejects before anything is sent; 24 is the grid's size
        max_jobs=24,
        max_parallel_jobs=4,
    )
    tuner.fit(
        {"train": s3("sklearn/train"), "test": s3("sklearn/test")},
        job_name="sklearn-grid",
        wait=False,
    )


# --- tuner features ---------------------------------------------------------------------------


def _xgb_tuner(ctx: Ctx, **kwargs: Any) -> HyperparameterTuner:
    est = kwargs.pop("estimator", None) or builtin(ctx, "xgboost", "1.7-1")
    est.set_hyperparameters(objective="binary:logistic", num_round=200)
    kwargs.setdefault("max_jobs", 10)
    kwargs.setdefault("max_parallel_jobs", 2)
    return HyperparameterTuner(
        est,
        "validation:auc",
        kwargs.pop("ranges", None)
        or {"eta": ContinuousParameter(0.05, 0.5), "max_depth": IntegerParameter(3, 9)},
        **kwargs,
    )


XGB_INPUTS = {
    "train": TrainingInput(s3("churn/train"), content_type="text/csv"),
    "validation": TrainingInput(s3("churn/validation"), content_type="text/csv"),
}


@case("sdk-warm-start-identical.json")
def warm_start_identical(ctx: Ctx) -> None:
    parent = _xgb_tuner(ctx)
    parent.fit(XGB_INPUTS, job_name="xgb-parent", wait=False)
    child = parent.identical_dataset_and_algorithm_tuner()
    child.fit(XGB_INPUTS, job_name="xgb-child-identical", wait=False)


@case("sdk-warm-start-transfer-learning.json")
def warm_start_transfer(ctx: Ctx) -> None:
    first = _xgb_tuner(ctx)
    first.fit(XGB_INPUTS, job_name="xgb-parent-a", wait=False)
    second = _xgb_tuner(ctx, max_jobs=5)
    second.fit(XGB_INPUTS, job_name="xgb-parent-b", wait=False)
    child = first.transfer_learning_tuner(additional_parents={"xgb-parent-b"})
    child.hyperparameter_ranges()  # the SDK keeps the parent's ranges; add one more below
    child._hyperparameter_ranges["gamma"] = ContinuousParameter(0, 5)
    child.fit(XGB_INPUTS, job_name="xgb-child-transfer", wait=False)


@case("sdk-autotune.json")
def autotune(ctx: Ctx) -> None:
    tuner = _xgb_tuner(
        ctx,
        ranges={},
        autotune=True,
        hyperparameters_to_keep_static=["num_round"],
        max_jobs=50,
        max_parallel_jobs=5,
    )
    tuner.fit(XGB_INPUTS, job_name="xgb-autotune", wait=False)


@case("sdk-spot-checkpoints.json")
def spot(ctx: Ctx) -> None:
    est = builtin(
        ctx,
        "xgboost",
        "1.7-1",
        use_spot_instances=True,
        max_run=3600,
        max_wait=7200,
        checkpoint_s3_uri=s3("checkpoints/xgb"),
        checkpoint_local_path="/opt/ml/checkpoints",
    )
    tuner = _xgb_tuner(ctx, estimator=est)
    tuner.fit(XGB_INPUTS, job_name="xgb-spot", wait=False)


@case("sdk-vpc-network-isolation.json")
def vpc(ctx: Ctx) -> None:
    est = builtin(
        ctx,
        "xgboost",
        "1.7-1",
        subnets=["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
        security_group_ids=["sg-0123456789abcdef0"],
        enable_network_isolation=True,
        encrypt_inter_container_traffic=True,
        volume_kms_key="alias/example-volume-key",
        output_kms_key="alias/example-output-key",
    )
    tuner = _xgb_tuner(ctx, estimator=est)
    tuner.fit(XGB_INPUTS, job_name="xgb-vpc-isolated", wait=False)


@case("sdk-tags-environment-retry.json")
def tags_environment(ctx: Ctx) -> None:
    est = builtin(
        ctx,
        "xgboost",
        "1.7-1",
        environment={"LOG_LEVEL": "debug", "TEAM": "churn"},
        max_retry_attempts=3,
        tags=[{"Key": "cost-center", "Value": "ml-research"}],
    )
    tuner = _xgb_tuner(
        ctx,
        estimator=est,
        tags=[{"Key": "project", "Value": "churn"}, {"Key": "owner", "Value": "data-science"}],
        base_tuning_job_name="churn",
    )
    tuner.fit(XGB_INPUTS, job_name="xgb-tagged", wait=False)


@case("sdk-instance-configs.json")
def instance_configs(ctx: Ctx) -> None:
    tuner = _xgb_tuner(ctx)
    tuner.override_resource_config(
        instance_configs=[
            InstanceConfig(instance_count=1, instance_type="ml.m5.2xlarge", volume_size=30),
            InstanceConfig(instance_count=1, instance_type="ml.m5.4xlarge", volume_size=30),
            InstanceConfig(instance_count=1, instance_type="ml.c5.4xlarge", volume_size=50),
        ]
    )
    tuner.fit(XGB_INPUTS, job_name="xgb-instance-configs", wait=False)


@case("sdk-max-runtime-input-options.json")
def input_options(ctx: Ctx) -> None:
    from sagemaker.inputs import ShuffleConfig

    est = builtin(ctx, "xgboost", "1.7-1", input_mode="Pipe")
    tuner = _xgb_tuner(ctx, estimator=est, max_runtime_in_seconds=4 * 3600)
    tuner.fit(
        {
            "train": TrainingInput(
                s3("churn/train.manifest"),
                content_type="text/csv",
                s3_data_type="ManifestFile",
                distribution="ShardedByS3Key",
                compression="Gzip",
                shuffle_config=ShuffleConfig(1234),
                input_mode="FastFile",
            ),
            "validation": TrainingInput(
                s3("churn/validation"),
                content_type="text/csv",
                record_wrapping="RecordIO",
                input_mode="Pipe",
                attribute_names=["source-ref"],
            ),
        },
        job_name="xgb-input-options",
        wait=False,
    )


@case("sdk-file-system-input.json")
def file_system(ctx: Ctx) -> None:
    from sagemaker.pytorch import PyTorch

    est = PyTorch(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        framework_version="2.1",
        py_version="py310",
        instance_count=1,
        instance_type="ml.p3.2xlarge",
        subnets=["subnet-0a1b2c3d4e5f60718"],
        security_group_ids=["sg-0123456789abcdef0"],
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner(
        est,
        "validation:accuracy",
        {"lr": ContinuousParameter(0.001, 0.1)},
        metric_definitions=[{"Name": "validation:accuracy", "Regex": "val_acc=([0-9\\.]+)"}],
        max_jobs=4,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {
            "train": FileSystemInput(
                file_system_id="fs-0123456789abcdef0",
                file_system_type="FSxLustre",
                directory_path="/fsx/imagenet/train",
                file_system_access_mode="ro",
            ),
            "validation": FileSystemInput(
                file_system_id="fs-0abcdef0123456789",
                file_system_type="EFS",
                directory_path="/imagenet/validation",
                file_system_access_mode="ro",
            ),
        },
        job_name="pytorch-fsx-efs",
        wait=False,
    )


@case("sdk-multi-algorithm.json")
def multi_algorithm(ctx: Ctx) -> None:
    from sagemaker.pytorch import PyTorch

    xgb = builtin(ctx, "xgboost", "1.7-1")
    xgb.set_hyperparameters(objective="binary:logistic", num_round=100)
    torch = PyTorch(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        framework_version="2.3",
        py_version="py311",
        instance_count=1,
        instance_type="ml.g5.xlarge",
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner.create(
        estimator_dict={"xgboost": xgb, "mlp": torch},
        objective_metric_name_dict={"xgboost": "validation:auc", "mlp": "validation:auc"},
        hyperparameter_ranges_dict={
            "xgboost": {"eta": ContinuousParameter(0.05, 0.5), "max_depth": IntegerParameter(3, 9)},
            "mlp": {
                "lr": ContinuousParameter(1e-4, 1e-1, scaling_type="Logarithmic"),
                "hidden": CategoricalParameter([64, 128, 256]),
            },
        },
        metric_definitions_dict={
            "mlp": [{"Name": "validation:auc", "Regex": "val_auc=([0-9\\.]+)"}]
        },
        max_jobs=20,
        max_parallel_jobs=4,
    )
    tuner.fit(
        inputs={
            "xgboost": XGB_INPUTS,
            "mlp": {"train": s3("churn/train"), "validation": s3("churn/validation")},
        },
        job_name="multi-algo-churn",
        include_cls_metadata={},
        wait=False,
    )


@case("sdk-multi-algorithm-instance-configs.json")
def multi_algorithm_configs(ctx: Ctx) -> None:
    from sagemaker import KMeans

    km = KMeans(role=ROLE, instance_count=1, instance_type=CPU, k=10, sagemaker_session=ctx.session)
    km2 = KMeans(
        role=ROLE, instance_count=1, instance_type=CPU, k=10, sagemaker_session=ctx.session
    )
    tuner = HyperparameterTuner.create(
        estimator_dict={"kmeans-a": km, "kmeans-b": km2},
        objective_metric_name_dict={"kmeans-a": "test:msd", "kmeans-b": "test:msd"},
        hyperparameter_ranges_dict={
            "kmeans-a": {"extra_center_factor": IntegerParameter(1, 10)},
            "kmeans-b": {"init_method": CategoricalParameter(["kmeans++", "random"])},
        },
        objective_type="Minimize",
        strategy="Random",
        max_jobs=8,
        max_parallel_jobs=2,
    )
    tuner.override_resource_config(
        instance_configs={
            "kmeans-a": [
                InstanceConfig(1, "ml.m5.xlarge", 30),
                InstanceConfig(1, "ml.c5.xlarge", 30),
            ],
            "kmeans-b": [InstanceConfig(1, "ml.m5.2xlarge", 40)],
        }
    )
    sets = [
        record_set("kmeans/train/.amazon.manifest", 784),
        record_set("kmeans/test/.amazon.manifest", 784, "test"),
    ]
    tuner.fit(
        inputs={"kmeans-a": sets, "kmeans-b": sets},
        job_name="multi-kmeans-configs",
        include_cls_metadata={},
        wait=False,
    )


# --- re-creations of the SDK's integration tests (tests/integ/test_tuner*.py) -----------------


def _integ_kmeans(ctx: Ctx) -> Any:
    """The ``kmeans_estimator`` fixture of tests/integ/test_tuner.py."""
    from sagemaker import KMeans

    est = KMeans(
        role=ROLE,
        instance_count=1,
        instance_type=CPU,
        k=10,
        sagemaker_session=ctx.session,
        output_path=f"s3://{BUCKET}/",
    )
    est.init_method = "random"
    est.max_iterators = 1
    est.tol = 1
    est.num_trials = 1
    est.local_init_method = "kmeans++"
    est.half_life_time_size = 1
    est.epochs = 1
    return est


def _integ_ranges() -> dict[str, Any]:
    """The ``hyperparameter_ranges`` fixture of tests/integ/test_tuner.py."""
    return {
        "extra_center_factor": IntegerParameter(1, 10),
        "mini_batch_size": IntegerParameter(10, 100),
        "epochs": IntegerParameter(1, 2),
        "init_method": CategoricalParameter(["kmeans++", "random"]),
    }


def _integ_tune(
    ctx: Ctx, job_name: str, tuner: HyperparameterTuner | None = None, **kwargs: Any
) -> HyperparameterTuner:
    """``_tune`` of tests/integ/test_tuner.py; the test's record sets are 100 MNIST rows."""
    est = kwargs.pop("estimator", None) or _integ_kmeans(ctx)
    instance_configs = kwargs.pop("instance_configs", None)
    if tuner is None:
        kwargs.setdefault("max_jobs", 2)
        kwargs.setdefault("max_parallel_jobs", 2)
        tuner = HyperparameterTuner(
            estimator=est,
            objective_metric_name="test:msd",
            hyperparameter_ranges=kwargs.pop("hyperparameter_ranges", None),
            objective_type="Minimize",
            **kwargs,
        )
    tuner.override_resource_config(instance_configs=instance_configs)
    records = record_set("sagemaker-record-sets/KMeans/.amazon.manifest", 784, records=100)
    test_records = record_set(
        "sagemaker-record-sets/KMeans/test/.amazon.manifest", 784, "test", records=100
    )
    tuner.fit([records, test_records], job_name=job_name, wait=False)
    return tuner


INTEG = f"{INTEG_REPO} tests/integ/test_tuner.py"


@case("sdkinteg-tuning-kmeans.json", f"{INTEG}::test_tuning_kmeans")
def integ_kmeans(ctx: Ctx) -> None:
    _integ_tune(ctx, "test-tune-kmeans", hyperparameter_ranges=_integ_ranges())


@case("sdkinteg-tuning-kmeans-autotune.json", f"{INTEG}::test_tuning_kmeans_autotune")
def integ_kmeans_autotune(ctx: Ctx) -> None:
    _integ_tune(
        ctx,
        "test-tune-kmeans-autotune",
        hyperparameter_ranges=_integ_ranges(),
        autotune=True,
        hyperparameters_to_keep_static=[
            "local_lloyd_init_method",
            "local_lloyd_num_trials",
            "local_lloyd_tol",
        ],
    )


@case(
    "sdkinteg-tuning-kmeans-instance-configs.json",
    f"{INTEG}::test_tuning_kmeans_with_instance_configs",
)
def integ_kmeans_instance_configs(ctx: Ctx) -> None:
    _integ_tune(
        ctx,
        "tst-fit",
        hyperparameter_ranges=_integ_ranges(),
        instance_configs=[
            InstanceConfig(instance_count=1, instance_type="ml.m4.2xlarge", volume_size=30),
            InstanceConfig(instance_count=1, instance_type="ml.m4.xlarge", volume_size=30),
        ],
    )


@case(
    "sdkinteg-kmeans-identical-raw.json",
    f"{INTEG}::test_tuning_kmeans_identical_dataset_algorithm_tuner_raw",
)
def integ_identical_raw(ctx: Ctx) -> None:
    _integ_tune(
        ctx,
        "kmeans-identical",
        hyperparameter_ranges=_integ_ranges(),
        max_parallel_jobs=1,
        max_jobs=1,
    )
    _integ_tune(
        ctx,
        "c-kmeans-identical",
        hyperparameter_ranges=_integ_ranges(),
        warm_start_config=WarmStartConfig(
            warm_start_type=WarmStartTypes.IDENTICAL_DATA_AND_ALGORITHM,
            parents=["kmeans-identical"],
        ),
        max_parallel_jobs=1,
        max_jobs=1,
    )


@case(
    "sdkinteg-create-transfer-learning-tuner.json", f"{INTEG}::test_create_transfer_learning_tuner"
)
def integ_create_transfer(ctx: Ctx) -> None:
    first = _integ_tune(
        ctx,
        "km-tran2-parent1",
        hyperparameter_ranges=_integ_ranges(),
        max_parallel_jobs=1,
        max_jobs=1,
    )
    second = _integ_tune(
        ctx,
        "km-tran2-parent2",
        hyperparameter_ranges=_integ_ranges(),
        max_parallel_jobs=1,
        max_jobs=1,
    )
    est = _integ_kmeans(ctx)
    # create_transfer_learning_tuner(parent, estimator, additional_parents) is
    # HyperparameterTuner.attach(parent).transfer_learning_tuner(additional_parents, estimator);
    # attach() needs a full DescribeHyperParameterTuningJob answer, so call the second half on
    # the parent tuner object this process already holds.
    child = first.transfer_learning_tuner(
        additional_parents={second.latest_tuning_job.name}, estimator=est
    )
    _integ_tune(ctx, "km-tran2-child", tuner=child, estimator=est)


@case("sdkinteg-tuning-lda.json", f"{INTEG}::test_tuning_lda")
def integ_lda(ctx: Ctx) -> None:
    from sagemaker import LDA

    lda = LDA(role=ROLE, instance_type=CPU, num_topics=10, sagemaker_session=ctx.session)
    # prepare_record_set_from_local_files uploads the NIPS records; the test's file has 1 record
    train = record_set("lda/data/.amazon.manifest", 11, records=1)
    test = record_set("lda/data/.amazon.manifest", 11, "test", records=1)
    tuner = HyperparameterTuner(
        estimator=lda,
        objective_metric_name="test:pwll",
        hyperparameter_ranges={
            "alpha0": ContinuousParameter(1, 10),
            "num_topics": IntegerParameter(1, 2),
        },
        objective_type="Maximize",
        max_jobs=2,
        max_parallel_jobs=2,
        early_stopping_type="Auto",
    )
    tuner.fit([train, test], mini_batch_size=1, job_name="test-lda", wait=False)


@case("sdkinteg-stop-tuning-job-rcf.json", f"{INTEG}::test_stop_tuning_job")
def integ_rcf(ctx: Ctx) -> None:
    from sagemaker import RandomCutForest

    rcf = RandomCutForest(
        role=ROLE,
        instance_count=1,
        instance_type=CPU,
        num_trees=50,
        num_samples_per_tree=20,
        sagemaker_session=ctx.session,
    )
    records = record_set("sagemaker-record-sets/RandomCutForest/.amazon.manifest", 14)
    records.distribution = "FullyReplicated"
    test_records = record_set(
        "sagemaker-record-sets/RandomCutForest/test/.amazon.manifest", 14, "test"
    )
    test_records.distribution = "FullyReplicated"
    tuner = HyperparameterTuner(
        estimator=rcf,
        objective_metric_name="test:f1",
        hyperparameter_ranges={
            "num_trees": IntegerParameter(50, 100),
            "num_samples_per_tree": IntegerParameter(1, 2),
        },
        objective_type="Maximize",
        max_jobs=2,
        max_parallel_jobs=2,
    )
    tuner.fit([records, test_records], "test-randomcutforest", wait=False)


def _integ_mxnet(ctx: Ctx) -> Any:
    from sagemaker.mxnet.estimator import MXNet

    # mxnet_training_latest_version / _py_version fixtures
    return MXNet(
        entry_point=str(ctx.code / "train.py"),
        role=ROLE,
        py_version="py38",
        instance_count=1,
        instance_type=CPU,
        framework_version="1.9.0",
        sagemaker_session=ctx.session,
    )


MXNET_INPUTS = {
    "train": s3("integ-test-data/mxnet_mnist/train"),
    "test": s3("integ-test-data/mxnet_mnist/test"),
}


@case("sdkinteg-tuning-mxnet.json", f"{INTEG}::test_tuning_mxnet")
def integ_mxnet(ctx: Ctx) -> None:
    tuner = HyperparameterTuner(
        _integ_mxnet(ctx),
        "Validation-accuracy",
        {"learning-rate": ContinuousParameter(0.01, 0.2)},
        [{"Name": "Validation-accuracy", "Regex": "Validation-accuracy=([0-9\\.]+)"}],
        max_jobs=4,
        max_parallel_jobs=2,
    )
    tuner.fit(MXNET_INPUTS, job_name="tune-mxnet", wait=False)


@case("sdkinteg-tuning-mxnet-autotune.json", f"{INTEG}::test_tuning_mxnet_autotune")
def integ_mxnet_autotune(ctx: Ctx) -> None:
    est = _integ_mxnet(ctx)
    est.set_hyperparameters(learning_rate=0.1)
    tuner = HyperparameterTuner(
        est,
        "Validation-accuracy",
        {},
        [{"Name": "Validation-accuracy", "Regex": "Validation-accuracy=([0-9\\.]+)"}],
        max_jobs=4,
        max_parallel_jobs=2,
        autotune=True,
        hyperparameters_to_keep_static=None,
    )
    tuner.fit(MXNET_INPUTS, job_name="tune-mxnet-autotune", wait=False)


@case("sdkinteg-tuning-tf-vpc-multi.json", f"{INTEG}::test_tuning_tf_vpc_multi")
def integ_tf_vpc(ctx: Ctx) -> None:
    from sagemaker.tensorflow import TensorFlow

    est = TensorFlow(
        entry_point="train.py",
        source_dir=str(ctx.code),
        role=ROLE,
        framework_version="2.14.1",
        py_version="py310",
        instance_count=2,
        instance_type=CPU,
        sagemaker_session=ctx.session,
        base_job_name="test-vpc-tf",
        subnets=["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
        security_group_ids=["sg-0123456789abcdef0"],
        encrypt_inter_container_traffic=True,
    )
    tuner = HyperparameterTuner(
        est,
        "accuracy",
        {"epochs": IntegerParameter(1, 2)},
        [{"Name": "accuracy", "Regex": "Accuracy: ([0-9\\.]+)"}],
        max_jobs=2,
        max_parallel_jobs=2,
    )
    tuner.fit(s3("scriptmode/mnist"), job_name="tune-tf", wait=False)


@case("sdkinteg-tuning-chainer.json", f"{INTEG}::test_tuning_chainer")
def integ_chainer(ctx: Ctx) -> None:
    from sagemaker.chainer import Chainer

    est = Chainer(
        entry_point=str(ctx.code / "train.py"),
        role=ROLE,
        framework_version="5.0.0",
        py_version="py3",
        instance_count=1,
        instance_type=CPU,
        sagemaker_session=ctx.session,
        hyperparameters={"epochs": 1},
    )
    tuner = HyperparameterTuner(
        est,
        "Validation-accuracy",
        {"alpha": ContinuousParameter(0.001, 0.005)},
        [
            {
                "Name": "Validation-accuracy",
                "Regex": r"\[J1\s+\d\.\d+\s+\d\.\d+\s+\d\.\d+\s+(\d\.\d+)",
            }
        ],
        max_jobs=2,
        max_parallel_jobs=2,
    )
    tuner.fit(
        {
            "train": s3("integ-test-data/chainer_mnist/train"),
            "test": s3("integ-test-data/chainer_mnist/test"),
        },
        job_name="chainer",
        wait=False,
    )


@case("sdkinteg-attach-tuning-pytorch.json", f"{INTEG}::test_attach_tuning_pytorch")
def integ_pytorch(ctx: Ctx) -> None:
    from sagemaker.pytorch import PyTorch

    est = PyTorch(
        entry_point=str(ctx.code / "train.py"),
        role=ROLE,
        instance_count=1,
        framework_version="2.8.0",
        py_version="py312",
        instance_type=CPU,
        sagemaker_session=ctx.session,
    )
    tuner = HyperparameterTuner(
        est,
        "evaluation-accuracy",
        {"batch-size": IntegerParameter(50, 100)},
        [{"Name": "evaluation-accuracy", "Regex": r"Overall test accuracy: (\d+)"}],
        max_jobs=2,
        max_parallel_jobs=2,
        early_stopping_type="Auto",
    )
    tuner.fit(
        {"training": s3("integ-test-data/pytorch_mnist/training")}, job_name="pytorch", wait=False
    )


@case("sdkinteg-tuning-byo-estimator.json", f"{INTEG}::test_tuning_byo_estimator")
def integ_byo(ctx: Ctx) -> None:
    est = Estimator(
        image_uri=image("factorization-machines"),
        role=ROLE,
        instance_count=1,
        instance_type=CPU,
        sagemaker_session=ctx.session,
    )
    est.set_hyperparameters(
        num_factors=10, feature_dim=784, mini_batch_size=100, predictor_type="binary_classifier"
    )
    tuner = HyperparameterTuner(
        estimator=est,
        objective_metric_name="test:binary_classification_accuracy",
        hyperparameter_ranges={"mini_batch_size": IntegerParameter(100, 200)},
        max_jobs=2,
        max_parallel_jobs=2,
    )
    data = s3("test_byo_estimator/train/recordio-pb-data")
    tuner.fit({"train": data, "test": data}, include_cls_metadata=False, job_name="byo", wait=False)


def run() -> None:
    manifest = Manifest("make_sdk_requests")
    failed: list[str] = []
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        boto_session = boto3.Session(region_name=REGION)
        for item in CASES:
            client = RecordingSageMakerClient()
            session = sagemaker.Session(
                boto_session=boto_session, sagemaker_client=client, default_bucket=BUCKET
            )
            with tempfile.TemporaryDirectory() as tmp:
                code = Path(tmp) / "code"
                code.mkdir()
                (code / "train.py").write_text("print('training')\n", encoding="utf-8")
                try:
                    item.build(Ctx(session, client, code))
                except Exception as error:  # report every broken case, then fail
                    failed.append(f"{item.file_name}: {type(error).__name__}: {error}")
                    continue
            write_request(item.file_name, client.last())
            if item.source:
                source = f"{item.source} (tag {INTEG_TAG}), re-created offline"
            else:
                source = "SageMaker Python SDK v2, sagemaker/tuner.py HyperparameterTuner.fit"
            manifest.add(
                item.file_name,
                source=source,
                made_by=(
                    f"{SDK} with boto3 {boto3.__version__}, moto {moto.__version__}; "
                    f"tests/realworld/tools/make_sdk_requests.py::{item.build.__name__}"
                ),
                placeholders=PLACEHOLDERS
                + ", S3 keys under example-bucket"
                + (
                    "; the test's uploads of local data replaced by the S3 URIs they return, "
                    "instance type ml.m5.xlarge and framework versions for its fixtures"
                    if item.source
                    else ""
                ),
            )
            print("wrote", item.file_name)
    manifest.save()
    if failed:
        raise SystemExit("failed cases:\n" + "\n".join(failed))


if __name__ == "__main__":
    run()
