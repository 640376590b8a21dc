"""A request file in YAML is read by YAML 1.2's rules, as the AWS CLI v2 reads --cli-input-yaml
(ruamel.yaml's safe loader); templates and manifests by YAML 1.1's, as CloudFormation and
Kubernetes read them. ruamel.yaml, in the test extras, is the independent implementation the
reading is held to."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from hpt_request.text.jsontext import UnreadableText, parse_yaml, parse_yaml_file

CLI_READER = YAML(typ="safe", pure=True)  # what awscli/customizations/cliinput.py makes


def _cli(scalar: str) -> Any:
    return CLI_READER.load(f"k: {scalar}\n")["k"]


def _ours(scalar: str, version: str = "1.2") -> Any:
    return parse_yaml(f"k: {scalar}\n", version=version)["k"]  # type: ignore[arg-type]


# The issue's cases, with the value YAML 1.2's core schema gives (YAML 1.2.2, 10.3.2) and the one
# YAML 1.1 gave (the old reading).
CASES = [
    ("yes", "yes", True),
    ("no", "no", False),
    ("on", "on", True),
    ("off", "off", False),
    ("010", 10, 8),
    ("1:00:00", "1:00:00", 3600),
    ("1e-05", 1e-05, "1e-05"),
    ("0o17", 15, "0o17"),
    ("true", True, True),
    ("0x1f", 31, 31),
]


@pytest.mark.parametrize(("scalar", "core", "old"), CASES)
def test_the_issues_cases(scalar: str, core: Any, old: Any) -> None:
    assert (_ours(scalar), type(_ours(scalar))) == (core, type(core))
    assert (_ours(scalar, "1.1"), type(_ours(scalar, "1.1"))) == (old, type(old))
    assert (_cli(scalar), type(_cli(scalar))) == (core, type(core))


NUMBER_LIKE = [*"0123456789", "-", "+", ".", "e", "E", "_", ":", "0x", "0o", "0b", "inf", "nan"]
WORD_LIKE = ["Inf", "yes", "no", "on", "off", "y", "n", "true", "false", "TRUE", "True", "null"]
PIECES = st.sampled_from([*NUMBER_LIKE, *WORD_LIKE, "~", "a"])


@given(st.lists(PIECES, min_size=1, max_size=6).map("".join))
def test_plain_scalars_read_as_the_aws_cli_reads_them(scalar: str) -> None:
    """Any plain scalar made of number-like and keyword-like pieces: the same value and type
    as ruamel.yaml's safe loader, or refused by both."""
    try:
        expected: Any = _cli(scalar)
    except Exception:  # what the CLI refuses, we refuse too
        with pytest.raises(UnreadableText):
            _ours(scalar)
        return
    found = _ours(scalar)
    assert type(found) is type(expected), (scalar, found, expected)
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(found)
    else:
        assert found == expected, scalar


def test_templates_and_manifests_keep_yaml_1_1() -> None:
    """A CloudFormation template and a Kubernetes manifest are read as their readers read them:
    an unquoted yes is a boolean, 010 is 8."""
    template = parse_yaml_file("Resources:\n  Job:\n    Type: AWS::X::Y\n    A: yes\n    B: 010\n")
    assert template["Resources"]["Job"]["A"] is True
    assert template["Resources"]["Job"]["B"] == 8
    manifest = parse_yaml_file("apiVersion: v1\nkind: ConfigMap\ndata:\n  a: on\n")
    assert manifest["data"]["a"] is True
    request = parse_yaml_file("Tags:\n- Key: a\n  Value: on\n")
    assert request["Tags"][0]["Value"] == "on"
