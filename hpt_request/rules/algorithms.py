"""SageMaker's built-in algorithms, known offline: metrics, hyperparameters and image registries.

The facts live in ``hpt_request/data/algorithms.json``, extracted from the SageMaker Developer
Guide's per-algorithm pages (each entry names its pages) and from the registry accounts that the
SageMaker Python SDK and the Developer Guide's "Docker Registry Paths" pages document; the file's
``about`` header says how it was made (``generator/algorithms.py``). It is read once, on first use.

- ``algorithms()``: every algorithm by key (``"xgboost"``, ``"kmeans"``, ...).
- ``identify(image_uri)``: the algorithm whose documented registry serves that image, or None.
- ``framework_mode(static_hyperparameters)``: whether the container runs the user's own script
  (then the algorithm's own metrics and hyperparameters do not constrain the job).
- ``suggest(name, choices)``: the closest documented name, for a did-you-mean.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

Direction = Literal["Maximize", "Minimize"]
Kind = Literal["integer", "continuous", "categorical", "boolean", "string", "list"]
RangeType = Literal["Integer", "Continuous", "Categorical"]

# Static hyperparameters with which the SageMaker Python SDK starts a framework container on
# the user's own script (script mode); a built-in image such as XGBoost then runs user code.
FRAMEWORK_MARKERS = frozenset({"sagemaker_program", "sagemaker_submit_directory"})

_IMAGE = re.compile(
    r"(?P<account>\d{12})\.dkr\.ecr\.(?P<region>[a-z]{2}(?:-[a-z]+)+-\d+)"
    r"\.(?P<domain>amazonaws\.com(?:\.cn)?)"
    r"/(?P<repository>[a-z0-9]+(?:[._/-][a-z0-9]+)*)"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})?"
)


@attrs.frozen
class Metric:
    """A metric the algorithm emits that a tuning job can use as its objective."""

    name: str
    direction: Direction


@attrs.frozen
class TuningRange:
    """The range the algorithm's tuning page recommends for a tunable hyperparameter."""

    type: RangeType
    minimum: float | None = None
    maximum: float | None = None
    values: tuple[str, ...] | None = None
    note: str | None = None


@attrs.frozen
class Hyperparameter:
    """One documented hyperparameter of an algorithm.

    ``kind`` is the documented type. For ``integer`` and ``continuous``, ``minimum`` and
    ``maximum`` (None: unbounded) are the documented valid bounds and ``values`` the words
    accepted besides numbers (``auto``); for ``categorical`` and ``boolean``, ``values`` is the
    allowed set as documented; for ``list``, the allowed items when documented. ``tunable`` is
    None unless the tuning page lists the hyperparameter. ``default`` is the documented default
    as written (None: none documented). ``documented`` is the page's "Valid values" text.
    """

    name: str
    kind: Kind
    required: bool
    tunable: TuningRange | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_inclusive: bool = True
    max_inclusive: bool = True
    values: tuple[str, ...] | None = None
    default: str | None = None
    documented: str | None = None

    def contains(self, number: float) -> bool:
        """Whether ``number`` lies within the documented bounds (True when there are none)."""
        if self.minimum is not None and (
            number < self.minimum or (number == self.minimum and not self.min_inclusive)
        ):
            return False
        return self.maximum is None or not (
            number > self.maximum or (number == self.maximum and not self.max_inclusive)
        )

    def admits(self, value: str) -> bool:
        """Whether a static value (wire text such as ``"0.3"``) is among the documented values.

        Strings, lists, and numbers beside documented words are judged only as far as the
        documentation allows: an unknown word for a numeric hyperparameter is refused, any
        text for a ``string`` is accepted.
        """
        text = value.strip()
        if self.kind in {"categorical", "boolean"}:
            allowed = self.values or ()
            folded = {v.lower() for v in allowed} if self.kind == "boolean" else set(allowed)
            return (text.lower() if self.kind == "boolean" else text) in folded
        if self.kind not in {"integer", "continuous"}:
            return True
        if self.values and text in self.values:
            return True
        try:
            number = float(text)
        except ValueError:
            return False
        if not math.isfinite(number) or (self.kind == "integer" and not number.is_integer()):
            return False
        return self.contains(number)


@attrs.frozen
class Registry:
    """A documented registry account serving an algorithm's repository in one region."""

    repository: str
    region: str
    account: str


@attrs.frozen
class Algorithm:
    """A built-in algorithm: its images, its tuning metrics and its hyperparameters."""

    key: str
    title: str
    repositories: tuple[str, ...]
    pages: tuple[str, ...]
    metrics: tuple[Metric, ...]
    hyperparameters: tuple[Hyperparameter, ...]
    registries: tuple[Registry, ...] = attrs.field(repr=False)

    def metric(self, name: str) -> Metric | None:
        """The metric called exactly ``name``, or None."""
        if not self.metrics:
            return None  # ``name`` is not looked at
        return self._metrics_by_name.get(name)

    def hyperparameter_names(self) -> frozenset[str]:
        """The names of the documented hyperparameters."""
        return self._hyperparameter_names

    def hyperparameter(self, name: str) -> Hyperparameter | None:
        """The hyperparameter called exactly ``name``, or None."""
        if not self.hyperparameters:
            return None  # ``name`` is not looked at
        return self._hyperparameters_by_name.get(name)

    def required_hyperparameters(self) -> tuple[Hyperparameter, ...]:
        """The hyperparameters documented as required in every case (not "required if ...")."""
        return self._required

    # Indexes built on first use (the table is immutable); the first entry of a name wins.
    @functools.cached_property
    def _metrics_by_name(self) -> Mapping[str, Metric]:
        return {m.name: m for m in reversed(self.metrics)}

    @functools.cached_property
    def _hyperparameters_by_name(self) -> Mapping[str, Hyperparameter]:
        return {h.name: h for h in reversed(self.hyperparameters)}

    @functools.cached_property
    def _hyperparameter_names(self) -> frozenset[str]:
        return frozenset(h.name for h in self.hyperparameters)

    @functools.cached_property
    def _required(self) -> tuple[Hyperparameter, ...]:
        return tuple(h for h in self.hyperparameters if h.required)

    def account(self, region: str, repository: str | None = None) -> str | None:
        """The registry account of ``repository`` (default: the first) in ``region``, or None."""
        wanted = repository or self.repositories[0]
        return next(
            (r.account for r in self.registries if r.repository == wanted and r.region == region),
            None,
        )


def _range(data: Mapping[str, Any] | None) -> TuningRange | None:
    if data is None:
        return None
    values = data.get("values")
    return TuningRange(
        type=data["type"],
        minimum=data.get("min"),
        maximum=data.get("max"),
        values=tuple(values) if values is not None else None,
        note=data.get("note"),
    )


def _hyperparameter(data: Mapping[str, Any]) -> Hyperparameter:
    values = data.get("values")
    return Hyperparameter(
        name=data["name"],
        kind=data["kind"],
        required=data["required"],
        tunable=_range(data.get("tunable")),
        minimum=data.get("minimum"),
        maximum=data.get("maximum"),
        min_inclusive=data.get("min_inclusive", True),
        max_inclusive=data.get("max_inclusive", True),
        values=tuple(values) if values is not None else None,
        default=data.get("default"),
        documented=data.get("documented"),
    )


def _algorithm(key: str, data: Mapping[str, Any]) -> Algorithm:
    return Algorithm(
        key=key,
        title=data["title"],
        repositories=tuple(data["repositories"]),
        pages=tuple(data["pages"]),
        metrics=tuple(Metric(m["name"], m["direction"]) for m in data["metrics"]),
        hyperparameters=tuple(_hyperparameter(h) for h in data["hyperparameters"]),
        registries=tuple(
            Registry(repository, region, account)
            for repository, accounts in data["registries"].items()
            for region, account in accounts.items()
        ),
    )


@functools.cache
def _document() -> Mapping[str, Any]:
    from hpt_request.model.packaged import read_text

    loaded: dict[str, Any] = json.loads(read_text("rules", "data", "algorithms.json"))
    return loaded


@functools.cache
def algorithms() -> Mapping[str, Algorithm]:
    """Every built-in algorithm of the table by key, read from the package data once."""
    table = {key: _algorithm(key, data) for key, data in _document()["algorithms"].items()}
    return MappingProxyType(table)


@functools.cache
def _by_image() -> Mapping[tuple[str, str, str], Algorithm]:
    return MappingProxyType(
        {
            (r.account, r.region, r.repository): algorithm
            for algorithm in algorithms().values()
            for r in algorithm.registries
        }
    )


def _domain(region: str) -> str:
    return "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"


def identify(image_uri: str) -> Algorithm | None:
    """The built-in algorithm that ``image_uri`` names, or None.

    Recognised: ``<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>`` with any tag or
    digest (or none), when ``<account>`` is a documented registry of that repository in that
    region and the domain is the region's. Anything else is None: framework images, your own
    repositories (even one called ``xgboost``), other regions' accounts, malformed text.
    """
    return _identify(image_uri.strip())


@functools.lru_cache(maxsize=1024)
def _identify(image_uri: str) -> Algorithm | None:
    match = _IMAGE.fullmatch(image_uri)
    if match is None or match["domain"] != _domain(match["region"]):
        return None
    return _by_image().get((match["account"], match["region"], match["repository"]))


def framework_mode(static_hyperparameters: Mapping[str, str] | None) -> bool:
    """Whether the static hyperparameters start the container on the user's own script.

    The SageMaker Python SDK sets ``sagemaker_program`` (the entry point) and
    ``sagemaker_submit_directory`` (the code archive) for framework and script-mode jobs; a
    built-in image given them (XGBoost in script mode) runs user code, whose metrics and
    hyperparameters are the user's own.
    """
    return bool(static_hyperparameters) and not FRAMEWORK_MARKERS.isdisjoint(
        static_hyperparameters or {}
    )


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``name`` (a case-insensitive match first), or None if none is close."""
    options = list(choices)
    folded = [c for c in options if c.lower() == name.lower()]
    if folded:
        return folded[0]
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return close[0] if close else None
