"""Request text: strict JSON (and YAML) in, exact wire JSON out.

- :func:`to_json` writes the wire JSON of a model object (``ensure_ascii`` off, so
  ``"Équipe"`` stays readable; keys in spec member order).
- :func:`from_json` reads JSON text into model objects through :func:`~hpt_request.from_wire`.
- :func:`parse_json` and :func:`parse_yaml` read text strictly: JSON's ``NaN``/``Infinity`` are
  refused, and a key repeated in one object is an error (``json.loads`` and YAML loaders would
  silently keep the last one).

Text that cannot be read raises :class:`~hpt_request.errors.RequestValidationError` with one
problem of code ``unreadable``.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar, overload

from hpt_request.errors import Problem, RequestValidationError
from hpt_request.model import CreateHyperParameterTuningJobRequest

T = TypeVar("T")


class UnreadableText(ValueError):
    """Text that is not strict JSON or YAML."""


def _reject_constant(name: str) -> Any:
    raise UnreadableText(f"{name} is not valid JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise UnreadableText(f"duplicate key {json.dumps(key)} in one object")
        result[key] = value
    return result


def parse_json(text: str) -> Any:
    """Strict JSON: no NaN/Infinity, no repeated keys."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except UnreadableText:
        raise
    except (ValueError, RecursionError) as exc:
        raise UnreadableText(f"not valid JSON: {exc}") from None


def parse_yaml(text: str) -> Any:
    """YAML (the AWS CLI's ``--cli-input-yaml`` files) with repeated keys refused."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise UnreadableText(
                    f"duplicate key {key!r} on line {key_node.start_mark.line + 1}"
                )
            result[key] = loader.construct_object(value_node, deep=True)
        return result

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        return yaml.load(text, Loader=StrictLoader)  # a SafeLoader subclass: no arbitrary objects
    except UnreadableText:
        raise
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise UnreadableText(f"not valid YAML: {exc}") from None


def to_json(obj: object, *, indent: int | None = None) -> str:
    """The wire JSON text of a model object (checked like :func:`~hpt_request.to_wire`)."""
    from hpt_request.wire import to_wire

    return json.dumps(to_wire(obj), indent=indent, ensure_ascii=False)


@overload
def from_json(text: str | bytes, **options: Any) -> CreateHyperParameterTuningJobRequest: ...
@overload
def from_json(text: str | bytes, cls: type[T], **options: Any) -> T: ...


def from_json(
    text: str | bytes, cls: type[Any] = CreateHyperParameterTuningJobRequest, **options: Any
) -> Any:
    """Read wire JSON text into model objects; ``options`` are those of
    :func:`~hpt_request.from_wire` (``rules``, ``strict``, ``parents``)."""
    from hpt_request.wire import from_wire

    try:
        decoded = text.decode("utf-8") if isinstance(text, bytes) else text
        if not isinstance(decoded, str):
            raise UnreadableText(f"expected JSON text, not {type(text).__name__}")
        data = parse_json(decoded)
    except (UnreadableText, UnicodeDecodeError) as exc:
        raise RequestValidationError(
            [Problem(path="", code="unreadable", message=str(exc))]
        ) from None
    return from_wire(data, cls, **options)
