"""The one parser for range bounds, used by every rule that compares them.

No AWS page documents how SageMaker parses ``MinValue``/``MaxValue``. Following the rule
catalogue's note on numbers:

- integer bounds are plain integers: an optional sign and ASCII digits (``"-3"``, ``"+10"``,
  ``"007"``); no decimal point, exponent or spaces;
- continuous bounds are finite decimal numbers in Python ``float()`` syntax with ASCII digits
  only: optional sign, digits with an optional decimal point, optional exponent (``"1e-05"``,
  ``".5"``, ``"3."``, ``"-2.5E+3"``); no ``inf``, ``nan``, hex, underscores or spaces.

Bounds are compared as exact :class:`~decimal.Decimal` values, so ``"0.1"`` and ``"1e-1"`` are
equal and no float rounding gets in the way.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

INTEGER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
INTEGER_FORM = "an integer such as 3 or -10"
DECIMAL_FORM = "a finite decimal number such as 0.01, 1e-05 or -2.5"


def parse_integer(text: str) -> int | None:
    """The value of an integer bound, or None if ``text`` is not a plain integer."""
    if not INTEGER.fullmatch(text) or len(text) > 4000:
        return None
    return int(text)


def parse_decimal(text: str) -> Decimal | None:
    """The exact value of a continuous bound, or None if ``text`` is not a finite decimal."""
    if not DECIMAL.fullmatch(text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return None
    return value if value.is_finite() else None
