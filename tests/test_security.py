"""The security group, the two correctness rules on by default, and credentials kept out of
every output.

- the security group (opt-in): ``--enable security`` (and ``enable = ["security"]``,
  ``RuleSettings(enable=["security"])``) reports each of its rules at its member on a request
  that breaks them all, and nothing on one that keeps them all; ``error = ["security"]`` makes
  them block;
- ``volume-kms-local-storage`` and ``secret-in-plain-text`` run without any setting;
- every credential format recognised, with a value of its form and a near miss that is not;
- masking: the credential never appears in a problem's message, whichever check wrote it (the
  rule, a structural ``maxLength``, a built-in hyperparameter rule), nor in the text, json,
  github and sarif outputs of ``hpt-request validate``, nor in ``summary()`` and
  ``_repr_html_()``, nor in the problems of a pipeline that embeds the request.

The made-up credentials are built at run time (:func:`~tests.test_rules.fake_token`), so that the
source holds no text of a credential's form.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest

from hpt_request import (
    RequestValidationError,
    RuleSettings,
    from_wire,
    to_wire,
    validate,
    validate_document,
)
from hpt_request.cli import main
from hpt_request.rules import RULES, instance_storage, registries, secret_formats
from hpt_request.rules.settings import groups
from tests.corpus import golden_valid
from tests.test_rules import AWS_KEY_ID, AWS_SECRET_KEY, fake_token

VALID = golden_valid()
KITCHEN = "golden/kitchen_sink"
DEF = "TrainingJobDefinition"
SECURITY = groups()["security"]
B64 = "Zm9vYmFyQmF6cXV4MTIzNDU2Nzg5MA+/"  # base64's alphabet, made up
HEX = "0123456789abcdef"
BEGIN, END = "-----BEGIN ", "-----END "


def _pem(label: str) -> str:
    return f"{BEGIN}{label}-----\n{fake_token('MHcCAQEE', 56, B64)}\n{END}{label}-----\n"


# (format, key, a value of the format, a near miss under the same key that is not one)
FORMATS: list[tuple[str, str, str, str]] = [
    ("AWS access key id", "AWS_ACCESS_KEY_ID", AWS_KEY_ID, AWS_KEY_ID[:-1]),
    (
        "AWS access key id",
        "creds",
        fake_token("AS" + "IA", 16, "J7EXAMPLE2TEMP3K"),
        fake_token("as" + "ia", 16, "j7example2temp3k"),
    ),
    (
        "AWS secret access key",
        "AWS_SECRET_ACCESS_KEY",
        AWS_SECRET_KEY,
        "mlsecretsprodhuggingfacetokenforchurnjob",  # 40 characters, one letter case, no digit
    ),
    (
        "AWS secret access key",
        "credentials_file",
        f"[default]\naws_secret_access_key = {AWS_SECRET_KEY}\n",
        f"[default]\naws_secret_access_key = {AWS_SECRET_KEY[:39]}\n",
    ),
    (
        "AWS session token",
        "AWS_SESSION_TOKEN",
        fake_token("", 120, B64),
        fake_token("", 99, B64),
    ),
    (
        "AWS session token",
        "credentials",
        fake_token("IQoJb3JpZ2luX2Vj", 100, B64),
        fake_token("IQoJb3JpZ2luX2Vj", 20, B64),
    ),
    ("private key", "SSH_KEY", _pem("EC PRIVATE KEY"), _pem("PUBLIC KEY")),
    ("private key", "DEPLOY_KEY", _pem("OPENSSH PRIVATE KEY"), _pem("CERTIFICATE")),
    ("GitHub token", "GITHUB_TOKEN", fake_token("gh" + "p_", 36), fake_token("gh" + "p_", 35)),
    (
        "GitHub token",
        "GH_PAT",
        fake_token("github" + "_pat_", 22) + "_" + fake_token("", 59),
        fake_token("github" + "_pat_", 22) + "_" + fake_token("", 58),
    ),
    (
        "Slack token",
        "SLACK_BOT_TOKEN",
        "xo" + "xb-123456789012-1234567890123-" + fake_token("", 24),
        "xo" + "xb-not-a-real-token",
    ),
    (
        "Hugging Face token",
        "HF_TOKEN",
        fake_token("hf" + "_", 34, "aBcDeFgHiJkLmNoPqRsTuVwXyZ"),
        fake_token("hf" + "_", 33, "aBcDeFgHiJkLmNoPqRsTuVwXyZ"),
    ),
    ("Hugging Face token", "HF_HUB_ENABLE_HF_TRANSFER", "hf" + "_transfer", "1"),
    ("Google API key", "GOOGLE_API_KEY", fake_token("AI" + "za", 35), fake_token("AI" + "za", 34)),
    (
        "Stripe live key",
        "STRIPE_KEY",
        fake_token("sk" + "_live_", 24),
        fake_token("sk" + "_test_", 24),
    ),
    (
        "OpenAI API key",
        "OPENAI_API_KEY",
        fake_token("sk-" + "proj-", 20) + "T3Blbk" + "FJ" + fake_token("", 20),
        fake_token("sk-", 48),
    ),
    (
        "Anthropic API key",
        "ANTHROPIC_API_KEY",
        fake_token("sk-" + "ant-api03-", 90),
        fake_token("sk-" + "ant-api03-", 20),
    ),
    (
        "Weights & Biases API key",
        "WANDB_API_KEY",
        fake_token("", 40, HEX),
        fake_token("", 39, HEX),
    ),
]
# The near miss of the HF_HUB_ENABLE_HF_TRANSFER row is the matching one: the value "hf_transfer"
# (the package's name) is not a token, whatever the key.
NOT_TOKENS = {"HF_HUB_ENABLE_HF_TRANSFER"}


def _ids(rows: list[tuple[str, str, str, str]]) -> list[str]:
    return [f"{kind}-{key}" for kind, key, _value, _near in rows]


@pytest.mark.parametrize(("kind", "key", "value", "near"), FORMATS, ids=_ids(FORMATS))
def test_each_format_is_found_and_its_near_miss_is_not(
    kind: str, key: str, value: str, near: str
) -> None:
    """A value of the format holds exactly one credential of that kind, found whole; the near
    miss holds none."""
    found = secret_formats.found_in(key, value)
    assert secret_formats.found_in(key, near) == []
    if key in NOT_TOKENS:
        assert found == []
        return
    assert [secret.format.name for secret in found] == [kind]
    assert found[0].text in value
    assert found[0].masked == found[0].text[:4] + "********"


def test_the_secret_access_key_needs_a_name_that_says_so() -> None:
    """A 40-character value of base64's alphabet is only a secret access key under a key named
    for a secret (or after its name in the value): elsewhere it may be anything."""
    assert secret_formats.found_in("MODEL_CHECKSUM", AWS_SECRET_KEY) == []
    assert secret_formats.found_in("wandb_run_id", fake_token("", 40, HEX)) == []
    assert [s.format.name for s in secret_formats.found_in("aws_secret", AWS_SECRET_KEY)] == [
        "AWS secret access key"
    ]


# -- the rule, default on ---------------------------------------------------------------------


def _script_mode(environment: dict[str, str] | None = None, **static: str) -> dict[str, Any]:
    """The golden LoRA fine-tuning request (a Hugging Face Deep Learning Container in script
    mode), with environment variables and static hyperparameters added."""
    wire = copy.deepcopy(VALID["golden/resource_instance_configs"])
    definition = wire[DEF]
    if environment is not None:
        definition["Environment"] = environment
    definition["StaticHyperParameters"].update(static)
    return wire


def _windows(secret: str, size: int = 8) -> list[str]:
    """Every run of ``size`` characters of a credential: none may show anywhere."""
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


def _shows_none(text: str, *secrets: str) -> bool:
    return not any(window in text for secret in secrets for window in _windows(secret))


MATCHING = [row for row in FORMATS if row[1] not in NOT_TOKENS]


@pytest.mark.parametrize(("kind", "key", "value", "near"), MATCHING, ids=_ids(MATCHING))
def test_the_rule_reports_each_format_masked(kind: str, key: str, value: str, near: str) -> None:
    """Without any setting, a credential in an environment variable is one warning at its
    member, whose message names the kind, shows the mask only, and says where it belongs."""
    secret = secret_formats.found_in(key, value)[0]
    problems = validate(_script_mode({key: value}))
    assert [(p.code, p.path, p.severity) for p in problems] == [
        ("secret-in-plain-text", f'{DEF}.Environment["{key}"]', "warning")
    ]
    message = problems[0].message
    assert kind in message
    assert secret.masked in message
    assert _shows_none(message, secret.text)
    home = "IAM role" if kind.startswith("AWS") else "Secrets Manager"
    assert home in message
    assert validate(_script_mode({key: near})) == []


def test_static_hyperparameters_are_read_too() -> None:
    """A credential among the static hyperparameters is reported at its key."""
    token = FORMATS[11][2]
    problems = validate(_script_mode(hf_token=token))
    assert [(p.code, p.path) for p in problems] == [
        ("secret-in-plain-text", f'{DEF}.StaticHyperParameters["hf_token"]')
    ]


def test_the_two_correctness_rules_are_on_by_default() -> None:
    """volume-kms-local-storage and secret-in-plain-text run with no settings at all, and the
    security group does not."""
    defaults = {rule.id for rule in RULES if rule.default}
    assert {"volume-kms-local-storage", "secret-in-plain-text"} <= defaults
    assert not defaults & set(SECURITY)
    wire = copy.deepcopy(VALID["example/bayesian"])
    wire[DEF]["ResourceConfig"].update(
        InstanceType="ml.p4d.24xlarge", VolumeKmsKeyId="alias/training-volumes"
    )
    wire[DEF]["Environment"] = {"AWS_ACCESS_KEY_ID": AWS_KEY_ID}
    assert sorted((p.code, p.severity) for p in validate(wire)) == [
        ("secret-in-plain-text", "warning"),
        ("volume-kms-local-storage", "error"),
    ]


# -- masking, wherever a message would quote the value ----------------------------------------

SESSION_TOKEN = FORMATS[5][2]  # 116 characters: too long for nothing, long enough to be cut
LONG_TOKEN = fake_token("IQoJb3JpZ2luX2Vj", 600, B64)  # above Environment's 512 characters


def test_a_structural_problem_quoting_the_value_is_masked() -> None:
    """An environment value over 512 characters fails maxLength, whose message quotes the value
    cut short: the quote is masked, and the rule (which cannot read the failed value) is
    skipped."""
    problems = validate(_script_mode({"AWS_SESSION_TOKEN": LONG_TOKEN}))
    assert [p.code for p in problems] == ["maxLength"]
    assert "IQoJ********" in problems[0].message
    assert _shows_none(problems[0].message, LONG_TOKEN)


def test_a_builtin_rule_quoting_the_value_is_masked() -> None:
    """XGBoost's num_round is an integer; a credential there is quoted by
    builtin-hyperparameter-values, masked."""
    wire = copy.deepcopy(VALID["example/bayesian"])
    wire[DEF]["StaticHyperParameters"]["num_round"] = AWS_KEY_ID
    problems = validate(wire)
    assert {p.code for p in problems} == {"builtin-hyperparameter-values", "secret-in-plain-text"}
    for problem in problems:
        assert _shows_none(problem.message, AWS_KEY_ID), problem


def test_masking_covers_escaped_and_cut_short_quotes() -> None:
    """A message may quote the credential as is, JSON- or Python-escaped, or cut short after
    more than the four characters a mask shows."""
    key = _pem("RSA PRIVATE KEY")
    escaped = json.dumps(key)[1:-1]
    message = f'value "{escaped[:40]}..." and {key!r} and {key}'
    masked = secret_formats.masked(message, {key})
    assert _shows_none(masked, key, escaped)
    assert masked.count("----********") == 3


def test_to_wire_masks_its_errors() -> None:
    """to_wire refuses an object whose environment value is too long; the error quotes it
    masked."""
    request = from_wire(_script_mode({"NOTE": "x"}))
    assert request.training_job_definition is not None
    request.training_job_definition.environment = {"AWS_SESSION_TOKEN": LONG_TOKEN}
    with pytest.raises(RequestValidationError) as caught:
        to_wire(request)
    assert _shows_none(str(caught.value), LONG_TOKEN)


def test_a_pipeline_that_embeds_the_request_is_masked_too() -> None:
    """The problems of a request inside a SageMaker Pipelines definition are masked the same
    way."""
    path = Path(__file__).parent / "realworld" / "pipelines" / "sdk-pipeline-single-tuner.json"
    pipeline = json.loads(path.read_text(encoding="utf-8"))
    arguments = pipeline["Steps"][0]["Arguments"]
    arguments[DEF]["Environment"] = {"AWS_SESSION_TOKEN": LONG_TOKEN, "GH": FORMATS[8][2]}
    checked = validate_document(pipeline)
    assert {p.code for p in checked.problems} >= {"maxLength"}
    for problem in checked.problems:
        assert _shows_none(problem.message, LONG_TOKEN, FORMATS[8][2]), problem


# -- every output of the command line, and the notebook ---------------------------------------


def _request_with_secrets() -> tuple[dict[str, Any], list[str]]:
    """A request whose static hyperparameters and environment hold credentials, one of them
    too long for its member (so that a structural message quotes it; the environment, which
    failed, is then not read by the rule)."""
    github, hugging_face = FORMATS[8][2], FORMATS[11][2]
    wire = _script_mode(
        {"AWS_SESSION_TOKEN": LONG_TOKEN}, hf_token=hugging_face, github_token=github
    )
    return wire, [LONG_TOKEN, github, hugging_face]


@pytest.mark.parametrize("output", ["text", "json", "github", "sarif"])
def test_validate_never_prints_a_credential(tmp_path: Path, output: str) -> None:
    """``hpt-request validate --format F`` reports the problems with the credentials masked."""
    wire, secrets = _request_with_secrets()
    path = tmp_path / "tuning.json"
    path.write_text(json.dumps(wire, indent=2), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = main(["validate", "--format", output, "--no-config", str(path)], out=out, err=err)
    printed = out.getvalue() + err.getvalue()
    assert status == 1  # the maxLength error blocks
    assert "secret-in-plain-text" in printed
    assert "maxLength" in printed
    assert "ghp_********" in printed
    assert "hf_a********" in printed
    assert _shows_none(printed, *secrets)


def test_summary_and_notebook_never_show_a_credential() -> None:
    """summary() and _repr_html_() (which lists the problems) show no credential; a credential
    that the summary's own lines would show (here also one of the categorical values) is
    masked."""
    token = FORMATS[11][2]
    wire = _script_mode({"HF_TOKEN": token})
    wire["HyperParameterTuningJobConfig"]["ParameterRanges"]["CategoricalParameterRanges"] = [
        {"Name": "hub-token", "Values": [token, "none"]}
    ]
    request = from_wire(wire)
    text, html = str(request.summary()), request._repr_html_()
    assert "hf_a********" in text
    assert "hf_a********" in html
    assert "secret-in-plain-text" in html
    assert _shows_none(text + html + request.summary()._repr_html_(), token)


# -- the security group -------------------------------------------------------------------------


def _breaks_every_security_rule() -> dict[str, Any]:
    """The kitchen sink (its image in account 111122223333, its role in 123456789012) with
    isolation and encryption turned off, and neither VPC nor KMS keys."""
    wire = copy.deepcopy(VALID[KITCHEN])
    definition = wire[DEF]
    definition["EnableNetworkIsolation"] = False
    definition["EnableInterContainerTrafficEncryption"] = False
    del definition["VpcConfig"]
    del definition["ResourceConfig"]["VolumeKmsKeyId"]
    del definition["OutputDataConfig"]["KmsKeyId"]
    return wire


def _keeps_every_security_rule() -> dict[str, Any]:
    """The kitchen sink with its image in the role's own account."""
    wire = copy.deepcopy(VALID[KITCHEN])
    image = wire[DEF]["AlgorithmSpecification"]["TrainingImage"]
    wire[DEF]["AlgorithmSpecification"]["TrainingImage"] = image.replace(
        "111122223333", "123456789012"
    )
    return wire


EVERY_MEMBER = [
    ("security-network-isolation", f"{DEF}.EnableNetworkIsolation"),
    ("security-inter-container-encryption", f"{DEF}.EnableInterContainerTrafficEncryption"),
    ("security-volume-kms-key", f"{DEF}.ResourceConfig"),
    ("security-output-kms-key", f"{DEF}.OutputDataConfig"),
    ("security-vpc", DEF),
    ("security-image-registry", f"{DEF}.AlgorithmSpecification.TrainingImage"),
]


def _cli_json(path: Path, *options: str) -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    status = main(["validate", "--format", "json", *options, str(path)], out=out, err=io.StringIO())
    return status, json.loads(out.getvalue())["files"][0]["problems"]


def test_enable_security_reports_each_rule_at_its_member(tmp_path: Path) -> None:
    """``--enable security`` reports every rule of the group once, at its member (or at the
    object that lacks it), as a warning on the member's line; nothing without the option."""
    path = tmp_path / "tuning.json"
    text = json.dumps(_breaks_every_security_rule(), indent=2)
    path.write_text(text, encoding="utf-8")
    status, problems = _cli_json(path, "--no-config", "--enable", "security")
    assert status == 0  # warnings only
    assert sorted((p["code"], p["path"]) for p in problems) == sorted(EVERY_MEMBER)
    assert {p["severity"] for p in problems} == {"warning"}
    lines = text.splitlines()
    for problem in problems:
        member = problem["path"].rsplit(".", 1)[-1]
        assert f'"{member}"' in lines[problem["line"] - 1], problem
    assert _cli_json(path, "--no-config")[1] == []


def test_a_request_that_keeps_every_security_rule_gets_nothing(tmp_path: Path) -> None:
    """The same request with isolation, encryption, a VPC, both keys and its own image."""
    path = tmp_path / "tuning.json"
    path.write_text(json.dumps(_keeps_every_security_rule(), indent=2), encoding="utf-8")
    assert _cli_json(path, "--no-config", "--enable", "security") == (0, [])


def test_the_group_from_pyproject_and_python(tmp_path: Path) -> None:
    """``enable = ["security"]`` in pyproject.toml runs the group; ``error = ["security"]``
    makes it block; RuleSettings takes the group's name the same way."""
    path = tmp_path / "tuning.json"
    path.write_text(json.dumps(_breaks_every_security_rule(), indent=2), encoding="utf-8")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.hpt-request]\nenable = ["security"]\n', encoding="utf-8")
    status, problems = _cli_json(path)
    assert status == 0
    assert len(problems) == len(EVERY_MEMBER)
    pyproject.write_text('[tool.hpt-request]\nerror = ["security"]\n', encoding="utf-8")
    status, problems = _cli_json(path)
    assert status == 1
    assert {(p["severity"], p["effective_severity"]) for p in problems} == {("warning", "error")}
    wire = _breaks_every_security_rule()
    found = validate(wire, settings=RuleSettings(enable=["security"]))
    assert sorted((p.code, p.path) for p in found) == sorted(EVERY_MEMBER)
    with pytest.raises(RequestValidationError):
        from_wire(wire, settings=RuleSettings(severity={"security": "error"}))


def test_every_security_rule_names_its_runtime_control() -> None:
    """Each rule of the group is opt-in, warns, and names the control it anticipates (a
    Prowler check, or why there is none) in its description or rationale."""
    prowler = {
        "security-network-isolation": "sagemaker_training_jobs_network_isolation_enabled",
        "security-inter-container-encryption": (
            "sagemaker_training_jobs_intercontainer_encryption_enabled"
        ),
        "security-volume-kms-key": "sagemaker_training_jobs_volume_and_output_encryption_enabled",
        "security-output-kms-key": "sagemaker_training_jobs_volume_and_output_encryption_enabled",
        "security-vpc": "sagemaker_training_jobs_vpc_settings_configured",
        "security-image-registry": "ecr:BatchGetImage",
    }
    rules = {rule.id: rule for rule in RULES if rule.topic == "security"}
    assert set(rules) == set(prowler) == set(SECURITY)
    for rule_id, control in prowler.items():
        rule = rules[rule_id]
        assert not rule.default
        assert rule.severity == "warning"
        assert control in rule.description + rule.rationale, rule_id
        assert rule.source.strip()


# -- the generated data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instance_type", "storage"),
    [
        ("ml.g5.2xlarge", "local"),
        ("ml.p4d.24xlarge", "local"),
        ("ml.g4dn.xlarge", "local"),
        ("ml.trn1.32xlarge", "local"),
        ("ml.m5.xlarge", "ebs"),
        ("ml.p3.2xlarge", "ebs"),
        ("ml.c5.18xlarge", "ebs"),
        ("ml.g6.12xlarge", "unknown"),  # newer than the EC2 User Guide's table
        ("ml.p5.48xlarge", "unknown"),
        ("ml.not-a-type", "unknown"),
    ],
)
def test_instance_storage(instance_type: str, storage: str) -> None:
    assert instance_storage.storage(instance_type) == storage


def test_aws_registries_cover_the_builtin_algorithms_and_the_deep_learning_containers() -> None:
    """Every registry account of the built-in algorithms' table is AWS's, and so is the Deep
    Learning Containers' account; an account of the tests' own is not."""
    from hpt_request.rules import algorithms

    builtin = {
        r.account for algorithm in algorithms.algorithms().values() for r in algorithm.registries
    }
    assert builtin <= registries.aws_accounts()
    assert "763104351884" in registries.aws_accounts()
    assert "123456789012" not in registries.aws_accounts()
    assert registries.source()["commit"] == algorithms._document()["about"]["registries"]["commit"]


@pytest.mark.parametrize(
    ("image", "account"),
    [
        (
            "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1-gpu-py310",
            "763104351884",
        ),
        (
            "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/train@sha256:" + "a" * 64,
            "123456789012",
        ),
        ("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/train:1", "123456789012"),
        ("123456789012.dkr-ecr.eu-west-1.on.aws/train:1", "123456789012"),
        ("docker.io/library/python:3.11", None),
        ("public.ecr.aws/acme/train:1", None),
        ("train:latest", None),
    ],
)
def test_ecr_account(image: str, account: str | None) -> None:
    assert registries.ecr_account(image) == account
