"""Hypothesis's entry point for hpt-request; it lives outside the package so that loading it
imports nothing.

Hypothesis runs every ``hypothesis`` entry point at the end of its own import, in every test
process of every project that has hpt-request installed. Importing ``hpt_request`` there would
add its whole import time to each of them, so :func:`setup` only looks: if ``hpt_request`` is
already imported it registers the model classes now; otherwise ``hpt_request`` registers them
itself when it is imported after Hypothesis. Either way Hypothesis gets one small function per
class, and the strategies are built the first time ``st.from_type`` asks for one
(the end of ``hpt_request/__init__.py``).
"""

from __future__ import annotations

import sys


def setup() -> None:
    """Register hpt-request's model classes if ``hpt_request`` is imported; else do nothing."""
    package = sys.modules.get("hpt_request")
    # Absent while hpt_request is still being imported: the end of its __init__ registers then.
    register = getattr(package, "_register_strategies", None)
    if register is not None:
        register()
