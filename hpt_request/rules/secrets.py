"""Credentials in the values every training job receives: static hyperparameters and environment.

The formats recognised, and the masks that keep a credential out of every output, are in
:mod:`~hpt_request.rules.secret_formats`; the check masks every problem's message with them,
whichever rule or structural check wrote it (``hpt_request/check.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from hpt_request.model.base import is_unknown
from hpt_request.rules import secret_formats
from hpt_request.rules._core import Context, Finding, rule

_MEMBERS = (
    ("StaticHyperParameters", "static_hyper_parameters"),
    ("Environment", "environment"),
)
_INSTEAD = {
    "role": "remove it: the training job's IAM role (RoleArn) gives the job its AWS access, and "
    "the AWS SDKs in the container use the role's temporary credentials by themselves",
    "store": "keep it in AWS Secrets Manager or SSM Parameter Store (a SecureString), let the "
    "job's IAM role read it, and have the training code fetch it at run time",
}


def _with_article(name: str) -> str:
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


def _what(found: list[secret_formats.Secret]) -> str:
    """The credentials of one value, each kind with its masks."""
    by_kind: dict[str, list[str]] = {}
    for secret in found:
        by_kind.setdefault(secret.format.name, []).append(secret.masked)
    return " and ".join(
        f"{_with_article(name)} ({', '.join(masks)})" for name, masks in by_kind.items()
    )


def _instead(found: list[secret_formats.Secret]) -> str:
    homes = dict.fromkeys(secret.format.home for secret in found)
    return "; ".join(_INSTEAD[home] for home in homes)


@rule(
    "secret-in-plain-text",
    severity="warning",
    source="botocore's model, CreateTrainingJobRequest.HyperParameters (\"Do not include any "
    "security-sensitive information including account access IDs, secrets, or tokens in any "
    'hyperparameter fields.") and CreateTrainingJobRequest.Environment ("... in any environment '
    "fields\"); the formats: the issuers' documented prefixes (IAM unique ID prefixes AKIA and "
    "ASIA, GitHub's ghp_/github_pat_, Slack's xox?-, Hugging Face's hf_, Google's AIza, "
    "Stripe's sk_live_, OpenAI's and Anthropic's sk- keys, PEM private key headers)",
    description="No StaticHyperParameters or Environment value holds a credential: an AWS "
    "access key id, secret access key or session token, a private key, or a GitHub, Slack, "
    "Hugging Face, Google, Stripe, OpenAI, Anthropic or Weights & Biases key. The message and "
    "every other output show it masked.",
    rationale="AWS accepts such a request: the documentation tells the customer not to do it "
    "and makes any exposure the customer's responsibility (the shared responsibility model), "
    "so the rule warns. The values are shown by DescribeTrainingJob, "
    "DescribeHyperParameterTuningJob and the console to anyone allowed to read the jobs. A "
    "credential is recognised by a format its issuer documents; an AWS secret access key and a "
    "Weights & Biases key, which have no prefix, only under a key named for them (a name with "
    "secret in it, WANDB_API_KEY), so that a random 40-character value is never taken for one.",
)
def _secret_in_plain_text(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for member, attribute in _MEMBERS:
            values = getattr(view.definition, attribute)
            if values is None or is_unknown(values):
                continue
            for key, value in values.items():
                if not isinstance(key, str) or not isinstance(value, str):
                    continue  # unreadable (a partial request): nothing to say about it
                found = secret_formats.found_in(key, value)
                if found:
                    yield Finding(
                        (*view.location, member, key),
                        f'the value of "{key}" holds {_what(found)}: AWS documents that '
                        "hyperparameters and environment variables must not hold secrets, and "
                        "anyone who may describe the training jobs reads them; " + _instead(found),
                    )
