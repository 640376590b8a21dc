"""Collect the hyperparameter names the built-in algorithms accept beyond the Developer Guide's
tables: ``hpt_request/rules/data/algorithm_names.json``.

Dev-only, never run by the tests or by ``python -m generator``: it needs two public git
repositories on disk, given as bare git directories (a clone's ``.git`` works too)::

    python -m generator.algorithm_names --xgboost PATH/sagemaker-xgboost-container.git \\
        --examples PATH/amazon-sagemaker-examples.git [--check]

The Developer Guide's hyperparameter tables (``generator/algorithms.py``) leave out names the
algorithms' containers accept. Three kinds of public evidence are read here, each name written
with the sources (repository, commit, path) it was found in:

- ``--xgboost``: aws/sagemaker-xgboost-container, the source of the ``sagemaker-xgboost``
  image. At each release branch or tag in ``XGBOOST_RELEASES``, its
  ``algorithm_mode/hyperparameter_validation.py`` declares every hyperparameter the image
  accepts (the container refuses any other name before training: "Extraneous hyperparameter
  found") and the aliases it translates (``learning_rate`` for ``eta``). The file is parsed with
  :mod:`ast`: the ``name=`` of each ``*Hyperparameter(...)`` call and the two arguments of each
  ``declare_alias(...)`` call. Older releases accepted names the newest dropped (``silent``,
  ``single_precision_histogram``): every release's names count, for the table covers every tag.
- The same repository's first training helper (``XGBOOST_LEGACY``), which its comments say was
  copied from the legacy XGBoost algorithm (the ``xgboost`` repository's images, release 0.72
  and the ``xgboost:1`` tag): the names it reads from the configuration (``"dsplit" in cfg``),
  for the legacy image.
- ``--examples``: aws/amazon-sagemaker-examples at ``EXAMPLES_COMMIT``. In the notebooks of
  ``EXAMPLE_NOTEBOOKS``, the first-party algorithms' training logs ("Reading default
  configuration from .../default-conf.json: {...}", the algorithm's own list of its defaults,
  underscore-prefixed names included) and the hyperparameters a notebook passes (a dict literal
  whose underscore-prefixed keys, such as ``_kvstore``, the algorithm then ran with). The
  algorithm is the one the notebook's image lookup names (``image_uris.retrieve("knn", ...)``,
  ``get_image_uri(region, "knn")``); a notebook that names none or several is an error.
- The framework names (``FAMILY``): the names that every log and request above shows for each
  of the algorithms of the SageMaker Python SDK's ``AmazonAlgorithmEstimatorBase`` family
  (``_kvstore``, ``_num_gpus``, ...), written for the members no public log shows, marked
  ``inferred`` with the sources they were inferred from.

``--check`` exits 1 if the JSON file differs from what would be written.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.algorithms import ALGORITHMS, git_show

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "hpt_request" / "rules" / "data" / "algorithm_names.json"

XGBOOST_REPOSITORY = "aws/sagemaker-xgboost-container"
XGBOOST_VALIDATION = "src/sagemaker_xgboost_container/algorithm_mode/hyperparameter_validation.py"
# Release branches and tags of the container (the image tags 0.90-1 ... 3.0-5), and master.
XGBOOST_RELEASES = [
    "0.90-1",
    "0.90-2",
    "1.0-1",
    "1.2-1",
    "1.2-2",
    "1.3-1",
    "1.5-1",
    "1.7-1",
    "v3.0-5",
    "master",
]
# The container's first training helper, "Copied from AI APPS XGB" (the legacy algorithm).
XGBOOST_LEGACY = {
    "commit": "bfa2ba7aacf376a59d2a322c3e641a05f36d1b88",
    "path": "src/sagemaker_xgboost_container/train_helper.py",
}

EXAMPLES_REPOSITORY = "aws/amazon-sagemaker-examples"
EXAMPLES_COMMIT = "2d519b52c3a2c2361f2b87f0d3de46fd6c0232a5"
# Notebooks with a first-party algorithm's training log or underscore-prefixed hyperparameters.
# (The repository's folder names begin with spaces, which order them; they are part of the path.)
EXAMPLE_NOTEBOOKS = [
    "      build_and_train_models/sm-k_nearest_neighbors_multi_class_classification.ipynb",
    "      build_and_train_models/sm-introduction_to_object2vec_sentence_similarity/"
    "sm-introduction_to_object2vec_sentence_similarity.ipynb",
    " archived/retail_recommend/retail_recommend.ipynb",
    " archived/time_series_deepar/time_series_deepar.ipynb",
]
# The SageMaker Python SDK's AmazonAlgorithmEstimatorBase estimators (src/sagemaker/amazon/:
# kmeans, pca, lda, ntm, linear_learner, factorization_machines, knn, ipinsights,
# randomcutforest, object2vec): one training framework, whose names every one of them accepts.
FAMILY = [
    "kmeans",
    "pca",
    "lda",
    "ntm",
    "linear-learner",
    "factorization-machines",
    "knn",
    "ipinsights",
    "randomcutforest",
    "object2vec",
]

_DEFAULTS_LOG = re.compile(r"Reading default configuration from \S+?: (\{[^{}]*\})")
_IMAGE_LOOKUP = re.compile(
    r"""image_uris\.retrieve\(\s*["']([\w-]+)["']|get_image_uri\([^,()]*(?:\([^()]*\))?[^,()]*,"""
    r"""\s*["']([\w-]+)["']"""
)
_CONFIG_TO_KEY = {
    spec["config"]: spec["key"] for spec in ALGORITHMS if spec["key"] != "xgboost-0.72"
}


def rev_parse(git_dir: Path, ref: str) -> str:
    """The commit a branch or tag names."""
    done = subprocess.run(
        ["git", f"--git-dir={git_dir}", "rev-parse", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def declared(source: str) -> tuple[list[str], dict[str, str]]:
    """The names a hyperparameter_validation.py declares, and its aliases (alias -> name)."""
    names: list[str] = []
    aliases: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr.endswith("Hyperparameter"):
            for keyword in node.keywords:
                if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                    names.append(str(keyword.value.value))
        elif node.func.attr == "declare_alias":
            key, alias = (a.value for a in node.args if isinstance(a, ast.Constant))
            aliases[str(alias)] = str(key)
    if not names:
        raise SystemExit("no hyperparameter declared: has the file changed its form?")
    return names, aliases


def read_in_config(source: str) -> list[str]:
    """The names a training helper tests for (``if "name" in cfg``)."""
    names = re.findall(r"""if\s+["'](\w+)["']\s+in\s+cfg\s*:""", source)
    if not names:
        raise SystemExit("the legacy training helper reads no name: has the file changed?")
    return list(dict.fromkeys(names))


def notebook_code(text: str) -> Iterator[tuple[str, str]]:
    """Each cell of a notebook as (kind, text): code cells, and the text of their outputs."""
    notebook = json.loads(text)
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        yield "code", "".join(cell["source"])
        for output in cell.get("outputs", []):
            yield "output", "".join(output.get("text", ""))


def notebook_names(path: str, text: str) -> tuple[str, list[str], list[str]]:
    """A notebook's algorithm, the names of its default-configuration logs and the
    underscore-prefixed keys of the hyperparameter dicts its code passes."""
    configs: set[str] = set()
    logged: list[str] = []
    passed: list[str] = []
    for kind, text_of in notebook_code(text):
        if kind == "code":
            for match in _IMAGE_LOOKUP.finditer(text_of):
                configs.add(match.group(1) or match.group(2))
            passed += underscore_keys(text_of)
        for match in _DEFAULTS_LOG.finditer(text_of):
            logged += [str(k) for k in ast.literal_eval(match.group(1))]
    keys = {_CONFIG_TO_KEY[c] for c in configs if c in _CONFIG_TO_KEY}
    if len(keys) != 1:
        raise SystemExit(f"{path}: names {sorted(configs)}, not one built-in algorithm")
    if not logged and not passed:
        raise SystemExit(f"{path}: neither a default-configuration log nor _ names")
    return keys.pop(), list(dict.fromkeys(logged)), list(dict.fromkeys(passed))


def underscore_keys(code: str) -> list[str]:
    """The underscore-prefixed string keys of the dict literals in a code cell."""
    try:
        tree = ast.parse(code)
    except SyntaxError:  # a cell with shell or magic lines
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if (
                    isinstance(key, ast.Constant)
                    and isinstance(key.value, str)
                    and re.fullmatch(r"_[a-z][a-z0-9_]*", key.value)
                ):
                    found.append(key.value)
    return found


def table(xgboost: Path, examples: Path) -> dict[str, Any]:
    """The whole JSON document."""
    sources: dict[str, dict[str, str]] = {}
    names: dict[str, dict[str, dict[str, Any]]] = {}

    def add(algorithm: str, name: str, source: str, **extra: str) -> None:
        entry = names.setdefault(algorithm, {}).setdefault(name, {"sources": []})
        if source not in entry["sources"]:
            entry["sources"].append(source)
        entry.update(extra)

    for ref in XGBOOST_RELEASES:
        commit = rev_parse(xgboost, ref)
        source = f"sagemaker-xgboost {ref}"
        sources[source] = {
            "repository": XGBOOST_REPOSITORY,
            "commit": commit,
            "path": XGBOOST_VALIDATION,
            "what": f"the hyperparameters the container declares at {ref}, and their aliases",
        }
        declared_names, aliases = declared(git_show(xgboost, commit, XGBOOST_VALIDATION))
        for name in declared_names:
            add("xgboost", name, source)
        for alias, key in aliases.items():
            add("xgboost", alias, source, alias_of=key)
    legacy = "legacy xgboost training helper"
    sources[legacy] = {
        "repository": XGBOOST_REPOSITORY,
        **XGBOOST_LEGACY,
        "what": "the names read by the training helper copied from the legacy XGBoost algorithm",
    }
    for name in read_in_config(git_show(xgboost, XGBOOST_LEGACY["commit"], XGBOOST_LEGACY["path"])):
        add("xgboost-0.72", name, legacy)

    shown: dict[str, set[str]] = {}  # algorithm -> underscore names a log or request shows
    for path in EXAMPLE_NOTEBOOKS:
        key, logged, passed = notebook_names(path, git_show(examples, EXAMPLES_COMMIT, path))
        label = f"notebook {path.strip()}"
        sources[label] = {
            "repository": EXAMPLES_REPOSITORY,
            "commit": EXAMPLES_COMMIT,
            "path": path,
            "what": "the algorithm's default-configuration log"
            + (" and the hyperparameters the notebook passes" if passed else "")
            if logged
            else "the hyperparameters the notebook passes",
        }
        for name in [*logged, *passed]:
            add(key, name, label)
        shown.setdefault(key, set()).update(n for n in [*logged, *passed] if n.startswith("_"))
    members = [key for key in FAMILY if key in shown]
    framework = set.intersection(*(shown[key] for key in members))
    inferred_from = sorted(
        {source for key in members for name in framework for source in names[key][name]["sources"]}
    )
    for key in FAMILY:
        for name in sorted(framework):
            if name not in names.get(key, {}):
                entry = names.setdefault(key, {}).setdefault(name, {"sources": []})
                entry["sources"] = list(inferred_from)
                entry["inferred"] = "a framework name every logged member of the family accepts"

    documented = documented_names()
    return {
        "about": {
            "generated_by": "python -m generator.algorithm_names --xgboost XGBOOST_GIT_DIR "
            "--examples EXAMPLES_GIT_DIR",
            "note": "hyperparameter names the built-in algorithms accept beyond the Developer "
            "Guide's tables, each with the sources it was found in; a name the Guide documents "
            "is left out",
            "family": FAMILY,
            "sources": dict(sorted(sources.items())),
        },
        "algorithms": {
            key: {
                name: entry
                for name, entry in sorted(found.items())
                if name not in documented.get(key, set())
            }
            for key, found in sorted(names.items())
        },
    }


def documented_names() -> dict[str, set[str]]:
    """The names the Developer Guide's table already documents, per algorithm."""
    loaded = json.loads((OUTPUT.parent / "algorithms.json").read_text(encoding="utf-8"))
    return {
        key: {h["name"] for h in data["hyperparameters"]}
        for key, data in loaded["algorithms"].items()
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.algorithm_names")
    parser.add_argument("--xgboost", type=Path, required=True, help="git dir of the container")
    parser.add_argument("--examples", type=Path, required=True, help="git dir of the examples")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render(table(args.xgboost, args.examples))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
