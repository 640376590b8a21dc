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
- the SageMaker Python SDK v3: :func:`check_tuner` builds the request a
  ``HyperparameterTuner`` would send (nothing sent), validates it and reports each setting of
  the tuner and its ``ModelTrainer`` that the request lost, as a :class:`TunerReport`
  (:class:`TunerError` when it cannot);
- :func:`validate_online`: the offline check, then read-only AWS calls about the account's
  resources (``hpt-request validate --online``);
- :func:`from_describe` and :func:`warm_start_from`: a new request from a
  DescribeHyperParameterTuningJob response;
- :func:`check_metrics`: the metric regexes of a request tried on training log text;
- :func:`find_requests` and :func:`validate_document`: the tuning requests of a document that
  embeds them (a SageMaker Pipelines definition), found and checked with their placeholders;
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
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hpt_request.model import shapes
from hpt_request.model.errors import FieldTypeError, Problem, RequestValidationError
from hpt_request.model.shapes import *  # noqa: F403  (the generated model's __all__)

if TYPE_CHECKING:  # what the names below are, for type checkers; loaded by __getattr__
    from hypothesis.strategies import SearchStrategy

    from hpt_request.aws.boto import PreflightWarning, guard, submit, to_boto3_kwargs
    from hpt_request.aws.describe import from_describe, warm_start_from
    from hpt_request.aws.intent import TunerError
    from hpt_request.aws.online import validate_online
    from hpt_request.aws.tuners import TunerReport, check_tuner
    from hpt_request.check import (
        from_json,
        from_wire,
        to_json,
        to_wire,
        validate,
        validate_document,
    )
    from hpt_request.model import examples  # noqa: F401  (loaded by __getattr__: _MOVED)
    from hpt_request.model.builder import Categorical, Continuous, Integer, tuning_job
    from hpt_request.model.converter import make_converter
    from hpt_request.rules.metrics import check_metrics
    from hpt_request.rules.settings import RuleSettings, SettingsError
    from hpt_request.text.documents import find_requests

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
    "TunerError",
    "TunerReport",
    "check_metrics",
    "check_tuner",
    "find_requests",
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
    "validate_document",
    "validate_online",
    "warm_start_from",
]
__all__ += shapes.__all__

# The public names loaded on first use, with the module that defines each.
_LAZY = {
    "Categorical": "hpt_request.model.builder",
    "Continuous": "hpt_request.model.builder",
    "Integer": "hpt_request.model.builder",
    "PreflightWarning": "hpt_request.aws.boto",
    "RuleSettings": "hpt_request.rules.settings",
    "SettingsError": "hpt_request.rules.settings",
    "TunerError": "hpt_request.aws.intent",
    "TunerReport": "hpt_request.aws.tuners",
    "check_metrics": "hpt_request.rules.metrics",
    "check_tuner": "hpt_request.aws.tuners",
    "find_requests": "hpt_request.text.documents",
    "from_describe": "hpt_request.aws.describe",
    "from_json": "hpt_request.check",
    "from_wire": "hpt_request.check",
    "guard": "hpt_request.aws.boto",
    "make_converter": "hpt_request.model.converter",
    "submit": "hpt_request.aws.boto",
    "to_boto3_kwargs": "hpt_request.aws.boto",
    "to_json": "hpt_request.check",
    "to_wire": "hpt_request.check",
    "tuning_job": "hpt_request.model.builder",
    "validate": "hpt_request.check",
    "validate_document": "hpt_request.check",
    "validate_online": "hpt_request.aws.online",
    "warm_start_from": "hpt_request.aws.describe",
}


# Modules the documentation imports from the package by the names they had before the stages
# were subpackages (``from hpt_request import examples``).
_MOVED = {"examples": "hpt_request.model.examples"}


def __getattr__(name: str) -> Any:
    """A public name of ``_LAZY``, its module imported now (PEP 562); kept for next time. A
    subpackage (``hpt_request.check``, ``hpt_request.schema``, ...) is imported on first use
    too, as ``import hpt_request`` once made them all attributes of the package, and so is a
    module of ``_MOVED``."""
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in _MOVED:
        value = importlib.import_module(_MOVED[name])
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


# -- Hypothesis: every model class's strategy, registered lazily ----------------------------------
#
# For every model class, ``st.register_type_strategy`` gets a function that imports
# :mod:`hpt_request.strategies` and builds the class's strategy only when ``st.from_type`` first
# asks for it; nothing here imports Hypothesis unless it is imported already. Registration runs
# from Hypothesis's entry point (``_hpt_request_hypothesis.setup``, outside the package) when
# Hypothesis is imported after hpt_request, and from the end of this module when it was imported
# before. :mod:`hpt_request.strategies` registers the built strategies itself when imported, for
# processes that run without entry points (``HYPOTHESIS_NO_PLUGINS``).


def _resolver(cls: type[Any]) -> Callable[[type[Any]], SearchStrategy[Any]]:
    """The function Hypothesis calls, with the type it resolves, to get ``cls``'s strategy."""

    def resolve(_thing: type[Any]) -> SearchStrategy[Any]:
        from hpt_request.strategies import STRATEGIES_BY_CLASS

        return STRATEGIES_BY_CLASS[cls]()

    resolve.__qualname__ = f"strategy_for_{cls.__name__}"
    return resolve


def _register_strategies() -> None:
    """Register a strategy-building function for every model class (nothing is built now);
    idempotent."""
    from hypothesis import strategies as st

    for cls in shapes.STRUCTURES:
        st.register_type_strategy(cls, _resolver(cls))


if "hypothesis" in sys.modules:  # imported first: its entry point found no hpt_request
    _register_strategies()
