"""Collect the ECR accounts AWS serves its own SageMaker images from:
``hpt_request/rules/data/aws_registries.json``.

Dev-only, never run by the tests or by ``python -m generator``: it needs the public git
repository aws/sagemaker-python-sdk on disk, given as a bare git directory (a clone's ``.git``
works too)::

    python -m generator.aws_registries --sdk PATH/sagemaker-python-sdk.git [--check]

Every file of the SDK's ``image_uri_config`` folder at ``SDK_COMMIT`` (the same commit as the
built-in algorithms' table, ``generator/algorithms.py``) maps regions to the registry accounts
of one family of images: the built-in algorithms, the AWS Deep Learning Containers (account
763104351884 in most regions), the framework containers (scikit-learn, XGBoost, Spark, ...),
Clarify, Debugger, Model Monitor and the rest. The file written lists every account found, in
every partition (ISO regions too: the accounts are AWS's wherever they serve). ``--check`` exits
1 if the file differs from what would be written.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.algorithms import SDK_COMMIT, SDK_CONFIG, SDK_REPOSITORY, git_show

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "hpt_request" / "rules" / "data" / "aws_registries.json"


def config_files(sdk: Path) -> list[str]:
    """The JSON files of the SDK's image_uri_config folder at the pinned commit."""
    done = subprocess.run(
        ["git", f"--git-dir={sdk}", "ls-tree", "--name-only", f"{SDK_COMMIT}:{SDK_CONFIG}"],
        capture_output=True,
        text=True,
        check=True,
    )
    names = [name for name in done.stdout.splitlines() if name.endswith(".json")]
    if not names:
        raise SystemExit(f"{SDK_CONFIG}: no JSON files at {SDK_COMMIT}")
    return sorted(names)


def registry_pairs(node: Any) -> Iterator[tuple[str, str]]:
    """(region, account) of every ``registries`` object anywhere in a config document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "registries" and isinstance(value, dict):
                for region, account in value.items():
                    if not (isinstance(account, str) and account.isdigit() and len(account) == 12):
                        raise SystemExit(f"registries: {region}: {account!r} is not an account")
                    yield region, account
            else:
                yield from registry_pairs(value)
    elif isinstance(node, list):
        for item in node:
            yield from registry_pairs(item)


def document(sdk: Path) -> dict[str, Any]:
    names = config_files(sdk)
    regions: dict[str, set[str]] = {}
    for name in names:
        config = json.loads(git_show(sdk, SDK_COMMIT, f"{SDK_CONFIG}/{name}"))
        for region, account in registry_pairs(config):
            regions.setdefault(account, set()).add(region)
    return {
        "_generated": {
            "generated_by": "python -m generator.aws_registries --sdk SDK_GIT_DIR",
            "regenerate": (
                "python -m generator.aws_registries --sdk SDK_GIT_DIR (--check says whether "
                "this file is stale)"
            ),
            "how": (
                "every registries object (region -> account) of every file of the SDK's "
                "image_uri_config folder; accounts lists each account with the regions it "
                "serves in, across all partitions"
            ),
            "source": {
                "repository": SDK_REPOSITORY,
                "commit": SDK_COMMIT,
                "path": SDK_CONFIG,
                "files": len(names),
                "license": "Apache-2.0",
            },
        },
        "accounts": {account: sorted(regions[account]) for account in sorted(regions)},
    }


def render(found: dict[str, Any]) -> str:
    return json.dumps(found, indent=1, ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.aws_registries")
    parser.add_argument("--sdk", type=Path, required=True, help="git dir of the SageMaker SDK")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render(document(args.sdk))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
