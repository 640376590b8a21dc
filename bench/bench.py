"""Time hpt-request against botocore in one process and print the ratios.

Run: ``python bench/bench.py`` (after ``pip install -e ".[dev]"``).

For a small (seed-era), a medium (6 ranges) and a large request (10 TrainingJobDefinitions of
30 ranges each, 50 tags) it times ``from_wire`` (schema check + structure), ``to_wire``
(unstructure + schema check) and, as the peer, botocore's ``ParamValidator().validate`` plus
its JSON serializer on the same dict. It also times ``import hpt_request`` in a fresh
interpreter. Figures are medians of repeated runs; targets are ratios, never asserted in tests.
"""

from __future__ import annotations

import copy
import json
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable
from typing import Any

import botocore.session
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator

from hpt_request import examples, from_wire, to_wire

OPERATION = (
    botocore.session.get_session()
    .get_service_model("sagemaker")
    .operation_model("CreateHyperParameterTuningJob")
)
SERIALIZER = create_serializer("json")


def medium() -> dict[str, Any]:
    request = examples.load("bayesian")
    ranges = request["HyperParameterTuningJobConfig"]["ParameterRanges"]
    ranges["CategoricalParameterRanges"] = [{"Name": "booster", "Values": ["gbtree", "dart"]}]
    return request


def large() -> dict[str, Any]:
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
        definitions.append(definition)
    request["TrainingJobDefinitions"] = definitions
    request["Tags"] = [{"Key": f"key-{i}", "Value": f"value {i}"} for i in range(50)]
    return request


def best(function: Callable[[], object], seconds: float = 0.4) -> float:
    """Median seconds per call over several timing rounds."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    rounds = [t / number for t in timer.repeat(repeat=7, number=max(1, number // 2))]
    return statistics.median(rounds)


def botocore_validate_and_serialize(request: dict[str, Any]) -> None:
    report = ParamValidator().validate(request, OPERATION.input_shape)
    if report.has_errors():
        raise AssertionError(report.generate_report())
    SERIALIZER.serialize_to_request(request, OPERATION)


def import_time() -> float:
    code = (
        "import time; t = time.perf_counter(); import hpt_request; print(time.perf_counter() - t)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(5)
    ]
    return min(runs)


def draw_time(count: int = 1000) -> float:
    """Seconds to draw ``count`` valid requests with hpt_request.strategies.requests()."""
    from hypothesis import HealthCheck, Phase, given, settings

    from hpt_request.strategies import requests

    drawn = []

    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(requests())
    def collect(request: object) -> None:
        drawn.append(request)

    start = timeit.default_timer()
    collect()
    elapsed = timeit.default_timer() - start
    assert len(drawn) == count
    return elapsed


def main() -> None:
    cases = {"small": examples.load("seed-era"), "medium": medium(), "large": large()}
    columns = ("from_wire", "to_wire", "both", "botocore")
    print(f"{'request':8} {'bytes':>7} " + " ".join(f"{c:>11}" for c in columns) + f" {'ratio':>6}")
    for name, request in cases.items():
        obj = from_wire(request)
        assert to_wire(obj) == request
        read = best(lambda r=request: from_wire(r))  # type: ignore[misc]
        write = best(lambda o=obj: to_wire(o))  # type: ignore[misc]
        peer = best(lambda r=request: botocore_validate_and_serialize(r))  # type: ignore[misc]
        both = read + write
        size = len(json.dumps(request))
        print(
            f"{name:8} {size:7d} {read * 1e6:9.1f}us {write * 1e6:9.1f}us "
            f"{both * 1e6:9.1f}us {peer * 1e6:9.1f}us {both / peer:6.2f}"
        )
    print("ratio = (from_wire + to_wire) / botocore validate+serialize; target <= 2.0")
    print(f"drawing 1000 requests with strategies.requests(): {draw_time():.1f} s")
    milliseconds = import_time() * 1e3
    print(f"import hpt_request: {milliseconds:.1f} ms (best of 5 fresh interpreters; target < 150)")


if __name__ == "__main__":
    main()
