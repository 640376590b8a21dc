"""Requests that real tools send: the checks must not block them, and must say nothing at all
(even with ``strict=True``) unless ``tests/realworld/SOURCES.md`` names the finding and why it
is real.

The corpus (``tests/realworld/*.json``) was captured from the SageMaker Python SDK, its tuner
integration tests, AWS's example notebooks, Airflow's system test and the Developer Guide, each
run offline; ``SOURCES.md`` records where each file came from and how it was made.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hpt_request import from_wire, to_wire, validate

CORPUS = Path(__file__).parent / "realworld"
SECTION = re.compile(r"^## (\S+\.json)$", re.MULTILINE)
EXPECTED = re.compile(r"^- expected: (\S+) at (\S+): (.+)$", re.MULTILINE)


def _sources() -> dict[str, str]:
    text = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    heads = list(SECTION.finditer(text))
    return {
        head.group(1): text[head.end() : following.start() if following else len(text)]
        for head, following in zip(heads, [*heads[1:], None], strict=True)
    }


SOURCES = _sources()
FILES = sorted(path.name for path in CORPUS.glob("*.json"))


def _expected(name: str) -> list[tuple[str, str]]:
    return sorted((m.group(1), m.group(2)) for m in EXPECTED.finditer(SOURCES[name]))


def test_the_corpus_is_large_and_documented() -> None:
    """At least 40 requests, each with its provenance, and no provenance without a file."""
    assert len(FILES) >= 40
    assert set(FILES) == set(SOURCES)
    for name, section in SOURCES.items():
        for field in ("- source: ", "- made by: ", "- placeholders: "):
            assert field in section, (name, field)


def test_the_readme_counts_the_corpus() -> None:
    """The README's claim ("N requests captured from real tools") is the corpus as it is."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    claimed = re.search(r"(\d+) requests captured from real tools", readme)
    assert claimed is not None
    assert int(claimed.group(1)) == len(FILES)


@pytest.mark.parametrize("name", FILES)
def test_real_requests_have_no_errors(name: str) -> None:
    """No real request gets an error: from_wire reads it."""
    request = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    problems = validate(request)
    assert [p for p in problems if p.blocking] == []
    from_wire(request)


@pytest.mark.parametrize("name", FILES)
def test_real_requests_are_clean_even_when_strict(name: str) -> None:
    """With strict=True, only the findings SOURCES.md names and justifies are reported."""
    request = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    found = sorted((p.code, p.path) for p in validate(request, strict=True))
    assert found == _expected(name)


@pytest.mark.parametrize("name", FILES)
def test_real_requests_round_trip(name: str) -> None:
    """Every member a real tool sends comes back out of from_wire/to_wire unchanged."""
    request = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    assert to_wire(from_wire(request, rules=False)) == request
