"""Placeholder until the built-in algorithm table lands: recognises built-in algorithm images by
their ECR repository name on a SageMaker registry host."""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

_HOST = re.compile(r"[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?/")
_REPOSITORIES = {
    "sagemaker-xgboost": "XGBoost", "xgboost": "XGBoost", "linear-learner": "Linear Learner",
    "kmeans": "k-means", "knn": "k-NN", "pca": "PCA", "lda": "LDA", "ntm": "NTM",
    "factorization-machines": "Factorization Machines", "forecasting-deepar": "DeepAR",
    "image-classification": "Image Classification", "object-detection": "Object Detection",
    "semantic-segmentation": "Semantic Segmentation", "seq2seq": "Seq2Seq",
    "blazingtext": "BlazingText", "object2vec": "Object2Vec", "ipinsights": "IP Insights",
    "randomcutforest": "Random Cut Forest",
}  # fmt: skip
FRAMEWORK_MARKERS = frozenset({"sagemaker_program", "sagemaker_submit_directory"})


@attrs.frozen
class Algorithm:
    key: str
    title: str


def identify(image: str) -> Algorithm | None:
    match = _HOST.match(image)
    if match is None:
        return None
    repository = image[match.end() :].split("@", 1)[0].split(":", 1)[0]
    title = _REPOSITORIES.get(repository)
    return Algorithm(repository, title) if title else None


def framework_mode(static: Mapping[str, str] | None) -> bool:
    return bool(static) and any(key in FRAMEWORK_MARKERS for key in static or {})
