"""The repository keeps tool output out: coverage data is ignored and never tracked."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_coverage_data_is_ignored() -> None:
    """.gitignore lists coverage's data files and its HTML report."""
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".coverage", ".coverage.*", "htmlcov/"} <= set(ignored)


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout"
)
def test_no_coverage_data_is_tracked() -> None:
    """No file git tracks is coverage data."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert tracked  # the listing worked
    assert not [path for path in tracked if Path(path).name.startswith(".coverage")]
