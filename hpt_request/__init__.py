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
"""

from hpt_request import _helpers, _hypothesis_hook, model
from hpt_request import summary as summary  # provides request.worst_case()
from hpt_request.boto import PreflightWarning, guard, submit, to_boto3_kwargs
from hpt_request.builder import Categorical, Continuous, Integer, tuning_job
from hpt_request.converter import make_converter
from hpt_request.describe import from_describe, warm_start_from
from hpt_request.errors import FieldTypeError, Problem, RequestValidationError
from hpt_request.jsontext import from_json, to_json
from hpt_request.metrics import check_metrics
from hpt_request.model import *  # noqa: F403  (the generated model's __all__)
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

# Hypothesis imported first: its entry point found no hpt_request and left registration to us.
_hypothesis_hook.register_if_hypothesis_is_imported()

# request.summary() and the notebook rendering come from hpt_request.display, imported on first use.
_helpers.provide_later(summary="hpt_request.display", request_html="hpt_request.display")
