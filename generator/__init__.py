"""The code generator of hpt-request: spec -> JSON Schemas and the attrs model.

Not part of the installed package. It reads the vendored closure of botocore's SageMaker model
(``spec/``), checks it, and writes every generated file:

- ``schemas/*.schema.json`` and the copies shipped in ``hpt_request/schemas/``;
- ``hpt_request/model/shapes.py`` and ``hpt_request/schema/readers.py``;
- ``docs/rules.md``, the rule catalogue, from the registry in ``hpt_request/rules/``, and
  ``hpt_request/rules/data/rule_examples.json``, the request each rule flags
  (``hpt-request rules ID``).

Run ``python -m generator refresh`` to re-extract the closure from the installed botocore, and
``python -m generator`` to regenerate everything from the vendored closure.
"""
