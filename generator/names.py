"""Python names for spec names. Wire names themselves are never derived: they are copied."""

from __future__ import annotations

import keyword
import re

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def attribute_name(member: str) -> str:
    """``VolumeSizeInGB`` -> ``volume_size_in_gb``; ``S3Uri`` -> ``s3_uri``."""
    name = _BOUNDARY.sub("_", member).lower()
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"member {member!r} gives no usable attribute name ({name!r})")
    return name


def enum_member_name(value: str) -> str:
    """``IdenticalDataAndAlgorithm`` -> ``IDENTICAL_DATA_AND_ALGORITHM``; ``ml.m5.large`` ->
    ``ML_M5_LARGE``; ``FSxLustre`` -> ``FSX_LUSTRE``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", value)
    name = _NOT_WORD.sub("_", spaced).strip("_").upper()
    if not name or not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"enum value {value!r} gives no usable member name ({name!r})")
    return name


def converter_name(structure: str, member: str) -> str:
    return f"_{attribute_name(structure)}_{attribute_name(member)}"
