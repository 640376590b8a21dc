"""``python -m generator [generate|refresh|check]``.

- ``generate`` (the default): regenerate every generated file from the vendored spec (and the
  inputs in ``generator/inputs/``: the ACK controller's CRD property tree, for ``emit_ack``; the EC2
  User Guide's instance types and instance store volumes, for ``emit_instance_storage``).
- ``refresh``: re-extract the spec closure (and the instance types of other kinds of jobs) from
  the installed botocore, then regenerate.
- ``check``: exit 1 if any generated file differs from what ``generate`` would write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import (
    emit_ack,
    emit_docs,
    emit_instance_storage,
    emit_instance_types,
    emit_model,
    emit_readers,
    emit_schema,
    spec,
)

SCHEMA_DIRS = (spec.ROOT / "schemas", spec.ROOT / "hpt_request" / "schemas")
MODEL_PATH = spec.ROOT / "hpt_request" / "model" / "shapes.py"
READERS_PATH = spec.ROOT / "hpt_request" / "schema" / "readers.py"
RULES_PAGE = spec.ROOT / "docs" / "rules.md"
RULE_EXAMPLES = spec.ROOT / "hpt_request" / "rules" / "data" / "rule_examples.json"


def outputs(loaded: spec.Spec) -> dict[Path, str]:
    """Every generated file and its content."""
    examples = emit_docs.rule_examples()
    files: dict[Path, str] = {
        MODEL_PATH: emit_model.emit(loaded),
        READERS_PATH: emit_readers.emit(loaded),
        RULES_PAGE: emit_docs.rules_page(examples),
        RULE_EXAMPLES: emit_docs.rule_examples_file(examples),
        emit_ack.OUTPUT: emit_ack.emit(loaded),
        emit_instance_types.OUTPUT: emit_instance_types.emit(loaded),
        emit_instance_storage.OUTPUT: emit_instance_storage.emit(loaded),
    }
    for root in (spec.REQUEST_ROOT, spec.RESPONSE_ROOT):
        text = emit_schema.render(emit_schema.document(loaded, root))
        for directory in SCHEMA_DIRS:
            files[directory / f"{root}.schema.json"] = text
    return files


def stale(files: dict[Path, str]) -> list[Path]:
    return [
        path
        for path, text in files.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument(
        "command", nargs="?", default="generate", choices=["generate", "refresh", "check"]
    )
    args = parser.parse_args(argv)
    if args.command == "refresh":
        spec.SPEC_PATH.write_text(spec.dump(spec.extract()), encoding="utf-8")
        print(f"wrote {spec.SPEC_PATH.relative_to(spec.ROOT)}")
        instance_types = emit_instance_types.INPUT
        instance_types.write_text(spec.dump(emit_instance_types.extract()), encoding="utf-8")
        print(f"wrote {instance_types.relative_to(spec.ROOT)}")
    loaded = spec.load()
    if args.command != "check":
        # The rules' example requests are checked while the other files are made, through
        # the readers: write those first.
        READERS_PATH.write_text(emit_readers.emit(loaded), encoding="utf-8")
    files = outputs(loaded)
    if args.command == "check":
        changed = stale(files)
        for path in changed:
            print(f"stale: {path.relative_to(spec.ROOT)}")
        return 1 if changed else 0
    for line in emit_ack.report(emit_ack.load(loaded)[1]):
        print(line)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(spec.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
