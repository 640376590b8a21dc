"""Spec drift: what the installed botocore's SageMaker model says that this release cannot see.

The release's own spec is read back from the generated model (structure members, wire names,
required flags, and ``SHAPE_CONSTRAINTS``), so no extra file has to ship. The installed
botocore's closure is walked from the same roots. :func:`differences` lists added, removed and
changed shapes, members and constraints, one :class:`Difference` each, in a stable order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from hpt_request import model

ROOTS = ("CreateHyperParameterTuningJobRequest", "CreateHyperParameterTuningJobResponse")
CONSTRAINT_KEYS = ("type", "min", "max", "pattern", "enum", "member", "key", "value")


@attrs.frozen(order=True)
class Difference:
    """One change between the pinned spec and the installed one."""

    shape: str
    change: str  # "added", "removed", "lacks" (an older botocore) or "changed"
    detail: str

    def __str__(self) -> str:
        return f"{self.change:8} {self.shape}: {self.detail}"


def reachable(shapes: Mapping[str, Mapping[str, Any]], root: str) -> list[str]:
    """Names of the shapes reachable from ``root`` (depth first, first visit order)."""
    seen: dict[str, None] = {}
    stack = [root]
    while stack:
        name = stack.pop()
        if name in seen or name not in shapes:
            continue
        seen[name] = None
        shape = shapes[name]
        refs = [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
        refs += [m["shape"] for m in shape.get("members", {}).values()]
        stack.extend(reversed(refs))
    return list(seen)


def pinned_shapes() -> dict[str, dict[str, Any]]:
    """The spec this release was generated from, rebuilt from the model."""
    shapes: dict[str, dict[str, Any]] = {
        name: dict(c) for name, c in model.SHAPE_CONSTRAINTS.items()
    }
    for cls in model.STRUCTURES:
        fields = attrs.fields(cls)
        members = {f.metadata["wire"]: {"shape": f.metadata["shape"]} for f in fields}
        required = [f.metadata["wire"] for f in fields if f.default is attrs.NOTHING]
        shapes[cls.__name__] = {"type": "structure", "members": members, "required": required}
    return shapes


def installed_shapes() -> tuple[str, dict[str, dict[str, Any]]]:
    """(botocore version, closure of the installed botocore's SageMaker model)."""
    import botocore
    import botocore.session

    all_shapes = botocore.session.get_session().get_service_data("sagemaker")["shapes"]
    names: dict[str, None] = {}
    for root in ROOTS:
        names.update(dict.fromkeys(reachable(all_shapes, root)))
    shapes = {}
    for name in names:
        shape = all_shapes[name]
        if shape["type"] == "structure":
            members = {m: {"shape": s["shape"]} for m, s in shape.get("members", {}).items()}
            shapes[name] = {
                "type": "structure",
                "members": members,
                "required": list(shape.get("required", [])),
            }
        else:
            shapes[name] = {k: shape[k] for k in CONSTRAINT_KEYS if k in shape}
            for k in ("member", "key", "value"):
                if k in shapes[name]:
                    shapes[name][k] = {"shape": shape[k]["shape"]}
    return str(botocore.__version__), shapes


def version_key(version: str) -> tuple[int, ...]:
    """A botocore version as numbers (``"1.44.5"`` -> ``(1, 44, 5)``); non-numeric parts end it."""
    numbers = []
    for part in version.split("."):
        if not part.isdigit():
            break
        numbers.append(int(part))
    return tuple(numbers)


def is_older(installed_version: str) -> bool:
    """Whether the installed botocore is older than the one the spec was pinned from."""
    return version_key(installed_version) < version_key(model.BOTOCORE_VERSION)


def differences(
    pinned: Mapping[str, Mapping[str, Any]],
    installed: Mapping[str, Mapping[str, Any]],
    *,
    older: bool = False,
) -> list[Difference]:
    """Every added, removed or changed shape, member, required flag and constraint. With
    ``older=True`` (the installed botocore predates the pinned one) what the pinned spec has and
    the installed one does not is said as "lacks": it was not removed, it did not exist yet."""
    found = _differences(pinned, installed)
    if older:
        found = sorted(
            attrs.evolve(d, change="lacks", detail=f"the installed botocore lacks {d.detail}")
            if d.change == "removed"
            else d
            for d in found
        )
    return found


def _differences(
    pinned: Mapping[str, Mapping[str, Any]], installed: Mapping[str, Mapping[str, Any]]
) -> list[Difference]:
    found = [Difference(name, "added", "new shape") for name in installed if name not in pinned]
    found += [
        Difference(name, "removed", "the shape (not reachable)")
        for name in pinned
        if name not in installed
    ]
    for name in pinned.keys() & installed.keys():
        old, new = pinned[name], installed[name]
        if old.get("type") == "structure" and new.get("type") == "structure":
            found += _structure_changes(name, old, new)
            continue
        for key in CONSTRAINT_KEYS:
            if old.get(key) == new.get(key):
                continue
            if key == "enum" and old.get(key) and new.get(key):
                added = [v for v in new["enum"] if v not in old["enum"]]
                removed = [v for v in old["enum"] if v not in new["enum"]]
                parts = [
                    f"added {', '.join(added)}" if added else "",
                    f"without {', '.join(removed)}" if removed else "",
                ]
                detail = "; ".join(part for part in parts if part) or "reordered"
                found.append(Difference(name, "changed", f"enum values {detail}"))
            else:
                found.append(
                    Difference(
                        name, "changed", f"{key}: {_show(old.get(key))} -> {_show(new.get(key))}"
                    )
                )
    return sorted(found)


def _structure_changes(
    name: str, old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[Difference]:
    found = []
    old_members, new_members = old["members"], new["members"]
    for member in new_members.keys() - old_members.keys():
        found.append(Difference(name, "added", f"member {member} ({new_members[member]['shape']})"))
    for member in old_members.keys() - new_members.keys():
        found.append(Difference(name, "removed", f"member {member}"))
    for member in old_members.keys() & new_members.keys():
        if old_members[member] != new_members[member]:
            found.append(
                Difference(
                    name,
                    "changed",
                    f"member {member}: shape {old_members[member]['shape']} -> "
                    f"{new_members[member]['shape']}",
                )
            )
    for member in sorted(set(old["required"]) ^ set(new["required"])):
        now = "required" if member in new["required"] else "optional"
        found.append(Difference(name, "changed", f"member {member} is now {now}"))
    return found


def _show(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list) and len(value) > 6:
        return f"[{len(value)} values]"
    return repr(value)
