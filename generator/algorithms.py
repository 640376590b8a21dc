"""Extract the table of SageMaker's built-in algorithms: ``hpt_request/rules/data/algorithms.json``.

Dev-only, never run by the tests or by ``python -m generator``: it needs two public git
repositories on disk, given as bare git directories (a clone's ``.git`` works too)::

    python -m generator.algorithms --dg PATH/amazon-sagemaker-developer-guide.git \\
        --sdk PATH/sagemaker-python-sdk.git [--check]

- ``--dg``: awsdocs/amazon-sagemaker-developer-guide, the Markdown source of the SageMaker
  Developer Guide (archived in June 2023; ``DG_COMMIT`` is the last commit with content). Each
  ``doc_source/<page>.md`` is the page ``https://docs.aws.amazon.com/sagemaker/latest/dg/<page>.html``.
  Metrics, directions and recommended tuning ranges come from the ``*-tuning`` pages, the
  hyperparameters (required, valid values, default) from the hyperparameter pages.
- ``--sdk``: aws/sagemaker-python-sdk at ``SDK_COMMIT``; its ``image_uri_config/<name>.json``
  files hold the registry account of each algorithm's images per region, the same facts as the
  Developer Guide's "Docker Registry Paths and Example Code" pages (which are generated from
  them and cover fewer regions). ISO partitions are left out (their domains are not
  ``amazonaws.com``).
- ``--check``: exit 1 if the JSON file differs from what would be written.

The "Valid values" prose of each hyperparameter is read by ``interpret()``: a few documented
phrasings (``positive integer``, ``Float. Range: (0,1]``, ``1 ≤ integer ≤ 5000``, a list of
quoted values, ...). Rows it cannot read, and the Developer Guide's few slips, go through
``OVERRIDES``, one commented entry each; the script fails on any row that neither parses nor has
an override, so a new phrasing is never guessed silently.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "hpt_request" / "rules" / "data" / "algorithms.json"
DG_REPOSITORY = "awsdocs/amazon-sagemaker-developer-guide"
DG_COMMIT = "d514c7799d1c934c96e97655b71dbd9cd78cd59b"
SDK_REPOSITORY = "aws/sagemaker-python-sdk"
SDK_COMMIT = "a24812666d258d9d19c9a82d0c9385ca0bd3ba01"
SDK_CONFIG = "sagemaker-core/src/sagemaker/core/image_uri_config"
DG_URL = "https://docs.aws.amazon.com/sagemaker/latest/dg/{page}.html"
ECR_URL = "https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/{page}.html"
PARTITIONS = {"aws": "amazonaws.com", "aws-cn": "amazonaws.com.cn", "aws-us-gov": "amazonaws.com"}

# key, title, hyperparameter pages, tuning page (None: no tuning page), SDK config, repositories
# (None: every repository of the config), SDK versions (None: all).
ALGORITHMS: list[dict[str, Any]] = [
    {
        "key": "xgboost",
        "title": "XGBoost",
        "hyperparameter_pages": ["xgboost_hyperparameters"],
        "tuning_page": "xgboost-tuning",
        "config": "xgboost",
        "repositories": ["sagemaker-xgboost"],
    },
    {
        "key": "xgboost-0.72",
        "title": "XGBoost release 0.72 (legacy image)",
        "hyperparameter_pages": ["xgboost-72"],
        "tuning_page": "xgboost-72",
        "config": "xgboost",
        "repositories": ["xgboost"],
    },
    {
        "key": "linear-learner",
        "title": "Linear Learner",
        "hyperparameter_pages": ["ll_hyperparameters"],
        "tuning_page": "linear-learner-tuning",
        "config": "linear-learner",
    },
    {
        "key": "kmeans",
        "title": "K-Means",
        "hyperparameter_pages": ["k-means-api-config"],
        "tuning_page": "k-means-tuning",
        "config": "kmeans",
    },
    {
        "key": "knn",
        "title": "k-NN",
        "hyperparameter_pages": ["kNN_hyperparameters"],
        "tuning_page": "kNN-tuning",
        "config": "knn",
    },
    {
        "key": "deepar",
        "title": "DeepAR Forecasting",
        "hyperparameter_pages": ["deepar_hyperparameters"],
        "tuning_page": "deepar-tuning",
        "config": "forecasting-deepar",
    },
    {
        "key": "blazingtext",
        "title": "BlazingText",
        "hyperparameter_pages": ["blazingtext_hyperparameters"],
        "tuning_page": "blazingtext-tuning",
        "config": "blazingtext",
    },
    {
        "key": "image-classification",
        "title": "Image Classification - MXNet",
        "hyperparameter_pages": ["IC-Hyperparameter"],
        "tuning_page": "IC-tuning",
        "config": "image-classification",
    },
    {
        "key": "object-detection",
        "title": "Object Detection - MXNet",
        "hyperparameter_pages": ["object-detection-api-config"],
        "tuning_page": "object-detection-tuning",
        "config": "object-detection",
    },
    {
        "key": "semantic-segmentation",
        "title": "Semantic Segmentation",
        "hyperparameter_pages": ["segmentation-hyperparameters"],
        "tuning_page": "semantic-segmentation-tuning",
        "config": "semantic-segmentation",
    },
    {
        "key": "object2vec",
        "title": "Object2Vec",
        "hyperparameter_pages": ["object2vec-hyperparameters"],
        "tuning_page": "object2vec-tuning",
        "config": "object2vec",
    },
    {
        "key": "lda",
        "title": "LDA",
        "hyperparameter_pages": ["lda_hyperparameters"],
        "tuning_page": "lda-tuning",
        "config": "lda",
    },
    {
        "key": "ntm",
        "title": "Neural Topic Model",
        "hyperparameter_pages": ["ntm_hyperparameters"],
        "tuning_page": "ntm-tuning",
        "config": "ntm",
    },
    {
        "key": "ipinsights",
        "title": "IP Insights",
        "hyperparameter_pages": ["ip-insights-hyperparameters"],
        "tuning_page": "ip-insights-tuning",
        "config": "ipinsights",
    },
    {
        "key": "randomcutforest",
        "title": "Random Cut Forest",
        "hyperparameter_pages": ["rcf_hyperparameters"],
        "tuning_page": "random-cut-forest-tuning",
        "config": "randomcutforest",
    },
    {
        "key": "factorization-machines",
        "title": "Factorization Machines",
        "hyperparameter_pages": ["fact-machines-hyperparameters"],
        "tuning_page": "fm-tuning",
        "config": "factorization-machines",
    },
    {
        "key": "pca",
        "title": "PCA",
        "hyperparameter_pages": ["PCA-reference"],
        "tuning_page": None,  # the Developer Guide has no tuning page for PCA: no tuning metrics
        "config": "pca",
    },
    {
        "key": "seq2seq",
        "title": "Sequence-to-Sequence",
        "hyperparameter_pages": ["seq-2-seq-hyperparameters"],
        "tuning_page": "seq-2-seq-tuning",
        "config": "seq2seq",
    },
]

# (algorithm key, hyperparameter) -> fields replacing what interpret() reads, with the reason.
_LOST = "the archived Markdown lost this cell's nested list; values from the current page"
OVERRIDES: dict[tuple[str, str], dict[str, Any]] = {
    ("xgboost", "verbosity"): {
        "kind": "categorical",
        "values": ["0", "1", "2", "3"],
        "reason": "the values are listed with their meanings: 0 (silent) to 3 (debug)",
    },
    ("linear-learner", "optimizer"): {
        "kind": "categorical",
        "values": ["auto", "sgd", "adam", "rmsprop"],
        "reason": _LOST + " (the same set as the SDK's LinearLearner estimator)",
    },
    ("pca", "extra_components"): {
        "kind": "integer",
        "minimum": -1,
        "min_inclusive": True,
        "reason": "documented as a non-negative integer or -1 (the default)",
    },
    ("deepar", "time_freq"): {
        "kind": "string",
        "reason": "an integer followed by a unit (M, W, D, H, min), such as 5min: a string",
    },
    ("image-classification", "num_layers"): {
        "kind": "categorical",
        "values": ["18", "34", "50", "101", "152", "200", "20", "32", "44", "56", "110"],
        "reason": "documented as a positive integer in one of two lists",
    },
    ("knn", "faiss_index_pq_m"): {
        "kind": "categorical",
        "values": [str(n) for n in (1, 2, 3, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 96)],
        "reason": "documented as one of a list of positive integers",
    },
    ("object2vec", "comparator_list"): {
        "kind": "list",
        "values": ["hadamard", "concat", "abs_diff"],
        "reason": "a string holding any combination of the three comparator names",
    },
    ("randomcutforest", "eval_metrics"): {
        "kind": "list",
        "values": ["accuracy", "precision_recall_fscore"],
        "reason": "a list whose items are taken from the two names",
    },
    ("deepar", "test_quantiles"): {"kind": "list", "reason": "documented as an array of floats"},
    ("blazingtext", "sampling_threshold"): {
        "kind": "continuous",
        "minimum": 0,
        "min_inclusive": False,
        "maximum": 1,
        "max_inclusive": True,
        "reason": "documented as a positive fraction; (0, 1e-3] is only the recommended range",
    },
    ("ntm", "encoder_layers_activation"): {
        "kind": "categorical",
        "values": ["sigmoid", "tanh", "relu"],
        "reason": _LOST + " (the same set as the SDK's NTM estimator)",
    },
    ("ntm", "optimizer"): {
        "kind": "categorical",
        "values": ["sgd", "adam", "adagrad", "adadelta", "rmsprop"],
        "reason": _LOST + " (the same set as the SDK's NTM estimator)",
    },
    ("semantic-segmentation", "algorithm"): {
        "kind": "categorical",
        "values": ["fcn", "psp", "deeplab"],
        "reason": _LOST,
    },
    ("semantic-segmentation", "lr_scheduler"): {
        "kind": "categorical",
        "values": ["step", "poly", "cosine"],
        "reason": _LOST,
    },
}
PROBLEMS: list[str] = []  # rows neither understood nor overridden, reported all at once
# (algorithm key, name in the tuning table) -> the hyperparameter it means.
TUNING_NAME_SLIPS: dict[tuple[str, str], str] = {
    # semantic-segmentation-tuning lists "optimzer"; the hyperparameter page calls it optimizer.
    ("semantic-segmentation", "optimzer"): "optimizer",
    # fm-tuning lists "epoch"; the hyperparameter page calls it epochs.
    ("factorization-machines", "epoch"): "epochs",
}


def git_show(git_dir: Path, commit: str, path: str) -> str:
    """The text of ``path`` at ``commit`` in a git directory."""
    done = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


_ESCAPE = re.compile(r"\\(.)")
# Where the Developer Guide has a nested list in a table cell, its Markdown source has this link.
_LOST_LIST = re.compile(r"\[\[See the AWS documentation website for more details\]\]\([^)]*\)")


def unescape(text: str) -> str:
    """Markdown text without its backslash escapes, with single spaces."""
    return " ".join(_ESCAPE.sub(r"\1", text).split())


def tables(markdown: str) -> Iterator[tuple[list[str], list[list[str]]]]:
    """Each pipe table of a page: its header cells and its rows, cells still escaped."""
    header: list[str] | None = None
    rows: list[list[str]] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if header is None:
                header = [unescape(c) for c in cells]
            elif not all(set(c) <= {"-", " "} for c in cells):
                rows.append(cells)
        elif header is not None:
            yield header, rows
            header, rows = None, []


def plain(cell: str) -> str:
    """A table cell as plain text: no escapes, no code or emphasis marks."""
    return unescape(cell).replace("`", "").replace("*", "").strip()


_NUMBER = r"[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:e[-+]?\d+)?"


def number(text: str) -> int | float:
    """A documented number (``1,000,000``, ``1e-5``, ``0.5``) as int or float."""
    text = text.replace(",", "").strip()
    value = float(text)
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    return value


def quoted(text: str) -> list[str]:
    """The values quoted in code or emphasis marks, or in quotes, in documented order."""
    found = re.findall(r"`([^`]+)`|\*([^*]+)\*|['‘’]([^'‘’]+)['‘’]", text)
    return [next(part for part in match if part).strip().strip("'‘’\"") for match in found]


def interpret(valid: str) -> dict[str, Any] | None:
    """The kind and bounds that a "Valid values" text states, or None when it is not understood."""
    # "Suggested value range: [a, b]" and "The recommended range is ..." advise, they do not limit.
    raw = re.split(r"(?i)suggested value|recommended range", unescape(valid))[0]
    text = plain(raw).lower().rstrip(". ")
    result: dict[str, Any] = {}
    interval = re.search(rf"([\[(])\s*({_NUMBER}|-?∞|-inf)\s*,\s*({_NUMBER}|∞|inf)\s*([\])])", text)
    bounded = re.search(
        rf"({_NUMBER})\s*(≤|<|<=)\s*(?:positive )?(?:integer|float|value)\s*(≤|<|<=)\s*({_NUMBER})",
        text,
    )
    lower_only = re.search(
        rf"({_NUMBER})\s*(≤|<)\s*(?:integer|float)\b"
        rf"|(?:integer|float)\s*(≥|>|larger than|greater than)\s*({_NUMBER})",
        text,
    )
    min_max = re.search(rf"min:\s*({_NUMBER})\s*,\s*max:\s*({_NUMBER})", text)
    from_to = re.search(rf"(?:from|between)\s+({_NUMBER})\s+(?:to|and)\s+({_NUMBER})", text)
    listed = re.search(r"\blist\b|tuple|array", text)
    if re.search(r"\b(float|floating|real|continuous)\b", text) and not listed:
        result["kind"] = "continuous"  # "floating-point integer" (Linear Learner) is a float
    elif "integer" in text and not listed:
        result["kind"] = "integer"
    if "kind" in result:
        words = list(dict.fromkeys(v for v in quoted(raw) if not re.fullmatch(_NUMBER, v)))
        if words:  # literals accepted besides numbers, such as `auto`
            result["values"] = words
        if interval:
            low, high = interval.group(2), interval.group(3)
            if "∞" not in low and "inf" not in low:
                result["minimum"] = number(low)
                result["min_inclusive"] = interval.group(1) == "["
            if "∞" not in high and "inf" not in high:
                result["maximum"] = number(high)
                result["max_inclusive"] = interval.group(4) == "]"
        elif bounded:
            result["minimum"] = number(bounded.group(1))
            result["min_inclusive"] = bounded.group(2) != "<"
            result["maximum"] = number(bounded.group(4))
            result["max_inclusive"] = bounded.group(3) != "<"
        elif min_max:
            result.update(minimum=number(min_max.group(1)), min_inclusive=True)
            result.update(maximum=number(min_max.group(2)), max_inclusive=True)
        elif from_to:
            result.update(minimum=number(from_to.group(1)), min_inclusive=True)
            result.update(maximum=number(from_to.group(2)), max_inclusive=True)
        elif lower_only and lower_only.group(1):
            result.update(
                minimum=number(lower_only.group(1)), min_inclusive=lower_only.group(2) == "≤"
            )
        elif lower_only:
            result.update(
                minimum=number(lower_only.group(4)), min_inclusive=lower_only.group(3) == "≥"
            )
        elif only_min := re.search(rf"min:\s*({_NUMBER})", text):
            result.update(minimum=number(only_min.group(1)), min_inclusive=True)
        elif re.search(r"non-?negative", text):
            result.update(minimum=0, min_inclusive=True)
        elif "positive" in text:
            exclusive = result["kind"] == "continuous"
            result.update(minimum=0 if exclusive else 1, min_inclusive=not exclusive)
        if result["kind"] == "integer" and result.get("min_inclusive") is False:
            result.update(minimum=result["minimum"] + 1, min_inclusive=True)
        if result["kind"] == "integer" and result.get("max_inclusive") is False:
            result.update(maximum=result["maximum"] - 1, max_inclusive=True)
        return result
    values = quoted(raw)
    if re.fullmatch(r"0 or 1|0/1|1 or 0", text):
        return {"kind": "categorical", "values": ["0", "1"]}
    only_values = (
        re.sub(
            r"`[^`]*`|\*[^*]*\*|\b(or|either|one of|string)\b|[,.:\s]", "", raw, flags=re.IGNORECASE
        )
        == ""
    )
    if (
        values
        and (len(values) >= 2 or only_values)
        and not re.search(r"\blist\b|comma|array", text)
    ):
        lowered = {v.lower() for v in values}
        kind = "boolean" if lowered <= {"true", "false"} else "categorical"
        return {"kind": kind, "values": values}
    if re.match(r"(a )?string\b", text) and "list" not in text:
        return {"kind": "string"}
    if re.search(r"\blist\b|comma-separated|tuple|array", text):
        return {"kind": "list"}
    return None


def hyperparameter_rows(key: str, page: str, markdown: str) -> Iterator[dict[str, Any]]:
    """The documented hyperparameters of one page, interpreted."""
    for header, rows in tables(markdown):
        if header[:2] != ["Parameter Name", "Description"]:
            continue
        for cells in rows:
            name = plain(cells[0])
            text = unescape(cells[1])
            required_mark = re.search(
                r"\*\*(Required|Optional|Conditionally Required|Conditional)\*\*", text
            )
            if required_mark is None:
                PROBLEMS.append(f"{page}: {name}: neither Required nor Optional")
                continue
            after = text[required_mark.end() :].lstrip()
            required = required_mark.group(1) == "Required" and not re.match(
                r"(if|when|for|unless)\b", after, re.IGNORECASE
            )
            body = _LOST_LIST.sub(" ", text.replace(required_mark.group(0), " "))
            valid_match = re.search(r"Valid values?:\s*(.*?)\s*(?:Default(?: values?)?:|$)", body)
            default_match = re.search(r"Default(?: values?)?:\s*(.*)$", body)
            valid = valid_match.group(1).strip() if valid_match else ""
            default = default_match.group(1).strip() if default_match else None
            entry: dict[str, Any] = {"name": name, "required": required}
            override = OVERRIDES.get((key, name))
            understood = interpret(valid) if valid else None
            if override is not None:
                understood = {k: v for k, v in override.items() if k != "reason"}
            if understood is None:
                PROBLEMS.append(f"{page}: {name}: valid values not understood: {valid!r}")
                continue
            entry.update(understood)
            entry["documented"] = plain(valid) or None
            entry["default"] = clean_default(default)
            yield entry


def clean_default(default: str | None) -> str | None:
    """A documented default as written (``-`` and ``None`` mean no default)."""
    if default is None:
        return None
    text = plain(default).rstrip(".").strip()
    return None if text in {"", "-", "None", "none"} else text


def merge(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """One hyperparameter documented twice on a page (BlazingText's two modes)."""
    merged = dict(first)
    merged["required"] = first["required"] and second["required"]
    if first.get("values") is not None and second.get("values") is not None:
        merged["values"] = list(dict.fromkeys([*first["values"], *second["values"]]))
    for bound in ("minimum", "maximum"):
        if first.get(bound) != second.get(bound):
            merged.pop(bound, None)
            merged.pop(bound[:3] + "_inclusive", None)
    if first.get("default") != second.get("default"):
        merged["default"] = None
    return merged


def tuning(key: str, markdown: str) -> tuple[list[dict[str, str]], dict[str, dict[str, Any]]]:
    """The metrics and the recommended tuning ranges of a tuning page."""
    metrics: dict[str, dict[str, str]] = {}
    ranges: dict[str, dict[str, Any]] = {}
    for header, rows in tables(markdown):
        if header[0] == "Metric Name":
            for cells in rows:
                name = plain(cells[0])
                direction = plain(cells[-1])
                if direction not in {"Maximize", "Minimize"}:
                    raise SystemExit(f"{key}: metric {name}: direction {direction!r}")
                metrics[name] = {"name": name, "direction": direction}
        elif header[0] in {"Parameter Name", "Hyperparameter Name"} and "Type" in header[1]:
            for cells in rows:
                name = plain(cells[0])
                name = TUNING_NAME_SLIPS.get((key, name), name)
                ranges[name] = tuning_range(key, name, plain(cells[1]), unescape(cells[2]))
    return list(metrics.values()), ranges


def tuning_range(key: str, name: str, kind_text: str, text: str) -> dict[str, Any]:
    """One row of a "Tunable hyperparameters" table."""
    kind = {"Continuous": "Continuous", "Integer": "Integer", "Categorical": "Categorical"}
    found = next((v for k, v in kind.items() if kind_text.startswith(k)), None)
    if found is None:
        raise SystemExit(f"{key}: {name}: range type {kind_text!r}")
    clean = text.replace("`", "")
    if found == "Categorical":
        inner = re.search(r"\[(.*)\]", clean)
        if inner is None:
            raise SystemExit(f"{key}: {name}: categorical range {text!r}")
        values = [v.strip().strip("'‘’\"") for v in inner.group(1).split(",")]
        return {"type": found, "values": values}
    numbers = re.findall(_NUMBER, re.sub(r"MinValue|MaxValue", "", clean))
    numbers = [n for n in numbers if re.search(r"\d", n)]
    if "xavier" in clean:  # seq2seq weight_init_scale: a range per weight_init_type
        low = min(number(n) for n in numbers)
        high = max(number(n) for n in numbers)
        return {"type": found, "min": low, "max": high, "note": plain(text)}
    pair = re.fullmatch(rf"\s*\[?\s*({_NUMBER})\s*[-,]\s*({_NUMBER})\s*\]?\s*", clean)
    if pair:
        return {"type": found, "min": number(pair.group(1)), "max": number(pair.group(2))}
    if len(numbers) == 2:
        return {"type": found, "min": number(numbers[0]), "max": number(numbers[1])}
    raise SystemExit(f"{key}: {name}: range {text!r}")


def partition(region: str) -> str | None:
    """The partition of a region, or None for partitions left out (ISO)."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    if region.startswith("us-iso"):
        return None
    return "aws"


def registries(sdk: Path, config: str, wanted: list[str] | None) -> dict[str, dict[str, str]]:
    """Repository -> region -> registry account, from one SDK image_uri_config file."""
    data = json.loads(git_show(sdk, SDK_COMMIT, f"{SDK_CONFIG}/{config}.json"))
    found: dict[str, dict[str, str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "registries" in node:
                repository = node["repository"]
                if wanted is None or repository in wanted:
                    accounts = found.setdefault(repository, {})
                    for region, account in node["registries"].items():
                        if partition(region) is None:
                            continue
                        if accounts.get(region, account) != account:
                            raise SystemExit(f"{config}: {repository} {region}: two accounts")
                        accounts[region] = account
                return
            for value in node.values():
                walk(value)

    walk(data)
    if not found:
        raise SystemExit(f"{config}: no registries for {wanted}")
    return {repo: dict(sorted(accounts.items())) for repo, accounts in sorted(found.items())}


def algorithm(dg: Path, sdk: Path, spec: dict[str, Any]) -> dict[str, Any]:
    """One entry of the table."""
    key = spec["key"]
    hyperparameters: dict[str, dict[str, Any]] = {}
    pages = []
    for page in spec["hyperparameter_pages"]:
        pages.append(DG_URL.format(page=page))
        for entry in hyperparameter_rows(
            key, page, git_show(dg, DG_COMMIT, f"doc_source/{page}.md")
        ):
            name = entry["name"]
            previous = hyperparameters.get(name)
            hyperparameters[name] = entry if previous is None else merge(previous, entry)
    metrics: list[dict[str, str]] = []
    if spec["tuning_page"] is not None:
        if spec["tuning_page"] not in spec["hyperparameter_pages"]:
            pages.append(DG_URL.format(page=spec["tuning_page"]))
        page_text = git_show(dg, DG_COMMIT, f"doc_source/{spec['tuning_page']}.md")
        metrics, ranges = tuning(key, page_text)
        for name, tunable in ranges.items():
            if name not in hyperparameters:
                PROBLEMS.append(f"{key}: tunable {name} is not among the hyperparameters")
                continue
            hyperparameters[name]["tunable"] = tunable
    for entry in hyperparameters.values():
        # "a positive integer no greater than `epochs`": a name, not a literal the value may take
        if entry["kind"] in {"integer", "continuous"} and entry.get("values"):
            entry["values"] = [v for v in entry["values"] if v not in hyperparameters] or None
    found = registries(sdk, spec["config"], spec.get("repositories"))
    return {
        "title": spec["title"],
        "pages": pages,
        "repositories": sorted(found),
        "registries": found,
        "metrics": sorted(metrics, key=lambda m: m["name"]),
        "hyperparameters": [
            {**h, "tunable": h.get("tunable")} for _, h in sorted(hyperparameters.items())
        ],
    }


def table(dg: Path, sdk: Path) -> dict[str, Any]:
    """The whole JSON document."""
    return {
        "about": {
            "generated_by": "python -m generator.algorithms --dg DG_GIT_DIR --sdk SDK_GIT_DIR",
            "developer_guide": {
                "repository": DG_REPOSITORY,
                "commit": DG_COMMIT,
                "note": "Markdown source of the Developer Guide, archived in June 2023; each "
                "doc_source/<page>.md is the page listed in an entry's pages",
            },
            "registries": {
                "repository": SDK_REPOSITORY,
                "commit": SDK_COMMIT,
                "path": SDK_CONFIG,
                "pages": [ECR_URL.format(page="sagemaker-algo-docker-registry-paths")],
                "note": "the same facts as the Developer Guide's ecr-<region> pages; ISO "
                "partitions left out",
            },
            "overrides": {f"{k[0]}/{k[1]}": v["reason"] for k, v in OVERRIDES.items()},
            "tuning_name_slips": {f"{k[0]}/{k[1]}": v for k, v in TUNING_NAME_SLIPS.items()},
        },
        "partitions": PARTITIONS,
        "algorithms": {spec["key"]: algorithm(dg, sdk, spec) for spec in ALGORITHMS},
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.algorithms")
    parser.add_argument("--dg", type=Path, required=True, help="git dir of the DG source")
    parser.add_argument("--sdk", type=Path, required=True, help="git dir of the SageMaker SDK")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render(table(args.dg, args.sdk))
    if PROBLEMS:
        print("\n".join(PROBLEMS), file=sys.stderr)
        return 1
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
