"""SageMaker's built-in algorithms, known offline: metrics, hyperparameters and image registries.

The facts live in ``hpt_request/rules/data/algorithms.json``, extracted from the SageMaker
Developer Guide's per-algorithm pages (each entry names its pages) and from the registry accounts
that the SageMaker Python SDK and the Developer Guide's "Docker Registry Paths" pages document;
the file's ``about`` header says how it was made (``generator/algorithms.py``). The names an
algorithm accepts beyond its page (from its container's source, its training logs, AWS's
notebooks) are in ``data/algorithm_names.json``, each with its sources
(``generator/algorithm_names.py``). Both are read once, on first use.

- ``algorithms()``: every algorithm by key (``"xgboost"``, ``"kmeans"``, ...).
- ``identify(image_uri)``: the algorithm whose documented registry serves that image, or None.
- ``framework_mode(static_hyperparameters)``: whether the container runs the user's own script
  (then the algorithm's own metrics and hyperparameters do not constrain the job).
- ``suggest(name, choices)``: the closest documented name, for a did-you-mean (difflib's answer).
"""

from __future__ import annotations

import bisect
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
    # Names the algorithm accepts that its Developer Guide page does not document (from its
    # container's source, its training logs, AWS's notebooks: data/algorithm_names.json), and
    # of those, the aliases of a documented name (learning_rate for XGBoost's eta).
    accepted: frozenset[str] = attrs.field(default=frozenset(), repr=False)
    aliases: Mapping[str, str] = attrs.field(factory=dict, repr=False, eq=False)

    def metric(self, name: str) -> Metric | None:
        """The metric called exactly ``name``, or None."""
        if not self.metrics:
            return None  # ``name`` is not looked at
        return self._metrics_by_name.get(name)

    def hyperparameter_names(self) -> frozenset[str]:
        """The names of the documented hyperparameters."""
        return self._hyperparameter_names

    def hyperparameter_list(self) -> tuple[str, ...]:
        """The names of the documented hyperparameters, in the table's order."""
        return self._hyperparameter_list

    def accepted_names(self) -> frozenset[str]:
        """The names the algorithm accepts besides the documented ones (:attr:`accepted`)."""
        return self.accepted

    def known_names(self) -> frozenset[str]:
        """The documented names and the names the algorithm accepts besides them."""
        return self._known_names

    def known_list(self) -> tuple[str, ...]:
        """:meth:`known_names` in order: the documented ones first, then the others sorted."""
        return self._known_list

    def closest_name(self, name: str) -> str | None:
        """``suggest(name, self.known_list())``, with the names indexed once per algorithm."""
        return self._known_choices.suggest(name)

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
    def _hyperparameter_list(self) -> tuple[str, ...]:
        return tuple(h.name for h in self.hyperparameters)

    @functools.cached_property
    def _hyperparameter_names(self) -> frozenset[str]:
        return frozenset(h.name for h in self.hyperparameters)

    @functools.cached_property
    def _known_names(self) -> frozenset[str]:
        return self._hyperparameter_names | self.accepted

    @functools.cached_property
    def _known_list(self) -> tuple[str, ...]:
        extra = sorted(self.accepted - self._hyperparameter_names)
        return (*self._hyperparameter_list, *extra)

    @functools.cached_property
    def _known_choices(self) -> _Choices:
        return _Choices(self._known_list)

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


def _algorithm(key: str, data: Mapping[str, Any], names: Mapping[str, Any]) -> Algorithm:
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
        accepted=frozenset(names),
        aliases={name: entry["alias_of"] for name, entry in names.items() if "alias_of" in entry},
    )


@functools.cache
def _document() -> Mapping[str, Any]:
    from hpt_request.model.packaged import read_text

    loaded: dict[str, Any] = json.loads(read_text("rules", "data", "algorithms.json"))
    return loaded


@functools.cache
def _accepted() -> Mapping[str, Any]:
    """data/algorithm_names.json (``generator/algorithm_names.py``): per algorithm, the names it
    accepts beyond its documented ones, each with its sources."""
    from hpt_request.model.packaged import read_text

    loaded: dict[str, Any] = json.loads(read_text("rules", "data", "algorithm_names.json"))
    return loaded


@functools.cache
def algorithms() -> Mapping[str, Algorithm]:
    """Every built-in algorithm of the table by key, read from the package data once."""
    accepted = _accepted()["algorithms"]
    table = {
        key: _algorithm(key, data, accepted.get(key, {}))
        for key, data in _document()["algorithms"].items()
    }
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
    """The choice closest to ``name`` (a case-insensitive match first), or None if none is close.

    Close is what ``difflib.get_close_matches(name, choices, n=1, cutoff=0.6)`` finds, and the
    answer is always its answer; each list of choices is indexed once (:class:`_Choices`), so
    that ``name`` is compared only with the choices that could be the closest, by difflib's own
    measure (:func:`_ratio`)."""
    return _choices(tuple(choices)).suggest(name)


# How many lists of choices keep their index (the rules ask about each algorithm's names and
# metrics, the command line about the table's keys).
REMEMBERED_CHOICES = 64
CUTOFF = 0.6
# From this length on, difflib's SequenceMatcher treats the characters that are frequent in the
# name as junk ("autojunk"); suggest() then lets difflib compute the ratios itself.
AUTOJUNK_LENGTH = 200


@functools.lru_cache(maxsize=REMEMBERED_CHOICES)
def _choices(options: tuple[str, ...]) -> _Choices:
    return _Choices(options)


def _letters(text: str) -> list[str]:
    """Each character of ``text`` repeated once for each time it came before and once more
    (``"aba"``: ``a``, ``b``, ``aa``): two texts share as many of these as they have characters
    in common, counted with repetition."""
    seen: dict[str, int] = {}
    letters = []
    for char in text:
        count = seen.get(char, 0) + 1
        seen[char] = count
        letters.append(char * count)
    return letters


class _Choices:
    """The choices of :func:`suggest`, indexed: the first choice of each lowercased text, and
    each choice's characters as the bits of one number (a bit for each of :func:`_letters`),
    with its length, in a table sorted by length.

    ``difflib.get_close_matches`` keeps every choice whose ``ratio()`` (2 M / T: M characters
    covered by the matching blocks, T the two lengths) reaches the cutoff, and returns the
    greatest (ratio, choice). The characters two texts have in common (the bits their numbers
    share) are at least M, so 2 C / T, written as difflib writes its ratios, is at least the
    ratio; and C is at most the shorter length. So the ratio of the closest choice of about the
    name's length (a slip adds, drops or changes a character) is worked out first; then only
    choices of the lengths that could still do better are bounded, and their ratios worked out
    in descending order of (bound, choice) until no later one can be greater than the best
    found. Where the choices of about the name's length are not close, every choice is bounded.
    """

    __slots__ = ("bits", "folded", "lengths", "runs", "table")

    def __init__(self, options: tuple[str, ...]) -> None:
        self.folded: dict[str, str] = {}
        self.bits: dict[str, int] = {}
        table = []
        for option in options:
            self.folded.setdefault(option.lower(), option)
            mask = 0
            for letter in _letters(option):
                bit = self.bits.get(letter)
                if bit is None:
                    bit = self.bits[letter] = 1 << len(self.bits)
                mask |= bit
            table.append((len(option), mask, option))
        table.sort(key=_length)
        self.table = table
        self.lengths = [entry[0] for entry in table]
        # For each character, the bits of its first, first two, first three, ... occurrences
        # (``c``, ``cc``, ``ccc`` of :func:`_letters`), each entry the union of those before:
        # a name with a character k times has the bits of entry k (or the last one).
        runs: dict[str, list[int]] = {}
        for letter, bit in sorted(self.bits.items(), key=_by_count):
            run = runs.setdefault(letter[0], [])
            run.append((run[-1] if run else 0) | bit)
        self.runs: dict[str, tuple[int, ...]] = {c: tuple(run) for c, run in runs.items()}

    def suggest(self, name: str) -> str | None:
        found = self.folded.get(name.lower())
        return found if found is not None else self.closest(name)

    def closest(self, name: str) -> str | None:
        """What ``difflib.get_close_matches(name, options, n=1, cutoff=CUTOFF)`` returns."""
        runs = self.runs
        mask = 0
        for char in set(name):  # the bits of _letters(name) that some choice has
            run = runs.get(char)
            if run is not None:
                count = name.count(char)
                mask |= run[count - 1] if count <= len(run) else run[-1]
        if not mask:
            return None  # nothing in common with any choice: every ratio is 0
        size = len(name)
        ratio = _ratio if size < AUTOJUNK_LENGTH else _Difflib(name).ratio
        lengths = self.lengths
        best: tuple[float, str] | None = None
        # The closest choice of the name's length, give or take one.
        first, last = bisect.bisect_left, bisect.bisect_right
        near_start, near_stop = first(lengths, size - 1), last(lengths, size + 1)
        near = self._bounds(mask, size, near_start, near_stop)
        if near:
            option = max(near)[1]
            score = ratio(option, name)
            if score >= CUTOFF:
                best = (score, option)
        if best is None:
            candidates = self._bounds(mask, size, 0, len(lengths))
        else:
            # Only a choice whose length lets 2 min(length, size) / (length + size) reach the
            # best ratio can do better (one length more on each side: no rounding decides).
            score = best[0]
            low = math.floor(score * size / (2 - score)) - 1
            high = math.floor(size * (2 - score) / score) + 1
            start, stop = first(lengths, low), last(lengths, high)
            # The bounds of the near lengths are known; only those outside them are new.
            bounded = near
            if start < near_start:
                bounded = self._bounds(mask, size, start, near_start) + bounded
            if stop > near_stop:
                bounded = bounded + self._bounds(mask, size, near_stop, stop)
            candidates = [
                candidate
                for candidate in bounded
                if candidate > best and candidate[1] != best[1] and low <= len(candidate[1]) <= high
            ]
        candidates.sort(reverse=True)
        for bound, option in candidates:
            if best is not None and (bound, option) < best:
                break  # neither this choice nor any later one can be greater
            score = ratio(option, name)
            if score >= CUTOFF and (best is None or (score, option) > best):
                best = (score, option)
        return best[1] if best is not None else None

    def _bounds(self, mask: int, size: int, start: int, stop: int) -> list[tuple[float, str]]:
        """(bound, choice) for the choices from ``start`` to ``stop`` in the table whose bound
        reaches the cutoff."""
        found = []
        for length, bits_of, option in self.table[start:stop]:
            bound = 2.0 * (mask & bits_of).bit_count() / (length + size)
            if bound >= CUTOFF:
                found.append((bound, option))
        return found


def _by_count(item: tuple[str, int]) -> int:
    return len(item[0])


def _length(entry: tuple[int, int, str]) -> int:
    return entry[0]


class _Difflib:
    """difflib's own ratio of each choice to one name (which it reads once)."""

    __slots__ = ("matcher",)

    def __init__(self, name: str) -> None:
        self.matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher()
        self.matcher.set_seq2(name)

    def ratio(self, option: str, name: str) -> float:
        self.matcher.set_seq1(option)
        return self.matcher.ratio()


def _ratio(a: str, b: str) -> float:
    """``difflib.SequenceMatcher(None, a, b).ratio()`` for ``b`` shorter than
    :data:`AUTOJUNK_LENGTH` (no character of it is junk then): the same matching blocks, found
    the same way (the longest block first, then the longest on each side of it, and so on),
    counted, and the ratio written as difflib writes it."""
    matched = 0
    pending = [(0, len(a), 0, len(b))]
    while pending:
        alo, ahi, blo, bhi = pending.pop()
        i, j, k = _longest_match(a, b, alo, ahi, blo, bhi)
        if k:
            matched += k
            if alo < i and blo < j:
                pending.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                pending.append((i + k, ahi, j + k, bhi))
    length = len(a) + len(b)
    return 2.0 * matched / length if length else 1.0


def _longest_match(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """What ``SequenceMatcher.find_longest_match(alo, ahi, blo, bhi)`` returns without junk:
    the longest block of ``a[alo:ahi]`` also in ``b[blo:bhi]``, of those the one that starts
    earliest in ``a``, found where it starts earliest in ``b`` (``(alo, blo, 0)`` if none)."""
    window = b[blo:bhi]
    best, size = alo, 0
    start = alo
    while start + size < ahi:  # a longer block than the best can still start here
        end = start + size + 1
        if a[start:end] in window:
            end += 1
            while end <= ahi and a[start:end] in window:
                end += 1
            best, size = start, end - 1 - start
        start += 1
    if not size:
        return alo, blo, 0
    return best, window.find(a[best : best + size]) + blo, size
