"""Names the built-in algorithms accept beyond their Developer Guide pages get no warning.

The requests are real ones from ``tests/realworld/`` (made by the SageMaker Python SDK and the
Developer Guide's own code, see SOURCES.md), given the hyperparameters that public sources show
the algorithms accepting: the sagemaker-xgboost container's declarations (``silent``,
``dsplit``, the alias ``learning_rate``), the legacy XGBoost image's console defaults, and the
framework names that AWS's notebooks pass (``_kvstore``, ``_num_gpus``, ``_num_kv_servers``).
The data file itself is checked for its provenance.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from hpt_request import validate
from hpt_request.rules import algorithms

HERE = Path(__file__).parent
DATA = HERE.parent / "hpt_request" / "rules" / "data" / "algorithm_names.json"
STATIC = "TrainingJobDefinition.StaticHyperParameters"
LEGACY_IMAGE = "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:1"


def _real(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((HERE / "realworld" / name).read_text(encoding="utf-8"))
    return copy.deepcopy(loaded)


def _builtin(request: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(p.code, p.path, p.message) for p in validate(request) if p.code.startswith("builtin")]


def _with_static(name: str, static: dict[str, str]) -> dict[str, Any]:
    request = _real(name)
    request["TrainingJobDefinition"]["StaticHyperParameters"].update(static)
    return request


def test_the_notebook_framework_names_pass_for_object2vec() -> None:
    """The three underscore names AWS's Object2Vec notebook passes are accepted."""
    request = _with_static(
        "sdk-object2vec.json",
        {"_num_gpus": "auto", "_num_kv_servers": "auto", "_kvstore": "device"},
    )
    assert _builtin(request) == []


def test_a_slip_on_a_framework_name_is_still_warned_with_the_name_meant() -> None:
    """_num_gpu is no name the algorithm accepts: the did-you-mean offers _num_gpus."""
    request = _with_static("sdk-object2vec.json", {"_num_gpu": "auto"})
    found = _builtin(request)
    assert [(code, path) for code, path, _ in found] == [
        ("builtin-hyperparameter-known", f'{STATIC}["_num_gpu"]')
    ]
    assert 'did you mean "_num_gpus"' in found[0][2]


def test_kmeans_takes_the_framework_names_of_its_family() -> None:
    """k-means, of the SDK's AmazonAlgorithmEstimatorBase family, accepts _num_gpus too."""
    request = _with_static("sdkinteg-tuning-kmeans.json", {"_num_gpus": "1", "_kvstore": "local"})
    assert _builtin(request) == []


def test_the_xgboost_container_names_pass() -> None:
    """Names the sagemaker-xgboost container declares but the Guide omits are accepted."""
    request = _with_static(
        "sdk-xgboost-algorithm-bayesian.json",
        {"silent": "0", "dsplit": "row", "prob_buffer_row": "1.0", "predictor": "cpu_predictor"},
    )
    assert _builtin(request) == []


def test_an_alias_is_accepted_and_its_values_are_the_names() -> None:
    """learning_rate (the container's alias of eta) is a known name, judged by eta's values."""
    request = _with_static("sdk-xgboost-algorithm-bayesian.json", {"learning_rate": "0.2"})
    assert _builtin(request) == []
    request = _with_static("sdk-xgboost-algorithm-bayesian.json", {"learning_rate": "2"})
    assert [(code, path) for code, path, _ in _builtin(request)] == [
        ("builtin-hyperparameter-values", f'{STATIC}["learning_rate"]')
    ]


def test_an_accepted_name_can_be_tuned() -> None:
    """A range over reg_alpha (the alias of alpha) gets no unknown-name warning."""
    request = _real("devguide-xgboost-tuning-job.json")
    ranges = request["HyperParameterTuningJobConfig"]["ParameterRanges"]
    ranges["ContinuousParameterRanges"][1]["Name"] = "reg_alpha"
    assert _builtin(request) == []


def test_the_legacy_image_takes_its_console_defaults() -> None:
    """The legacy xgboost:1 image with the console's dsplit, prob_buffer_row and silent."""
    request = _real("devguide-xgboost-tuning-job.json")
    definition = request["TrainingJobDefinition"]
    definition["AlgorithmSpecification"]["TrainingImage"] = LEGACY_IMAGE
    definition["StaticHyperParameters"].update(
        {"dsplit": "row", "prob_buffer_row": "1.0", "silent": "0"}
    )
    assert _builtin(request) == []


def test_names_of_the_newer_container_are_not_the_legacy_images() -> None:
    """_kfold, which only the sagemaker-xgboost container declares, is warned on xgboost:1."""
    request = _real("devguide-xgboost-tuning-job.json")
    definition = request["TrainingJobDefinition"]
    definition["AlgorithmSpecification"]["TrainingImage"] = LEGACY_IMAGE
    definition["StaticHyperParameters"]["_kfold"] = "5"
    assert [(code, path) for code, path, _ in _builtin(request)] == [
        ("builtin-hyperparameter-known", f'{STATIC}["_kfold"]')
    ]


def test_every_name_has_its_sources() -> None:
    """Each accepted name names sources of the header, each a repository, commit and path."""
    document = json.loads(DATA.read_text(encoding="utf-8"))
    sources = document["about"]["sources"]
    assert "generator.algorithm_names" in document["about"]["generated_by"]
    for source in sources.values():
        assert re.fullmatch(r"[\w-]+/[\w.-]+", source["repository"])
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"])
        assert source["path"].strip()
    table = algorithms.algorithms()
    for key, names in document["algorithms"].items():
        assert key in table
        for name, entry in names.items():
            assert entry["sources"], (key, name)
            assert set(entry["sources"]) <= set(sources), (key, name)
            assert table[key].hyperparameter(name) is None, f"{key}/{name} is documented"
            if "alias_of" in entry:
                assert table[key].hyperparameter(entry["alias_of"]) is not None
            if "inferred" in entry:
                assert key in document["about"]["family"]


def test_the_table_knows_the_accepted_names() -> None:
    """The algorithms' table reads the file: XGBoost knows silent, k-means _num_kv_servers."""
    table = algorithms.algorithms()
    assert {"silent", "dsplit", "prob_buffer_row"} <= table["xgboost"].accepted_names()
    assert table["xgboost"].aliases["learning_rate"] == "eta"
    assert {"dsplit", "prob_buffer_row"} <= table["xgboost-0.72"].accepted_names()
    assert "_num_kv_servers" in table["kmeans"].known_names()
    assert "_kfold" not in table["xgboost-0.72"].known_names()


def test_the_generator_reads_declarations_and_aliases() -> None:
    """The container's form (name= keywords, declare_alias) and a notebook's _ keys are read."""
    from generator import algorithm_names

    source = (
        "hyperparameters = hpv.Hyperparameters(\n"
        "    hpv.IntegerHyperparameter(name='num_round', required=True),\n"
        "    hpv.CategoricalHyperparameter(name='dsplit', range=['row', 'col']),\n"
        ")\n"
        "hyperparameters.declare_alias('eta', 'learning_rate')\n"
    )
    assert algorithm_names.declared(source) == (["num_round", "dsplit"], {"learning_rate": "eta"})
    cell = 'hp = {"epochs": 2, "_kvstore": "device", "_num_gpus": "auto"}\n'
    assert algorithm_names.underscore_keys(cell) == ["_kvstore", "_num_gpus"]
    legacy = 'if "dsplit" in cfg:  # Default: row\n    if "gpu" in cfg["tree_method"]:\n'
    assert algorithm_names.read_in_config(legacy) == ["dsplit"]
