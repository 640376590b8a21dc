"""Registration of hpt-request's strategies with Hypothesis, lazily.

For every model class, ``st.register_type_strategy`` gets a function that imports
:mod:`hpt_request.strategies` and builds the class's strategy only when ``st.from_type`` first
asks for it. Nothing here imports Hypothesis unless Hypothesis is already imported.

:func:`register` is called from three places, and is idempotent:

- the ``hypothesis`` entry point (``_hpt_request_hypothesis.setup``, outside the package),
  when Hypothesis is imported after ``hpt_request``;
- the end of ``hpt_request/__init__.py`` (:func:`register_if_hypothesis_is_imported`), when
  ``hpt_request`` is imported after Hypothesis;
- the end of :mod:`hpt_request.strategies`, for processes that run without Hypothesis's entry
  points (``HYPOTHESIS_NO_PLUGINS``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


def _resolver(cls: type[Any]) -> Callable[[type[Any]], SearchStrategy[Any]]:
    """The function Hypothesis calls, with the type it resolves, to get ``cls``'s strategy."""

    def resolve(_thing: type[Any]) -> SearchStrategy[Any]:
        from hpt_request.strategies import STRATEGIES_BY_CLASS

        return STRATEGIES_BY_CLASS[cls]()

    resolve.__qualname__ = f"strategy_for_{cls.__name__}"
    return resolve


def register() -> None:
    """Register a strategy-building function for every model class (nothing is built now).

    Does nothing while the model module is still being imported; the end of
    ``hpt_request/__init__.py`` then registers."""
    from hypothesis import strategies as st

    model = sys.modules.get("hpt_request.model")
    structures = getattr(model, "STRUCTURES", None)
    if structures is None:
        return
    for cls in structures:
        st.register_type_strategy(cls, _resolver(cls))


def register_if_hypothesis_is_imported() -> None:
    """Register now if Hypothesis is imported already (its entry point then came too early)."""
    if "hypothesis" in sys.modules:
        register()
