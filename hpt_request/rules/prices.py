"""A price table: what one instance of each type costs per hour, by region.

The table is a CSV file with the header ``region,instance_type,usd_per_hour`` and one row per
(region, instance type), given with ``--prices FILE``, ``prices = "FILE"`` in
``[tool.hpt-request]`` (relative to that pyproject.toml) or ``RuleSettings(prices=...)``.
``hpt-request prices import`` makes one from the AWS Price List offer file for AmazonSageMaker.
A malformed file is refused (:class:`PriceTableError`) with the number of its first bad line.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from pathlib import Path

import attrs

HEADER = ("region", "instance_type", "usd_per_hour")


class PriceTableError(ValueError):
    """A price table that cannot be read; the message names the file and the line."""


@attrs.frozen
class Prices:
    """USD per instance-hour by (region, instance type); ``source`` names where they came from."""

    rates: Mapping[tuple[str, str], float]
    source: str = "prices"

    def rate(self, region: str, instance_type: str) -> float | None:
        return self.rates.get((region, instance_type))

    @classmethod
    def parse(cls, text: str, *, source: str) -> Prices:
        """The table in ``text`` (CSV); ``source`` names it in messages."""
        rows = csv.reader(io.StringIO(text))
        rates: dict[tuple[str, str], float] = {}
        header_seen = False
        for row in rows:
            line = rows.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            cells = tuple(cell.strip() for cell in row)
            if not header_seen:
                if cells != HEADER:
                    raise PriceTableError(
                        f"{source}:{line}: the header must be {','.join(HEADER)}, not "
                        f"{','.join(cells)}"
                    )
                header_seen = True
                continue
            if len(cells) != 3:
                raise PriceTableError(
                    f"{source}:{line}: a row has 3 cells (region,instance_type,usd_per_hour), "
                    f"this one {len(cells)}"
                )
            region, instance_type, usd = cells
            if not region or not instance_type.startswith("ml."):
                raise PriceTableError(
                    f"{source}:{line}: a region and an instance type (ml.*) are needed, not "
                    f"{region!r}, {instance_type!r}"
                )
            try:
                value = float(usd)
            except ValueError:
                value = math.nan
            if not math.isfinite(value) or value < 0:
                raise PriceTableError(
                    f"{source}:{line}: usd_per_hour must be a number of 0 or more, not {usd!r}"
                )
            if (region, instance_type) in rates:
                raise PriceTableError(f"{source}:{line}: {region},{instance_type} is priced twice")
            rates[region, instance_type] = value
        if not header_seen:
            raise PriceTableError(f"{source}:1: empty; the header is {','.join(HEADER)}")
        return cls(rates, source)

    @classmethod
    def read(cls, path: Path, *, shown: str | None = None) -> Prices:
        """The table in the file ``path`` (``shown``: how messages name it)."""
        name = shown or str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PriceTableError(f"{name}: cannot be read: {exc}") from None
        return cls.parse(text, source=name)
