"""A team's policies: the ``[tool.hpt-request.policy]`` table, its command-line and Python forms.

Each key is a limit the team sets on its tuning jobs; a request past one is an error of the
policy's rule (:mod:`hpt_request.rules.policy`, codes ``policy-KEY``). The keys::

    [tool.hpt-request.policy]
    allowed-instance-types = ["ml.g5.*", "ml.m5.xlarge"]   # fnmatch globs
    max-instance-count = 4                  # instances one training job may take
    max-parallel-training-jobs = 8
    max-worst-case-instance-hours = 500
    max-worst-case-usd = 1000               # needs a price table (prices = "...")
    required-tags = ["team", "cost-center"] # or a table: {team = "^ml-[a-z]+$"}
    require-spot = true
    max-runtime-seconds = 86400             # each training job's StoppingCondition
    allowed-regions = ["eu-west-1"]

An unknown key or a value of the wrong type is refused (:class:`PolicyError`, a
:class:`~hpt_request.rules.settings.SettingsError` to its callers), naming where it came from.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from typing import Any

import attrs

KEYS = (
    "allowed-instance-types",
    "max-instance-count",
    "max-parallel-training-jobs",
    "max-worst-case-instance-hours",
    "max-worst-case-usd",
    "required-tags",
    "require-spot",
    "max-runtime-seconds",
    "allowed-regions",
)
_LISTS = ("allowed-instance-types", "allowed-regions")
_INTEGERS = ("max-instance-count", "max-parallel-training-jobs", "max-runtime-seconds")
_NUMBERS = ("max-worst-case-instance-hours", "max-worst-case-usd")


class PolicyError(ValueError):
    """A policy that cannot be applied: an unknown key, a value of the wrong type."""


def _field(key: str) -> str:
    return key.replace("-", "_")


@attrs.frozen
class Policy:
    """The policies set (None: not set). Build it with :meth:`from_table` (the TOML table's
    keys) or directly with the attribute names (``Policy(max_instance_count=4)``)."""

    allowed_instance_types: tuple[str, ...] | None = None
    max_instance_count: int | None = None
    max_parallel_training_jobs: int | None = None
    max_worst_case_instance_hours: float | None = None
    max_worst_case_usd: float | None = None
    required_tags: Mapping[str, str | None] | None = None  # key -> value regex (None: any)
    require_spot: bool | None = None
    max_runtime_seconds: int | None = None
    allowed_regions: tuple[str, ...] | None = None

    def __attrs_post_init__(self) -> None:
        """Check values given directly in Python as the table's are checked."""
        for key in KEYS:
            value = self.get(key)
            if value is None:
                continue
            if isinstance(value, tuple | list):
                value = list(value)
            elif isinstance(value, Mapping):
                value = {k: ("" if v is None else v) for k, v in value.items()}
            if key in _NUMBERS and type(value) is float and value.is_integer():
                value = int(value)
            _checked(key, value, "Policy")

    def get(self, key: str) -> Any:
        """The value of policy ``key`` (``"max-instance-count"``), None when it is not set."""
        return getattr(self, _field(key))

    def sets(self, key: str) -> bool:
        """Whether policy ``key`` is set (require-spot = false sets nothing)."""
        value = self.get(key)
        return value is not None and value is not False

    def merged(self, other: Policy | None) -> Policy:
        """These policies with ``other``'s set keys on top."""
        if other is None:
            return self
        changes = {_field(k): other.get(k) for k in KEYS if other.get(k) is not None}
        return attrs.evolve(self, **changes)

    @classmethod
    def from_table(cls, table: Mapping[str, Any], *, origin: str) -> Policy:
        """Policies from a ``[tool.hpt-request.policy]`` table (already parsed); ``origin``
        names the table in messages (``a/pyproject.toml [tool.hpt-request.policy]``)."""
        if not isinstance(table, Mapping):
            raise PolicyError(f"{origin}: policy must be a table, not {table!r}")
        values: dict[str, Any] = {}
        for key, value in table.items():
            values[_field(key)] = _checked(key, value, origin)
        return cls(**values)


def _checked(key: str, value: Any, origin: str) -> Any:
    """``value`` of policy ``key`` in the form :class:`Policy` holds, or :class:`PolicyError`."""
    where = f"{origin}: policy {key!r}"
    if key not in KEYS:
        import difflib

        close = difflib.get_close_matches(key, KEYS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise PolicyError(
            f"{origin}: unknown policy {key!r}{hint}; the policies are {', '.join(KEYS)}"
        )
    if key in _LISTS:
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(item, str) and item for item in value)
        ):
            raise PolicyError(f"{where} must be a non-empty list of text, not {value!r}")
        return tuple(value)
    if key in _INTEGERS:
        if type(value) is not int or value < 1:
            raise PolicyError(f"{where} must be a positive integer, not {value!r}")
        return value
    if key in _NUMBERS:
        if type(value) not in (int, float) or not value > 0 or value == float("inf"):
            raise PolicyError(f"{where} must be a positive number, not {value!r}")
        return float(value)
    if key == "require-spot":
        if type(value) is not bool:
            raise PolicyError(f"{where} must be true or false, not {value!r}")
        return value
    # required-tags: a list of keys, or a table of key -> value pattern
    if isinstance(value, list) and value and all(isinstance(k, str) and k for k in value):
        return dict.fromkeys(value)
    if isinstance(value, Mapping) and value:
        patterns: dict[str, str | None] = {}
        for name, pattern in value.items():
            if not isinstance(pattern, str):
                raise PolicyError(f"{where}: the pattern of {name!r} must be text, not {pattern!r}")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise PolicyError(
                    f"{where}: the pattern of {name!r} is not a regular expression: {exc}"
                ) from None
            patterns[name] = pattern
        return patterns
    raise PolicyError(
        f"{where} must be a non-empty list of tag keys or a table of key = value pattern, "
        f"not {value!r}"
    )


def _toml_value(text: str) -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib.loads(f"v = {text}")["v"]


def from_pairs(pairs: list[str], *, origin: str = "command line") -> Policy:
    """Policies from ``--policy KEY=VALUE`` options: VALUE is read as a TOML value
    (``4``, ``true``, ``["ml.g5.*"]``), else as text; a list policy also takes
    comma-separated text (``allowed-instance-types=ml.g5.*,ml.m5.xlarge``)."""
    table: dict[str, Any] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise PolicyError(f"{origin}: --policy {pair!r} must be KEY=VALUE")
        try:
            value: Any = _toml_value(text)
        except Exception:
            value = text
        if isinstance(value, str) and (key in _LISTS or key == "required-tags"):
            value = [item.strip() for item in value.split(",") if item.strip()]
        table[key] = value
    return Policy.from_table(table, origin=origin)
