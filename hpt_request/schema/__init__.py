"""The structural check: the packaged JSON Schemas and everything that applies them.

- :mod:`~hpt_request.schema.structure`: the stage as the check calls it, a model object or wire
  data in, one structural verdict out;
- :mod:`~hpt_request.schema.reading` with :mod:`~hpt_request.schema.readers` (GENERATED from the
  schemas) and :mod:`~hpt_request.schema._readkit`: plain JSON data checked and read into model
  objects in one pass;
- :mod:`~hpt_request.schema.engines`: the schema files, loaded once, the jsonschema and
  jsonschema-rs engines, and the structural problems they find, by wire path;
- :mod:`~hpt_request.schema.messages`: plain-word explanations for the problems users meet most;
- :mod:`~hpt_request.schema.newer`: what a botocore newer than the pinned spec accepts, as
  warnings rather than errors.

It imports only :mod:`hpt_request.model`.
"""
