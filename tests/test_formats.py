"""--format sarif, github and json, through the command line.

The SARIF output is checked against the published SARIF 2.1.0 JSON Schema, shipped in
``tests/data/sarif-schema-2.1.0.structure.json``, the schema without its prose (made by
``tests/data/tools/derive_sarif_schema.py``; provenance in ``tests/data/SOURCES.md``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from hpt_request.model import examples
from hpt_request.rules import RULES
from hpt_request.text.codes import DOCS_URL, ONLINE, STRUCTURAL, TUNER
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.structure.json"
SARIF_SCHEMA = json.loads(SARIF_SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_sarif_schema_still_refuses_what_sarif_refuses() -> None:
    """The schema without its prose still validates: a log without its version, a result
    whose level is not one of SARIF's, and a region with a line of 0 are refused."""
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)

    def log(*results: dict[str, Any]) -> dict[str, Any]:
        run = {"tool": {"driver": {"name": "x"}}, "results": list(results)}
        return {"version": "2.1.0", "runs": [run]}

    assert validator.is_valid(log({"message": {"text": "m"}, "level": "error"}))
    assert not validator.is_valid({"runs": log()["runs"]})
    assert not validator.is_valid(log({"message": {"text": "m"}, "level": "fatal"}))
    place = {"physicalLocation": {"region": {"startLine": 0}}}
    assert not validator.is_valid(log({"message": {"text": "m"}, "locations": [place]}))


def _files(tmp_path: Path) -> list[str]:
    """A clean file, one with a warning and a structural error (YAML), and an unreadable one."""
    clean = tmp_path / "clean.json"
    clean.write_text(examples.text("bayesian"), encoding="utf-8")
    wide = examples.load("bayesian")
    wide["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 20
    wide["HyperParameterTuningJobName"] = "churn xgb"
    mixed = tmp_path / "mixed requests.yaml"
    mixed.write_text(yaml.safe_dump(wide, sort_keys=False), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{oops", encoding="utf-8")
    return [str(clean), str(mixed), str(broken)]


@pytest.fixture(scope="module")
def sarif(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any], list[str]]:
    files = _files(tmp_path_factory.mktemp("sarif"))
    result = run("validate", "--format", "sarif", *files)
    return result.returncode, json.loads(result.stdout), files


def test_sarif_passes_the_published_schema(sarif: tuple[int, dict[str, Any], list[str]]) -> None:
    """The SARIF log is valid against the SARIF 2.1.0 JSON Schema."""
    status, log, _ = sarif
    assert status == 2  # the unreadable file wins, as with text
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    errors = list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log))
    assert errors == []
    assert log["version"] == "2.1.0"


def test_sarif_has_one_rule_per_code_with_its_docs_anchor(
    sarif: tuple[int, dict[str, Any], list[str]],
) -> None:
    """The driver lists every rule id, structural and online code once, each helpUri at an
    anchor that the rule catalogue has."""
    _, log, _ = sarif
    driver = log["runs"][0]["tool"]["driver"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert sorted(ids) == sorted([*STRUCTURAL, *ONLINE, *TUNER, *(rule.id for rule in RULES)])
    catalogue = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in driver["rules"]:
        assert rule["helpUri"] == f"{DOCS_URL}rules.html#{rule['id']}"
        assert f"{{#{rule['id']}}}" in catalogue, rule["id"]
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
    assert driver["name"] == "hpt-request"
    assert driver["version"]


def test_sarif_results_carry_level_rule_and_location(
    sarif: tuple[int, dict[str, Any], list[str]],
) -> None:
    """One result per problem, with ruleId, ruleIndex, level, message and a region."""
    _, log, files = sarif
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    by_rule = {result["ruleId"]: result for result in run_["results"]}
    assert set(by_rule) == {"pattern", "max-parallel-quota"}
    assert by_rule["pattern"]["level"] == "error"
    assert by_rule["max-parallel-quota"]["level"] == "warning"
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("mixed%20requests.yaml")
        assert location["region"]["startLine"] >= 1
    text = Path(files[1]).read_text(encoding="utf-8").splitlines()
    region = by_rule["pattern"]["locations"][0]["physicalLocation"]["region"]
    assert text[region["startLine"] - 1][region["startColumn"] - 1 :] == "churn xgb"
    (notification,) = run_["invocations"][0]["toolExecutionNotifications"]
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert "not valid JSON" in notification["message"]["text"]


def test_github_annotations(tmp_path: Path) -> None:
    """--format github prints one workflow command per problem and one per unreadable file."""
    files = _files(tmp_path)
    result = run("validate", "--format", "github", *files)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    command = re.compile(
        r"::(error|warning) file=([^,]+)(?:,line=(\d+),col=(\d+))?,title=([^:]+)::(.+)"
    )
    parsed = [command.fullmatch(line) for line in lines]
    assert all(parsed), lines
    found = {(m[1], m[5]) for m in parsed if m}
    assert found == {
        ("error", "pattern"),
        ("warning", "max-parallel-quota"),
        ("error", "unreadable"),
    }
    pattern = next(m for m in parsed if m and m[5] == "pattern")
    assert pattern[2] == files[1]
    text = Path(files[1]).read_text(encoding="utf-8").splitlines()
    assert text[int(pattern[3]) - 1][int(pattern[4]) - 1 :] == "churn xgb"
    assert pattern[6].startswith("HyperParameterTuningJobName: ")


def test_github_escapes_what_would_break_a_command(tmp_path: Path) -> None:
    """Commas and colons in a file name, and newlines or % in text, cannot end a command early."""
    path = tmp_path / "a,b:c%.json"
    path.write_text('{"HyperParameterTuningJobName": "x%\\ny"}', encoding="utf-8")
    result = run("validate", "--format", "github", "--no-rules", str(path))
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # the pattern problem and the missing config: one line each
    escaped = str(path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert all(f"file={escaped}," in line for line in lines)
    (pattern,) = (line for line in lines if "title=pattern" in line)
    assert '"x%25\\ny"' in pattern.split("::", 2)[2]  # the newline stays escaped


def test_json_has_line_column_docs_and_both_severities(tmp_path: Path) -> None:
    """--format json: each problem has line, column, docs URL, severity and effective_severity;
    the summary counts unreadable files."""
    files = _files(tmp_path)
    result = run("validate", "--strict", "--format", "json", *files)
    document = json.loads(result.stdout)
    assert document["summary"] == {"files": 3, "errors": 2, "warnings": 0, "unreadable": 1}
    problems = {p["code"]: p for p in document["files"][1]["problems"]}
    quota = problems["max-parallel-quota"]
    assert (quota["severity"], quota["effective_severity"]) == ("warning", "error")
    assert quota["docs"] == f"{DOCS_URL}rules.html#max-parallel-quota"
    text = Path(files[1]).read_text(encoding="utf-8").splitlines()
    assert text[quota["line"] - 1][quota["column"] - 1 :] == "20"
    assert document["files"][2]["readable"] is False


def test_docs_url_is_the_site_url() -> None:
    """Problems link to the documentation site that mkdocs.yml builds."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (site,) = re.findall(r"^site_url: (\S+)$", config, flags=re.M)
    assert site == DOCS_URL


def test_the_catalogue_address_matches_the_site_layout() -> None:
    """Problems link to rules.html#<id> because the site is built without directory URLs."""
    from hpt_request.text.codes import CATALOGUE_PAGE

    config = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.findall(r"^use_directory_urls: (\w+)$", config, flags=re.M)
    expected = "rules.html" if found == ["false"] else "rules/"
    assert expected == CATALOGUE_PAGE


def test_sarif_lists_checks_skipped_for_placeholders(tmp_path: Path) -> None:
    """A real state machine whose values come at run time: its skipped checks are notes, each
    at the member it is about, and the log stays valid and successful."""
    source = ROOT / "tests" / "realworld" / "statemachines" / "sdk-workflow-execution-input.json"
    target = tmp_path / "machine.json"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", "--format", "sarif", str(target))
    assert result.returncode == 0
    log = json.loads(result.stdout)
    assert list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log)) == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    notes = invocation["toolExecutionNotifications"]
    json_result = run("validate", "--format", "json", str(target))
    skipped = json.loads(json_result.stdout)["files"][0]["skipped"]
    assert len(notes) == len(skipped) > 0
    for note, skip in zip(notes, skipped, strict=True):
        assert note["level"] == "note"
        assert note["descriptor"]["id"] == "skipped"
        (location,) = note["locations"]
        assert location["logicalLocations"][0]["fullyQualifiedName"] == skip["path"]
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (skip["line"], skip["column"])
