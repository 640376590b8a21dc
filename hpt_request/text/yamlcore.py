"""YAML 1.2's core schema on PyYAML: how the AWS CLI v2 reads ``--cli-input-yaml``.

PyYAML resolves plain scalars by YAML 1.1's rules; the AWS CLI v2 reads request files with
ruamel.yaml's safe loader (``awscli/customizations/cliinput.py``), which follows YAML 1.2. The
two read the same text as different requests, and the CLI sends what YAML 1.2 reads. This module
gives a PyYAML loader class YAML 1.2's resolution of plain (unquoted) scalars, as ruamel.yaml's
``VersionedResolver`` writes it for version 1.2 (``ruamel/yaml/resolver.py``):

- booleans are ``true`` and ``false`` only (also ``True``, ``TRUE``, ``False``, ``FALSE``):
  ``yes``, ``no``, ``on``, ``off``, ``y`` and ``n`` are text;
- integers are decimal (``010`` is 10, not 8), ``0o17`` octal, ``0x1f`` hexadecimal, ``0b101``
  binary, with ``_`` between digits; ``1:00:00`` (YAML 1.1's base 60) is text;
- floats need a dot or an exponent: ``1e-05`` and ``1.5e3`` are floats (YAML 1.1 wants a dot
  in the mantissa, so ``1e-05`` is text there); ``.inf``, ``-.inf`` and ``.nan`` too.

Nulls, timestamps, merge keys (``<<``) and everything else resolve as in YAML 1.1, as in
ruamel.yaml. The parser and composer stay PyYAML's (libyaml when present), so positions and the
bounds on hostile input are unchanged.
"""

from __future__ import annotations

import re
from typing import Any

BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"

_RULES = (
    (BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        FLOAT,
        re.compile(
            r"""^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
            |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
        "-+0123456789.",
    ),
    (
        INT,
        re.compile(
            r"""^(?:[-+]?0b[01_]+
            |[-+]?0o?[0-7_]+
            |[-+]?[0-9_]+
            |[-+]?0x[0-9a-fA-F_]+)$""",
            re.X,
        ),
        "-+0123456789",
    ),
)


def integer(written: str) -> int:
    """A YAML 1.2 integer's value: ``0b``, ``0o`` and ``0x`` prefixes, otherwise decimal."""
    digits = written.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def use_core_schema(loader: type[Any]) -> None:
    """Make ``loader`` (a PyYAML loader class of its own) resolve plain scalars as YAML 1.2."""
    replaced = {BOOL, INT, FLOAT}
    loader.yaml_implicit_resolvers = {
        first: [(tag, rule) for tag, rule in rules if tag not in replaced]
        for first, rules in loader.yaml_implicit_resolvers.items()
    }
    for tag, rule, first in _RULES:
        loader.add_implicit_resolver(tag, rule, list(first))
