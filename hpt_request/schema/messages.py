"""Plain-word explanations for the problems users meet most, used by the schema's messages.

- :func:`pattern_in_words`: what the patterns of names, ARNs, S3 URIs, KMS key ids, file system
  ids and map keys allow, in words, and which character of a value broke it (the regular
  expression alone says neither);
- :func:`instance_type_hint`: an EC2 instance type name (``m5.xlarge``) where SageMaker wants its
  own (``ml.m5.xlarge``);
- :func:`create_response`: a CreateHyperParameterTuningJob response given as a request;
- :func:`describe_response`: a DescribeHyperParameterTuningJob response given where a Create
  request is expected is one problem, pointing at ``from_describe()`` and
  ``hpt-request from-describe`` (``validate()`` and ``from_wire()`` report it instead of one
  ``additionalProperties`` problem per response-only member).

The allowed characters restate botocore's patterns for the SageMaker shapes named in
:data:`PATTERNS` (the pattern itself stays in the message).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import attrs

from hpt_request.model.errors import Problem


@attrs.frozen
class Words:
    """A pattern in words: what it allows, and the characters it allows anywhere (a regular
    expression for one character), or an empty string when no single character is to blame."""

    allowed: str
    characters: str = ""
    prefix: str = ""


_NAME = "letters, digits and hyphens, starting and ending with a letter or digit"
PATTERNS: dict[str, Words] = {
    "HyperParameterTuningJobName": Words(_NAME, "[A-Za-z0-9-]"),
    "HyperParameterTrainingJobDefinitionName": Words(_NAME, "[A-Za-z0-9-]"),
    "ArnOrName": Words(
        "an algorithm's name (letters, digits and hyphens, starting with a letter or digit and "
        "not ending with a hyphen) or its ARN (arn:aws:sagemaker:REGION:ACCOUNT:algorithm/NAME)"
    ),
    "ChannelName": Words("letters, digits, periods, hyphens and underscores", "[A-Za-z0-9._-]"),
    "FileSystemId": Words(
        "fs- followed by at least 8 lowercase hexadecimal digits (0-9, a-f)", "[0-9a-f]", "fs-"
    ),
    "HyperParameterTrainingJobEnvironmentKey": Words(
        "letters, digits and underscores, not starting with a digit", "[A-Za-z0-9_]"
    ),
    "KmsKeyId": Words(
        "a KMS key id, alias or ARN: letters, digits and the characters : / _ -",
        "[A-Za-z0-9:/_-]",
    ),
    "RoleArn": Words(
        "an IAM role ARN: arn:aws:iam::ACCOUNT:role/NAME, with a 12-digit account and a name of "
        "letters, digits and the characters + = , . @ _ - /",
        "",
        "arn:aws",
    ),
    "S3Uri": Words("an S3 URI, s3://BUCKET/KEY (or an https:// address)"),
    "SecurityGroupId": Words("letters, digits and hyphens (sg-0123456789abcdef0)", "[A-Za-z0-9-]"),
    "SubnetId": Words("letters, digits and hyphens (subnet-0123456789abcdef0)", "[A-Za-z0-9-]"),
    "TagKey": Words(
        "letters, digits, spaces and the characters _ . : / = + - @",
        r"[\w\s.:/=+\-@]",
    ),
    "TagValue": Words(
        "letters, digits, spaces and the characters _ . : / = + - @",
        r"[\w\s.:/=+\-@]",
    ),
}


def _character(char: str) -> str:
    if char == " ":
        return "a space"
    if char.isprintable():
        return f'"{char}"'
    return f"the character U+{ord(char):04X}"


def pattern_in_words(shape: str, value: str) -> str | None:
    """``use <what is allowed>; <what broke it>`` for a value of a known shape, or None."""
    words = PATTERNS.get(shape)
    if words is None:
        return None
    text = f"use {words.allowed}"
    if words.prefix and not value.startswith(words.prefix):
        return f"{text}; it must start with {words.prefix}"
    if shape == "S3Uri" and not re.match(r"(s3|https)://", value):
        return f"{text}; it must start with s3:// (or https://)"
    if words.characters:
        allowed = re.compile(words.characters)
        for index, char in enumerate(value[len(words.prefix) :], start=len(words.prefix) + 1):
            if not allowed.fullmatch(char):
                return f"{text}; {_character(char)} (character {index}) is not allowed"
    if words.characters == "[A-Za-z0-9-]" and (value.startswith("-") or value.endswith("-")):
        return f"{text}; it starts or ends with a hyphen"
    return text


def instance_type_hint(value: str, choices: Collection[str]) -> str:
    """``(did you mean ml.m5.xlarge? ...)`` when ``value`` is an EC2 instance type name."""
    if not value.startswith("ml.") and f"ml.{value}" in choices:
        return f" (did you mean ml.{value}? SageMaker names its instance types with an ml. prefix)"
    return ""


DESCRIBE_ONLY = (
    "HyperParameterTuningJobStatus",
    "CreationTime",
    "HyperParameterTuningJobArn",
    "TrainingJobStatusCounters",
    "ObjectiveStatusCounters",
)


def describe_response(data: object) -> Problem | None:
    """One problem for a DescribeHyperParameterTuningJob response given as a request."""
    if not isinstance(data, Mapping) or "HyperParameterTuningJobStatus" not in data:
        return None
    found = [member for member in DESCRIBE_ONLY if member in data]
    if len(found) < 2:  # the status and at least one other member only a response has
        return None
    return Problem(
        path="",
        code="describe-response",
        message=(
            "this is a DescribeHyperParameterTuningJob response (it has "
            f"{', '.join(found)}), not a CreateHyperParameterTuningJob request; "
            "`from_describe(response, name=NEW_NAME)` in Python or `hpt-request from-describe "
            "FILE --name NEW-NAME` turns it into a request"
        ),
    )


# What a CreateHyperParameterTuningJob response holds (botocore's shape of the response
# has the one member; boto3 adds its ResponseMetadata).
CREATE_RESPONSE_MEMBERS = frozenset({"HyperParameterTuningJobArn", "ResponseMetadata"})


def create_response(data: object) -> Problem | None:
    """One problem for a CreateHyperParameterTuningJob response given as a request: an object of
    its ``HyperParameterTuningJobArn`` (and boto3's ``ResponseMetadata``) alone."""
    if not isinstance(data, Mapping) or "HyperParameterTuningJobArn" not in data:
        return None
    if not data.keys() <= CREATE_RESPONSE_MEMBERS:
        return None
    return Problem(
        path="",
        code="create-response",
        message=(
            "this is a CreateHyperParameterTuningJob response (it has only "
            f"{', '.join(key for key in data if isinstance(key, str))}): the job it names was "
            "created already; check the request that was sent, or describe the job "
            "(DescribeHyperParameterTuningJob) and turn that into a request with "
            "`hpt-request from-describe FILE --name NEW-NAME`"
        ),
    )
