"""Where a problem is in the file: line and column of the member it names, in JSON and in YAML.

Problems carry their place as wire steps (:attr:`~hpt_request.model.errors.Problem.location`); a
person reading a file wants ``FILE:LINE:COL``. :func:`positions` maps each problem of a file to
a :class:`Position`, 1-based, counted in characters (Unicode code points), the way editors and
GitHub annotations count them:

- a bad scalar value: the value (``"ml.m5.xlarge"``, ``0``, ``true``);
- an object or list (a value of the wrong kind, a rule about a whole structure): the member's
  name, which starts its line (a list item or the request itself: where it starts);
- an unknown member or a bad map key (codes ``additionalProperties``, ``propertyNames``): the key;
- a missing member (code ``required``, and rules about a member that is absent): its parent
  object, located as above.

JSON text is read a second time, only along the paths of the problems, with the standard
library's decoder reading the keys (escapes decoded exactly as ``json`` does) and stepping over
everything else. That is a few dozen lines and needs the text to be strict JSON,
which :func:`~hpt_request.text.jsontext.parse_json` has already established; the position-recording
JSON parsers on PyPI are unmaintained or far larger than this. YAML needs no new parser: PyYAML
(libyaml when present) records the start of every node, and the same strict loader that read
the data composes the nodes again.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from hpt_request.model.errors import Problem, Step
from hpt_request.text import joins
from hpt_request.text.jsontext import LINE_BREAK

Syntax = Literal["json", "yaml"]
KEY_CODES = frozenset({"additionalProperties", "propertyNames"})
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_STEPPER = json.JSONDecoder(parse_int=str)
"""Steps over a value whose content is not wanted: integers are kept as their text, so one of
more digits than ``int()`` takes is stepped over too."""


@attrs.frozen
class Position:
    """A place in a text: 1-based line and column, the column counted in characters."""

    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


@attrs.frozen
class _Node:
    """Where one member or item starts: its key (None for list items and the root) and its value,
    as offsets into the text or ``(line, column)`` pairs, and whether the value is a scalar."""

    key: int | tuple[int, int] | None
    value: int | tuple[int, int]
    scalar: bool


Location = tuple[Step, ...]


def _prefixes(locations: Iterable[Location]) -> set[Location]:
    wanted: set[Location] = set()
    for location in locations:
        wanted.update(location[:size] for size in range(len(location) + 1))
    return wanted


# -- JSON ---------------------------------------------------------------------------------------


def _skip_space(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index


def _json_walk(
    text: str,
    start: int,
    here: Location,
    wanted: set[Location],
    branches: set[Location],
    found: dict[Location, _Node],
) -> int:
    """Walk the JSON value at ``start`` (no whitespace before it) and return where it ends,
    recording the nodes on the wanted paths below ``here`` (``branches``: the wanted paths that
    have wanted children)."""
    opener = text[start]
    if opener not in "{[" or here not in branches:
        _, end = _STEPPER.raw_decode(text, start)
        return int(end)
    index = _skip_space(text, start + 1)
    if opener == "{":
        while text[index] != "}":
            key, after_key = _DECODER.raw_decode(text, index)  # a string: the key
            colon = _skip_space(text, after_key)
            value_start = _skip_space(text, colon + 1)
            child = (*here, key)
            if child in wanted:
                scalar = text[value_start] not in "{["
                found[child] = _Node(index, value_start, scalar)
                end = _json_walk(text, value_start, child, wanted, branches, found)
            else:
                _, end = _STEPPER.raw_decode(text, value_start)
            index = _skip_space(text, end)
            if text[index] == ",":
                index = _skip_space(text, index + 1)
        return index + 1
    item = 0
    while text[index] != "]":
        item_location = (*here, item)
        if item_location in wanted:
            found[item_location] = _Node(None, index, text[index] not in "{[")
            end = _json_walk(text, index, item_location, wanted, branches, found)
        else:
            _, end = _STEPPER.raw_decode(text, index)
        index = _skip_space(text, end)
        if text[index] == ",":
            index = _skip_space(text, index + 1)
        item += 1
    return index + 1


def _json_nodes(text: str, wanted: set[Location]) -> dict[Location, _Node]:
    start = _skip_space(text, 1 if text.startswith("\ufeff") else 0)
    found: dict[Location, _Node] = {(): _Node(None, start, text[start] not in "{[")}
    branches = {location[:-1] for location in wanted if location}
    _json_walk(text, start, (), wanted, branches, found)
    return found


# -- YAML ---------------------------------------------------------------------------------------


def _yaml_nodes(
    text: str, wanted: set[Location], composed: Sequence[Any] | None = None
) -> dict[Location, _Node]:
    """The nodes on the wanted paths: from ``composed``, the documents' nodes as the reading
    composed them, or, without them, from the text composed again."""
    import yaml

    from hpt_request.text.jsontext import MERGE_TAG, yaml_loader

    offset = 1 if text.startswith("\ufeff") else 0
    loader = yaml_loader()("" if composed is not None else text[offset:])
    try:
        documents: list[Any] = list(composed) if composed is not None else []
        while composed is None and loader.check_node():
            documents.append(loader.get_node())
        found: dict[Location, _Node] = {}
        if not documents or documents[0] is None:
            return found
        # A stream of several documents (Kubernetes manifests) is a list of them.
        root = documents[0] if len(documents) == 1 else yaml.SequenceNode("", documents)

        def mark(node: Any) -> tuple[int, int]:
            if node.start_mark is None:  # the stream itself
                return (0, 0)
            start = node.start_mark
            return (start.line, start.column + (offset if start.line == 0 else 0))

        def scalar(node: Any) -> bool:
            return isinstance(node, yaml.ScalarNode)

        def pairs(node: Any) -> list[tuple[Any, Any]]:
            """The mapping's entries, those written in it first, then the merged ones."""
            own = [(k, v) for k, v in node.value if k.tag != MERGE_TAG]
            merged: list[tuple[Any, Any]] = []
            for key_node, value_node in node.value:
                if key_node.tag == MERGE_TAG:
                    sources = (
                        value_node.value
                        if isinstance(value_node, yaml.SequenceNode)
                        else [value_node]
                    )
                    for source in sources:
                        if isinstance(source, yaml.MappingNode):
                            merged.extend(pairs(source))
            return own + merged

        found[()] = _Node(None, mark(root), scalar(root))
        stack: list[tuple[Any, Location]] = [(root, ())]
        while stack:
            node, here = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in pairs(node):
                    key = loader.construct_object(key_node, deep=True)
                    child = (*here, key if isinstance(key, str) else _text(key))
                    if child in wanted and child not in found:
                        found[child] = _Node(mark(key_node), mark(value_node), scalar(value_node))
                        stack.append((value_node, child))
            elif isinstance(node, yaml.SequenceNode):
                for index, value_node in enumerate(node.value):
                    child = (*here, index)
                    if child in wanted:
                        found[child] = _Node(None, mark(value_node), scalar(value_node))
                        stack.append((value_node, child))
        return found
    finally:
        loader.dispose()


def _text(key: object) -> str:
    from hpt_request.schema.engines import integer_text

    if isinstance(key, int) and not isinstance(key, bool):
        return integer_text(key)
    return str(key)


# -- positions of problems ----------------------------------------------------------------------


class _Lines:
    """Offsets into a text turned into 1-based lines and columns (a lone ``\r`` ends a line
    too, as in JSON written with old Mac line endings)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    def position(self, place: int | tuple[int, int]) -> Position:
        if isinstance(place, tuple):
            return Position(place[0] + 1, place[1] + 1)
        line = bisect.bisect_right(self.starts, place) - 1
        return Position(line + 1, place - self.starts[line] + 1)


def _place(node: _Node, *, key: bool) -> int | tuple[int, int]:
    if node.key is not None and (key or not node.scalar):
        return node.key
    return node.value


def _spot(problem: Problem, found: Mapping[Location, _Node]) -> int | tuple[int, int] | None:
    location = tuple(problem.location)
    if location in found:
        return _place(found[location], key=problem.code in KEY_CODES)
    for size in range(len(location) - 1, -1, -1):
        ancestor = found.get(location[:size])
        if ancestor is not None:  # the member is missing: its parent object
            return _place(ancestor, key=True)
    return None


def _position(problem: Problem, found: Mapping[Location, _Node], lines: _Lines) -> Position | None:
    spot = _spot(problem, found)
    return None if spot is None else lines.position(spot)


def positions(
    text: str, syntax: Syntax, problems: Sequence[Problem], nodes: Sequence[Any] | None = None
) -> list[Position | None]:
    """The position of each problem in ``text`` (JSON or YAML that has already been read
    successfully), in the order given; None when the text cannot be read again (never expected).
    ``nodes``: of YAML, the documents' nodes its reading composed
    (:func:`~hpt_request.text.jsontext.parse_yaml_file`), so that the text is not parsed again."""
    if not problems:
        return []
    wanted = _prefixes(tuple(problem.location) for problem in problems)
    try:
        yaml = syntax != "json"
        found = _yaml_nodes(text, wanted, nodes) if yaml else _json_nodes(text, wanted)
    except Exception:  # the text was read once already; a second reading cannot be worse
        return [None] * len(problems)
    lines = _Lines(text)
    return [_position(problem, found, lines) for problem in problems]


# -- inside a JSON string -----------------------------------------------------------------------


def _string_offsets(text: str, start: int) -> list[int]:
    """For the JSON string literal at ``start`` (its opening quote), the offset in ``text`` of
    each character of the decoded string, and one past the last."""
    offsets: list[int] = []
    index = start + 1
    while text[index] != '"':
        offsets.append(index)
        if text[index] != "\\":
            index += 1
        elif text[index + 1] != "u":
            index += 2
        else:
            code = int(text[index + 2 : index + 6], 16)
            index += 6
            if 0xD800 <= code < 0xDC00 and text.startswith("\\u", index):
                index += 6  # a surrogate pair decodes to one character
    offsets.append(index)
    return offsets


def document_positions(
    text: str,
    syntax: Syntax,
    problems: Sequence[Problem],
    embedded: Sequence[Location] | Location | None = None,
    nodes: Sequence[Any] | None = None,
) -> list[Position | None]:
    """:func:`positions`, where the problems under one of ``embedded`` (the locations of string
    members that hold a JSON document, such as a DescribePipeline response's
    ``PipelineDefinition`` or a template's ``DefinitionString``) are located inside that string:
    the line and column in ``text`` of the character of the string that starts the member. In
    YAML, or where the string cannot be read again, such a problem is placed at the string
    itself."""
    places = _embedded_places(embedded)
    if not places or not problems:
        return positions(text, syntax, problems, nodes)
    holders = [_holder(tuple(problem.location), places) for problem in problems]
    outer = positions(
        text,
        syntax,
        [
            problem if holder is None else attrs.evolve(problem, location=holder)
            for problem, holder in zip(problems, holders, strict=True)
        ],
        nodes,
    )
    result = list(outer)
    inside = _inside_string if syntax == "json" else _inside_block
    for place in dict.fromkeys(holder for holder in holders if holder is not None):
        chosen = [index for index, holder in enumerate(holders) if holder == place]
        inner = inside(text, place, [problems[index] for index in chosen])
        for index, spot in zip(chosen, inner, strict=True):
            if spot is not None:
                result[index] = spot
    return result


def _embedded_places(embedded: Sequence[Location] | Location | None) -> list[Location]:
    if not embedded:
        return []
    if all(isinstance(item, tuple) for item in embedded):
        return [item for item in embedded if isinstance(item, tuple)]
    return [tuple(step for step in embedded if not isinstance(step, tuple))]  # one location


def _holder(location: Location, places: Sequence[Location]) -> Location | None:
    """The longest of ``places`` that ``location`` is under, or None."""
    found: Location | None = None
    for place in places:
        if location[: len(place)] == place and (found is None or len(place) > len(found)):
            found = place
    return found


def _inside_string(
    text: str, place: Location, problems: Sequence[Problem]
) -> list[Position | None]:
    """The positions in ``text`` of problems inside the JSON string at ``place``; None for each
    where the string cannot be read again (never expected: it was read once)."""
    size = len(place)
    try:
        node = _json_nodes(text, _prefixes([place]))[place]
        assert isinstance(node.value, int)
        if text[node.value] == "[":  # the parts of an Fn::Join
            decoded, offsets = _joined_offsets(text, place, node.value)
        else:
            decoded, _ = _DECODER.raw_decode(text, node.value)
            offsets = _string_offsets(text, node.value)
        inner_problems = [
            attrs.evolve(problem, location=tuple(problem.location[size:])) for problem in problems
        ]
        found = _json_nodes(decoded, _prefixes(p.location for p in inner_problems))
    except Exception:  # read once already: never expected; the string's own place stands
        return [None] * len(problems)
    lines = _Lines(text)
    result: list[Position | None] = []
    for problem in inner_problems:
        spot = _spot(problem, found)
        result.append(
            lines.position(offsets[spot]) if isinstance(spot, int) and spot < len(offsets) else None
        )
    return result


def _joined_offsets(text: str, place: Location, start: int) -> tuple[str, list[int]]:
    """For the parts of an ``Fn::Join`` (the JSON array at ``start``, at ``place``), the text
    the join writes (:func:`~hpt_request.text.joins.joined`; its delimiter is ``""`` or text
    between them) and, for each of its characters, its offset in ``text``: a text part's own
    characters, and the start of a function's object for each character of its ``${...}``."""
    parts, _ = _DECODER.raw_decode(text, start)
    if place[-2:] != ("Fn::Join", 1) or not isinstance(parts, list):
        raise ValueError("not the parts of a join")
    delimiter = _join_delimiter(text, place)
    nodes = _json_nodes(text, _prefixes([(*place, index) for index in range(len(parts))]))
    pieces: list[str] = []
    offsets: list[int] = []
    for index, part in enumerate(parts):
        if index and delimiter:
            pieces.append(delimiter)
            offsets.extend([offsets[-1]] * len(delimiter))
        written = joins.part_text(part)
        if written is None:
            raise ValueError("a part that is not text")
        key = (*place, index)
        at = nodes[key].value
        assert isinstance(at, int)
        pieces.append(written)
        if isinstance(part, str):
            offsets.extend(_string_offsets(text, at)[:-1])
        else:
            offsets.extend([at] * len(written))
    offsets.append(offsets[-1] + 1 if offsets else start)
    return "".join(pieces), offsets


def _join_delimiter(text: str, place: Location) -> str:
    """The delimiter of the join whose parts are at ``place`` (its first argument)."""
    delimiter_place = (*place[:-1], 0)
    node = _json_nodes(text, _prefixes([delimiter_place]))[delimiter_place]
    assert isinstance(node.value, int)
    value, _ = _DECODER.raw_decode(text, node.value)
    if not isinstance(value, str):
        raise ValueError("a delimiter that is not text")
    return value


def _inside_block(text: str, place: Location, problems: Sequence[Problem]) -> list[Position | None]:
    """The positions of problems inside the JSON text held by the YAML literal block scalar
    (``|``, ``|-``, ``!Sub |``) at ``place``: each line of such a block is a line of the file,
    indented. None for each where the value is not such a block (a quoted or folded text,
    whose lines the file does not keep)."""
    try:
        block = _yaml_block(text, place)
        if block is None:
            return [None] * len(problems)
        value, first_line = block
        lines = text.splitlines()
        indent = next(
            (len(row) - len(row.lstrip(" ")) for row in lines[first_line:] if row.strip()), 0
        )
        size = len(place)
        inner_problems = [
            attrs.evolve(problem, location=tuple(problem.location[size:])) for problem in problems
        ]
        found = _json_nodes(value, _prefixes(p.location for p in inner_problems))
    except Exception:  # read once already: never expected; the block's own place stands
        return [None] * len(problems)
    starts = [0, *(match.end() for match in re.finditer("\n", value))]
    result: list[Position | None] = []
    for problem in inner_problems:
        spot = _spot(problem, found)
        if not isinstance(spot, int):
            result.append(None)
            continue
        row = bisect.bisect_right(starts, spot) - 1
        result.append(Position(first_line + row + 1, indent + spot - starts[row] + 1))
    return result


def _yaml_block(text: str, place: Location) -> tuple[str, int] | None:
    """The text of the literal block scalar at ``place`` and the 0-based line of its first
    line of content, or None. A step that names a CloudFormation function (``Fn::Sub``) is the
    tagged node itself (``!Sub |``)."""
    import yaml

    from hpt_request.text.jsontext import yaml_loader

    loader = yaml_loader()(text[1:] if text.startswith("\ufeff") else text)
    try:
        node = loader.get_single_node()
        for step in place:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if loader.construct_object(key_node, deep=True) == step:
                        node = value_node
                        break
                else:
                    if isinstance(step, str) and node.tag.startswith("!"):
                        continue
                    return None
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if isinstance(step, str) or step >= len(node.value):
                    return None
                node = node.value[step]
            elif isinstance(step, str) and node.tag.startswith("!"):
                continue  # the function's own step: the tagged node is its value
            else:
                return None
        if not isinstance(node, yaml.ScalarNode) or node.style != "|":
            return None
        return str(node.value), node.start_mark.line + 1
    finally:
        loader.dispose()
