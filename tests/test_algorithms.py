"""The table of built-in algorithms: its consistency, identify(), framework_mode(), suggest().

Facts checked by hand below come from the Developer Guide page named in each test's docstring
(https://docs.aws.amazon.com/sagemaker/latest/dg/<page>.html). ``tests/data/sdk_image_uris.json``
holds image URIs made by the real SageMaker Python SDK (see its ``about`` header).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hpt_request.rules import algorithms as algos
from hpt_request.rules.algorithms import Algorithm, Hyperparameter, identify
from tests.corpus import golden_valid

ROOT = Path(__file__).resolve().parent.parent
SDK_URIS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "sdk_image_uris.json").read_text(encoding="utf-8")
)
DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"
ECR = "https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/"
# The built-in algorithms issue 9 names, by the table's keys.
REQUIRED_KEYS = {
    "xgboost", "xgboost-0.72", "linear-learner", "kmeans", "knn", "deepar", "blazingtext",
    "image-classification", "object-detection", "semantic-segmentation", "object2vec", "lda",
    "ntm", "ipinsights", "randomcutforest", "factorization-machines", "pca", "seq2seq",
}  # fmt: skip
# The SDK's framework name of each algorithm (image_uris.retrieve(framework=...)) -> table key.
SDK_FRAMEWORK_KEYS = {
    "linear-learner": "linear-learner", "kmeans": "kmeans", "knn": "knn",
    "forecasting-deepar": "deepar", "blazingtext": "blazingtext",
    "image-classification": "image-classification", "object-detection": "object-detection",
    "semantic-segmentation": "semantic-segmentation", "object2vec": "object2vec", "lda": "lda",
    "ntm": "ntm", "ipinsights": "ipinsights", "randomcutforest": "randomcutforest",
    "factorization-machines": "factorization-machines", "pca": "pca", "seq2seq": "seq2seq",
}  # fmt: skip
# ECR repository of a built-in algorithm image -> table key, for the bundled requests.
REPOSITORY_KEYS = {
    "sagemaker-xgboost": "xgboost", "xgboost": "xgboost-0.72", "linear-learner": "linear-learner",
    "object-detection": "object-detection", "image-classification": "image-classification",
}  # fmt: skip


def algorithm(key: str) -> Algorithm:
    return algos.algorithms()[key]


def hyperparameter(key: str, name: str) -> Hyperparameter:
    found = algorithm(key).hyperparameter(name)
    assert found is not None, f"{key} has no hyperparameter {name}"
    return found


def required(key: str) -> set[str]:
    return {h.name for h in algorithm(key).required_hyperparameters()}


# --- the table -------------------------------------------------------------------------------


def test_table_covers_the_built_in_algorithms() -> None:
    """The table holds every algorithm issue 9 names, and loads once (the same mapping)."""
    assert set(algos.algorithms()) == REQUIRED_KEYS
    assert algos.algorithms() is algos.algorithms()


@pytest.mark.parametrize("key", sorted(REQUIRED_KEYS))
def test_entry_is_well_formed(key: str) -> None:
    """Unique names, valid directions and kinds, bounds in order, no default on a required
    hyperparameter, Developer Guide pages, and registries for every repository."""
    entry = algorithm(key)
    assert entry.key == key
    assert entry.title
    names = [m.name for m in entry.metrics]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"(train|validation|test):\w+", n) for n in names), names
    assert {m.direction for m in entry.metrics} <= {"Maximize", "Minimize"}
    params = [h.name for h in entry.hyperparameters]
    assert len(params) == len(set(params))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", p) for p in params), params
    for h in entry.hyperparameters:
        assert h.kind in {"integer", "continuous", "categorical", "boolean", "string", "list"}
        if h.required:
            assert h.default is None, h.name
        if h.kind in {"categorical", "boolean"}:
            assert h.values, h.name
        if h.minimum is not None and h.maximum is not None:
            assert h.minimum < h.maximum, h.name
        if h.tunable is not None and h.tunable.type != "Categorical":
            assert h.tunable.minimum is not None
            assert h.tunable.maximum is not None
            assert h.tunable.minimum < h.tunable.maximum, h.name
    assert entry.pages
    assert all(p.startswith(DG) and p.endswith(".html") for p in entry.pages)
    assert entry.repositories
    for repository in entry.repositories:
        regions = {r.region for r in entry.registries if r.repository == repository}
        assert "us-east-1" in regions, repository
    assert all(re.fullmatch(r"\d{12}", r.account) for r in entry.registries)


def test_registries_cover_china_and_govcloud() -> None:
    """Every algorithm has registries in GovCloud (ecr-us-gov-west-1) and every one but LDA,
    offered in fewer regions, in China (ecr-cn-north-1)."""
    for partition, expected in (("cn-", REQUIRED_KEYS - {"lda"}), ("us-gov-", REQUIRED_KEYS)):
        covered = {
            key
            for key, entry in algos.algorithms().items()
            if any(r.region.startswith(partition) for r in entry.registries)
        }
        assert covered == expected, partition


def test_every_algorithm_but_pca_has_tuning_metrics() -> None:
    """Every algorithm has a tuning page with metrics, except PCA, which has none (the
    Developer Guide has no pca-tuning page)."""
    without = {key for key, entry in algos.algorithms().items() if not entry.metrics}
    assert without == {"pca"}
    assert not any(h.tunable for h in algorithm("pca").hyperparameters)


def test_about_header_says_how_the_table_was_made() -> None:
    """The JSON header names the generator and the pinned sources."""
    about = algos._document()["about"]
    assert "generator.algorithms" in about["generated_by"]
    assert re.fullmatch(r"[0-9a-f]{40}", about["developer_guide"]["commit"])
    assert re.fullmatch(r"[0-9a-f]{40}", about["registries"]["commit"])
    assert all(p.startswith(ECR) for p in about["registries"]["pages"])


def _outside(h: Hyperparameter) -> list[str]:
    tunable = h.tunable
    assert tunable is not None
    if tunable.type == "Categorical":
        return [v for v in tunable.values or () if not h.admits(v)]
    if h.kind not in {"integer", "continuous"}:
        return [f"{tunable.type} range on a {h.kind}"]
    bounds = (tunable.minimum, tunable.maximum)
    return [str(b) for b in bounds if b is not None and not h.contains(b)]


def test_tunable_ranges_lie_inside_the_valid_values() -> None:
    """Every recommended tuning range lies within the documented valid values, except three
    places where the Developer Guide contradicts itself (object-detection-tuning recommends
    MinValue 0.0 for momentum and weight_decay, which object-detection-api-config documents as
    (0, 1] and (0, 1); semantic-segmentation-tuning lists adadelta, which
    segmentation-hyperparameters does not offer as an optimizer)."""
    found = {
        (key, h.name): _outside(h)
        for key, entry in algos.algorithms().items()
        for h in entry.hyperparameters
        if h.tunable is not None and _outside(h)
    }
    assert found == {
        ("object-detection", "momentum"): ["0.0"],
        ("object-detection", "weight_decay"): ["0.0"],
        ("semantic-segmentation", "optimizer"): ["adadelta"],
    }


def test_module_does_not_import_rules_or_wire() -> None:
    """hpt_request.algorithms stands alone: it imports neither the rules nor the wire layer (only
    the leaf that reads packaged files)."""
    tree = ast.parse((ROOT / "hpt_request" / "rules" / "algorithms.py").read_text(encoding="utf-8"))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    leaves = {"hpt_request.model.packaged"}  # reads packaged files; imports nothing of the package
    assert not {m for m in imported if m.startswith(("hpt_request", "."))} - leaves


# --- facts from the Developer Guide ----------------------------------------------------------


def test_xgboost_facts() -> None:
    """xgboost_hyperparameters: num_round is required, num_class only "if objective is
    multi:..."; eta is a float in [0,1], colsample_bynode in (0,1]; xgboost-tuning:
    validation:auc is Maximize, validation:rmse Minimize, max_depth is tuned over [0, 10]."""
    assert required("xgboost") == {"num_round"}
    assert hyperparameter("xgboost", "num_class").required is False
    eta = hyperparameter("xgboost", "eta")
    assert (eta.kind, eta.minimum, eta.maximum, eta.default) == ("continuous", 0, 1, "0.3")
    bynode = hyperparameter("xgboost", "colsample_bynode")
    assert (bynode.min_inclusive, bynode.max_inclusive) == (False, True)
    entry = algorithm("xgboost")
    assert entry.metric("validation:auc") == algos.Metric("validation:auc", "Maximize")
    assert entry.metric("validation:rmse") == algos.Metric("validation:rmse", "Minimize")
    assert entry.metric("validation:aucc") is None
    depth = hyperparameter("xgboost", "max_depth").tunable
    assert depth is not None
    assert (depth.type, depth.minimum, depth.maximum) == ("Integer", 0, 10)
    assert hyperparameter("xgboost", "booster").values == ("gbtree", "gblinear", "dart")


def test_xgboost_release_072_facts() -> None:
    """xgboost-72: the legacy image requires num_round, knows silent, and has no
    validation:accuracy metric."""
    assert required("xgboost-0.72") == {"num_round"}
    assert algorithm("xgboost-0.72").hyperparameter("silent") is not None
    assert algorithm("xgboost-0.72").metric("validation:accuracy") is None
    assert algorithm("xgboost-0.72").metric("validation:auc") is not None


def test_kmeans_facts() -> None:
    """k-means-api-config: k and feature_dim are required; k-means-tuning: test:msd and
    test:ssd are Minimize."""
    assert required("kmeans") == {"k", "feature_dim"}
    assert {m.name: m.direction for m in algorithm("kmeans").metrics} == {
        "test:msd": "Minimize",
        "test:ssd": "Minimize",
    }


def test_linear_learner_facts() -> None:
    """ll_hyperparameters: predictor_type is required, num_classes only for multiclass (3 to
    1,000,000); learning_rate is auto or a positive float; linear-learner-tuning:
    validation:objective_loss is Minimize."""
    assert required("linear-learner") == {"predictor_type"}
    classes = hyperparameter("linear-learner", "num_classes")
    assert (classes.required, classes.minimum, classes.maximum) == (False, 3, 1_000_000)
    rate = hyperparameter("linear-learner", "learning_rate")
    assert rate.admits("auto")
    assert rate.admits("0.1")
    assert not rate.admits("0")
    objective = algorithm("linear-learner").metric("validation:objective_loss")
    assert objective is not None
    assert objective.direction == "Minimize"


def test_deepar_facts() -> None:
    """deepar_hyperparameters: context_length, epochs, prediction_length and time_freq are
    required; deepar-tuning: test:RMSE is Minimize (upper case, as emitted)."""
    assert required("deepar") == {"context_length", "epochs", "prediction_length", "time_freq"}
    rmse = algorithm("deepar").metric("test:RMSE")
    assert rmse is not None
    assert rmse.direction == "Minimize"


def test_pca_and_lda_facts() -> None:
    """PCA-reference: feature_dim, mini_batch_size and num_components are required;
    lda_hyperparameters: num_topics, feature_dim and mini_batch_size; lda-tuning: test:pwll is
    Maximize."""
    assert required("pca") == {"feature_dim", "mini_batch_size", "num_components"}
    assert required("lda") == {"num_topics", "feature_dim", "mini_batch_size"}
    pwll = algorithm("lda").metric("test:pwll")
    assert pwll is not None
    assert pwll.direction == "Maximize"


def test_blazingtext_merges_its_two_modes() -> None:
    """blazingtext_hyperparameters documents Word2Vec and text classification: mode is
    required in both and takes batch_skipgram, skipgram, cbow or supervised."""
    mode = hyperparameter("blazingtext", "mode")
    assert mode.required
    assert set(mode.values or ()) == {"batch_skipgram", "skipgram", "cbow", "supervised"}
    assert hyperparameter("blazingtext", "word_ngrams").tunable is not None


def test_tuning_pages_slips_are_mapped_to_real_names() -> None:
    """semantic-segmentation-tuning writes "optimzer" and fm-tuning "epoch": the table marks
    optimizer and epochs, the names the hyperparameter pages document, as tunable."""
    assert hyperparameter("semantic-segmentation", "optimizer").tunable is not None
    assert algorithm("semantic-segmentation").hyperparameter("optimzer") is None
    assert hyperparameter("factorization-machines", "epochs").tunable is not None


def test_object2vec_and_ip_insights_facts() -> None:
    """object2vec-hyperparameters: enc0_max_seq_len (1 to 5000) and enc0_vocab_size are
    required; ip-insights-hyperparameters: num_entity_vectors and vector_dim (4 to 4096)."""
    assert required("object2vec") == {"enc0_max_seq_len", "enc0_vocab_size"}
    seq = hyperparameter("object2vec", "enc0_max_seq_len")
    assert (seq.minimum, seq.maximum) == (1, 5000)
    assert required("ipinsights") == {"num_entity_vectors", "vector_dim"}
    dim = hyperparameter("ipinsights", "vector_dim")
    assert (dim.minimum, dim.maximum) == (4, 4096)


def test_registry_accounts_match_the_registry_pages() -> None:
    """ecr-us-east-1, ecr-cn-north-1, ecr-us-gov-west-1: sagemaker-xgboost from 683313688378 and
    the legacy xgboost from 811284229777 in us-east-1; kmeans from 390948362332 in cn-north-1
    and 226302683700 in us-gov-west-1."""
    assert algorithm("xgboost").account("us-east-1") == "683313688378"
    assert algorithm("xgboost-0.72").account("us-east-1") == "811284229777"
    assert algorithm("kmeans").account("cn-north-1") == "390948362332"
    assert algorithm("kmeans").account("us-gov-west-1") == "226302683700"
    assert algorithm("kmeans").account("mars-west-1") is None


# --- Hyperparameter.admits -------------------------------------------------------------------


def test_admits_follows_kind_and_bounds() -> None:
    """admits() checks numbers against the bounds and their inclusiveness, words against the
    documented set, booleans without regard to case, and leaves strings alone."""
    bynode = hyperparameter("xgboost", "colsample_bynode")  # Float, (0,1]
    assert [bynode.admits(v) for v in ("0", "1", "0.5", "1.01", "nan", "x")] == [
        False, True, True, False, False, False,
    ]  # fmt: skip
    rounds = hyperparameter("xgboost", "num_round")  # integer
    assert rounds.admits("300")
    assert not rounds.admits("3.5")
    assert hyperparameter("xgboost", "booster").admits("dart")
    assert not hyperparameter("xgboost", "booster").admits("Dart")
    assert hyperparameter("linear-learner", "use_bias").admits("True")
    assert hyperparameter("xgboost", "objective").admits("anything:at-all")


# --- identify --------------------------------------------------------------------------------


def _images(request: dict[str, Any]) -> list[tuple[str, dict[str, str] | None]]:
    definitions = [request.get("TrainingJobDefinition"), *request.get("TrainingJobDefinitions", [])]
    return [
        (image, d.get("StaticHyperParameters"))
        for d in definitions
        if d and (image := d.get("AlgorithmSpecification", {}).get("TrainingImage"))
    ]


def test_identify_the_bundled_and_golden_requests() -> None:
    """Every built-in algorithm image in the bundled examples and golden requests is
    recognised as its algorithm; every other image (framework, own account) is not."""
    seen = set()
    for name, request in golden_valid().items():
        for image, _ in _images(request):
            repository = image.split("/", 1)[1].split(":")[0]
            own = image.startswith("123456789012.")
            expected = None if own else REPOSITORY_KEYS.get(repository)
            found = identify(image)
            assert (found.key if found else None) == expected, (name, image)
            seen.add(expected)
    assert {"xgboost", "object-detection", "image-classification", None} <= seen


def test_identify_every_sdk_built_in_uri() -> None:
    """Each training image URI that the SageMaker Python SDK's image_uris.retrieve produced
    (every version and non-ISO region it configures) is recognised as its algorithm."""
    assert len(SDK_URIS["built_in"]) > 500
    for entry in SDK_URIS["built_in"]:
        if entry["framework"] == "xgboost":
            expected = "xgboost-0.72" if entry["version"] == "1" else "xgboost"
        else:
            expected = SDK_FRAMEWORK_KEYS[entry["framework"]]
        found = identify(entry["uri"])
        assert (found.key if found else None) == expected, entry


def test_identify_refuses_sdk_framework_uris() -> None:
    """Framework images from the SDK (scikit-learn from XGBoost's own accounts, PyTorch,
    TensorFlow, Hugging Face) are not built-in algorithms."""
    assert len(SDK_URIS["frameworks"]) >= 12
    for entry in SDK_URIS["frameworks"]:
        assert identify(entry["uri"]) is None, entry


def test_identify_refuses_another_regions_account() -> None:
    """An SDK URI moved to a region whose registry account differs is not recognised."""
    uris = {(e["region"], e["uri"]) for e in SDK_URIS["built_in"] if e["framework"] == "kmeans"}
    accounts = {region: uri.split(".")[0] for region, uri in uris}
    moved = 0
    for region, uri in uris:
        for other, account in accounts.items():
            if account != accounts[region] and other.startswith("cn-") == region.startswith("cn-"):
                assert identify(uri.replace(f".{region}.", f".{other}.")) is None, (uri, other)
                moved += 1
    assert moved > 100


@pytest.mark.parametrize(
    "suffix",
    ["", ":1", ":latest", ":1.7-1", "@sha256:" + "ab" * 32],
)
def test_identify_accepts_any_tag_or_digest(suffix: str) -> None:
    """Any tag, a digest or no tag at all names the same algorithm."""
    found = identify("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost" + suffix)
    assert found is not None
    assert found.key == "xgboost"


@pytest.mark.parametrize(
    "image",
    [
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",  # own account, same name
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        "683313688378.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1",  # wrong region
        "683313688378.dkr.ecr.us-east-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1",  # wrong domain
        "390948362332.dkr.ecr.cn-north-1.amazonaws.com/kmeans:1",  # China without .cn
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost-extra:1",
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/team/sagemaker-xgboost:1",
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310",
        "https://683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1 extra",
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost@sha256:abc",
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/SageMaker-XGBoost:1.7-1",
        "68331368837.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        "sagemaker-xgboost:1.7-1",
        "xgboost",
        "",
    ],
)
def test_identify_refuses_look_alikes(image: str) -> None:
    """Own repositories named like an algorithm, other regions' or partitions' accounts,
    framework repositories and malformed strings are not built-in algorithms."""
    assert identify(image) is None


# --- framework_mode and suggest --------------------------------------------------------------


def test_framework_mode_on_the_bundled_requests() -> None:
    """Requests on built-in algorithm images are not in framework mode; the script-mode
    requests (PyTorch, TensorFlow, scikit-learn with sagemaker_program) are."""
    built_in = script = 0
    for request in golden_valid().values():
        for image, static in _images(request):
            if identify(image) is not None:
                assert not algos.framework_mode(static), image
                built_in += 1
            elif (
                any(r in image for r in ("pytorch-training", "tensorflow-training", "scikit"))
                and static
                and "sagemaker_program" in static
            ):
                assert algos.framework_mode(static), image
                script += 1
    assert built_in > 10
    assert script > 3


@pytest.mark.parametrize(
    ("static", "expected"),
    [
        (None, False),
        ({}, False),
        ({"num_round": "100", "objective": "binary:logistic"}, False),
        ({"sagemaker_program": '"train.py"'}, True),
        ({"sagemaker_submit_directory": '"s3://b/src.tar.gz"', "eta": "0.1"}, True),
    ],
)
def test_framework_mode(static: dict[str, str] | None, expected: bool) -> None:
    """The SDK's script-mode markers, and only they, put a job in framework mode."""
    assert algos.framework_mode(static) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("validation:aucc", "validation:auc"),
        ("validation:AUC", "validation:auc"),
        ("validaton:rmse", "validation:rmse"),
        ("test:rmse", None),
        ("zzz", None),
    ],
)
def test_suggest_a_metric(name: str, expected: str | None) -> None:
    """suggest() offers the closest XGBoost metric, case-insensitive matches first, or None."""
    names = [m.name for m in algorithm("xgboost").metrics]
    assert algos.suggest(name, names) == expected


def test_suggest_a_hyperparameter() -> None:
    """suggest() turns max_dept into max_depth and num_rounds into num_round."""
    names = [h.name for h in algorithm("xgboost").hyperparameters]
    assert algos.suggest("max_dept", names) == "max_depth"
    assert algos.suggest("num_rounds", names) == "num_round"


# --- packaging -------------------------------------------------------------------------------


@pytest.mark.slow
def test_table_ships_in_the_wheel(tmp_path: Path) -> None:
    """The wheel holds hpt_request/data/ (algorithms, rule examples); the package loads it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("hpt_request-*.whl")
    assert "hpt_request/rules/data/algorithms.json" in zipfile.ZipFile(wheel).namelist()
    assert "hpt_request/rules/data/rule_examples.json" in zipfile.ZipFile(wheel).namelist()
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    script = (
        "import hpt_request.rules.algorithms as a; "
        f"assert a.__file__.startswith({str(target)!r}), a.__file__; "
        "print(len(a.algorithms()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={"PYTHONPATH": str(target)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(REQUIRED_KEYS))


def test_cli_lists_the_algorithms() -> None:
    """`hpt-request algorithms` lists every table entry, one line each, with required names."""
    result = subprocess.run(
        [sys.executable, "-m", "hpt_request", "algorithms"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(algos.algorithms())
    (kmeans,) = [line for line in lines if line.startswith("kmeans ")]
    assert "required: feature_dim, k" in kmeans  # DG: k-means-api-config


def test_cli_shows_one_algorithm_and_suggests_on_a_typo() -> None:
    """`hpt-request algorithms xgboost` shows metrics and num_round as required; a typo exits 2."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hpt_request", "algorithms", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    shown = run("xgboost")
    assert shown.returncode == 0
    assert "validation:auc  Maximize" in shown.stdout  # DG: xgboost-tuning
    assert "*~ num_round" in shown.stdout or "*  num_round" in shown.stdout
    document = json.loads(run("sagemaker-xgboost", "--format", "json").stdout)
    assert document["key"] == "xgboost"
    assert {"name": "validation:rmse", "direction": "Minimize"} in document["metrics"]
    typo = run("xgbost")
    assert typo.returncode == 2
    assert "did you mean 'xgboost'" in typo.stderr
