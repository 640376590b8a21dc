"""Time hpt-request against botocore in one process and print every ratio of issue 11.

Run: ``python bench/bench.py`` (after ``pip install -e ".[dev]"``); ``--skip-draws`` leaves out
the two slowest lines (the strategies), ``--skip-cli`` the command-line lines, and
``--stream-only`` runs the stream of real-world requests alone.

Requests: small (the bundled ``seed-era`` example), medium (``bayesian`` plus a categorical
range) and large (``multi-algorithm`` grown to 10 TrainingJobDefinitions of 30 ranges each and
50 tags). Each is timed on the same dict on both sides, in this process:

- valid path: ``from_wire(rules=True)`` + ``to_wire`` against what a botocore client does,
  which validates once: ``ParamValidator().validate`` then the JSON serializer built with
  ``include_validation=False``, and the validating serializer alone (``create_serializer``'s
  default). The faster of the two botocore figures is the denominator;
- the valid path again on a stream of requests whose names, tags and locations are new texts
  each time (informational, no target): what hpt-request remembers about texts it has seen
  (pattern verdicts, rendered paths) does not help there;
- invalid path: ``validate()`` of the request with 1 and with 20 schema problems against
  ``ParamValidator().validate`` on the same dict (botocore finds fewer of them; we list all);
- a stream of distinct real-world requests: the corpus of ``tests/realworld`` (those for which
  ``SOURCES.md`` expects no finding) in turn, each request with a job name, S3 locations and
  tag values that no other request of the process has, so that nothing hpt-request remembers
  about texts helps. Timed on it, each pair on the same positions of its streams: valid
  requests (``from_wire(rules=True)`` + ``to_wire`` against botocore's validate + plain
  serializer), and the same without the cross-field rules (``rules=False``, informational: what
  reading and writing alone cost, against the same peer); requests with one realistic structural
  defect each (12 kinds in turn: a wrong
  enum case, a bound, a type, a missing or misnamed member, a too-long text; ``validate()``
  against ``ParamValidator().validate``); and the requests of built-in algorithms with one
  typing slip on a documented static hyperparameter name (a warning with a did-you-mean), each
  slip once per algorithm, against the same requests without it (``validate()`` both sides);
- a pipeline definition of about 1 MB with 50 Tuning steps (the SDK's step of
  ``tests/realworld/pipelines``, copied): what finding its requests (the definition, its
  parameters, every placeholder) adds to checking them (``find_requests`` against the rest of
  ``validate_document``), and, for information, ``validate_document`` against ``validate()`` of
  the same requests with every value filled in;
- ``import hpt_request`` in fresh interpreters (bytecode compiled by a warm-up run), with the
  modules that cost the most according to ``-X importtime``;
- what the Hypothesis entry point adds to ``import hypothesis``, measured as the time spent
  loading and running hpt-request's hook alone, both when hpt_request is not imported yet and
  when it is;
- 1,000 draws of ``strategies.requests()`` and of ``strategies.wire_requests()``;
- ``hpt-request validate`` on 1 and on 100 files, whole-process wall time, next to
  ``check-jsonschema --schemafile`` with the packaged request schema on the same files.

In one process, the two sides of a ratio are timed in alternation, a batch of calls each per
round (on a stream, each call takes the next request, and a batch is a fixed number of passes
over the pool, so that no request is used twice); a figure is the median over seven rounds, and
a ratio the median of the rounds' own ratios, so that a slow spell of a shared machine weighs on
both sides alike. Fresh processes are timed best of several. Every target is printed beside its
figure, and one that is missed is printed as NOT MET; nothing is asserted in the test suite,
because timings depend on the machine.
"""

from __future__ import annotations

import argparse
import copy
import gc
import importlib.util
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import botocore.session
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator

from hpt_request import find_requests, from_wire, to_wire, validate, validate_document
from hpt_request.model import examples
from hpt_request.rules import algorithms
from hpt_request.rules.algorithms import Algorithm

OPERATION = (
    botocore.session.get_session()
    .get_service_model("sagemaker")
    .operation_model("CreateHyperParameterTuningJob")
)
PLAIN_SERIALIZER = create_serializer("json", include_validation=False)
VALIDATING_SERIALIZER = create_serializer("json")
SCHEMA_FILE = "CreateHyperParameterTuningJobRequest.schema.json"


# -- the requests ---------------------------------------------------------------------------------


def medium() -> dict[str, Any]:
    """The bayesian example with a categorical range added (6 ranges)."""
    request = examples.load("bayesian")
    ranges = request["HyperParameterTuningJobConfig"]["ParameterRanges"]
    ranges["CategoricalParameterRanges"] = [{"Name": "booster", "Values": ["gbtree", "dart"]}]
    return request


def large() -> dict[str, Any]:
    """The multi-algorithm example grown to 10 definitions of 30 ranges each and 50 tags."""
    request = examples.load("multi-algorithm")
    template = request["TrainingJobDefinitions"][0]
    definitions = []
    for index in range(10):
        definition = copy.deepcopy(template)
        definition["DefinitionName"] = f"definition-{index}"
        definition["HyperParameterRanges"] = {
            "IntegerParameterRanges": [
                {"Name": f"int_{i}", "MinValue": "1", "MaxValue": str(10 + i)} for i in range(10)
            ],
            "ContinuousParameterRanges": [
                {
                    "Name": f"float_{i}",
                    "MinValue": "1e-05",
                    "MaxValue": "0.5",
                    "ScalingType": "Logarithmic",
                }
                for i in range(10)
            ],
            "CategoricalParameterRanges": [
                {"Name": f"choice_{i}", "Values": ["a", "b", "c"]} for i in range(10)
            ],
        }
        definition.pop("StaticHyperParameters", None)
        # A team's own image (its made-up hyperparameters are not a built-in algorithm's).
        metric = definition["TuningObjective"]["MetricName"]
        definition["AlgorithmSpecification"] = {
            "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml-team/trainer:1.0",
            "TrainingInputMode": "File",
            "MetricDefinitions": [{"Name": metric, "Regex": "objective=([0-9.]+)"}],
        }
        definitions.append(definition)
    request["TrainingJobDefinitions"] = definitions
    request["Tags"] = [{"Key": f"key-{i}", "Value": f"value {i}"} for i in range(50)]
    return request


def _definition(request: dict[str, Any]) -> dict[str, Any]:
    found = request.get("TrainingJobDefinition") or request["TrainingJobDefinitions"][0]
    assert isinstance(found, dict)
    return found


def _bad_tag(index: int) -> dict[str, Any]:
    """A tag with one schema problem, of a kind that changes with ``index``."""
    kind = index % 4
    if kind == 0:
        return {"Key": "", "Value": "empty key"}  # minLength
    if kind == 1:
        return {"Key": f"long-value-{index}", "Value": "v" * 300}  # maxLength
    if kind == 2:
        return {"Key": "k" * 200, "Value": "long key"}  # maxLength
    return {"Key": f"number-{index}", "Value": index}  # type


def with_problems(request: dict[str, Any], count: int) -> dict[str, Any]:
    """A copy of ``request`` with exactly ``count`` schema problems: one problem is a tag with an
    empty key (botocore finds it too); more problems are spread over the tuning config, the
    first definition and the tags."""
    broken = copy.deepcopy(request)
    definition = _definition(broken)
    edits: list[Callable[[], None]] = [
        lambda: broken["HyperParameterTuningJobConfig"]["ResourceLimits"].update(
            MaxParallelTrainingJobs=0  # minimum
        ),
        lambda: definition["StoppingCondition"].update(MaxRuntimeInSeconds=0),  # minimum
        lambda: definition["AlgorithmSpecification"].update(TrainingInputMode="Tape"),  # enum
    ]
    chosen = edits[: max(0, count - 1)]
    for edit in chosen:
        edit()
    tags = list(broken.get("Tags", []))
    bad = [_bad_tag(index) for index in range(count - len(chosen))]
    broken["Tags"] = bad + tags[len(bad) :]
    found = validate(broken)
    assert len(found) == count, [(p.path, p.code) for p in found]
    return broken


# Members whose texts a user's requests do not share (names, tags, locations), and their longest
# text (botocore's model): new_texts() makes them differ from one request to the next.
VARIED = {
    "HyperParameterTuningJobName": 32,
    "DefinitionName": 64,
    "ChannelName": 64,
    "Key": 128,
    "Value": 256,
    "S3Uri": 1024,
    "S3OutputPath": 1024,
    "RoleArn": 2048,
}


def new_texts(request: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """``count`` copies of ``request`` whose names, tags and locations are new texts in each
    copy, so that what hpt-request remembers about texts it has seen (pattern verdicts, rendered
    paths) does not help: the cost of a stream of different requests."""

    def vary(node: Any, mark: str) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    (value[: VARIED[key] - len(mark)] + mark)
                    if key in VARIED and isinstance(value, str)
                    else vary(value, mark)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [vary(item, mark) for item in node]
        return node

    return [vary(request, f"-{index:x}") for index in range(count)]


# -- the stream of real-world requests ------------------------------------------------------------

REALWORLD = Path(__file__).resolve().parent.parent / "tests" / "realworld"
_SECTION = re.compile(r"^## (\S+\.json)$", re.MULTILINE)


def realworld() -> list[dict[str, Any]]:
    """The requests of the real-world corpus (``tests/realworld``) that are clean even with
    ``strict=True``: those for which ``SOURCES.md`` names no expected finding."""
    text = (REALWORLD / "SOURCES.md").read_text(encoding="utf-8")
    heads = list(_SECTION.finditer(text))
    flagged = {
        head.group(1)
        for head, following in zip(heads, [*heads[1:], None], strict=True)
        if "\n- expected: " in text[head.end() : following.start() if following else len(text)]
    }
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(REALWORLD.glob("*.json"))
        if path.name not in flagged
    ]


# Each request of a stream takes the next mark, so that no two requests made in this process
# (in any stream, warm-up included) share a job name, an S3 location or a tag value.
_MARKS = itertools.count()
_S3 = re.compile(r"s3://([^/\"\s]+)/?")
JOB_NAME_LENGTH = 32


def next_mark() -> str:
    """A text that no other request of this process is marked with (fixed width: no mark is
    the end of another)."""
    return f"{next(_MARKS):05x}"


def _job_name(name: str, suffix: str) -> str:
    return name[: JOB_NAME_LENGTH - len(suffix)] + suffix


def _new_locations(node: Any, run: str) -> Any:
    """A deep copy of ``node`` with every S3 location moved under the prefix ``run`` of its
    bucket (``s3://bucket/x`` becomes ``s3://bucket/<run>/x``), also inside values such as
    the SDK's ``sagemaker_submit_directory``; the locations of one request keep their relations
    (the same bucket, one under another)."""
    if isinstance(node, dict):
        return {key: _new_locations(value, run) for key, value in node.items()}
    if isinstance(node, list):
        return [_new_locations(item, run) for item in node]
    if isinstance(node, str) and "s3://" in node:
        return _S3.sub(lambda found: f"s3://{found.group(1)}/{run}/", node)
    return node


def renewed(request: dict[str, Any], mark: str) -> dict[str, Any]:
    """A copy of ``request`` as the next job of a stream sends it: its job name, its warm-start
    parents' names, its S3 locations and its tag values are new texts, made with ``mark``."""
    fresh: dict[str, Any] = _new_locations(request, f"run-{mark}")
    fresh["HyperParameterTuningJobName"] = _job_name(
        request["HyperParameterTuningJobName"], f"-{mark}"
    )
    warm = fresh.get("WarmStartConfig") or {}
    for index, parent in enumerate(warm.get("ParentHyperParameterTuningJobs", [])):
        parent["HyperParameterTuningJobName"] = _job_name(
            parent["HyperParameterTuningJobName"], f"-{mark}p{index}"
        )
    for tag in fresh.get("Tags", []):
        tag["Value"] = f"{tag['Value'][: 255 - len(mark)]}-{mark}"
    return fresh


def valid_stream(pool: Sequence[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` requests renewed from ``pool`` in turn, each with its own mark."""
    return [renewed(pool[index % len(pool)], next_mark()) for index in range(count)]


def _definitions(request: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each training job definition with its path."""
    if "TrainingJobDefinition" in request:
        return [("TrainingJobDefinition", request["TrainingJobDefinition"])]
    return [
        (f"TrainingJobDefinitions[{index}]", definition)
        for index, definition in enumerate(request["TrainingJobDefinitions"])
    ]


def _lowercase_strategy(request: dict[str, Any], mark: str) -> tuple[str, str]:
    config = request["HyperParameterTuningJobConfig"]
    config["Strategy"] = config["Strategy"].lower()  # "bayesian"
    return "HyperParameterTuningJobConfig.Strategy", "enum"


def _uppercase_input_mode(request: dict[str, Any], mark: str) -> tuple[str, str]:
    path, definition = _definitions(request)[0]
    specification = definition["AlgorithmSpecification"]
    specification["TrainingInputMode"] = specification["TrainingInputMode"].upper()  # "FILE"
    return f"{path}.AlgorithmSpecification.TrainingInputMode", "enum"


def _lowercase_objective_type(request: dict[str, Any], mark: str) -> tuple[str, str]:
    config = request["HyperParameterTuningJobConfig"]
    if "HyperParameterTuningJobObjective" in config:
        path, objective = "HyperParameterTuningJobConfig", config
        member = "HyperParameterTuningJobObjective"
    else:
        path, objective = _definitions(request)[0]
        member = "TuningObjective"
    objective[member]["Type"] = objective[member]["Type"].lower()  # "maximize"
    return f"{path}.{member}.Type", "enum"


def _instance_type_without_prefix(request: dict[str, Any], mark: str) -> tuple[str, str]:
    path, definition = _definitions(request)[0]
    member = (
        "ResourceConfig" if "ResourceConfig" in definition else "HyperParameterTuningResourceConfig"
    )
    config = definition[member]
    where = f"{path}.{member}"
    if "InstanceType" not in config:
        config, where = config["InstanceConfigs"][0], f"{where}.InstanceConfigs[0]"
    config["InstanceType"] = config["InstanceType"].removeprefix("ml.")  # "m5.xlarge"
    return f"{where}.InstanceType", "enum"


def _no_parallel_jobs(request: dict[str, Any], mark: str) -> tuple[str, str]:
    request["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0
    return "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs", "minimum"


def _tuning_runtime_in_minutes(request: dict[str, Any], mark: str) -> tuple[str, str]:
    limits = request["HyperParameterTuningJobConfig"]["ResourceLimits"]
    limits["MaxRuntimeInSeconds"] = 60  # meant as minutes; at least 120 seconds
    return "HyperParameterTuningJobConfig.ResourceLimits.MaxRuntimeInSeconds", "minimum"


def _no_training_runtime(request: dict[str, Any], mark: str) -> tuple[str, str]:
    path, definition = _definitions(request)[0]
    definition["StoppingCondition"]["MaxRuntimeInSeconds"] = 0
    return f"{path}.StoppingCondition.MaxRuntimeInSeconds", "minimum"


def _job_count_as_text(request: dict[str, Any], mark: str) -> tuple[str, str]:
    limits = request["HyperParameterTuningJobConfig"]["ResourceLimits"]
    # "20"; a Grid request may leave the count out, and then gets one, as text
    limits["MaxNumberOfTrainingJobs"] = str(limits.get("MaxNumberOfTrainingJobs", 20))
    return "HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs", "type"


def _no_role(request: dict[str, Any], mark: str) -> tuple[str, str]:
    path, definition = _definitions(request)[0]
    del definition["RoleArn"]
    return f"{path}.RoleArn", "required"


def _misnamed_member(request: dict[str, Any], mark: str) -> tuple[str, str]:
    path, definition = _definitions(request)[0]
    definition["EnableSpotTraining"] = True  # EnableManagedSpotTraining
    return f"{path}.EnableSpotTraining", "additionalProperties"


def _long_tag_key(request: dict[str, Any], mark: str) -> tuple[str, str]:
    tags = request.setdefault("Tags", [])
    key = f"cost-center/{mark}/" + "analytics-team/" * 8  # 129 characters and more
    tags.append({"Key": key, "Value": f"team-{mark}"})
    return f"Tags[{len(tags) - 1}].Key", "maxLength"


def _long_static_value(request: dict[str, Any], mark: str) -> tuple[str, str]:
    path, definition = _definitions(request)[0]
    config = json.dumps({"run": mark, "layers": list(range(600))})  # over 2,500 characters
    definition.setdefault("StaticHyperParameters", {})["layer_config"] = config
    return f'{path}.StaticHyperParameters["layer_config"]', "maxLength"


# One realistic structural defect each: it edits a renewed request (with its mark) and returns
# the path and code of the one problem it makes.
Defect = Callable[[dict[str, Any], str], tuple[str, str]]
DEFECTS: tuple[Defect, ...] = (
    _lowercase_strategy,
    _no_parallel_jobs,
    _instance_type_without_prefix,
    _job_count_as_text,
    _long_tag_key,
    _uppercase_input_mode,
    _tuning_runtime_in_minutes,
    _misnamed_member,
    _lowercase_objective_type,
    _no_training_runtime,
    _no_role,
    _long_static_value,
)


class Injected(NamedTuple):
    """A request with one problem injected, and that problem's path and code."""

    request: dict[str, Any]
    path: str
    code: str


def invalid_stream(pool: Sequence[dict[str, Any]], count: int) -> list[Injected]:
    """``count`` renewed requests from ``pool`` in turn, each with one defect, the defects in
    turn (there are 12 and the pool's size is prime to it, so the pairs vary too)."""
    found = []
    for index in range(count):
        mark = next_mark()
        request = renewed(pool[index % len(pool)], mark)
        path, code = DEFECTS[index % len(DEFECTS)](request, mark)
        found.append(Injected(request, path, code))
    return found


def builtin_definition(request: dict[str, Any]) -> tuple[str, dict[str, Any], Algorithm] | None:
    """The first definition that runs a built-in algorithm whose hyperparameters the table
    documents, with its path and the algorithm (None if there is none)."""
    for path, definition in _definitions(request):
        specification = definition["AlgorithmSpecification"]
        image = specification.get("TrainingImage")
        if (
            image is None
            or "AlgorithmName" in specification
            or algorithms.framework_mode(definition.get("StaticHyperParameters"))
        ):
            continue
        algorithm = algorithms.identify(image)
        if algorithm is not None and algorithm.hyperparameters:
            return path, definition, algorithm
    return None


# Each letter's neighbours on a QWERTY keyboard's row.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {
    row[index]: row[max(0, index - 1) : index] + row[index + 1 : index + 2]
    for row in _ROWS
    for index in range(len(row))
}


def _misspellings(name: str) -> Iterator[str]:
    """Typing slips on ``name`` (its first letter kept): a letter left out, two neighbours
    swapped, a letter typed twice, a letter's neighbour on the keyboard typed instead."""
    for position in range(1, len(name)):
        char = name[position]
        yield name[:position] + name[position + 1 :]
        if position + 1 < len(name) and char != name[position + 1]:
            yield name[:position] + name[position + 1] + char + name[position + 2 :]
        yield name[: position + 1] + name[position:]
        for neighbour in _NEIGHBOURS.get(char, ""):
            yield name[:position] + neighbour + name[position + 1 :]


class Misspelt(NamedTuple):
    """A request with one unknown built-in hyperparameter (a slip on a documented name), the
    same request without it (renewed with another mark), and the warning's path."""

    warned: dict[str, Any]
    clean: dict[str, Any]
    path: str
    meant: str


# The slips used so far in this process (in any stream, warm-up included), by algorithm: none
# is used twice on one algorithm.
_SLIPS_USED: set[tuple[str, str]] = set()


def misspelt_stream(pool: Sequence[dict[str, Any]], count: int) -> list[Misspelt]:
    """``count`` pairs from the requests of ``pool`` that run a built-in algorithm, in turn:
    each warned request adds to its static hyperparameters a slip on a documented name that it
    sets neither as a static hyperparameter nor as a range, a slip that no other request of the
    algorithm has."""
    chosen = [request for request in pool if builtin_definition(request) is not None]
    slips: dict[str, Iterator[tuple[str, str]]] = {}
    found = []
    for index in range(count):
        base = chosen[index % len(chosen)]
        warned = renewed(base, next_mark())
        clean = renewed(base, next_mark())
        located = builtin_definition(warned)
        assert located is not None
        path, definition, algorithm = located
        static = definition.setdefault("StaticHyperParameters", {})
        taken = set(static) | _tuned(definition, warned)
        if algorithm.key not in slips:
            slips[algorithm.key] = _slips(algorithm)
        for meant, slip in slips[algorithm.key]:
            if (algorithm.key, slip) not in _SLIPS_USED and not {slip, meant} & taken:
                break
        else:
            raise AssertionError(f"no slip left on the names of {algorithm.key}")
        _SLIPS_USED.add((algorithm.key, slip))
        static[slip] = "1"
        found.append(Misspelt(warned, clean, f'{path}.StaticHyperParameters["{slip}"]', meant))
    return found


def _slips(algorithm: Algorithm) -> Iterator[tuple[str, str]]:
    """Slips on the algorithm's documented names of four letters or more, one name after the
    other in turn (the name meant, the slip), none of them a documented name."""
    known = algorithm.known_names()  # a slip is no name the algorithm accepts either
    documented = algorithm.hyperparameter_names()
    each = [(name, _misspellings(name)) for name in sorted(documented) if len(name) >= 4]
    while each:
        for name, slips in list(each):
            slip = next(slips, None)
            if slip is None:
                each.remove((name, slips))
            elif slip not in known:
                yield name, slip


def _tuned(definition: dict[str, Any], request: dict[str, Any]) -> set[str]:
    """The names of the hyperparameters the definition (or the request's config) tunes."""
    ranges = definition.get("HyperParameterRanges") or request["HyperParameterTuningJobConfig"].get(
        "ParameterRanges", {}
    )
    return {item["Name"] for kind in ranges.values() if isinstance(kind, list) for item in kind}


# -- timing ---------------------------------------------------------------------------------------


class Paired(NamedTuple):
    """Seconds per call of ours and of each peer (medians over the rounds), and the median over
    the rounds of each round's ratio of ours to its fastest peer."""

    ours: float
    peers: list[float]
    ratio: float


def paired(
    ours: Callable[[], object],
    *peers: Callable[[], object],
    rounds: int = 7,
    timer: Callable[[], float] = timeit.default_timer,
    calls: int | None = None,
) -> Paired:
    """Time ``ours`` and each peer in alternation, one batch of calls each per round (ours first
    in even rounds, last in odd ones), so that a slow spell of a shared machine weighs on both
    sides of a ratio alike instead of on whichever side it happened to fall. A batch is
    ``calls`` calls, or by default half of what ``timeit``'s autorange finds for each side."""
    timers = [timeit.Timer(function, timer=timer) for function in (ours, *peers)]
    if calls is None:
        batches = [max(1, each.autorange()[0] // 2) for each in timers]
    else:
        batches = [calls] * len(timers)
    seconds: list[list[float]] = [[] for _ in timers]
    ratios = []
    for round_ in range(rounds):
        order = range(len(timers)) if round_ % 2 == 0 else reversed(range(len(timers)))
        this = [0.0] * len(timers)
        for index in order:
            this[index] = timers[index].timeit(batches[index]) / batches[index]
            seconds[index].append(this[index])
        ratios.append(this[0] / min(this[1:]))
    medians = [statistics.median(each) for each in seconds]
    return Paired(medians[0], medians[1:], statistics.median(ratios))


def streamed(
    ours: Callable[[Any], object],
    peer: Callable[[Any], object],
    ours_items: Sequence[Any],
    peer_items: Sequence[Any],
    rounds: int = 7,
) -> Paired:
    """:func:`paired` on streams: each call takes the next item of its side's list, each round
    as many items as the lists hold for one round, so that no item is used twice and, round by
    round, the two sides take the items at the same positions of their lists."""
    calls = len(ours_items) // rounds
    assert len(ours_items) == len(peer_items) == calls * rounds > 0
    next_ours, next_peer = iter(ours_items).__next__, iter(peer_items).__next__
    return paired(lambda: ours(next_ours()), lambda: peer(next_peer()), rounds=rounds, calls=calls)


def median_seconds_each(function: Callable[[Any], object], items: list[Any]) -> float:
    """Median seconds per call over five rounds, each calling ``function`` once on each of its
    own share of ``items`` (no item is used twice)."""
    share = len(items) // 5
    rounds = []
    collecting = gc.isenabled()
    gc.disable()  # as timeit does for the other figures
    try:
        for start in range(0, share * 5, share):
            chunk = items[start : start + share]
            began = timeit.default_timer()
            for item in chunk:
                function(item)
            rounds.append((timeit.default_timer() - began) / share)
    finally:
        if collecting:
            gc.enable()
    return statistics.median(rounds)


def botocore_validate_then_serialize(request: dict[str, Any]) -> None:
    """What a botocore client does: validate once, then serialize without validating again."""
    report = ParamValidator().validate(request, OPERATION.input_shape)
    if report.has_errors():
        raise AssertionError(report.generate_report())
    PLAIN_SERIALIZER.serialize_to_request(request, OPERATION)


def botocore_validating_serializer(request: dict[str, Any]) -> None:
    """botocore's default serializer, which validates before it serializes."""
    VALIDATING_SERIALIZER.serialize_to_request(request, OPERATION)


def ours_read_and_write(request: dict[str, Any]) -> None:
    """hpt-request's round trip: schema, structure and rules, then unstructure and check."""
    to_wire(from_wire(request, rules=True))


def ours_without_rules(request: dict[str, Any]) -> None:
    """The same round trip without the cross-field rules: what reading and writing cost."""
    to_wire(from_wire(request, rules=False))


def botocore_validate(request: dict[str, Any]) -> int:
    """botocore's client-side validation alone; the number of problems it reports."""
    report = ParamValidator().validate(request, OPERATION.input_shape)
    return len(report.generate_report().splitlines()) if report.has_errors() else 0


def fresh_seconds(code: str, runs: int = 5, env: dict[str, str] | None = None) -> float:
    """Best of ``runs`` fresh interpreters of the seconds that ``code`` prints. The interpreters
    may write bytecode (whatever PYTHONDONTWRITEBYTECODE says here), so that the first run
    compiles what the others load."""
    env = dict(env or os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    found = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        found.append(float(result.stdout.strip().splitlines()[-1]))
    return min(found)


def wall_seconds(command: Sequence[str], runs: int = 3) -> tuple[float, int]:
    """Best wall time of ``runs`` whole processes, and the exit code of the last."""
    best = float("inf")
    code = 0
    for _ in range(runs):
        start = timeit.default_timer()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        best = min(best, timeit.default_timer() - start)
        code = result.returncode
    return best, code


# -- reporting ------------------------------------------------------------------------------------


class Scoreboard:
    """Each measured figure next to its target, and the misses counted."""

    def __init__(self) -> None:
        self.missed: list[str] = []

    def line(self, label: str, value: float, target: float, unit: str) -> None:
        met = value <= target
        if not met:
            self.missed.append(label)
        verdict = "met" if met else "NOT MET"
        print(f"  {label:58} {value:9.2f}{unit:3} target <= {target:g}{unit:3} {verdict}")


def valid_path(board: Scoreboard, cases: dict[str, dict[str, Any]]) -> None:
    print("Valid requests: from_wire(rules=True) + to_wire against botocore (microseconds)")
    print(
        f"  {'request':8} {'bytes':>7} {'ours':>10} {'validate+':>10} {'validating':>10}"
        f"  (botocore: validate + plain serializer, validating serializer alone)"
    )
    ratios = {}
    for name, request in cases.items():
        assert to_wire(from_wire(request)) == request
        timed = paired(
            lambda r=request: ours_read_and_write(r),  # type: ignore[misc]
            lambda r=request: botocore_validate_then_serialize(r),  # type: ignore[misc]
            lambda r=request: botocore_validating_serializer(r),  # type: ignore[misc]
        )
        pair, alone = timed.peers
        size = len(json.dumps(request))
        print(
            f"  {name:8} {size:7d} {timed.ours * 1e6:10.1f} {pair * 1e6:10.1f} {alone * 1e6:10.1f}"
        )
        ratios[name] = timed.ratio
    for name, ratio in ratios.items():
        board.line(f"valid {name}: ours / botocore validate+serialize", ratio, 0.6, "x")


def new_texts_path(cases: dict[str, dict[str, Any]]) -> None:
    print(
        "Valid requests whose names, tags and locations are new each time (informational: "
        "nothing that hpt-request remembers about texts helps; microseconds)"
    )
    for name, request in cases.items():
        count = 3000 if name != "large" else 500
        variants = new_texts(request, count)
        assert to_wire(from_wire(variants[0])) == variants[0]
        ours = median_seconds_each(ours_read_and_write, variants)
        pair = median_seconds_each(botocore_validate_then_serialize, new_texts(request, count))
        alone = median_seconds_each(botocore_validating_serializer, new_texts(request, count))
        peer = min(pair, alone)
        print(
            f"  {name:8} ours {ours * 1e6:8.1f}, botocore {peer * 1e6:8.1f}: "
            f"{ours / peer:.2f}x (with texts seen before: the line above)"
        )


def invalid_path(board: Scoreboard, cases: dict[str, dict[str, Any]]) -> None:
    print("Invalid requests: validate() against botocore's ParamValidator on the same dict")
    rows = []
    for name, request in cases.items():
        for count in (1, 20):
            broken = with_problems(request, count)
            timed = paired(
                lambda r=broken: validate(r),  # type: ignore[misc]
                lambda r=broken: botocore_validate(r),  # type: ignore[misc]
            )
            (peer,) = timed.peers
            print(
                f"  {name:8} {count:2d} problem(s): ours {timed.ours * 1e6:9.1f} us "
                f"(lists {count}), botocore {peer * 1e6:9.1f} us "
                f"(lists {botocore_validate(broken)})"
            )
            rows.append((f"invalid {name}, {count} problem(s): ours / botocore", timed.ratio))
    for label, ratio in rows:
        board.line(label, ratio, 1.0, "x")


# Each round of a stream's timing takes this many passes over its pool of requests; fewer for
# the slips on built-in hyperparameter names, of which some algorithms have few to spare.
STREAM_PASSES = 5
SLIP_PASSES = 2


def stream_path(board: Scoreboard, rounds: int = 7) -> None:
    pool = realworld()
    print(
        f"A stream of distinct real-world requests ({len(pool)} of tests/realworld in turn, each "
        "time with a new job name, new S3 locations and new tag values; microseconds per request)"
    )
    count = STREAM_PASSES * len(pool) * rounds
    for request in valid_stream(pool, len(pool)):  # one pass first (warm-up, other marks)
        ours_read_and_write(request)
        botocore_validate_then_serialize(request)
    stream = valid_stream(pool, count)
    valid = streamed(ours_read_and_write, botocore_validate_then_serialize, stream, stream)
    print(
        f"  valid ({count} requests): ours {valid.ours * 1e6:.1f}, botocore validate + plain "
        f"serializer {valid.peers[0] * 1e6:.1f}"
    )
    del stream
    stream = valid_stream(pool, count)
    bare = streamed(ours_without_rules, botocore_validate_then_serialize, stream, stream)
    print(
        f"  the same without the cross-field rules (informational: reading and writing alone): "
        f"ours {bare.ours * 1e6:.1f}, {bare.ratio:.2f}x botocore"
    )
    del stream
    found = 0
    for injected in invalid_stream(pool, len(pool)):
        validate(injected.request)
        found += botocore_validate(injected.request) > 0
    broken = [injected.request for injected in invalid_stream(pool, count)]
    invalid = streamed(validate, botocore_validate, broken, broken)
    print(
        f"  invalid, one problem each ({len(DEFECTS)} kinds of defect in turn): ours "
        f"{invalid.ours * 1e6:.1f}, botocore ParamValidator {invalid.peers[0] * 1e6:.1f} "
        f"(botocore finds {found} of {len(pool)} in a pass)"
    )
    del broken
    for pair in misspelt_stream(pool, len(pool)):
        validate(pair.warned)
        validate(pair.clean)
    chosen = sum(builtin_definition(request) is not None for request in pool)
    pairs = misspelt_stream(pool, SLIP_PASSES * chosen * rounds)
    misspelt = streamed(
        validate, validate, [p.warned for p in pairs], [p.clean for p in pairs], rounds=rounds
    )
    print(
        f"  one unknown built-in hyperparameter ({chosen} requests of built-in algorithms): "
        f"validate() {misspelt.ours * 1e6:.1f} with the warning, "
        f"{misspelt.peers[0] * 1e6:.1f} without"
    )
    board.line("stream valid: ours / botocore validate+serialize", valid.ratio, 0.5, "x")
    board.line("stream invalid, one problem each: ours / botocore", invalid.ratio, 0.8, "x")
    board.line("stream did-you-mean: ours with the warning / without", misspelt.ratio, 1.2, "x")


TIMED_IMPORT = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter()-t)"


def import_times(board: Scoreboard) -> None:
    print("import hpt_request in a fresh interpreter (best of 5, bytecode compiled)")
    code = TIMED_IMPORT.format(module="hpt_request")
    fresh_seconds(code, runs=1)  # compiles the bytecode if it is missing
    board.line("import hpt_request", fresh_seconds(code) * 1e3, 80, "ms")
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import hpt_request"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in result.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            rows.append((int(parts[1]), int(parts[0]), parts[2].rstrip()))
    print("  top importers (-X importtime, cumulative / self, ms):")
    for cumulative, own, name in sorted(rows, reverse=True)[1:11]:
        print(f"    {cumulative / 1e3:7.1f} {own / 1e3:7.1f} {name}")
    first = fresh_seconds(FIRST_USE)
    print(
        f"  first use, for comparison: import hpt_request, load the bundled example and "
        f"validate() it: {first * 1e3:.1f} ms (what is loaded lazily is paid here)"
    )


FIRST_USE = (
    "import time; t = time.perf_counter(); import hpt_request; "
    "hpt_request.validate(hpt_request.examples.load('seed-era')); print(time.perf_counter()-t)"
)


HOOK_COST = """
import os, sys, time
os.environ["HYPOTHESIS_NO_PLUGINS"] = "1"
if sys.argv[1] == "after":
    import hpt_request
import hypothesis
from importlib.metadata import entry_points
ours = [e for e in entry_points(group="hypothesis")
        if e.dist is not None and e.dist.name.replace("_", "-") == "hpt-request"]
assert ours, "hpt-request's hypothesis entry point is not installed"
start = time.perf_counter()
for entry in ours:
    entry.load()()
print(time.perf_counter() - start)
"""


def hypothesis_hook(board: Scoreboard) -> None:
    print("What hpt-request's entry point adds to `import hypothesis` (best of 5)")
    code = TIMED_IMPORT.format(module="hypothesis")
    with_plugins = fresh_seconds(code)
    without = fresh_seconds(code, env={**os.environ, "HYPOTHESIS_NO_PLUGINS": "1"})
    print(
        f"  import hypothesis: {with_plugins * 1e3:.1f} ms with its plugins, "
        f"{without * 1e3:.1f} ms with HYPOTHESIS_NO_PLUGINS=1 (the difference includes "
        "Hypothesis's own scan of the installed entry points)"
    )
    for when, label in (
        ("before", "the hook, hpt_request not imported yet"),
        ("after", "the hook, hpt_request already imported"),
    ):
        seconds = fresh_seconds(f"import sys; sys.argv[1:] = [{when!r}]\n{HOOK_COST}")
        board.line(label, seconds * 1e3, 10, "ms")


def draw_seconds(wire: bool, count: int = 1000) -> tuple[float, float]:
    """Wall and CPU seconds to draw ``count`` examples of requests() or wire_requests()."""
    from hypothesis import HealthCheck, Phase, given, settings

    from hpt_request.strategies import requests, wire_requests

    drawn: list[object] = []

    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(wire_requests() if wire else requests())
    def collect(request: object) -> None:
        drawn.append(request)

    start, cpu = timeit.default_timer(), time.process_time()
    collect()
    elapsed, cpu = timeit.default_timer() - start, time.process_time() - cpu
    assert len(drawn) == count
    return elapsed, cpu


def draws(board: Scoreboard) -> None:
    print("Strategies: 1,000 draws in this process (wall time; CPU time in brackets)")
    for wire, name in ((False, "requests()"), (True, "wire_requests()")):
        wall, cpu = draw_seconds(wire=wire)
        board.line(f"1,000 draws of {name} (CPU {cpu:.2f} s)", wall, 5, "s")


def command_line(board: Scoreboard, cases: dict[str, dict[str, Any]]) -> None:
    print("hpt-request validate, whole process (best of 3), next to check-jsonschema")
    sources = [*cases.values(), *(examples.load(name) for name in examples.names())]
    schema_file = resources.files("hpt_request") / "schemas" / SCHEMA_FILE
    peer = importlib.util.find_spec("check_jsonschema") is not None
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for index in range(100):
            path = Path(folder) / f"request-{index:03d}.json"
            path.write_text(json.dumps(sources[index % len(sources)]))
            files.append(str(path))
        for chosen in (files[:1], files):
            ours, code = wall_seconds([sys.executable, "-m", "hpt_request", "validate", *chosen])
            assert code == 0, f"hpt-request validate exited {code}"
            line = f"  {len(chosen):3d} file(s): hpt-request validate {ours * 1e3:7.1f} ms"
            if peer:
                theirs, code = wall_seconds(
                    [
                        sys.executable,
                        "-m",
                        "check_jsonschema",
                        "--schemafile",
                        str(schema_file),
                        *chosen,
                    ]
                )
                assert code == 0, f"check-jsonschema exited {code}"
                line += f", check-jsonschema {theirs * 1e3:7.1f} ms ({ours / theirs:.2f}x)"
            else:
                line += ", check-jsonschema not installed: `pip install check-jsonschema`"
            print(line)


# -- documents that embed requests ---------------------------------------------------------------

PIPELINE_STEPS = 50
PIPELINE_BYTES = 1_000_000


def large_pipeline() -> dict[str, Any]:
    """A pipeline definition of about 1 MB with 50 Tuning steps: the Tuning step of the SDK's
    ``tests/realworld/pipelines/sdk-pipeline-single-tuner.json`` (its parameters as
    placeholders), each copy with a name of its own and an ``Environment`` of long values (the
    API's most, 512 characters) to bring the definition to the size."""
    path = REALWORLD / "pipelines" / "sdk-pipeline-single-tuner.json"
    source = json.loads(path.read_text(encoding="utf-8"))
    (step,) = [each for each in source["Steps"] if each["Type"] == "Tuning"]
    steps = []
    for index in range(PIPELINE_STEPS):
        copied = copy.deepcopy(step)
        copied["Name"] = f"Tune{index:02d}"
        steps.append(copied)
    definition = {**source, "Steps": steps}
    per_step = (PIPELINE_BYTES - len(json.dumps(definition))) // PIPELINE_STEPS
    for index, copied in enumerate(steps):
        environment: dict[str, str] = {}
        size = 0
        while size < per_step:
            key = f"SETTING_{len(environment):03d}"
            value = (f"{index:02d}-{key}-" * 40)[:512]
            environment[key] = value
            size += len(key) + len(value) + 6
        copied["Arguments"]["TrainingJobDefinition"]["Environment"] = environment
    return definition


def _run_values(value: Any, execution: str) -> Any:
    """``value`` with each execution variable as the run would give it and each ``Std:Join``
    joined."""
    if isinstance(value, dict) and set(value) == {"Get"} and value["Get"].startswith("Execution."):
        return execution
    if isinstance(value, dict) and set(value) == {"Std:Join"}:
        joined = value["Std:Join"]
        return joined["On"].join(str(_run_values(item, execution)) for item in joined["Values"])
    if isinstance(value, dict):
        return {key: _run_values(item, execution) for key, item in value.items()}
    if isinstance(value, list):
        return [_run_values(item, execution) for item in value]
    return value


def resolved_requests(definition: dict[str, Any]) -> list[dict[str, Any]]:
    """The pipeline's requests as bare requests: each parameter replaced by its DefaultValue,
    each execution variable by a run's value, and a job name, which the pipeline gives when it
    runs."""
    from hpt_request.text import documents

    read = documents.read_document(definition)
    values, problems = documents.known_values(read, None, True)
    assert not problems
    bare = []
    for index, request in enumerate(read.requests):
        filled, _ = documents.substituted(request, values)
        data = _run_values(filled.data, "execution-0123456789")
        bare.append({"HyperParameterTuningJobName": f"tune-{index:02d}", **data})
    return bare


def document_path(board: Scoreboard) -> None:
    definition = large_pipeline()
    size = len(json.dumps(definition))
    requests = resolved_requests(definition)
    print(
        f"A pipeline definition of {size / 1e6:.2f} MB with {len(requests)} Tuning steps "
        "(tests/realworld's SDK step, copied):"
    )
    assert all(not any(p.blocking for p in validate(request)) for request in requests)
    assert validate_document(definition).ok

    def each_request() -> None:
        for request in requests:
            validate(request)

    # The figure: what finding the requests (reading the definition, its parameters and
    # every placeholder) adds to checking them, both measured on the same definition.
    split = paired(lambda: find_requests(definition), lambda: validate_document(definition))
    share = split.ratio / (1 - split.ratio)
    print(
        f"  validate_document: {split.peers[0] * 1e3:.1f} ms, of which finding the requests "
        f"{split.ours * 1e3:.1f} ms"
    )
    board.line("document: finding the requests / checking them", share, 0.2, "x")
    # For information: the whole check of the document against validate() of the same
    # requests with every value filled in (no placeholder to understand, no check to list).
    whole = paired(lambda: validate_document(definition), each_request, rounds=5, calls=3)
    print(
        f"  validate_document / validate() of its {len(requests)} requests filled in: "
        f"{whole.ratio:.2f}x (no target)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-draws", action="store_true", help="leave out the strategies")
    parser.add_argument("--skip-cli", action="store_true", help="leave out the command line")
    parser.add_argument(
        "--stream-only", action="store_true", help="only the stream of real-world requests"
    )
    parser.add_argument(
        "--documents-only", action="store_true", help="only the pipeline definition"
    )
    options = parser.parse_args(argv)
    cases = {"small": examples.load("seed-era"), "medium": medium(), "large": large()}
    board = Scoreboard()
    if options.stream_only or options.documents_only:
        if options.stream_only:
            stream_path(board)
        else:
            document_path(board)
        print(f"targets not met: {len(board.missed)}" + "".join(f"\n  {m}" for m in board.missed))
        return 0
    valid_path(board, cases)
    new_texts_path(cases)
    invalid_path(board, cases)
    stream_path(board)
    document_path(board)
    import_times(board)
    hypothesis_hook(board)
    if not options.skip_draws:
        draws(board)
    if not options.skip_cli:
        command_line(board, cases)
    print(f"targets not met: {len(board.missed)}" + "".join(f"\n  {m}" for m in board.missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
