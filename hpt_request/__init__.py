"""hpt-request: build and validate SageMaker CreateHyperParameterTuningJob requests offline.

Public API:

- the model, one attrs class per spec structure and one ``str`` enum per spec enum, named as
  the spec's shapes (``CreateHyperParameterTuningJobRequest``, ``ParameterRanges``,
  ``HyperParameterTuningJobStrategyType``, ...);
- :func:`to_wire`, :func:`from_wire` and :func:`validate`, the two directions and the check;
- :class:`Problem`, :class:`RequestValidationError` and :class:`FieldTypeError`;
- :func:`make_converter`, the cattrs converter behind the wire functions;
- ``BOTOCORE_VERSION``, ``API_VERSION`` and ``SPEC_SHA256``: the spec this release was built from.

Everything else (modules starting with an underscore, names not in ``__all__``) is private.
"""

from hpt_request import model
from hpt_request.converter import make_converter
from hpt_request.errors import FieldTypeError, Problem, RequestValidationError
from hpt_request.model import *  # noqa: F403  (the generated model's __all__)
from hpt_request.wire import from_wire, to_wire, validate

__all__ = [
    "FieldTypeError",
    "Problem",
    "RequestValidationError",
    "from_wire",
    "make_converter",
    "to_wire",
    "validate",
]
__all__ += model.__all__
