"""Instance types: a size that names no instance and a type of another kind of job are errors
with a suggestion; an unknown family with a real size stays a warning (a type added since the
pinned botocore); the types of other jobs come from botocore's model, vendored and generated."""

from __future__ import annotations

import json
from typing import Any

import botocore
import pytest

from generator import emit_instance_types, spec
from hpt_request import examples, validate

MEMBER = "TrainingJobDefinition.ResourceConfig.InstanceType"


def problems_for(instance_type: str) -> list[Any]:
    request = examples.load("bayesian")
    request["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = instance_type
    return [p for p in validate(request) if p.path == MEMBER]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("ml.m5.xxlarge", "ml.m5.xlarge"),
        ("ml.c5.xl", "ml.c5.xlarge"),
        ("ml.m5.0xlarge", "ml.m5.xlarge"),
        ("ml.m5.xlarg", "ml.m5.xlarge"),
        ("ml.g5.12xlage", "ml.g5.12xlarge"),
    ],
)
def test_a_size_that_names_no_instance_is_an_error_with_a_suggestion(
    written: str, meant: str
) -> None:
    (problem,) = problems_for(written)
    assert (problem.code, problem.severity) == ("enum", "error")
    assert "is not an instance size" in problem.message
    assert problem.message.endswith(f"did you mean {meant}?")


def test_a_type_of_another_kind_of_job_is_an_error() -> None:
    """ml.t2.medium is a notebook (and endpoint) type: training refuses it."""
    (problem,) = problems_for("ml.t2.medium")
    assert (problem.code, problem.severity) == ("enum", "error")
    assert "for notebook instances and endpoints, not for training jobs" in problem.message
    assert problem.message.endswith("did you mean ml.t3.medium?")


@pytest.mark.parametrize("written", ["ml.zz9.xlarge", "ml.g5e.xlarge", "ml.p7.48xlarge"])
def test_an_unknown_family_with_a_real_size_stays_a_warning(written: str) -> None:
    (problem,) = problems_for(written)
    assert (problem.code, problem.severity) == ("instance-type-not-in-spec", "warning")


def test_a_close_unknown_type_gets_a_suggestion_a_distant_one_none() -> None:
    (close,) = problems_for("ml.g5e.xlarge")
    assert close.message.endswith("did you mean ml.g5.xlarge?")
    (distant,) = problems_for("ml.zz9.xlarge")
    assert "did you mean" not in distant.message


@pytest.mark.parametrize("size", ["medium", "large", "xlarge", "2xlarge", "48xlarge", "metal"])
def test_every_size_of_the_training_types_is_a_size(size: str) -> None:
    from hpt_request.schema.newer import INSTANCE_SIZE

    assert INSTANCE_SIZE.fullmatch(size)


def test_the_training_types_sizes_are_all_sizes() -> None:
    """The grammar of sizes takes every size botocore's training types have."""
    from hpt_request.schema.newer import INSTANCE_SIZE

    loaded = spec.load()
    sizes = {value.split(".", 2)[2] for value in loaded.shapes["TrainingInstanceType"]["enum"]}
    assert sizes
    assert [size for size in sorted(sizes) if not INSTANCE_SIZE.fullmatch(size)] == []


def test_the_vendored_instance_types_are_the_installed_botocores() -> None:
    """`python -m generator refresh` wrote them from the pinned botocore."""
    vendored = json.loads(emit_instance_types.INPUT.read_text(encoding="utf-8"))
    assert vendored["botocoreVersion"] == botocore.__version__
    assert emit_instance_types.extract() == vendored


def test_an_edited_vendored_file_is_refused(tmp_path: Any, monkeypatch: Any) -> None:
    document = json.loads(emit_instance_types.INPUT.read_text(encoding="utf-8"))
    document["shapes"]["InstanceType"].append("ml.x9.xlarge")
    edited = tmp_path / "types.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(emit_instance_types, "INPUT", edited)
    with pytest.raises(emit_instance_types.InstanceTypesError, match="sha256"):
        emit_instance_types.load()
