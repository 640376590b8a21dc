"""The cattrs converter for the exact wire JSON.

:func:`make_converter` returns a new, private converter (the global cattrs converter is never
touched) with these wire rules, each in one hook:

- attrs classes map to objects whose keys are the wire names stored in field metadata (copied
  from the spec, never derived), in spec member order;
- members that are ``None`` are omitted; every other value, falsy ones (``0``, ``False``, ``""``)
  included, is kept;
- enum members become their plain wire strings; enum fields read from the wire go through the
  model's own converter (an exact value becomes the member);
- scalars are strict both ways: an integer field takes an ``int`` only (``True`` and ``5.0`` are
  refused), a float field a finite ``int`` or ``float`` (never ``bool``), a string field a
  ``str``, a boolean field a ``bool``. A refused value raises :class:`WireTypeError`, which the
  :mod:`hpt_request.check` functions turn into problems with wire paths.
"""

from __future__ import annotations

import enum
import math
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
from cattrs import Converter

from hpt_request import model


class WireTypeError(TypeError):
    """A scalar of the wrong type met a strict hook."""


def _structure_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise WireTypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise WireTypeError(f"expected a finite number, got {value!r}")
    return value


def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise WireTypeError(f"expected a string, got {type(value).__name__}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise WireTypeError(f"expected a boolean, got {type(value).__name__}")
    return value


def _unstructure_int(value: Any) -> int:
    return _structure_int(value, int)


def _unstructure_float(value: Any) -> float:
    return _structure_float(value, float)


def _keep(value: Any, _: type) -> Any:
    return value


def _enum_to_wire(value: Any) -> Any:
    return value._value_ if isinstance(value, enum.Enum) else value


def _list_item(annotation: Any) -> Any:
    """``X`` of ``list[X]`` where ``X`` is ``str`` or a model class; None for anything else."""
    if typing.get_origin(annotation) is not list:
        return None
    (item,) = typing.get_args(annotation)
    return item if item is str or attrs.has(item) else None


def _enum_class(annotation: Any) -> type[enum.Enum] | None:
    """The enum class among the members of an enum field's annotation (``E | Literal[...]``)."""
    found = [arg for arg in typing.get_args(annotation) if isinstance(arg, type)]
    enums = [arg for arg in found if issubclass(arg, enum.Enum)]
    return enums[0] if len(enums) == 1 else None


def _is_enum_field(field: attrs.Attribute[Any]) -> bool:
    return "enum" in model.SHAPE_CONSTRAINTS.get(field.metadata.get("shape", ""), {})


def _structure_factory(converter: Converter) -> Callable[[type], Callable[[Any, type], Any]]:
    """One generated function per class that reads the wire keys into the class's ``__init__``.

    Each member's hook is looked up once, when the function is made (cattrs' own functions look
    up the hook of an optional member on every call); string members are checked inline. Keys
    that are not members are not looked at: the schema refuses them before structuring."""

    def factory(cls: type) -> Callable[[Any, type], Any]:
        hints = typing.get_type_hints(cls)
        namespace: dict[str, Any] = {"cls": cls, "WireTypeError": WireTypeError}
        lines = ["def structure(o, _=None):", "    res = {}"]
        for index, field in enumerate(attrs.fields(cls)):
            wire = field.metadata["wire"]
            annotation = _without_none(hints[field.name])
            optional = annotation is not hints[field.name]
            if _is_enum_field(field):
                value = "v"  # the model's own converter makes the member
            elif annotation is str:
                value = "v if type(v) is str else _not_str(v)"
                namespace["_not_str"] = _not_a_string
            else:
                namespace[f"hook{index}"] = converter.get_structure_hook(annotation)
                namespace[f"type{index}"] = annotation
                value = f"hook{index}(v, type{index})"
            if optional:
                value = f"None if v is None else {value}" if value != "v" else "v"
            required = field.default is attrs.NOTHING
            if required:
                lines += [f"    v = o[{wire!r}]", f"    res[{field.name!r}] = {value}"]
            else:
                lines += [
                    f"    if {wire!r} in o:",
                    f"        v = o[{wire!r}]",
                    f"        res[{field.name!r}] = {value}",
                ]
        lines.append("    return cls(**res)")
        exec("\n".join(lines), namespace)  # the cattrs way: one straight-line function per class
        function: Callable[[Any, type], Any] = namespace["structure"]
        function.__qualname__ = f"structure_{cls.__name__}"
        return function

    return factory


def _not_a_string(value: Any) -> str:
    return _structure_str(value, str)


def _without_none(annotation: Any) -> Any:
    """``X | None`` -> ``X``: ``None`` members never reach a hook, they are omitted."""
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation


def _unstructure_factory(converter: Converter) -> Callable[[type], Callable[[Any], Any]]:
    """One generated function per class that writes the wire keys in spec member order.

    (cattrs' own ``make_dict_unstructure_fn`` puts members without defaults first when it omits
    defaults, which would break the member order of the wire JSON.)"""

    def factory(cls: type) -> Callable[[Any], Any]:
        hints = typing.get_type_hints(cls)
        namespace: dict[str, Any] = {}
        lines = ["def unstructure(instance):", "    out = {}"]
        for index, field in enumerate(attrs.fields(cls)):
            annotation = _without_none(hints[field.name])
            item = _list_item(annotation)
            if _is_enum_field(field):
                hook: Callable[[Any], Any] | None = _enum_to_wire
            elif annotation in (str, bool):
                hook = None
            elif item is not None:  # a list: items written in place, not through a generator
                hook = None if item is str else converter.get_unstructure_hook(item)
            else:
                hook = converter.get_unstructure_hook(annotation)
            value = "value"
            if item is not None:
                value = "list(value)"
                if hook is not None:
                    namespace[f"hook{index}"] = hook
                    value = f"[hook{index}(item) for item in value]"
            elif hook is not None:
                namespace[f"hook{index}"] = hook
                value = f"hook{index}(value)"
                # The common value settled inline, the hook called for anything else.
                member = _enum_class(annotation) if hook is _enum_to_wire else None
                if member is not None:
                    namespace[f"enum{index}"] = member
                    value = f"value._value_ if type(value) is enum{index} else {value}"
                elif annotation is int:
                    value = f"value if type(value) is int else {value}"
            lines += [
                f"    value = instance.{field.name}",
                "    if value is not None:",
                f"        out[{field.metadata['wire']!r}] = {value}",
            ]
        lines.append("    return out")
        exec("\n".join(lines), namespace)  # the cattrs way: one straight-line function per class
        function: Callable[[Any], Any] = namespace["unstructure"]
        function.__qualname__ = f"unstructure_{cls.__name__}"
        return function

    return factory


def make_converter() -> Converter:
    """A new converter with the wire rules listed in this module's docstring."""
    converter = Converter(detailed_validation=False)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_unstructure_hook(int, _unstructure_int)
    converter.register_unstructure_hook(float, _unstructure_float)
    converter.register_structure_hook_factory(attrs.has, _structure_factory(converter))
    converter.register_unstructure_hook_factory(attrs.has, _unstructure_factory(converter))
    return converter
