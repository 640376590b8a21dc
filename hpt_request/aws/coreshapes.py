"""sagemaker-core's shapes and the model, both ways, without losing a member.

sagemaker-core (``sagemaker.core.shapes``, installed with the SageMaker Python SDK v3) has one
pydantic class per structure of SageMaker's service model, named as the spec's shapes, with
the members in snake_case; the model has one attrs class per structure, with the same names.
The two are matched by class name and member name, and the wire names come from the model's
own metadata (copied from the spec: ``volume_size_in_gb`` is ``VolumeSizeInGB``), never derived.

- :func:`core_to_wire`: a sagemaker-core shape (or a list or map of them) as wire data. Unset
  members (sagemaker-core's ``Unassigned``, or ``None``) are left out; ``0``, ``False``, ``""``
  and empty lists and maps are kept (sagemaker-core's own serializer drops them inside a shape).
  A ``PipelineVariable`` (a pipeline parameter, ``Join``, an execution variable, a step's
  property) becomes its pipeline expression, the placeholder a SageMaker Pipelines definition
  holds (``{"Get": "Parameters.MaxJobs"}``), as :mod:`hpt_request.text.pipelines` reads them.
- :func:`from_core`: a sagemaker-core shape as the model object of the same name (read with
  :func:`~hpt_request.from_wire`, so checked); one that holds pipeline variables is refused
  with :class:`CoreShapeError`, which says where they are.
- :func:`to_core`: a model object as the sagemaker-core shape of the same name; the request
  itself gives the keyword arguments of ``HyperParameterTuningJob.create()``.
- :func:`create_arguments_to_wire`: those keyword arguments (as a program passes them to
  ``create()``) as the wire request.

A shape or member this model does not have (a sagemaker-core built from a newer service model)
raises :class:`CoreShapeError` naming it, rather than being dropped. sagemaker-core is imported
only by :func:`to_core` and when a pipeline variable is looked for; nothing here sends anything.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Mapping
from typing import Any

import attrs

from hpt_request import model
from hpt_request.check import from_wire
from hpt_request.model.base import Structure

PIPELINE_VARIABLE = "sagemaker.core.helper.pipeline_variable"
CORE_UTILS = "sagemaker.core.utils.utils"
REQUEST = model.CreateHyperParameterTuningJobRequest


class CoreShapeError(TypeError):
    """A value the adapters cannot convert without losing something: a shape or member the
    model does not have, or pipeline variables where a model object is asked for. ``path`` is
    the wire path of the value (empty for the top)."""

    def __init__(self, message: str, path: str = "") -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


def _wire_names(cls: type[Any]) -> dict[str, str]:
    """A model class's member names -> their wire names (the spec's)."""
    return {field.name: field.metadata["wire"] for field in attrs.fields(cls)}


def _model_class(name: str) -> type[Any] | None:
    cls = getattr(model, name, None)
    if isinstance(cls, type) and attrs.has(cls) and issubclass(cls, Structure):
        return cls
    return None


def _pipeline_variable_type() -> type[Any] | None:
    module = sys.modules.get(PIPELINE_VARIABLE)
    found = getattr(module, "PipelineVariable", None)
    return found if isinstance(found, type) else None


def _unassigned(value: object) -> bool:
    module = sys.modules.get(CORE_UTILS)
    unassigned = getattr(module, "Unassigned", None)
    return value is None or (isinstance(unassigned, type) and isinstance(value, unassigned))


def _join(path: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{path}[{name}]"
    return f"{path}.{name}" if path else name


def _is_core_shape(value: object) -> bool:
    module = type(value).__module__
    return module.startswith("sagemaker.core.") and hasattr(type(value), "model_fields")


def core_to_wire(value: Any, path: str = "") -> Any:
    """``value`` (a sagemaker-core shape, or a list, map or scalar of one) as wire data, every
    set member kept (see the module docstring); ``path`` is the wire path ``value`` is at, for
    the errors."""
    variable = _pipeline_variable_type()
    if variable is not None and isinstance(value, variable):
        return value.expr
    if _is_core_shape(value):
        name = type(value).__name__
        cls = _model_class(name)
        if cls is None:
            raise CoreShapeError(
                f"sagemaker-core shape {name} is not a structure of the model", path
            )
        names = _wire_names(cls)
        wire: dict[str, Any] = {}
        for member in type(value).model_fields:
            member_value = getattr(value, member)
            if _unassigned(member_value):
                continue
            if member not in names:
                raise CoreShapeError(
                    f"{name} member {member!r} is not in the model's {name} (a newer service "
                    "model than the pinned spec?)",
                    path,
                )
            wire[names[member]] = core_to_wire(member_value, _join(path, names[member]))
        return _in_spec_order(wire, cls)
    if isinstance(value, Mapping):
        return {key: core_to_wire(item, f'{path}["{key}"]') for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [core_to_wire(item, _join(path, index)) for index, item in enumerate(value)]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _in_spec_order(wire: dict[str, Any], cls: type[Any]) -> dict[str, Any]:
    order = [field.metadata["wire"] for field in attrs.fields(cls)]
    return {name: wire[name] for name in order if name in wire}


def _placeholders(data: Any, path: str = "") -> list[str]:
    """The wire paths of the pipeline expressions in converted data."""
    from hpt_request.text.pipelines import is_placeholder

    if is_placeholder(data):
        return [path]
    if isinstance(data, Mapping):
        return [p for key, item in data.items() for p in _placeholders(item, _join(path, key))]
    if isinstance(data, list):
        return [
            p for index, item in enumerate(data) for p in _placeholders(item, _join(path, index))
        ]
    return []


def from_core(shape: Any) -> Any:
    """The model object of the same name as sagemaker-core ``shape``, every member kept; read
    with :func:`~hpt_request.from_wire` (schema and strict types, no cross-field rules), so a
    value the model cannot hold raises :class:`~hpt_request.RequestValidationError`. Pipeline
    variables raise :class:`CoreShapeError` naming where they are: a request that holds them is
    a pipeline step's, checked with :func:`~hpt_request.validate_document`."""
    if not _is_core_shape(shape):
        raise CoreShapeError(
            f"from_core() takes a sagemaker-core shape, not {type(shape).__name__}"
        )
    wire = core_to_wire(shape)  # raises for a shape the model lacks
    cls: type[Any] = getattr(model, type(shape).__name__)
    found = _placeholders(wire)
    if found:
        raise CoreShapeError(
            f"pipeline variables at {', '.join(found)}: their values are known only when the "
            "pipeline runs, so no model object can hold them; check the pipeline's definition "
            "with validate_document()"
        )
    return from_wire(wire, cls, rules=False)


def to_core(obj: Any) -> Any:
    """The sagemaker-core shape of the same name as model object ``obj``, every set member
    kept (``0``, ``False``, ``""`` included; enums as their values). For the request
    (:class:`~hpt_request.CreateHyperParameterTuningJobRequest`), the keyword arguments of
    ``sagemaker.core.resources.HyperParameterTuningJob.create()`` as a dict."""
    from sagemaker.core import shapes

    if isinstance(obj, REQUEST):
        return {
            field.name: _core_value(getattr(obj, field.name), shapes)
            for field in attrs.fields(REQUEST)
            if getattr(obj, field.name) is not None
        }
    if not isinstance(obj, Structure):
        raise CoreShapeError(f"to_core() takes a model object, not {type(obj).__name__}")
    return _core_value(obj, shapes)


def _core_value(value: Any, shapes: Any) -> Any:
    if isinstance(value, Structure):
        name = type(value).__name__
        core_class = getattr(shapes, name, None)
        if core_class is None:
            raise CoreShapeError(f"sagemaker-core has no shape {name}")
        members = {
            field.name: _core_value(getattr(value, field.name), shapes)
            for field in attrs.fields(type(value))  # type: ignore[arg-type]
            if getattr(value, field.name) is not None
        }
        return core_class(**members)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {key: _core_value(item, shapes) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_core_value(item, shapes) for item in value]
    return value


def create_arguments_to_wire(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The wire request of ``HyperParameterTuningJob.create(**arguments)``'s keyword
    arguments (``session`` and ``region`` are not members and are left out), every set member
    kept, in spec order; pipeline variables become their expressions."""
    names = _wire_names(REQUEST)
    wire: dict[str, Any] = {}
    for name, value in arguments.items():
        if name in ("session", "region") or _unassigned(value):
            continue
        if name not in names:
            raise CoreShapeError(f"create() has no argument {name!r} that the model knows")
        wire[names[name]] = core_to_wire(value, names[name])
    return _in_spec_order(wire, REQUEST)
