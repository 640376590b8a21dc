"""One problem type for every layer, the exception that carries problems, and path rendering.

A :class:`Problem` names the field by its wire path, the way botocore prints parameters:
``HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges[2].MaxValue``, with map
entries as ``StaticHyperParameters["epochs"]`` (the key JSON-quoted; an unknown key that could not
be a member name is quoted the same way: ``HyperParameterTuningJobConfig["max jobs"]``).
``location`` holds the same path as raw steps (member and key names as ``str``, list indexes
as ``int``) for programs.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from json.encoder import encode_basestring as _json_text
from typing import Any, Literal

import attrs

Severity = Literal["error", "warning"]
_MEMBER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
Step = str | int


@attrs.frozen(cache_hash=True)  # problems are deduplicated and sorted, often more than once
class Problem:
    """One thing wrong with a request.

    ``code`` is stable and meant for programs: the JSON Schema keyword for structural problems
    (``required``, ``additionalProperties``, ``type``, ``enum``, ``pattern``, ``maxLength``, ...)
    and the rule id for cross-field rules. ``message`` is for people and may improve over time.

    ``severity`` is the check's own verdict (``"error"``: AWS rejects it; ``"warning"``: it may,
    or it is advice). ``effective_severity`` is what counts after the user's settings
    (``--warn``/``--error``, ``strict=True``): it decides whether the problem blocks. The two
    differ only when settings changed the verdict, so output can say what was a warning.
    """

    path: str
    code: str
    message: str
    severity: Severity = "error"
    location: tuple[Step, ...] = ()
    effective_severity: Severity = attrs.field(
        default=attrs.Factory(lambda self: self.severity, takes_self=True)
    )

    @property
    def blocking(self) -> bool:
        """Whether this problem stops ``from_wire``, ``submit`` and the command line."""
        return self.effective_severity == "error"

    def __str__(self) -> str:
        return f"{self.path or '<request>'}: {self.code}: {self.message}"


_FIELDS = ("path", "code", "message", "severity", "location", "effective_severity")
MakeProblem = Callable[[str, str, str, Severity, tuple[Step, ...], Severity], Problem]


def _slot_setter(name: str) -> Callable[[Problem, object], None]:
    """The setter of one of :class:`Problem`'s slots (its member descriptor's ``__set__``)."""
    descriptor: Any = Problem.__dict__[name]
    setter: Callable[[Problem, object], None] = descriptor.__set__
    return setter


def _slot_filler() -> MakeProblem | None:
    """A function that makes a :class:`Problem` by filling its slots through their descriptors,
    where attrs' ``__init__`` goes through ``object.__setattr__`` (slow on a frozen class): about
    half the cost. None if the class is not laid out as attrs lays it out today (the fields'
    slots and one more, the cached hash, which ``__init__`` sets to None)."""
    slots = [name for name in getattr(Problem, "__slots__", ()) if name != "__weakref__"]
    extra = [name for name in slots if name not in _FIELDS]
    if len(slots) != len(_FIELDS) + 1 or len(extra) != 1:
        return None
    try:
        set_path, set_code, set_message, set_severity, set_location, set_effective = map(
            _slot_setter, _FIELDS
        )
        set_no_hash = _slot_setter(extra[0])
    except (KeyError, AttributeError):
        return None
    new = object.__new__

    def fill(
        path: str,
        code: str,
        message: str,
        severity: Severity,
        location: tuple[Step, ...],
        effective_severity: Severity,
    ) -> Problem:
        made: Problem = new(Problem)
        set_path(made, path)
        set_code(made, code)
        set_message(made, message)
        set_severity(made, severity)
        set_location(made, location)
        set_effective(made, effective_severity)
        set_no_hash(made, None)
        return made

    return fill


def _same_as_init(make: MakeProblem | None) -> MakeProblem:
    """``make`` if a problem it makes is the one ``Problem()`` makes (equal both ways, same hash
    and repr), else ``Problem`` itself: a newer attrs that lays the class out otherwise costs
    speed, never correctness."""
    sample = ("Tags[0].Key", "minLength", "m", "error", ("Tags", 0, "Key"), "warning")
    if make is not None:
        try:
            made, expected = make(*sample), Problem(*sample)  # type: ignore[arg-type]
            if (
                made == expected
                and expected == made
                and hash(made) == hash(expected)
                and repr(made) == repr(expected)
            ):
                return make
        except Exception:  # any failure means: use the class itself
            pass
    return Problem


new_problem: MakeProblem = _same_as_init(_slot_filler())
"""``Problem(path, code, message, severity, location, effective_severity)`` at about half the
cost where attrs lays the class out as expected (checked once, at import), for the places that
make many problems. The result is the same problem (``tests/test_problem_cost.py``)."""


def sort_key(problem: Problem) -> tuple[str, str, str, str]:
    """By path (members by name before list indexes, list indexes as numbers), then code and
    message: the location as one text that sorts as the locations do (:func:`_steps_key`), then
    the path, code and message."""
    location = problem.location
    steps = _STEPS_KEYS.get(location) or _steps_key(location)
    return (steps, problem.path, problem.code, problem.message)


# How many locations keep the part of their sort key that they decide (see _steps_key), and the
# most characters of names a kept location holds (a hostile key may be long).
REMEMBERED_KEYS = 4096
REMEMBERED_TEXT = 400
_STEPS_KEYS: dict[tuple[Step, ...], str] = {}
_TOP = 0x10FFFF  # the largest character


def _steps_key(location: tuple[Step, ...]) -> str:
    """The location as one text that sorts (as texts do, character by character) as locations
    sort step by step: a member or key name before a list index, names as texts, indexes as
    numbers, and a location before the locations under it. Texts compare faster than tuples.

    Each step is written so that no step's text is the beginning of another's: a name as
    ``\\x01``, the name with each ``\\x00`` written ``\\x00\\x01``, then ``\\x00\\x00`` (which
    sorts before anything a longer name can have there); an index as ``\\x02``, then
    :func:`_index_text`. So two locations' texts first differ where their first different
    steps do, and differ there as those steps compare. :func:`sort_key` remembers it per
    location, since the same places recur across problems and requests."""
    parts: list[str] = []
    text = 0
    for step in location:
        if isinstance(step, int):
            parts.append(_index_text(step))
        else:
            parts.append("\x01" + step.replace("\x00", "\x00\x01") + "\x00\x00")
            text += len(step)
    key = "".join(parts)
    if text <= REMEMBERED_TEXT:
        if len(_STEPS_KEYS) >= REMEMBERED_KEYS:
            _STEPS_KEYS.clear()
        _STEPS_KEYS[location] = key
    return key


def _index_text(index: int) -> str:
    """A list index (any ``int``) as a text that sorts as the numbers do: ``\\x02``, then
    ``\\x01`` for zero and up, followed by its number of bytes (a character; ``_TOP`` once
    for each whole ``_TOP`` of bytes before it, for integers of megabytes) and its bytes,
    most significant first, as characters; for a negative number, ``\\x00`` and the same for
    its size with every character mirrored (``_TOP`` minus it), so that larger sizes come
    first."""
    size = abs(index)
    count = (size.bit_length() + 7) // 8
    text = "\U0010ffff" * (count // _TOP) + chr(count % _TOP)
    text += size.to_bytes(count, "big").decode("latin-1")
    if index >= 0:
        return "\x02\x01" + text
    return "\x02\x00" + "".join(chr(_TOP - ord(char)) for char in text)


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Deduplicated problems in a deterministic order: by :func:`sort_key`, and problems with
    the same key (only their severities differ) in the order given.

    Sorted in two stages, which costs less than sorting by whole keys: first by location alone
    (the remembered step keys, made once per location, not a tuple per problem), then, within
    each run of problems at one location (rare), by path, code and message. Both sorts are
    stable, so the order is the order of :func:`sort_key`. Equal problems have equal keys, so
    duplicates are found among neighbours in such a run, without hashing them all."""
    found = list(problems)
    if len(found) < 2:
        return found
    steps = _STEPS_KEYS.get
    keys = [steps(problem.location) or _steps_key(problem.location) for problem in found]
    out: list[Problem] = []
    runs: list[list[int]] = []  # [start, end] in out of each run of problems at one location
    last: str | None = None
    start = 0
    for index in sorted(range(len(found)), key=keys.__getitem__):  # stable: ties keep order
        key = keys[index]
        if key != last:
            last, start = key, len(out)
        elif runs and runs[-1][0] == start:
            runs[-1][1] += 1
        else:
            runs.append([start, start + 2])
        out.append(found[index])
    for start, end in reversed(runs):  # from the end, so that the earlier runs stay in place
        out[start:end] = _settled(out[start:end])
    return out


_TEXTS = operator.attrgetter("path", "code", "message")


def _settled(run: list[Problem]) -> list[Problem]:
    """Problems at one location (in the order given) sorted by path, code and message, without
    duplicates; problems that differ only in their severities keep the order given."""
    out: list[Problem] = []
    last: tuple[str, str, str] | None = None
    tied: list[Problem] = []
    for problem in sorted(run, key=_TEXTS):  # stable: ties keep order
        key = _TEXTS(problem)
        if key != last:
            last, tied = key, [problem]
            out.append(problem)
        elif problem not in tied:
            tied.append(problem)
            out.append(problem)
    return out


class RequestValidationError(ValueError):
    """Raised with every problem found; ``str()`` lists them one per line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])

    def __str__(self) -> str:
        return self._render()


class FieldTypeError(RequestValidationError, TypeError):
    """A value given to a model class has a type the field cannot take (for example ``True`` as
    a range bound). It is a ``TypeError`` as well, since that is what Python code expects."""


def render_path(steps: Sequence[Step], map_keys: Sequence[bool]) -> str:
    """Render raw steps; ``map_keys[i]`` says whether the string step ``i`` is a map key."""
    out: list[str] = []
    for step, is_key in zip(steps, map_keys, strict=True):
        if isinstance(step, int):
            out.append(f"[{step}]")
        else:
            out.append(step_text(step, is_key, first=not out))
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def step_text(step: str, is_key: bool, *, first: bool) -> str:
    """One string step of a path: ``Name`` first, ``.Name`` after, ``["key"]`` for a map key
    or a name that could not be a member's."""
    if is_key or not _MEMBER_NAME.fullmatch(step):
        # Map keys, and unknown keys that could not be member names ("", "a.b", "x y"),
        # are quoted so that the path stays unambiguous (as json.dumps(step,
        # ensure_ascii=False) writes a text, by the function it uses for it).
        return f"[{_json_text(step)}]"
    return step if first else f".{step}"
