"""Where a training image comes from: its ECR account, and whether AWS serves it.

``data/aws_registries.json`` lists the ECR accounts that AWS serves its own SageMaker images
from (built-in algorithms, Deep Learning Containers, framework containers, ...), collected from
the SageMaker Python SDK's ``image_uri_config`` files by ``generator/aws_registries.py`` (its
``_generated`` member names the commit). It is read once, on first use.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from hpt_request.model.packaged import read_text

# An ECR private registry host: ACCOUNT.dkr.ecr.REGION.DOMAIN (also the FIPS endpoints,
# dkr.ecr-fips) and the dual-stack ACCOUNT.dkr-ecr.REGION.on.aws.
_ECR_IMAGE = re.compile(
    r"(?P<account>[0-9]{12})\.(?:dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.[a-z0-9.-]+"
    r"|dkr-ecr(?:-fips)?\.[a-z0-9-]+\.on\.aws)/\S+"
)
_ROLE_ACCOUNT = re.compile(r"arn:aws[a-z-]*:iam::(?P<account>[0-9]{12}):role/")


def ecr_account(image: str) -> str | None:
    """The account of an image in an ECR private registry, or None for any other image."""
    found = _ECR_IMAGE.fullmatch(image)
    return found["account"] if found else None


def role_account(role_arn: str) -> str | None:
    """The account of an IAM role ARN, or None if it is not one."""
    found = _ROLE_ACCOUNT.match(role_arn)
    return found["account"] if found else None


@functools.cache
def _document() -> Mapping[str, Any]:
    loaded: dict[str, Any] = json.loads(read_text("rules", "data", "aws_registries.json"))
    return loaded


@functools.cache
def aws_accounts() -> frozenset[str]:
    """The ECR accounts AWS serves its SageMaker images from."""
    return frozenset(_document()["accounts"])


def source() -> Mapping[str, Any]:
    """Where the list comes from (the ``_generated`` member's ``source``)."""
    found: Mapping[str, Any] = _document()["_generated"]["source"]
    return found
