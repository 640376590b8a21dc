"""The ``hpt-request algorithms`` command's output: the built-in algorithm table as text or JSON."""

from __future__ import annotations

from typing import Any

from hpt_request.rules.algorithms import Algorithm, Hyperparameter, algorithms


def _valid(hyperparameter: Hyperparameter) -> str:
    if hyperparameter.documented:
        return hyperparameter.documented
    if hyperparameter.values:
        return ", ".join(hyperparameter.values)
    return hyperparameter.kind


def listing() -> str:
    """One line per algorithm: key, title, image repositories, tuning metrics, required
    hyperparameters."""
    table = algorithms()
    width = max(len(key) for key in table)
    lines = []
    for key, algorithm in table.items():
        required = ", ".join(h.name for h in algorithm.required_hyperparameters()) or "-"
        lines.append(
            f"{key:{width}}  {algorithm.title}  [{', '.join(algorithm.repositories)}]  "
            f"{len(algorithm.metrics)} metrics, required: {required}"
        )
    return "\n".join(lines) + "\n"


def entry(algorithm: Algorithm) -> str:
    """Everything the table knows of one algorithm, with the pages it came from."""
    lines = [f"{algorithm.title} ({algorithm.key})", ""]
    lines.append("Image repositories: " + ", ".join(algorithm.repositories))
    regions = sorted({registry.region for registry in algorithm.registries})
    lines.append(f"Registries: {len(algorithm.registries)} in {len(regions)} regions")
    lines += ["", "Tuning metrics:"]
    lines += [f"  {m.name}  {m.direction}" for m in algorithm.metrics] or ["  (none documented)"]
    lines += ["", "Hyperparameters (* required, ~ tunable with the recommended range):"]
    for h in algorithm.hyperparameters:
        mark = ("*" if h.required else " ") + ("~" if h.tunable else " ")
        tuning = ""
        if h.tunable is not None:
            t = h.tunable
            span = ", ".join(t.values) if t.values else f"{t.minimum} .. {t.maximum}"
            tuning = f"  [tune {t.type}: {span}]"
        lines.append(f"  {mark} {h.name}: {_valid(h)}{tuning}")
    lines += ["", "Sources:"] + [f"  {page}" for page in algorithm.pages]
    return "\n".join(lines) + "\n"


def as_json(algorithm: Algorithm) -> dict[str, Any]:
    """One algorithm as plain JSON data."""
    return {
        "key": algorithm.key,
        "title": algorithm.title,
        "repositories": list(algorithm.repositories),
        "pages": list(algorithm.pages),
        "metrics": [{"name": m.name, "direction": m.direction} for m in algorithm.metrics],
        "hyperparameters": [
            {
                "name": h.name,
                "kind": h.kind,
                "required": h.required,
                "tunable": h.tunable is not None,
                "valid": _valid(h),
            }
            for h in algorithm.hyperparameters
        ],
    }
