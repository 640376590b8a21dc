"""hpt-request: build and validate SageMaker CreateHyperParameterTuningJob requests offline.

Public API:

- the model, one attrs class per spec structure and one ``str`` enum per spec enum, named as
  the spec's shapes (``CreateHyperParameterTuningJobRequest``, ``ParameterRanges``,
  ``HyperParameterTuningJobStrategyType``, ...);
- :func:`to_wire`, :func:`from_wire` and :func:`validate`, the two directions and the check;
  :func:`to_json` and :func:`from_json` for text;
- :func:`tuning_job` with :class:`Integer`, :class:`Continuous` and :class:`Categorical`: a
  complete everyday request in one call;
- boto3: :func:`to_boto3_kwargs`, :func:`submit` (validate, then call) and :func:`guard` (every
  CreateHyperParameterTuningJob call through a client or session is checked first), with
  :class:`PreflightWarning`;
- :func:`from_describe` and :func:`warm_start_from`: a new request from a
  DescribeHyperParameterTuningJob response;
- :func:`check_metrics`: the metric regexes of a request tried on training log text;
- :class:`Problem`, :class:`RequestValidationError` and :class:`FieldTypeError`;
- :class:`RuleSettings` and :class:`SettingsError`: rules turned off, severities changed,
  raised account quotas (also read from ``[tool.hpt-request]`` in ``pyproject.toml`` by the
  command line);
- :func:`make_converter`, the cattrs converter behind the wire functions;
- ``BOTOCORE_VERSION``, ``API_VERSION`` and ``SPEC_SHA256``: the spec this release was built from.

Everything else (modules starting with an underscore, names not in ``__all__``) is private.

``import hpt_request`` loads the model and the error types only; each function and class above
that lives elsewhere loads its module the first time it is used (``from hpt_request import
validate`` included), so a program pays only for what it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from hpt_request import _helpers, _hypothesis_hook, model
from hpt_request.errors import FieldTypeError, Problem, RequestValidationError
from hpt_request.model import *  # noqa: F403  (the generated model's __all__)

if TYPE_CHECKING:  # what the names below are, for type checkers; loaded by __getattr__
    from hpt_request.boto import PreflightWarning, guard, submit, to_boto3_kwargs
    from hpt_request.builder import Categorical, Continuous, Integer, tuning_job
    from hpt_request.converter import make_converter
    from hpt_request.describe import from_describe, warm_start_from
    from hpt_request.jsontext import from_json, to_json
    from hpt_request.metrics import check_metrics
    from hpt_request.settings import RuleSettings, SettingsError
    from hpt_request.wire import from_wire, to_wire, validate

__all__ = [
    "Categorical",
    "Continuous",
    "FieldTypeError",
    "Integer",
    "PreflightWarning",
    "Problem",
    "RequestValidationError",
    "RuleSettings",
    "SettingsError",
    "check_metrics",
    "from_describe",
    "from_json",
    "from_wire",
    "guard",
    "make_converter",
    "submit",
    "to_boto3_kwargs",
    "to_json",
    "to_wire",
    "tuning_job",
    "validate",
    "warm_start_from",
]
__all__ += model.__all__

# The public names loaded on first use, with the module that defines each.
_LAZY = {
    "Categorical": "hpt_request.builder",
    "Continuous": "hpt_request.builder",
    "Integer": "hpt_request.builder",
    "PreflightWarning": "hpt_request.boto",
    "RuleSettings": "hpt_request.settings",
    "SettingsError": "hpt_request.settings",
    "check_metrics": "hpt_request.metrics",
    "from_describe": "hpt_request.describe",
    "from_json": "hpt_request.jsontext",
    "from_wire": "hpt_request.wire",
    "guard": "hpt_request.boto",
    "make_converter": "hpt_request.converter",
    "submit": "hpt_request.boto",
    "to_boto3_kwargs": "hpt_request.boto",
    "to_json": "hpt_request.jsontext",
    "to_wire": "hpt_request.wire",
    "tuning_job": "hpt_request.builder",
    "validate": "hpt_request.wire",
    "warm_start_from": "hpt_request.describe",
}


def __getattr__(name: str) -> Any:
    """A public name of ``_LAZY``, its module imported now (PEP 562); kept for next time. A
    submodule (``hpt_request.examples``, ``hpt_request.schema``, ...) is imported on first use
    too, as ``import hpt_request`` once made them all attributes of the package."""
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif not name.startswith("__") and _is_submodule(name):
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def _is_submodule(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(f"{__name__}.{name}") is not None
    except (ImportError, ValueError):
        return False


def __dir__() -> list[str]:
    """The module's names, the public ones not loaded yet included."""
    return sorted(set(globals()) | set(_LAZY))


# Hypothesis imported first: its entry point found no hpt_request and left registration to us.
_hypothesis_hook.register_if_hypothesis_is_imported()

# The request's methods (request.validate(), .to_wire(), .summary(), ...) call functions of the
# modules above the model, each imported on first use.
_helpers.provide_later(
    validate="hpt_request.wire",
    to_wire="hpt_request.wire",
    to_json="hpt_request.jsontext",
    worst_case="hpt_request.summary",
    summary="hpt_request.display",
    request_html="hpt_request.display",
)
