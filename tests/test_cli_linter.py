"""Command-line conveniences of a linter, through the real entry point in a subprocess: folders
with --include/--exclude, --quiet, --version, --parents, `rules ID` and `rules --format json`,
and the pre-commit hook's default file pattern."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import yaml

from hpt_request import model
from hpt_request.model import examples
from hpt_request.rules import RULES
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent


def _tree(tmp_path: Path) -> Path:
    """tuning/{a.json, b.yaml, notes.txt, sub/c.yml, drafts/d.json, .hidden/e.json}."""
    top = tmp_path / "tuning"
    for folder in ("sub", "drafts", ".hidden"):
        (top / folder).mkdir(parents=True)
    (top / "a.json").write_text(examples.text("bayesian"), encoding="utf-8")
    (top / "b.yaml").write_text(yaml.safe_dump(examples.load("grid")), encoding="utf-8")
    (top / "notes.txt").write_text("not a request", encoding="utf-8")
    (top / "sub" / "c.yml").write_text(yaml.safe_dump(examples.load("spot")), encoding="utf-8")
    (top / "drafts" / "d.json").write_text('{"HyperParameterTuningJobName": 5}', encoding="utf-8")
    (top / ".hidden" / "e.json").write_text("{oops", encoding="utf-8")
    return top


def _checked(stdout: str) -> list[str]:
    return [line.split(": ", 1)[0].split(":")[0] for line in stdout.splitlines()[:-1]]


def test_a_folder_is_searched_for_requests(tmp_path: Path) -> None:
    """A folder gives its JSON and YAML files, sub-folders included, hidden folders not."""
    top = _tree(tmp_path)
    result = run("validate", str(top))
    assert result.returncode == 1  # drafts/d.json has an error
    assert "Is a directory" not in result.stderr
    files = {Path(name).relative_to(top).as_posix() for name in _checked(result.stdout)}
    assert files == {"a.json", "b.yaml", "sub/c.yml", "drafts/d.json"}
    assert result.stdout.splitlines()[-1].startswith("4 files checked: ")


def test_include_and_exclude(tmp_path: Path) -> None:
    """--exclude leaves out a folder or a name; --include replaces the default patterns."""
    top = _tree(tmp_path)
    excluded = run("validate", str(top), "--exclude", "drafts/*", "--exclude", "*.yml")
    assert excluded.returncode == 0
    assert {Path(n).name for n in _checked(excluded.stdout)} == {"a.json", "b.yaml"}
    included = run("validate", str(top), "--include", "*.yaml")
    assert {Path(n).name for n in _checked(included.stdout)} == {"b.yaml"}


def test_quiet_prints_problems_and_summary_only(tmp_path: Path) -> None:
    """--quiet drops the OK lines."""
    top = _tree(tmp_path)
    result = run("validate", "--quiet", str(top))
    *problems, summary = result.stdout.splitlines()
    assert problems
    assert all("drafts/d.json:" in line for line in problems)
    assert summary == f"4 files checked: {len(problems)} errors, 0 warnings"


def test_version_names_the_release_and_the_spec() -> None:
    """--version prints the library version, the pinned botocore and the spec digest."""
    result = run("--version")
    assert result.returncode == 0
    line = result.stdout.strip()
    assert re.fullmatch(
        r"hpt-request \S+ \(botocore [\d.]+, SageMaker API [\d-]+, spec sha256 \w+\)", line
    )
    assert model.BOTOCORE_VERSION in line
    assert model.SPEC_SHA256 in line


def _describe(request: dict[str, Any], name: str) -> dict[str, Any]:
    describe = {
        key: copy.deepcopy(value)
        for key, value in request.items()
        if key not in ("Tags", "WarmStartConfig")
    }
    describe["HyperParameterTuningJobName"] = name
    describe["HyperParameterTuningJobStatus"] = "Completed"
    return describe


def test_parents_check_a_warm_start(tmp_path: Path) -> None:
    """--parents FILE... checks a warm start against the saved Describe responses."""
    child = examples.load("warm-start")
    names = [
        p["HyperParameterTuningJobName"]
        for p in child["WarmStartConfig"]["ParentHyperParameterTuningJobs"]
    ]
    parent_files = []
    for name in names:
        parent = _describe(child, name)
        parent["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"]["Type"] = (
            "Minimize"  # the child changes the objective: warm start forbids it
        )
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(parent), encoding="utf-8")
        parent_files.append(str(path))
    request = tmp_path / "child.json"
    request.write_text(json.dumps(child), encoding="utf-8")
    assert run("validate", str(request)).returncode == 0  # without parents: not checked
    result = run("validate", str(request), "--parents", *parent_files)
    assert "warm-start-against-parents" in result.stdout
    missing = run("validate", str(request), "--parents", str(tmp_path / "absent.json"))
    assert missing.returncode == 2
    assert "--parents" in missing.stderr
    assert "absent.json" in missing.stderr


def test_rules_id_explains_one_rule() -> None:
    """`rules ID` prints the rule's severity, evidence (as addresses) and documentation link."""
    result = run("rules", "hyperband-early-stopping-off")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("hyperband-early-stopping-off (error): ")
    assert any(line.startswith("Evidence: ") and "https://" in line for line in lines)
    assert lines[-1].endswith("/rules.html#hyperband-early-stopping-off")
    assert any(
        line.startswith("A request it flags: Start from the bundled example `hyperband`")
        and "TrainingJobEarlyStoppingType" in line
        for line in lines
    )
    structural = run("rules", "additionalProperties")
    assert structural.returncode == 0
    assert "structural" in structural.stdout
    unknown = run("rules", "no-such-rule")
    assert unknown.returncode == 2
    assert "no-such-rule" in unknown.stderr


def test_rules_json_lists_every_rule() -> None:
    """`rules --format json` lists every rule with its evidence and docs URL; with an ID, one."""
    listed = json.loads(run("rules", "--format", "json").stdout)
    assert [entry["id"] for entry in listed] == [rule.id for rule in RULES]
    assert all(entry["severity"] in ("error", "warning") for entry in listed)
    assert all(entry["docs"].endswith(f"#{entry['id']}") for entry in listed)
    assert all(entry["evidence"] for entry in listed)
    assert all(entry["example"].startswith("Start from the ") for entry in listed)
    one = json.loads(run("rules", "max-parallel-quota", "--format", "json").stdout)
    assert one["id"] == "max-parallel-quota"
    assert one["rationale"]
    assert "MaxParallelTrainingJobs` to `11`" in one["example"]


_CHANGE = re.compile(
    r"(?P<verb>set|remove|add|append to) `(?P<path>[^`]+)`"
    r"(?:(?: to |: | = )`(?P<value>[^`]*)`)?"
)


def _steps(path: str) -> list[str | int]:
    """`A.B[1]["k"]` -> ["A", "B", 1, "k"]."""
    steps: list[str | int] = []
    for name, index, key in re.findall(r'([A-Za-z]\w*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]', path):
        steps.append(name or (int(index) if index else json.loads(key)))
    return steps


def _apply(request: dict[str, Any], change: re.Match[str]) -> None:
    *parents, last = _steps(change["path"])
    holder: Any = request
    for step in parents:
        holder = holder[step]
    if change["verb"] == "remove":
        del holder[last]
    elif change["verb"] == "append to":
        holder[last].append(json.loads(change["value"]))
    else:
        holder[last] = json.loads(change["value"])


def test_rule_examples_are_flagged_by_their_rule(tmp_path: Path) -> None:
    """Each example `rules --format json` shows that is written out in full (a bundled example
    with every change spelled out), once applied, gets its rule's problem from `validate`."""
    listed = json.loads(run("rules", "--format", "json").stdout)
    built: dict[str, str] = {}
    for entry in listed:
        text = entry["example"]
        start = re.match(
            r"Start from the bundled example `([a-z-]+)` \(.*?\), then (.*?)\. The rule", text
        )
        if start is None or " With " in text:
            continue  # a golden file of the repository, parents or an opt-in setting
        changes = start[2].split("; ")
        found = [_CHANGE.fullmatch(change) for change in changes]
        if not all(m is not None and (m["verb"] == "remove" or m["value"]) for m in found):
            continue  # a change summarised (a list of N items, an object with N members)
        request = examples.load(start[1])
        for match in found:
            assert match is not None
            _apply(request, match)
        (tmp_path / f"{entry['id']}.json").write_text(json.dumps(request), encoding="utf-8")
        built[entry["id"]] = start[1]
    assert len(built) >= 30
    report = json.loads(run("validate", str(tmp_path), "--format", "json").stdout)
    codes = {
        Path(item["file"]).stem: {problem["code"] for problem in item["problems"]}
        for item in report["files"]
    }
    assert set(codes) == set(built)
    missed = [rule for rule, found_codes in codes.items() if rule not in found_codes]
    assert missed == []


def test_pre_commit_hook_selects_request_files_only() -> None:
    """The hooks' default `files:` pattern takes request folders and names, not package.json."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        pattern = re.compile(hook["files"])
        taken = [
            "tuning/churn.json",
            "ml/tuning-jobs/nightly.yaml",
            "hpt/a.yml",
            "requests/churn.tuning.json",
            "x.hpt.yaml",
        ]
        left = [
            "package.json",
            ".pre-commit-config.yaml",
            ".github/workflows/ci.yml",
            "tsconfig.json",
            "tuning.md",
            "tuning/readme.txt",
            "src/tuning.py",
        ]
        assert all(pattern.search(path) for path in taken), hook["id"]
        assert not any(pattern.search(path) for path in left), hook["id"]


def test_pre_commit_docs_example_names_a_real_hook() -> None:
    """The docs' .pre-commit-config.yaml is YAML, uses a hook the repository defines, and its
    files pattern is a valid regular expression."""
    text = (ROOT / "docs" / "ci-gate.md").read_text(encoding="utf-8")
    (body,) = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", text, flags=re.S)
    config = yaml.safe_load(body)
    (repo,) = config["repos"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for hook in hooks}
    for hook in repo["hooks"]:
        assert hook["id"] in ids
        assert re.compile(hook["files"]).search("ml/requests/churn.json")
        assert not re.compile(hook["files"]).search("package.json")
