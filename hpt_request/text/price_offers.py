"""The AWS Price List offer file for AmazonSageMaker, made into a price table.

A user downloads the per-region offer file (the Price List Bulk API's JSON, for example
``.../offers/v1.0/aws/AmazonSageMaker/current/us-east-1/index.json``). The AWS Billing User
Guide ("Reading the service price list file for an AWS service") documents its form:
``products`` maps each SKU to a ``productFamily`` and ``attributes``; ``terms.OnDemand`` maps
each SKU to its offer terms, each with ``priceDimensions`` whose ``pricePerUnit`` gives the
price in ``USD`` per ``unit``. :func:`training_prices` keeps the products that are training
instances (an ``ml.`` instance name, ``component`` "Training" or a ``usagetype`` containing
"Train", not spot) with their region (``regionCode``) and On-Demand hourly USD price; two prices
for the same region and instance type keep the higher, since the table is for a worst case.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from typing import Any

from hpt_request.rules.prices import HEADER


class OfferFileError(ValueError):
    """An offer file that is not the documented form."""


def _training_instance(attributes: Mapping[str, Any]) -> tuple[str, str] | None:
    """(region, instance type) of a training instance product; None for any other product."""
    name = attributes.get("instanceName") or attributes.get("instanceType")
    region = attributes.get("regionCode")
    if not isinstance(name, str) or not name.startswith("ml.") or not isinstance(region, str):
        return None
    component = str(attributes.get("component", ""))
    usage = str(attributes.get("usagetype", ""))
    if component.lower() != "training" and "train" not in usage.lower():
        return None
    if "spot" in usage.lower() or "spot" in component.lower():
        return None
    return region, name


def _hourly_usd(terms: Any) -> float | None:
    """The On-Demand USD price per hour among a SKU's offer terms (the highest if several)."""
    found: list[float] = []
    if not isinstance(terms, Mapping):
        return None
    for term in terms.values():
        dimensions = term.get("priceDimensions") if isinstance(term, Mapping) else None
        if not isinstance(dimensions, Mapping):
            continue
        for dimension in dimensions.values():
            if not isinstance(dimension, Mapping):
                continue
            unit = str(dimension.get("unit", "")).lower()
            usd = (dimension.get("pricePerUnit") or {}).get("USD")
            if unit not in ("hrs", "hr", "hours", "hour") or usd is None:
                continue
            try:
                value = float(usd)
            except (TypeError, ValueError):
                continue
            if math.isfinite(value) and value >= 0:
                found.append(value)
    return max(found) if found else None


def training_prices(offer: Any) -> dict[tuple[str, str], float]:
    """(region, instance type) -> On-Demand USD per hour of the training instances in ``offer``
    (the parsed JSON of an offer file)."""
    if not isinstance(offer, Mapping) or not isinstance(offer.get("products"), Mapping):
        raise OfferFileError("not a Price List offer file: no products table")
    terms = offer.get("terms")
    on_demand = terms.get("OnDemand") if isinstance(terms, Mapping) else None
    if not isinstance(on_demand, Mapping):
        raise OfferFileError("not a Price List offer file: no terms.OnDemand table")
    prices: dict[tuple[str, str], float] = {}
    for sku, product in offer["products"].items():
        attributes = product.get("attributes") if isinstance(product, Mapping) else None
        if not isinstance(attributes, Mapping):
            continue
        key = _training_instance(attributes)
        if key is None:
            continue
        usd = _hourly_usd(on_demand.get(sku))
        if usd is not None:
            prices[key] = max(usd, prices.get(key, 0.0))
    return prices


def price_table(prices: Mapping[tuple[str, str], float]) -> str:
    """The CSV price table (``region,instance_type,usd_per_hour``), sorted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for (region, instance_type), usd in sorted(prices.items()):
        writer.writerow((region, instance_type, f"{usd:g}" if usd < 1e15 else repr(usd)))
    return buffer.getvalue()


def convert(text: str) -> tuple[str, int]:
    """The price table made from an offer file's text, and the number of rows."""
    try:
        offer = json.loads(text)
    except ValueError as exc:
        raise OfferFileError(f"not JSON: {exc}") from None
    prices = training_prices(offer)
    if not prices:
        raise OfferFileError("no On-Demand training instance prices found")
    return price_table(prices), len(prices)
