"""Record the training image URIs that the real SageMaker Python SDK produces: test data.

Dev-only. Writes ``tests/data/sdk_image_uris.json``, which ``tests/test_algorithms.py`` reads
to check ``hpt_request.rules.algorithms.identify`` against the SDK's own ``image_uris.retrieve``
output (built-in algorithms it must recognise, framework images it must refuse). Run it with
the SDK v2 installed in a separate environment, never in the project's dependencies::

    python3 -m venv .venv-sdk && .venv-sdk/bin/pip install "sagemaker<3"
    SAGEMAKER_SUPPRESS_V2_WARNING=1 .venv-sdk/bin/python -m generator.sdk_image_uris

The regions and versions come from the SDK's own configuration (``config_for_framework``),
not from this project's table. ISO regions are skipped: their registries are not on an
``amazonaws.com`` domain and the table leaves them out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sagemaker import __version__ as sdk_version  # type: ignore[import-not-found, unused-ignore]
from sagemaker import image_uris  # type: ignore[import-not-found, unused-ignore]

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "sdk_image_uris.json"

# The SDK's framework names of the built-in algorithms in the table.
BUILT_IN = (
    "xgboost",
    "linear-learner",
    "kmeans",
    "knn",
    "forecasting-deepar",
    "blazingtext",
    "image-classification",
    "object-detection",
    "semantic-segmentation",
    "object2vec",
    "lda",
    "ntm",
    "ipinsights",
    "randomcutforest",
    "factorization-machines",
    "pca",
    "seq2seq",
)
# Framework images, some from the very accounts that serve built-in algorithms.
FRAMEWORKS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("sklearn", "1.2-1", {}),
    ("pytorch", "2.1", {"py_version": "py310", "instance_type": "ml.p3.2xlarge"}),
    ("tensorflow", "2.14", {"py_version": "py310", "instance_type": "ml.p3.2xlarge"}),
    ("huggingface", "4.28", {"base_framework_version": "pytorch2.0", "py_version": "py310",
                             "instance_type": "ml.p3.2xlarge"}),
)  # fmt: skip


def training_versions(framework: str) -> dict[str, Any]:
    """Version -> configuration of a framework's training images, from the SDK."""
    config = image_uris.config_for_framework(framework)
    scoped = config.get("training", config)
    versions: dict[str, Any] = scoped["versions"]
    return versions


def public(region: str) -> bool:
    return not region.startswith("us-iso")


def built_in_uris() -> list[dict[str, str]]:
    found = []
    for framework in BUILT_IN:
        for version, config in training_versions(framework).items():
            for region in sorted(filter(public, config["registries"])):
                uri = image_uris.retrieve(
                    framework, region, version=version, image_scope="training"
                )
                found.append(
                    {"framework": framework, "version": version, "region": region, "uri": uri}
                )
    return found


def framework_uris() -> list[dict[str, str]]:
    found = []
    for framework, version, extra in FRAMEWORKS:
        config = training_versions(framework)
        key = version if version in config else next(iter(config))
        registries = config[key].get("registries") or next(
            v["registries"]
            for v in config[key].values()
            if isinstance(v, dict) and "registries" in v
        )
        for region in ("us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"):
            if region not in registries:
                continue
            uri = image_uris.retrieve(
                framework, region, version=version, image_scope="training", **extra
            )
            found.append({"framework": framework, "version": version, "region": region, "uri": uri})
    return found


def main() -> None:
    document = {
        "about": {
            "generated_by": "SAGEMAKER_SUPPRESS_V2_WARNING=1 .venv-sdk/bin/python -m "
            "generator.sdk_image_uris",
            "tool": f"sagemaker (SageMaker Python SDK) {sdk_version}, image_uris.retrieve("
            "framework, region, version=..., image_scope='training')",
            "note": "every training version and non-ISO region the SDK configures for each "
            "built-in algorithm; framework images in four regions",
        },
        "built_in": built_in_uris(),
        "frameworks": framework_uris(),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(document['built_in'])} built-in, "
          f"{len(document['frameworks'])} framework URIs")  # fmt: skip


if __name__ == "__main__":
    main()
