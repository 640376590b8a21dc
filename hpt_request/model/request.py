"""The request's conveniences: ``request.validate()``, ``.to_wire()``, ``.to_json()``,
``.to_boto3_kwargs()``, ``.worst_case()``, ``.summary()`` and, for notebooks, ``_repr_html_()``.

:class:`RequestHelpers` is the base of the generated ``CreateHyperParameterTuningJobRequest``
(``generator/emit_model.py``, table ``HELPERS``). Each method is a shortcut for a function of a
stage above the model (:mod:`hpt_request.check` for checking and writing,
:mod:`hpt_request.text.summary` and :mod:`hpt_request.text.display` for the summary), which it
imports at the call: a model object's method that runs the whole check must reach the stage
that composes it. These imports are the only ones in the package that point up the layer
order; ``tests/test_imports.py`` lists them (``UPWARD``) and fails on any other. They run when a
method is called, never when the model is imported, so the model stays at the bottom of every
import chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from hpt_request.model.base import ParentResponses, Structure

if TYPE_CHECKING:
    from hpt_request.model.errors import Problem
    from hpt_request.text.display import Summary
    from hpt_request.text.summary import WorstCase


class RequestHelpers(Structure):
    """Conveniences on the request: checking, writing, summarising."""

    __slots__ = ()

    def validate(
        self,
        *,
        rules: bool = True,
        strict: bool = False,
        parents: ParentResponses | None = None,
    ) -> list[Problem]:
        """Every problem of this request (see :func:`hpt_request.validate`)."""
        from hpt_request.check import validate

        return validate(self, rules=rules, strict=strict, parents=parents)

    def to_wire(self) -> dict[str, Any]:
        """The wire dict (see :func:`hpt_request.to_wire`)."""
        from hpt_request.check import to_wire

        return to_wire(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """The wire JSON text (see :func:`hpt_request.to_json`)."""
        from hpt_request.check import to_json

        return to_json(self, indent=indent)

    def to_boto3_kwargs(self) -> dict[str, Any]:
        """Exactly what ``client.create_hyper_parameter_tuning_job(**kwargs)`` takes."""
        return self.to_wire()

    def worst_case(self) -> WorstCase:
        """The most the request allows: jobs x instances x runtime, per instance type."""
        from hpt_request.text.summary import worst_case

        return worst_case(cast(Any, self))  # self: the request, whose base this class is

    def summary(self, settings: Any = None) -> Summary:
        """The summary: strategy, objective, search space, budget and worst case, then every
        problem :func:`~hpt_request.validate` finds (what cannot be read is shown as ``?``). It
        is a ``str`` of plain text that a notebook shows as a table (see
        :class:`hpt_request.text.display.Summary`). With ``settings``
        (:class:`~hpt_request.RuleSettings`) holding a price table, the worst case in dollars
        too, and the settings' policies checked."""
        from hpt_request.check import validate
        from hpt_request.text.display import summary

        request = cast(Any, self)  # the request, whose base this class is
        return summary(request, validate(request, settings=settings), settings)

    def _repr_html_(self) -> str:
        """The request in a notebook: a verdict, the summary, every problem of
        :func:`~hpt_request.validate` next to what it concerns (see
        :func:`hpt_request.text.display.request_html`)."""
        from hpt_request.check import validate
        from hpt_request.text.display import request_html

        request = cast(Any, self)  # the request, whose base this class is
        return request_html(request, validate(request))
