"""The benchmark's requests are what it says they are: valid requests botocore accepts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
from botocore.validate import ParamValidator

from hpt_request import validate

BENCH = Path(__file__).parent.parent / "bench" / "bench.py"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_under_test", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["medium", "large"])
def test_bench_requests_are_valid(name: str) -> None:
    """The medium and large bench requests break no rule, even strict, and botocore takes them."""
    bench = _bench()
    request = getattr(bench, name)()
    assert validate(request, strict=True) == []
    shape = bench.OPERATION.input_shape
    report = ParamValidator().validate(request, shape)
    assert not report.has_errors(), report.generate_report()


@pytest.mark.parametrize("name", ["medium", "large"])
def test_new_texts_are_valid_and_all_different(name: str) -> None:
    """The stream of requests with new texts stays valid for both sides, and no varied text
    repeats from one request to the next."""
    bench = _bench()
    variants = bench.new_texts(getattr(bench, name)(), 3)
    for variant in variants:
        assert validate(variant, strict=True) == []
        report = ParamValidator().validate(variant, bench.OPERATION.input_shape)
        assert not report.has_errors(), report.generate_report()
    names = [variant["HyperParameterTuningJobName"] for variant in variants]
    tags = [variant["Tags"][0]["Value"] for variant in variants]
    assert len(set(names)) == len(set(tags)) == 3


def test_paired_ratio_compares_each_round_with_its_fastest_peer() -> None:
    """On a clock that only the timed calls move, the ratio and the figures are exact: ours
    costs 6 ticks, the peers 3 and 4, so the ratio is 2 in every round."""
    bench = _bench()
    clock = [0.0]

    def costs(ticks: float) -> Any:
        def call() -> None:
            clock[0] += ticks

        return call

    timed = bench.paired(costs(6), costs(3), costs(4), rounds=5, timer=lambda: clock[0])
    assert timed.ours == 6
    assert timed.peers == [3, 4]
    assert timed.ratio == 2
