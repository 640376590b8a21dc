"""botocore's own client accepts what we send and serializes it to exactly our JSON."""

from __future__ import annotations

import json
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.serialize import create_serializer
from botocore.stub import Stubber
from botocore.validate import ParamValidator
from hypothesis import given
from hypothesis import strategies as st

from hpt_request import CreateHyperParameterTuningJobResponse, from_wire, to_wire, validate
from hpt_request.model import examples
from tests.corpus import golden_valid
from tests.wire_strategies import mutated, requests

SERVICE = botocore.session.get_session().get_service_model("sagemaker")
OPERATION = SERVICE.operation_model("CreateHyperParameterTuningJob")
VALID = golden_valid()
GOLDEN = st.sampled_from(sorted(VALID.values(), key=json.dumps))


def botocore_errors(params: Any) -> str:
    report = ParamValidator().validate(params, OPERATION.input_shape)
    return str(report.generate_report()) if report.has_errors() else ""


def serialized_body(params: dict[str, Any]) -> bytes:
    request = create_serializer("json").serialize_to_request(params, OPERATION)
    body: bytes = request["body"]
    return body


@pytest.mark.parametrize("name", sorted(VALID))
def test_botocore_accepts_and_serializes_our_json(name: str) -> None:
    """ParamValidator finds nothing, and the serialized body is our dict, byte for byte."""
    wire = to_wire(from_wire(VALID[name]))
    assert botocore_errors(wire) == ""
    body = serialized_body(wire)
    assert json.loads(body) == wire
    assert body == json.dumps(wire).encode()  # botocore's json.dumps defaults


@given(requests())
def test_botocore_accepts_drawn_requests(wire: dict[str, Any]) -> None:
    """Every drawn structurally valid request passes botocore's validation unchanged."""
    sent = to_wire(from_wire(wire, rules=False))
    assert botocore_errors(sent) == ""
    assert json.loads(serialized_body(sent)) == sent


@given(mutated(GOLDEN))
def test_what_botocore_rejects_we_reject(wire: dict[str, Any]) -> None:
    """botocore's check is a subset of ours."""
    if botocore_errors(wire):
        assert validate(wire)


def test_stubbed_client_call() -> None:
    """A real boto3 client call with our kwargs passes its validation and matches exactly; the
    stubbed response reads back as the response model. Nothing leaves the machine."""
    client = boto3.client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    request = from_wire(examples.load("spot"))
    kwargs = to_wire(request)
    arn = "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/" + (
        request.hyper_parameter_tuning_job_name
    )
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": arn},
            expected_params=kwargs,
        )
        response = client.create_hyper_parameter_tuning_job(**kwargs)
        stubber.assert_no_pending_responses()
    response.pop("ResponseMetadata", None)
    parsed = from_wire(response, CreateHyperParameterTuningJobResponse)
    assert parsed.hyper_parameter_tuning_job_arn == arn
