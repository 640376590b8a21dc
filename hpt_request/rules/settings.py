"""Rule settings a team chooses: rules turned off, severities changed, account quotas raised.

Settings come from three places, later ones winning per rule id:

1. ``[tool.hpt-request]`` in the ``pyproject.toml`` found by walking up from the checked file (or
   the working directory), the way ruff and mypy find theirs;
2. the command line: ``--disable ID``, ``--enable ID``, ``--warn ID``, ``--error ID``;
3. the Python API: ``validate(..., settings=RuleSettings(...))`` (also ``from_wire``, ``submit``
   and ``guard``).

The table in ``pyproject.toml``::

    [tool.hpt-request]
    disable = ["tag-aws-prefix"]          # rule ids not to run
    enable = ["builtin-hyperparameter-tunable"]  # opt-in rules to run
    warn = ["range-min-lt-max"]           # report these as warnings
    error = ["max-runtime-28-days"]       # report these as errors

    [tool.hpt-request.quotas]             # account quotas raised through Service Quotas
    max-parallel-training-jobs = 50       # default 10, hard limit 100
    max-number-of-training-jobs = 2000    # Random search: default 750, hard limit 10000

    [tool.hpt-request.policy]             # the team's limits (rules/policy_table.py)
    max-instance-count = 4

Wherever a rule id is accepted, a group's name is too: the rules of one topic (``security``,
``builtin``, ``budget``, ...: the module that defines them, shown in the rule catalogue), so
``enable = ["security"]`` turns on every rule of the security group.

A quota can be raised up to its hard limit and no further: a higher number is a settings error,
since AWS refuses such a request whatever the account. Unknown rule ids, unknown keys and values
of the wrong type are settings errors too (:class:`SettingsError`), so a typo never silently
turns a check off.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from hpt_request.model.errors import Severity
from hpt_request.rules.policy_table import Policy, PolicyError, from_pairs
from hpt_request.rules.prices import Prices, PriceTableError
from hpt_request.rules.quotas import QUOTAS

TABLE = "tool.hpt-request"
_KEYS = frozenset({"disable", "enable", "warn", "error", "quotas", "policy", "prices"})


class SettingsError(ValueError):
    """Settings that cannot be applied: an unknown rule id or key, a bad value, a quota above its
    hard limit. The message names where the setting came from."""


def _known_rule_ids() -> frozenset[str]:
    from hpt_request.rules import RULES

    return frozenset(rule.id for rule in RULES)


def groups() -> dict[str, tuple[str, ...]]:
    """Each group's name (a rule topic) and the ids of its rules, in registry order."""
    from hpt_request.rules import RULES

    found: dict[str, list[str]] = {}
    for rule in RULES:
        found.setdefault(rule.topic, []).append(rule.id)
    return {topic: tuple(ids) for topic, ids in found.items()}


def _expanded(names: Iterable[str]) -> list[str]:
    """Rule ids and group names, the groups replaced by their rules' ids (a name that is both
    is a rule id)."""
    names = list(names)
    if not names:
        return names
    from hpt_request.rules import ALIASES

    known = _known_rule_ids()
    by_group = groups()
    out: list[str] = []
    for name in names:
        name = ALIASES.get(name, name)
        if name not in known and name in by_group:
            out.extend(by_group[name])
        else:
            out.append(name)
    return out


def _ids(value: Iterable[str]) -> frozenset[str]:
    return frozenset(_expanded(value))


def _levels(value: Mapping[str, Severity]) -> dict[str, Severity]:
    levels: dict[str, Severity] = {}
    for name, level in value.items():
        for rule_id in _expanded([name]):
            levels[rule_id] = level
    return levels


def _policy(value: Policy | Mapping[str, Any]) -> Policy:
    """``RuleSettings(policy=...)``: a :class:`Policy`, or a table of policies as
    ``[tool.hpt-request.policy]`` writes them (a plain dict in Python), checked the same way."""
    if isinstance(value, Policy):
        return value
    try:
        return Policy.from_table(value, origin="settings [policy]")
    except PolicyError as exc:
        raise SettingsError(str(exc)) from None


def _numbers(value: Mapping[str, int]) -> dict[str, int]:
    return dict(value)


@attrs.frozen
class RuleSettings:
    """What to run and how loud: ``disable`` (rule ids), ``enable`` (opt-in rule ids to run),
    ``severity`` (rule id -> ``"error"`` or ``"warning"``; setting one also enables an opt-in
    rule) and ``quotas`` (quota name -> raised value).

    Construct it directly or through :meth:`from_table` / :func:`load`; both check every rule id
    and quota, so a mistake raises :class:`SettingsError` at once instead of being ignored.
    """

    disable: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    enable: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    severity: Mapping[str, Severity] = attrs.field(factory=dict, converter=_levels)
    quotas: Mapping[str, int] = attrs.field(factory=dict, converter=_numbers)
    origin: str = attrs.field(default="settings", eq=False)
    # The team's policies (each set key runs its policy-KEY rule), and the region the request
    # is meant for (--region; None: AWS_REGION, or the training image's ECR host).
    policy: Policy = attrs.field(factory=Policy, converter=_policy)
    region: str | None = None
    # USD per instance-hour by region and instance type, for the worst case in dollars.
    prices: Prices | None = None

    def __attrs_post_init__(self) -> None:
        mentioned = sorted({*self.disable, *self.enable, *self.severity})
        known = _known_rule_ids() if mentioned else frozenset()
        for rule_id in mentioned:
            if rule_id not in known:
                raise SettingsError(f"{self.origin}: unknown rule id {rule_id!r}{_hint(rule_id)}")
        for rule_id, level in self.severity.items():
            if level not in ("error", "warning"):
                raise SettingsError(
                    f"{self.origin}: severity of {rule_id!r} must be 'error' or 'warning', "
                    f"not {level!r}"
                )
        for name, value in self.quotas.items():
            quota = QUOTAS.get(name)
            if quota is None:
                raise SettingsError(
                    f"{self.origin}: unknown quota {name!r}; known quotas: {', '.join(QUOTAS)}"
                )
            if type(value) is not int or value < 1:
                raise SettingsError(
                    f"{self.origin}: quota {name!r} must be a positive integer, not {value!r}"
                )
            if value > quota.hard_limit:
                raise SettingsError(
                    f"{self.origin}: quota {name!r} = {value} is above its hard limit of "
                    f"{quota.hard_limit}, which AWS does not raise"
                )

    @classmethod
    def from_table(
        cls, table: Mapping[str, Any], *, origin: str = TABLE, base: Path | None = None
    ) -> RuleSettings:
        """Settings from a ``[tool.hpt-request]`` table (already parsed); ``prices`` is a path
        relative to ``base`` (the pyproject.toml's folder; the working folder by default)."""
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise SettingsError(
                f"{origin}: unknown key {unknown[0]!r}; the keys are {', '.join(sorted(_KEYS))}"
            )
        lists: dict[str, list[str]] = {}
        for key in ("disable", "enable", "warn", "error"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise SettingsError(f"{origin}: {key} must be a list of rule ids, not {value!r}")
            lists[key] = value
        quotas = table.get("quotas", {})
        if not isinstance(quotas, Mapping):
            raise SettingsError(f"{origin}: quotas must be a table, not {quotas!r}")
        try:
            where = origin.replace(f"[{TABLE}]", f"[{TABLE}.policy]")
            policy = Policy.from_table(table.get("policy", {}), origin=where)
        except PolicyError as exc:
            raise SettingsError(str(exc)) from None
        severity: dict[str, Severity] = dict.fromkeys(_expanded(lists["warn"]), "warning")
        severity.update(dict.fromkeys(_expanded(lists["error"]), "error"))
        both = sorted(set(_expanded(lists["warn"])) & set(_expanded(lists["error"])))
        if both:
            raise SettingsError(f"{origin}: {both[0]!r} is listed in both warn and error")
        return cls(
            disable=frozenset(lists["disable"]),
            enable=frozenset(lists["enable"]),
            severity=severity,
            quotas=quotas,
            origin=origin,
            policy=policy,
            prices=_prices(table.get("prices"), origin, base),
        )

    def merged(self, other: RuleSettings | None) -> RuleSettings:
        """These settings with ``other``'s on top: a rule ``other`` mentions takes ``other``'s
        word (``--warn X`` on the command line overrides ``disable = ["X"]`` in the file)."""
        if other is None:
            return self
        mentioned = {*other.severity, *other.enable}
        disable = (self.disable - mentioned) | other.disable
        enable = (self.enable - other.disable) | other.enable
        severity = {k: v for k, v in self.severity.items() if k not in other.disable}
        severity.update(other.severity)
        return RuleSettings(
            disable=disable,
            enable=enable,
            severity=severity,
            quotas={**self.quotas, **other.quotas},
            origin=other.origin,
            policy=self.policy.merged(other.policy),
            region=other.region or self.region,
            prices=other.prices or self.prices,
        )

    def runs(self, rule: Any) -> bool:
        """Whether ``rule`` (a registered rule) runs under these settings."""
        if rule.id in self.disable:
            return False
        if rule.topic == "policy":  # a policy's rule runs when the policy is set
            return self.policy.sets(rule.id.removeprefix("policy-"))
        return bool(rule.default) or rule.id in self.enable or rule.id in self.severity

    def quota(self, name: str) -> int:
        """The account's value of quota ``name``: as raised here, or AWS's default."""
        return self.quotas.get(name, QUOTAS[name].default)


DEFAULT = RuleSettings()


def _prices(value: object, origin: str, base: Path | None) -> Prices | None:
    """The price table a ``prices = "FILE"`` setting names, read."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise SettingsError(f"{origin}: prices must be the path of a CSV file, not {value!r}")
    path = Path(value) if base is None else base / value
    try:
        return Prices.read(path, shown=shown_path(path))
    except PriceTableError as exc:
        raise SettingsError(f"{exc} (prices in {origin})") from None


def _hint(rule_id: str) -> str:
    import difflib

    names = sorted({*_known_rule_ids(), *groups()})
    close = difflib.get_close_matches(rule_id, names, n=1)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return "; `hpt-request rules` lists the ids, and their groups: " + ", ".join(sorted(groups()))


def _toml() -> Any:
    """The TOML reader, imported when a ``pyproject.toml`` is first read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def parse_toml(text: str) -> dict[str, Any]:
    """A TOML document (``tomllib`` from Python 3.11, ``tomli`` before)."""
    document: dict[str, Any] = _toml().loads(text)
    return document


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` (a file or a directory)."""
    try:
        here = start.resolve()
        if not here.is_dir():
            here = here.parent
        for folder in (here, *here.parents):
            candidate = folder / "pyproject.toml"
            if candidate.is_file():
                return candidate
    except (OSError, RuntimeError) as exc:  # a name too long, a loop of links (RuntimeError)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise SettingsError(f"{start}: cannot look for pyproject.toml: {reason}") from None
    return None


def load(start: Path) -> RuleSettings:
    """The settings of the nearest ``pyproject.toml`` at or above ``start`` that has a
    ``[tool.hpt-request]`` table; the defaults if there is none. Like ruff, the search stops at
    the first ``pyproject.toml`` found, with or without the table."""
    path = find_pyproject(start)
    if path is None:
        return DEFAULT
    shown = shown_path(path)
    try:
        document = _toml().loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, _toml().TOMLDecodeError) as exc:
        raise SettingsError(f"{shown}: cannot be read: {exc}") from exc
    tool = document.get("tool", {})
    if not isinstance(tool, Mapping):  # `tool = 5`: valid TOML, but no table of tools
        raise SettingsError(f"{shown}: tool must be a table ([tool]), not {tool!r}")
    table = tool.get("hpt-request")
    if table is None:
        return DEFAULT
    if not isinstance(table, Mapping):
        raise SettingsError(f"{shown}: [{TABLE}] must be a table, not {table!r}")
    return RuleSettings.from_table(table, origin=f"{shown} [{TABLE}]", base=path.parent)


def shown_path(path: Path) -> str:
    """How a message names a settings file: relative to the working folder when it is inside
    it (``a/pyproject.toml``), else in full, so that the file named is the file that was read."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def from_options(
    *,
    disable: Iterable[str] = (),
    enable: Iterable[str] = (),
    warn: Iterable[str] = (),
    error: Iterable[str] = (),
    policy: Iterable[str] = (),
    region: str | None = None,
    prices: str | None = None,
) -> RuleSettings:
    """Settings from command-line options (``--disable``, ``--enable``, ``--warn``,
    ``--error``, ``--policy KEY=VALUE``, ``--region``, ``--prices FILE``)."""
    try:
        policies = from_pairs(list(policy))
    except PolicyError as exc:
        raise SettingsError(str(exc)) from None
    settings = RuleSettings.from_table(
        {
            "disable": list(disable),
            "enable": list(enable),
            "warn": list(warn),
            "error": list(error),
        },
        origin="command line",
    )
    return attrs.evolve(
        settings, policy=policies, region=region, prices=_prices(prices, "--prices", None)
    )
