"""Request text in: strict JSON and YAML.

- :func:`parse_json` and :func:`parse_yaml` read text strictly: JSON's ``NaN``/``Infinity`` are
  refused, and a key repeated in one object is an error (``json.loads`` and YAML loaders would
  silently keep the last one).

Text that cannot be read raises :class:`UnreadableText`. Writing the wire JSON text of a model
object, and reading JSON text into one, are :func:`hpt_request.check.to_json` and
:func:`hpt_request.check.from_json`: they compose this module with the structural check.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from typing import Any, Literal

from hpt_request.model.values import long_integer
from hpt_request.schema.engines import MAX_NODES
from hpt_request.text import yamlcore

YamlVersion = Literal["1.1", "1.2"]

BOM = "\ufeff"
EMPTY = "empty: the text holds no request"
CYCLE = "an alias refers to a node that contains it (a cycle)"


LINE_BREAK = re.compile(r"\r\n?|\n")
"""A line break as editors count them: ``\r\n``, ``\n``, or a lone ``\r`` (old Mac files)."""


class UnreadableText(ValueError):
    """Text that is not strict JSON or YAML; ``line`` and ``column`` (1-based, the column in
    characters) say where, when that is known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


# The marks of a template language (Go templates as Helm charts write them, Jinja), whose files
# are not JSON or YAML until they are rendered.
TEMPLATE_MARKS = ("{{", "{%")


def template_hint(text: str, line: int | None) -> str:
    """What to say after an error in ``text`` at ``line`` (1-based; None if not known) when that
    line holds a template expression (the whole text when the line is not known): the file is a
    template to render first. Empty otherwise."""
    if line is not None:
        lines = LINE_BREAK.split(text, maxsplit=line)
        where = lines[line - 1] if 0 < line <= len(lines) else ""
    else:
        where = text
    if not any(mark in where for mark in TEMPLATE_MARKS):
        return ""
    place = f"line {line}" if line is not None else "the text"
    return (
        f"; {place} holds a template expression ({{{{ ... }}}} or {{% ... %}}), as a Helm chart "
        "or a Jinja template does before it is rendered: check the rendered file (for a Helm "
        "chart, the output of `helm template`)"
    )


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text`` (see :data:`LINE_BREAK`)."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


def _integer(written: str) -> int:
    """An integer as JSON writes it; one of more digits than Python turns into a number
    (``sys.get_int_max_str_digits()``, 4,300 by default) is read as a stand-in that the
    structural check reports at its member (:func:`~hpt_request.schema.engines.long_integer`),
    rather than leaving the whole file unreadable with Python's advice."""
    limit = sys.get_int_max_str_digits()
    if limit and len(written) - written.startswith("-") > limit:
        return long_integer(written)
    return int(written)


def _reject_constant(name: str) -> Any:
    raise UnreadableText(f"{name} is not valid JSON")


class _Duplicate(UnreadableText):
    """A key repeated in one JSON object, before its place is known."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(f"duplicate key {json.dumps(key)} in one object")
        result[key] = value
    return result


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]')
"""The tokens that tell where keys are: strings (escapes kept whole), brackets and commas;
numbers, literals, colons and spaces between them are stepped over."""


def _duplicate_offset(text: str) -> int | None:
    """Where the repeated key that :func:`parse_json` refused is written (its opening quote).

    The decoder calls its pairs hook as each object closes, so the object it refused is the
    first one to close with a key written twice in it; the text is scanned once, keeping the
    keys seen in every open object. Only a text already refused for a repeated key is scanned;
    None if the scan finds no such object."""
    frames: list[tuple[set[str], list[int]] | None] = []  # None: a list
    expect_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "{":
            frames.append((set(), []))
            expect_key = True
        elif token == "[":
            frames.append(None)
        elif token in "}]":
            if frames:
                frame = frames.pop()
                if frame is not None and frame[1]:
                    return frame[1][0]
            expect_key = False
        elif token == ",":
            expect_key = bool(frames) and frames[-1] is not None
        elif expect_key and frames and (frame := frames[-1]) is not None:
            key = json.loads(token)
            if key in frame[0]:
                frame[1].append(match.start())
            frame[0].add(key)
            expect_key = False
    return None


def _without_bom(text: str) -> str:
    return text[1:] if text.startswith(BOM) else text


def parse_json(text: str) -> Any:
    """Strict JSON: no NaN/Infinity, no repeated keys; a leading byte order mark is ignored."""
    text = _without_bom(text)
    if not text.strip():
        raise UnreadableText(EMPTY)
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_reject_constant,
            parse_int=_integer,
        )
    except _Duplicate as exc:
        offset = _duplicate_offset(text)
        where = (None, None) if offset is None else line_column(text, offset)
        raise UnreadableText(str(exc), *where) from None
    except UnreadableText:
        raise
    except json.JSONDecodeError as exc:
        # the place from the offset: Python counts lines by "\n" only
        raise UnreadableText(f"not valid JSON: {exc.msg}", *line_column(text, exc.pos)) from None
    except (ValueError, RecursionError) as exc:
        raise UnreadableText(f"not valid JSON: {exc}") from None


def parse_yaml(text: str, nodes: list[Any] | None = None, *, version: YamlVersion = "1.2") -> Any:
    """YAML (the AWS CLI's ``--cli-input-yaml`` files), read with libyaml when PyYAML has it,
    by YAML 1.2's rules as the AWS CLI v2 reads it (:mod:`hpt_request.text.yamlcore`), or with
    ``version="1.1"`` by YAML 1.1's, as CloudFormation and Kubernetes read theirs:

    - a key repeated in one mapping is refused; merge keys (``<<: *base``) are supported, and a
      key written next to a merge key overrides the merged one;
    - a key that is a list or a mapping (``? [1, 2]``) is refused;
    - anchors and aliases are kept shared; an alias inside its own anchor (a cycle), or aliases
      and merge keys that would expand the document past
      :data:`~hpt_request.schema.engines.MAX_NODES` values, are refused;
    - a text with no document (empty, blank or only comments) is refused, as is a text with
      several documents; a leading byte order mark is ignored;
    - CloudFormation's short forms (``!Ref Name``, ``!Sub "..."``, ``!GetAtt A.B``) are read as
      their long forms (``{"Ref": "Name"}``); any other local tag is refused."""
    return load_yaml(text, yaml_loader(version=version), nodes=nodes)


def parse_yaml_stream(text: str, nodes: list[Any] | None = None) -> list[Any]:
    """The documents of a YAML stream (``---`` between them), each read as :func:`parse_yaml`
    reads one, with the same bounds on the stream as a whole: Kubernetes manifests are written
    so, several to a file, and read by YAML 1.1's rules as Kubernetes reads them. A text of one
    document gives a list of one."""
    documents: list[Any] = load_yaml(text, yaml_loader(version="1.1"), stream=True, nodes=nodes)
    return documents


def parse_yaml_file(text: str, nodes: list[Any] | None = None) -> Any:
    """A YAML file's data: its one document (:func:`parse_yaml`), or, for a stream of several,
    the list of them when each is a Kubernetes object (``apiVersion`` and ``kind``; empty
    documents aside), as manifests are written. A stream of other documents is refused, as a
    file of several requests always was.

    A request (and a pipeline definition or a state machine) is read by YAML 1.2's rules, as
    the AWS CLI v2 reads ``--cli-input-yaml``; a CloudFormation or SAM template and a Kubernetes
    manifest by YAML 1.1's, as those who deploy them read them (CloudFormation's template format,
    and the AWS CLI's own ``cloudformation`` commands, read by PyYAML; Kubernetes by
    sigs.k8s.io/yaml, where ``yes`` and ``on`` are booleans): a text read as YAML 1.2 that turns
    out to be one of those is read again by YAML 1.1's rules.

    With ``nodes``, the composed YAML nodes of the documents read are added to it, so that the
    places of problems are found without reading the text again
    (:func:`hpt_request.text.locations.positions`)."""
    try:
        data = parse_yaml(text, nodes)
        if _read_as_yaml_1_1(data):
            if nodes is not None:
                nodes.clear()
            data = parse_yaml(text, nodes, version="1.1")
        return data
    except UnreadableText as single:
        if nodes is not None:
            nodes.clear()
        try:
            documents = parse_yaml_stream(text, nodes)
        except UnreadableText:
            raise single from None
        objects = [document for document in documents if document is not None]
        if len(documents) > 1 and objects and all(_is_kubernetes_object(o) for o in objects):
            return documents
        raise


def _is_kubernetes_object(value: object) -> bool:
    return isinstance(value, dict) and "apiVersion" in value and "kind" in value


def _read_as_yaml_1_1(data: object) -> bool:
    """Whether ``data`` is a Kubernetes object or a CloudFormation or SAM template (a
    ``Resources`` mapping whose entries have a ``Type``, as
    :func:`hpt_request.text.templates.is_template` tells)."""
    if _is_kubernetes_object(data):
        return True
    resources = data.get("Resources") if isinstance(data, dict) else None
    return isinstance(resources, dict) and any(
        isinstance(entry, dict) and "Type" in entry for entry in resources.values()
    )


def yaml_loader(*, libyaml: bool = True, version: YamlVersion = "1.2") -> type[Any]:
    """The strict loader class: on libyaml's parser when PyYAML was built with it (and
    ``libyaml`` is true), else on PyYAML's pure-Python parser. Both are equally strict. Plain
    scalars resolve by YAML 1.2's core schema (:mod:`hpt_request.text.yamlcore`), or by YAML
    1.1's with ``version="1.1"``."""
    import yaml

    return _strict_loader(libyaml and bool(getattr(yaml, "__with_libyaml__", False)), version)


def load_yaml(
    text: str, loader_class: type[Any], *, stream: bool = False, nodes: list[Any] | None = None
) -> Any:
    """Read YAML ``text`` with a class from :func:`yaml_loader` (see :func:`parse_yaml`); with
    ``stream``, every document of it, as a list; with ``nodes``, each document's composed node
    is added to that list."""
    import yaml

    text = _without_bom(text)
    if not text.strip():
        raise UnreadableText(EMPTY)
    loader = None
    try:
        loader = loader_class(text)
        if stream:
            data: Any = []
            while loader.check_node():
                document = loader.get_node()
                if nodes is not None:
                    nodes.append(document)
                data.append(loader.construct_document(document))
            if not data:
                raise UnreadableText(
                    "no YAML document: the text holds only comments or blank lines"
                )
        else:
            node = loader.get_single_node()
            if node is None:
                raise UnreadableText(
                    "no YAML document: the text holds only comments or blank lines"
                )
            if nodes is not None:
                nodes.append(node)
            data = loader.construct_document(node)
    except UnreadableText:
        raise
    except yaml.constructor.ConstructorError as exc:
        if "recursive" in str(exc.problem):  # a mapping inside its own anchor
            raise UnreadableText(CYCLE, *_mark(exc)) from None
        raise UnreadableText(f"not valid YAML: {_yaml_error(exc)}", *_mark(exc)) from None
    except yaml.YAMLError as exc:
        raise UnreadableText(f"not valid YAML: {_yaml_error(exc)}", *_mark(exc)) from None
    except (RecursionError, ValueError, TypeError, UnicodeError) as exc:
        raise UnreadableText(f"not valid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if "*" in text:  # no alias can be written without one, nor a cycle
        _check_expansion(data)
    return data


MERGE_TAG = "tag:yaml.org,2002:merge"


def _mark(exc: Exception) -> tuple[int | None, int | None]:
    """The 1-based line and column of a YAML error, when it has them."""
    mark = getattr(exc, "problem_mark", None)
    return (None, None) if mark is None else (mark.line + 1, mark.column + 1)


def _at(node: Any) -> tuple[int, int]:
    """The 1-based line and column where a YAML node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _yaml_error(exc: Exception) -> str:
    """PyYAML's error on one line: what is wrong and where (its own text spans lines and
    quotes the source)."""
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem is None or mark is None:
        return " ".join(str(exc).split())
    context = getattr(exc, "context", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}"
    return f"{context}: {problem} ({where})" if context else f"{problem} ({where})"


@functools.cache
def _strict_loader(libyaml: bool, version: YamlVersion) -> type[Any]:
    import yaml

    base: type[Any] = yaml.CSafeLoader if libyaml else yaml.SafeLoader

    class StrictLoader(base):  # type: ignore[misc]  # a SafeLoader: no arbitrary objects
        merged_entries = 0

    if version == "1.2":
        yamlcore.use_core_schema(StrictLoader)

    def key_of(loader: Any, key_node: Any) -> Any:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            kind = "a list" if isinstance(key, list) else "a mapping"
            raise UnreadableText(
                f"the key on line {key_node.start_mark.line + 1} is {kind}; "
                "keys must be text (or another single value)",
                *_at(key_node),
            ) from None
        return key

    def merged(loader: Any, node: Any) -> dict[Any, Any]:
        """The entries a merge key brings: earlier mappings win over later ones."""
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        found: dict[Any, Any] = {}
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise UnreadableText(
                    f"the merge key (<<) on line {node.start_mark.line + 1} takes a mapping "
                    "or a list of mappings",
                    *_at(node),
                )
            entries = loader.construct_object(source, deep=True)
            loader.merged_entries += len(entries)
            if loader.merged_entries > MAX_NODES:
                raise UnreadableText(
                    f"merge keys (<<) copy more than {MAX_NODES:,} entries; "
                    "no request needs that many"
                )
            for key, value in entries.items():
                found.setdefault(key, value)
        return found

    def mapping(loader: Any, node: Any) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        inherited: dict[Any, Any] = {}
        seen_merge = False
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                if seen_merge:
                    raise UnreadableText(
                        f"duplicate key '<<' on line {key_node.start_mark.line + 1}",
                        *_at(key_node),
                    )
                seen_merge = True
                inherited = merged(loader, value_node)
                continue
            key = key_of(loader, key_node)
            if key in result:
                raise UnreadableText(
                    f"duplicate key {key!r} on line {key_node.start_mark.line + 1}",
                    *_at(key_node),
                )
            result[key] = loader.construct_object(value_node, deep=True)
        for key, value in inherited.items():
            result.setdefault(key, value)
        return result

    def short_form(loader: Any, suffix: str, node: Any) -> dict[str, Any]:
        """A CloudFormation short form (``!Ref Name``, ``!Sub "..."``, ``!GetAtt A.B``) as the
        object its long form writes (``{"Ref": "Name"}``); other local tags are refused."""
        name = SHORT_FORMS.get(suffix)
        if name is None:
            raise UnreadableText(
                f"the tag !{suffix} on line {node.start_mark.line + 1} is not one hpt-request "
                "reads (CloudFormation's short forms are: "
                + ", ".join(f"!{tag}" for tag in SHORT_FORMS)
                + ")",
                *_at(node),
            )
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if suffix == "GetAtt" and isinstance(value, str):
                value = value.split(".", 1) if "." in value else [value]
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = mapping(loader, node)
        return {name: value}

    def integer(loader: Any, node: Any) -> Any:
        """YAML's integers, and one too long for Python as the stand-in JSON reading makes."""
        try:
            if version == "1.2":
                return yamlcore.integer(loader.construct_scalar(node))
            return base.construct_yaml_int(loader, node)
        except ValueError:
            written = str(node.value).replace("_", "")
            if written.lstrip("+-").isdigit():
                return long_integer(written)
            raise

    StrictLoader.add_constructor("tag:yaml.org,2002:int", integer)
    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    StrictLoader.add_multi_constructor("!", short_form)
    return StrictLoader


SHORT_FORMS: dict[str, str] = {
    "Ref": "Ref",
    "Condition": "Condition",
    **{
        name: f"Fn::{name}"
        for name in (
            "Base64",
            "Cidr",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "ImportValue",
            "Join",
            "Length",
            "Select",
            "Split",
            "Sub",
            "ToJsonString",
            "Transform",
            "And",
            "Equals",
            "If",
            "Not",
            "Or",
        )
    },
}
"""CloudFormation's YAML short forms (``!Name``) and the long form each stands for, from the
CloudFormation User Guide's "Intrinsic function reference"."""


def _check_expansion(data: object) -> None:
    """Refuse cycles, and aliases that expand ``data`` past ``MAX_NODES`` values; linear in
    the data as written (each shared container is visited once)."""
    sizes: dict[int, int] = {}  # finished containers: their size with aliases expanded
    written = 0  # values as written: each container once, each scalar where it stands
    active: set[int] = set()  # containers being walked: meeting one again is a cycle
    stack: list[tuple[object, bool]] = [(data, False)]
    while stack:
        value, finished = stack.pop()
        children = _children(value)
        key = id(value)
        if finished:
            total = 1 + sum(sizes.get(id(child), 1) for child in children)
            sizes[key] = min(total, MAX_NODES + 1)
            active.discard(key)
        elif key in active:
            raise UnreadableText(CYCLE)
        elif key not in sizes:
            active.add(key)
            stack.append((value, True))
            containers = [child for child in children if isinstance(child, list | dict)]
            written += 1 + len(children) - len(containers)
            stack.extend((child, False) for child in containers)
    expanded = sizes.get(id(data), 1)
    if expanded > MAX_NODES and expanded > written:
        raise UnreadableText(
            f"aliases expand the document to more than {MAX_NODES:,} values; "
            "no request holds that many"
        )


def _children(value: object) -> list[object]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    return []
