"""The model: what a request is, with no checking in it. The bottom layer of the package.

- :mod:`~hpt_request.model.shapes` (GENERATED from the spec): one attrs class per structure of
  the request and response and one ``str`` enum per enum, with the spec's constants
  (``BOTOCORE_VERSION``, ``SHAPE_CONSTRAINTS``, ``STRUCTURES``, ...); this package re-exports
  them, so ``hpt_request.model.ParameterRanges`` is the class;
- :mod:`~hpt_request.model.base`: what the generated classes share (``==``, ``repr()``, the
  range constructors) and the ``UNKNOWN`` marker; :mod:`~hpt_request.model.request`: the
  request's conveniences;
- :mod:`~hpt_request.model.values`: Python values to the strings SageMaker carries;
- :mod:`~hpt_request.model.converter`: the cattrs converter for the exact wire JSON;
- :mod:`~hpt_request.model.errors`: ``Problem`` and the exceptions, with wire-path rendering;
- :mod:`~hpt_request.model.builder`: ``tuning_job()``, a complete request in one call;
- :mod:`~hpt_request.model.examples`: the bundled example requests;
  :mod:`~hpt_request.model.packaged`: reading the files shipped in the package.

It imports nothing of the package's other stages, with one documented exception: the request's
conveniences (``request.validate()``, ...) import the stage that does the work when they are
called (:mod:`hpt_request.model.request`).
"""

from hpt_request.model import shapes
from hpt_request.model.shapes import *  # noqa: F403  (the generated model's __all__)
from hpt_request.model.shapes import ENUMS as ENUMS
from hpt_request.model.shapes import SHAPE_CONSTRAINTS as SHAPE_CONSTRAINTS
from hpt_request.model.shapes import STRUCTURES as STRUCTURES

__all__ = shapes.__all__  # the public names; ENUMS, STRUCTURES, ... are attributes too
