"""One pass over wire data: the schema's checks, compiled to Python, reading the model objects.

:mod:`hpt_request.schema.readers` (generated from the packaged schemas by
``generator/emit_readers.py``) holds one reader per schema definition. Called on a value, a reader
checks every keyword of its definition exactly as the reference engine (:mod:`jsonschema`, with
the wire's strict types: see :mod:`hpt_request.schema.engines`) does, notes each error it finds,
and returns what the value reads as:

- a model object for a structure (made without running the model's converters and validators:
  every value has already been checked), a fresh list for an array, a copy for a map, the enum
  member for an enum string, the value itself for other scalars;
- :data:`~hpt_request.rules.UNKNOWN` for a value with a problem at its own place (and for a map
  with a problem anywhere inside it). A structure or list with problems further down is still
  read, member by member, so the rules can read what is sound: the same objects
  :func:`hpt_request.rules.partial.readable` makes from the problems.

On valid data a request costs one walk, and the objects equal what the cattrs converter makes.
The errors become problems through the function that explains the reference engine's errors
(:func:`hpt_request.schema.engines.problems_of`), so paths, codes and messages are the reference
engine's. ``tests/test_reading.py`` checks both claims on golden, drawn and hostile input.

What a pass does not read the way the reference engine does, it does not read at all: it gives
up (:func:`read` returns ``None``) and the caller asks the schema engines. That is input that is
not plain JSON data (tuples, sets, ``Decimal``, subclasses of ``str`` or ``int``, mappings that
are not ``dict``), maps with keys that are not strings, containers of more than
:data:`~hpt_request.schema.engines.MAX_ENTRIES` entries, more than
:data:`~hpt_request.schema.engines.MAX_NODES` values in all, and containers nested deeper than the
schema goes in places it does not describe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from hpt_request.model.errors import Problem
from hpt_request.schema import engines as schema
from hpt_request.schema._readkit import MISSING, GiveUp, Location, Pass, Place


class Reading(NamedTuple):
    """What one pass found: the value read (the model object of a valid input; with problems,
    the object with :data:`~hpt_request.rules.UNKNOWN` where they are, for the rules), the
    problems (in the order found: :func:`~hpt_request.model.errors.ordered` sorts them), and their
    locations. (A named tuple: one is made per check, and it costs less to make than a class.)"""

    value: Any
    problems: list[Problem]
    unknown: frozenset[Location]
    # Of valid data read with ``keep``: a private deep copy of it, made while it was read (None
    # otherwise).
    wire: Any = None


def read(data: object, shape: str, *, keep: bool = True) -> Reading | None:
    """Check ``data`` as the wire form of spec shape ``shape`` and read it in one pass; None
    when the input is not plain JSON data that a pass reads (the schema engines decide then).
    With ``keep``, a valid reading holds a private copy of the data (``wire``); without it, the
    pass makes no copy (``wire`` is None). Never raises: whatever a pass could not foresee is
    left to the engines as well."""
    try:
        return read_plain(data, shape, keep=keep)
    except Exception:  # not plain data in a way no check foresaw: the engines decide
        return None


Reader = Callable[[Any, Place, Any, Pass], Any]
# readers.STRUCTURES (the generated reader of each structure, by shape), kept here at the first
# check: the generated module is not loaded at import, and a call need not import it again.
_READERS: Mapping[str, Reader] | None = None


def _readers() -> Mapping[str, Reader]:
    global _READERS  # set once, to the generated module's own dict
    from hpt_request.schema import readers

    _READERS = readers.STRUCTURES
    return _READERS


def read_plain(data: object, shape: str, *, keep: bool = True) -> Reading | None:
    """:func:`read`, except that an exception nothing foresaw is raised (the tests call this)."""
    reader = (_READERS or _readers()).get(shape)
    if reader is None:
        return None
    state = Pass(keep)
    try:
        value = reader(data, None, MISSING, state)
    except (GiveUp, RecursionError):
        return None
    if state.left < 0:  # over the bound, seen only at the end (a structure does not check)
        return None
    if not state.errors:
        return Reading(value, [], _NOWHERE, state.last if keep else None)
    # The schema documents explain the errors (unsorted: the caller sorts them with the rest).
    problems = schema.problems_of(state.errors, shape)
    return Reading(value, problems, frozenset([problem.location for problem in problems]))


_NOWHERE: frozenset[Location] = frozenset()
