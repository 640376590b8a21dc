"""Hypothesis's entry point: register hpt-request's strategies when Hypothesis is imported.

Hypothesis runs the ``hypothesis`` entry points at the end of its own import. When the first
import is ``hpt_request.strategies`` itself, that module is only half loaded at that moment; it
registers its strategies at its end instead, so the hook leaves it alone.
"""

from __future__ import annotations

import sys


def setup() -> None:
    """Register a strategy for every model class (``st.from_type`` then finds them)."""
    loading = sys.modules.get("hpt_request.strategies")
    if loading is not None and not hasattr(loading, "register"):
        return
    from hpt_request.strategies import register

    register()
