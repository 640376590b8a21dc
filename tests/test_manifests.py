"""ACK manifests (hpt_request/text/manifests.py): the spec as the wire request, and back.

The real manifests are the ACK SageMaker controller's own (``tests/realworld/ack/``, with their
provenance and the problems they are known to have in ``SOURCES.md``); the properties draw wire
requests from ``hpt_request.strategies`` and from the schema-driven strategies of the tests.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpt_request import model, validate
from hpt_request.model import packaged
from hpt_request.strategies import wire_requests
from hpt_request.text import manifests
from hpt_request.text.jsontext import parse_yaml
from hpt_request.text.manifests import (
    helm_placeholders,
    is_manifest,
    manifest_path,
    manifest_spec,
    outside_crd,
    request_of,
    spelled,
)
from tests import wire_strategies

CORPUS = Path(__file__).parent / "realworld" / "ack"
TOOL = Path(__file__).parent / "realworld" / "tools" / "derive_ack_manifests.py"
SECTION = re.compile(r"^## (\S+\.yaml)$", re.MULTILINE)
FIELD = re.compile(r"^- (\w+): (.+)$", re.MULTILINE)
EXPECTED = re.compile(r"^(\S+) at (\S+): .+$")


def _sections() -> dict[str, list[tuple[str, str]]]:
    text = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    heads = list(SECTION.finditer(text))
    return {
        head.group(1): FIELD.findall(text[head.end() : after.start() if after else len(text)])
        for head, after in zip(heads, [*heads[1:], None], strict=True)
    }


SECTIONS = _sections()
CHECKED = {
    name: next(value for key, value in fields if key == "checked")
    for name, fields in SECTIONS.items()
}


def _tool() -> ModuleType:
    found = importlib.util.spec_from_file_location("derive_ack_manifests", TOOL)
    assert found is not None
    assert found.loader is not None
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    return module


def _manifest(file_name: str) -> dict[str, Any]:
    data: dict[str, Any] = parse_yaml((CORPUS / file_name).read_text(encoding="utf-8"))
    return data


def _expected(name: str) -> list[tuple[str, str]]:
    lines = [value for key, value in SECTIONS[name] if key == "expected"]
    matches = [EXPECTED.fullmatch(line) for line in lines]
    assert all(matches), lines
    return sorted((m.group(1), m.group(2)) for m in matches if m)


def _blocking(spec: object) -> list[tuple[str, str]]:
    problems = validate(request_of(spec))
    return sorted((p.code, manifest_path(p.location)) for p in problems if p.blocking)


def _at(value: Any, location: tuple[Any, ...]) -> Any:
    for step in location:
        value = value[step]
    return value


def _locations(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every location in ``value``: itself, and everything inside its dicts and lists."""
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _locations(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _locations(item, (*at, index))


# -- the real manifests -------------------------------------------------------------------------


def test_the_corpus_is_documented() -> None:
    """Every file has a section in SOURCES.md, or is the filled file one names."""
    files = {path.name for path in CORPUS.glob("*.yaml")}
    assert len(SECTIONS) >= 5
    assert files == set(SECTIONS) | set(CHECKED.values())
    for name, fields in SECTIONS.items():
        assert [key for key, _ in fields][:4] == ["source", "what", "changed", "checked"], name
        assert "dc4970704d3bbd86772bbb22d39b42ee12c22876" in fields[0][1]


def test_files_are_what_the_tool_writes() -> None:
    """No file is edited by hand: each is what ``render()`` writes of its own data (with the
    header naming its source), and a ``.filled.yaml`` is ``fill()`` of its unfilled file."""
    tool = _tool()
    sources = {f"{source.name}.yaml": source for source in tool.FILES}
    assert set(sources) == set(SECTIONS)
    for name, source in sources.items():
        written = (CORPUS / name).read_text(encoding="utf-8")
        assert written.startswith(tool.header(source))
        assert source.path in written.splitlines()[1]
        documents = tool.load(written)
        assert written == tool.render(source, documents)
        if source.fills is None:
            assert CHECKED[name] == name
            continue
        filled = (CORPUS / CHECKED[name]).read_text(encoding="utf-8")
        assert filled == tool.render(source, tool.fill(documents, source.fills))
        assert filled != written


def test_fill_refuses_a_missing_or_left_over_placeholder() -> None:
    """A placeholder the file lacks, or one the fills leave, stops the tool."""
    tool = _tool()
    documents = [{"spec": {"name": "$HPO_JOB_NAME", "role": "$ROLE"}}]
    with pytest.raises(ValueError, match="placeholders left"):
        tool.fill(documents, {"$HPO_JOB_NAME": "x"})
    with pytest.raises(ValueError, match="not in the file"):
        tool.fill(documents, {"$HPO_JOB_NAME": "x", "$ROLE": "r", "$OTHER": "o"})
    assert tool.fill(documents, {"$HPO_JOB_NAME": "x", "$ROLE": "r"}) == [
        {"spec": {"name": "x", "role": "r"}}
    ]


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_real_manifests_have_only_their_known_problems(name: str) -> None:
    """Each real manifest's spec, as a request, has no blocking problem but those SOURCES.md
    names (each a defect of the file, at the manifest's own path)."""
    manifest = _manifest(CHECKED[name])
    assert is_manifest(manifest)
    assert _blocking(manifest["spec"]) == _expected(name)


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_real_manifests_round_trip(name: str) -> None:
    """The spec comes back from its request, and the keys the CRD does not define are exactly
    where the check finds unknown members."""
    spec = _manifest(CHECKED[name])["spec"]
    request = request_of(spec)
    assert manifest_spec(request) == spec
    unknown = [p.location for p in validate(request) if p.code == "additionalProperties"]
    assert sorted(map(spelled, unknown)) == sorted(outside_crd(spec))


def test_the_files_with_placeholders_are_caught() -> None:
    """Unfilled, the sample's ``<YOUR ...>`` placeholders are refused where they stand."""
    spec = _manifest("sample-my-hyperparameter-job.yaml")["spec"]
    found = _blocking(spec)
    assert ("pattern", "spec.hyperParameterTuningJobName") in found
    assert ("pattern", "spec.trainingJobDefinition.roleARN") in found


def _e2e() -> dict[str, Any]:
    return copy.deepcopy(_manifest("e2e-xgboost_hpojob.filled.yaml")["spec"])


def test_a_defect_is_found_at_the_manifests_path() -> None:
    """maxParallelTrainingJobs: 0 is found by the check, at the wire location whose spelling is
    the manifest's."""
    spec = _e2e()
    spec["hyperParameterTuningJobConfig"]["resourceLimits"]["maxParallelTrainingJobs"] = 0
    problems = [p for p in validate(request_of(spec)) if p.blocking]
    assert [(p.code, p.location) for p in problems] == [
        ("minimum", ("HyperParameterTuningJobConfig", "ResourceLimits", "MaxParallelTrainingJobs"))
    ]
    assert spelled(problems[0].location) == (
        "hyperParameterTuningJobConfig",
        "resourceLimits",
        "maxParallelTrainingJobs",
    )
    assert _at(spec, spelled(problems[0].location)) == 0
    assert (
        manifest_path(problems[0].location)
        == "spec.hyperParameterTuningJobConfig.resourceLimits.maxParallelTrainingJobs"
    )


def test_a_defect_in_a_list_item_keeps_its_index() -> None:
    spec = _e2e()
    spec["trainingJobDefinition"]["inputDataConfig"][1]["dataSource"]["s3DataSource"]["s3URI"] = (
        "ftp://example-bucket/validation"
    )
    spec["trainingJobDefinition"]["resourceConfig"]["instanceCount"] = 0
    assert _blocking(spec) == [
        ("instance-count-positive", "spec.trainingJobDefinition.resourceConfig.instanceCount"),
        ("pattern", "spec.trainingJobDefinition.inputDataConfig[1].dataSource.s3DataSource.s3URI"),
    ]


def test_an_unknown_camel_case_key_is_an_unknown_member() -> None:
    """A key the CRD does not define (a misspelling, or a member the CRD leaves out) is kept as
    written, and the check reports it as an unknown member where the manifest has it."""
    spec = _e2e()
    spec["hyperParameterTuningJobConfig"]["resourceLimits"]["maxParallelJobs"] = 2
    spec["trainingJobDefinition"]["environment"] = {"MODE": "fast"}  # not in the CRD
    request = request_of(spec)
    assert isinstance(request, dict)
    limits = request["HyperParameterTuningJobConfig"]["ResourceLimits"]
    assert limits["maxParallelJobs"] == 2
    assert _blocking(spec) == [
        (
            "additionalProperties",
            "spec.hyperParameterTuningJobConfig.resourceLimits.maxParallelJobs",
        ),
        ("additionalProperties", "spec.trainingJobDefinition.environment"),
    ]
    assert outside_crd(spec) == [
        ("hyperParameterTuningJobConfig", "resourceLimits", "maxParallelJobs"),
        ("trainingJobDefinition", "environment"),
    ]


def test_a_key_in_the_wire_spelling_is_outside_the_crd() -> None:
    """``RoleArn`` in a manifest passes the wire check (it is the wire's name) but the API server
    drops it: outside_crd says so. Beside ``roleARN``, the CRD's key is the one kept."""
    spec = _e2e()
    role = spec["trainingJobDefinition"].pop("roleARN")
    spec["trainingJobDefinition"]["RoleArn"] = role
    assert _blocking(spec) == []
    assert outside_crd(spec) == [("trainingJobDefinition", "RoleArn")]
    spec["trainingJobDefinition"]["roleARN"] = "arn:aws:iam::111122223333:role/kept"
    request = request_of(spec)
    assert isinstance(request, dict)
    assert request["TrainingJobDefinition"]["RoleArn"] == "arn:aws:iam::111122223333:role/kept"


# -- the functions one by one ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {
                "apiVersion": "sagemaker.services.k8s.aws/v1alpha1",
                "kind": "HyperParameterTuningJob",
            },
            True,
        ),
        ({"apiVersion": "sagemaker.services.k8s.aws/v1", "kind": "HyperParameterTuningJob"}, True),
        ({"apiVersion": "sagemaker.services.k8s.aws/v1alpha1", "kind": "TrainingJob"}, False),
        ({"apiVersion": "sagemaker.services.k8s.aws", "kind": "HyperParameterTuningJob"}, False),
        ({"apiVersion": "sagemaker.aws.amazon.com/v1", "kind": "HyperparameterTuningJob"}, False),
        ({"apiVersion": 1, "kind": "HyperParameterTuningJob"}, False),
        ({"kind": "HyperParameterTuningJob"}, False),
        ([], False),
        ("sagemaker.services.k8s.aws/v1alpha1", False),
        (None, False),
    ],
)
def test_is_manifest(data: object, expected: bool) -> None:
    assert is_manifest(data) is expected


@pytest.mark.parametrize("value", [None, 3, "spec", [1, 2], ["a"]])
def test_request_of_leaves_what_is_not_a_mapping(value: object) -> None:
    assert request_of(value) == value
    assert manifest_spec(value) == value


def test_map_keys_and_values_are_unchanged() -> None:
    """Map members keep their keys, even keys that look like CRD names; values are the same
    objects; a value of the wrong kind is left as it is."""
    numbers = [1, 2]
    spec = {
        "trainingJobDefinition": {
            "staticHyperParameters": {"roleARN": "x", "eta": "0.1", "Type": "y"},
            "resourceConfig": "not an object",
            "inputDataConfig": {"channelName": "not a list"},
        },
        "tags": [{"key": "team", "value": "ml"}, "not an object"],
        "hyperParameterTuningJobName": numbers,
    }
    assert request_of(spec) == {
        "TrainingJobDefinition": {
            "StaticHyperParameters": {"roleARN": "x", "eta": "0.1", "Type": "y"},
            "ResourceConfig": "not an object",
            "InputDataConfig": {"channelName": "not a list"},
        },
        "Tags": [{"Key": "team", "Value": "ml"}, "not an object"],
        "HyperParameterTuningJobName": numbers,
    }
    request = request_of(spec)
    assert isinstance(request, dict)
    assert request["HyperParameterTuningJobName"] is numbers


def test_ack_spellings() -> None:
    """The names ACK spells its own way, as the CRD has them."""
    request = {
        "HyperParameterTuningJobConfig": {
            "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"}
        },
        "TrainingJobDefinition": {
            "RoleArn": "arn:aws:iam::111122223333:role/r",
            "VpcConfig": {"SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]},
            "OutputDataConfig": {"KmsKeyId": "k", "S3OutputPath": "s3://b/o"},
            "ResourceConfig": {"VolumeSizeInGB": 5, "VolumeKmsKeyId": "k"},
            "CheckpointConfig": {"S3Uri": "s3://b/c"},
        },
    }
    assert manifest_spec(request) == {
        "hyperParameterTuningJobConfig": {
            "hyperParameterTuningJobObjective": {"type_": "Minimize", "metricName": "loss"}
        },
        "trainingJobDefinition": {
            "roleARN": "arn:aws:iam::111122223333:role/r",
            "vpcConfig": {"securityGroupIDs": ["sg-1"], "subnets": ["subnet-1"]},
            "outputDataConfig": {"kmsKeyID": "k", "s3OutputPath": "s3://b/o"},
            "resourceConfig": {"volumeSizeInGB": 5, "volumeKMSKeyID": "k"},
            "checkpointConfig": {"s3URI": "s3://b/c"},
        },
    }


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ((), ()),
        (("TrainingJobDefinitions", 2, "RoleArn"), ("trainingJobDefinitions", 2, "roleARN")),
        (
            ("TrainingJobDefinition", "StaticHyperParameters", "RoleArn"),
            ("trainingJobDefinition", "staticHyperParameters", "RoleArn"),
        ),
        (("Tags", 0, "Key"), ("tags", 0, "key")),
        (
            ("HyperParameterTuningJobConfig", "StrategyConfig", "HyperbandStrategyConfig"),
            ("hyperParameterTuningJobConfig", "StrategyConfig", "HyperbandStrategyConfig"),
        ),
        (("Nope", "RoleArn"), ("Nope", "RoleArn")),
        (("Tags", "Key"), ("tags", "Key")),
        (("HyperParameterTuningJobName", 0), ("hyperParameterTuningJobName", 0)),
    ],
)
def test_spelled(location: tuple[str | int, ...], expected: tuple[str | int, ...]) -> None:
    assert spelled(location) == expected


def test_manifest_path() -> None:
    assert manifest_path(()) == "spec"
    assert (
        manifest_path(("TrainingJobDefinition", "StaticHyperParameters", "a.b"))
        == 'spec.trainingJobDefinition.staticHyperParameters["a.b"]'
    )
    assert manifest_path(("Tags", 3, "Value")) == "spec.tags[3].value"
    assert manifest_path(("not a name",)) == 'spec["not a name"]'


def test_helm_placeholders() -> None:
    """Each string value with a ``{{ ... }}`` action, at its wire location, in document order;
    under a key the CRD does not define, the keys as written."""
    spec = {
        "hyperParameterTuningJobName": '{{ include "job.name" . }}',
        "hyperParameterTuningJobConfig": {
            "resourceLimits": {"maxParallelTrainingJobs": "{{ .Values.parallel }}"},
        },
        "trainingJobDefinition": {
            "roleARN": "arn:aws:iam::111122223333:role/fixed",
            "staticHyperParameters": {"eta": "{{ .Values.eta | quote }}", "depth": "5"},
            "inputDataConfig": [
                {"dataSource": {"s3DataSource": {"s3URI": "s3://{{ .Values.bucket }}/train"}}}
            ],
            "environment": {"A": "{{- .Values.a -}}"},
        },
        "tags": [{"key": "owner", "value": "{{ .Release.Name }}"}],
        "autotune": {"mode": "{ { not an action } }"},
    }
    assert helm_placeholders(spec) == [
        (("HyperParameterTuningJobName",), '{{ include "job.name" . }}'),
        (
            ("HyperParameterTuningJobConfig", "ResourceLimits", "MaxParallelTrainingJobs"),
            "{{ .Values.parallel }}",
        ),
        (("TrainingJobDefinition", "StaticHyperParameters", "eta"), "{{ .Values.eta | quote }}"),
        (
            ("TrainingJobDefinition", "InputDataConfig", 0, "DataSource", "S3DataSource", "S3Uri"),
            "s3://{{ .Values.bucket }}/train",
        ),
        (("TrainingJobDefinition", "environment", "A"), "{{- .Values.a -}}"),
        (("Tags", 0, "Value"), "{{ .Release.Name }}"),
    ]
    assert helm_placeholders("{{ x }}") == [((), "{{ x }}")]
    assert helm_placeholders(None) == []


def test_the_names_are_read_once_from_the_package() -> None:
    manifests._data.cache_clear()
    names = manifests._crd_names()
    manifests._crd_names.cache_clear()
    assert manifests._crd_names() == names
    assert manifests._data.cache_info().misses == 1
    shipped = json.loads(packaged.read_text("text", "data", "ack_names.json"))
    assert shipped["names"] == names


def test_the_names_fit_the_model() -> None:
    """Every renamed member is a wire member of its structure, and no two members of one
    structure share a CRD name."""
    structures = {cls.__name__: cls for cls in model.STRUCTURES}
    for shape, names in manifests._crd_names().items():
        assert set(names) <= set(manifests._members(shape)), shape
        assert shape in structures
        assert len(set(names.values())) == len(names), shape


# -- properties ------------------------------------------------------------------------------------


def _check_round_trip(request: dict[str, Any]) -> None:
    spec = manifest_spec(request)
    assert request_of(spec) == request
    for location in _locations(request):
        there = spelled(location)
        assert len(there) == len(location)
        value = _at(request, location)
        if not isinstance(value, dict | list):
            assert _at(spec, there) == value
        else:
            _at(spec, there)  # exists
    # The manifest's keys outside the CRD are the request's members that the CRD leaves out.
    unmapped = {
        m for members in manifests._data()["unmapped"]["wire_members"].values() for m in members
    }
    assert all(location[-1] in unmapped for location in outside_crd(spec))


@given(wire_requests())
def test_spellings_agree_on_drawn_requests(request: dict[str, Any]) -> None:
    """For requests of hpt_request.strategies: wire -> manifest -> wire is the identity, and
    spelled() of every location of the request is the same value in the manifest's spec."""
    _check_round_trip(request)


@given(wire_strategies.requests())
def test_spellings_agree_on_schema_drawn_requests(request: dict[str, Any]) -> None:
    """The same for the schema-driven requests of the tests, which draw the optional members
    (those the CRD leaves out among them) more evenly."""
    _check_round_trip(request)


@given(wire_requests(), st.data())
def test_a_drawn_defect_is_found_at_the_spelled_path(request: dict[str, Any], data: Any) -> None:
    """A bad value put anywhere in a manifest's spec is reported at the spelled location of the
    problem, which holds that value."""
    spec: Any = manifest_spec(request)
    leaves = [
        loc for loc in _locations(spec) if loc and isinstance(_at(spec, loc), str | int | bool)
    ]
    location = data.draw(st.sampled_from(leaves))
    _at(spec, location[:-1])[location[-1]] = {"not": "a scalar"}
    problems = [p for p in validate(request_of(spec)) if p.blocking]
    assert location in [spelled(p.location) for p in problems]
