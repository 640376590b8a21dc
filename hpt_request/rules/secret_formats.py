"""Credentials written into a request, found by their formats, and the masks that hide them.

AWS's documentation of CreateTrainingJob says of both ``HyperParameters`` and ``Environment``:
"Do not include any security-sensitive information including account access IDs, secrets, or
tokens" (botocore's model). A tuning job passes its definitions' ``StaticHyperParameters`` and
``Environment`` to every training job it starts, and DescribeTrainingJob, the console and the
tuning job's own Describe response show them to anyone allowed to read the job.

:data:`FORMATS` lists the credentials recognised. Each is recognised by a format distinctive
enough that a value of that form is a credential (a prefix and length the issuer documents);
the two that have no such prefix (an AWS secret access key, a Weights & Biases API key) only
where the key's name says what the value is, so that a random 40-character value elsewhere is
never taken for one. A false alarm here costs more than a miss.

- :func:`found_in` (a key and its value): the credentials in the value;
- :func:`in_wire` (wire data of requests, or Describe responses): every credential in their
  static hyperparameters and environment values;
- :func:`in_definitions` (model objects): the same;
- :func:`mask`: a credential as any output may show it (its first four characters, then
  asterisks); :func:`masked` and :func:`masked_problems`: a text, or problems' messages, with every
  credential given replaced by its mask, also where the text quotes it JSON- or
  Python-escaped, or cut short.

Nothing here is loaded with the package: the patterns compile on first use.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs

from hpt_request.model.errors import Problem

Home = Literal["role", "store"]
VISIBLE = 4  # characters of a credential that a mask keeps
MASK = "*" * 8


@attrs.frozen
class SecretFormat:
    """A kind of credential: its name, the pattern that finds it in a value (its group
    ``secret`` where the match holds more than the credential), the key names it is recognised
    under (None: under any name), and where it belongs instead (``role``: the training job's
    IAM role gives AWS access; ``store``: AWS Secrets Manager or Parameter Store)."""

    name: str
    pattern: str
    home: Home
    key_names: str | None = None

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    @functools.cached_property
    def compiled_key_names(self) -> re.Pattern[str] | None:
        return re.compile(self.key_names, re.IGNORECASE) if self.key_names else None


def _alone(body: str, edge: str = "A-Za-z0-9") -> str:
    """``body`` not inside a longer run of the characters ``edge``."""
    return f"(?<![{edge}]){body}(?![{edge}])"


FORMATS: tuple[SecretFormat, ...] = (
    # AWS IAM: an access key id starts with AKIA (an access key) or ASIA (a temporary one, from
    # STS) (IAM User Guide, "Unique identifiers"), then 16 upper-case letters and digits.
    SecretFormat("AWS access key id", _alone("(?:AKIA|ASIA)[A-Z0-9]{16}"), "role"),
    # A secret access key: 40 characters of base64's alphabet, with no prefix of its own; only
    # under a key named for a secret, or after its own name in the value.
    SecretFormat(
        "AWS secret access key",
        _alone(
            r"(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9])"
            r"[A-Za-z0-9/+]{40}",
            "A-Za-z0-9/+=",
        ),
        "role",
        key_names="secret",
    ),
    SecretFormat(
        "AWS secret access key",
        r"(?i:aws_secret_access_key)\s*[=:]\s*[\"']?"
        r"(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        "role",
    ),
    # A session token of temporary credentials: long base64 text; under a key named for one, or
    # by the opening every STS token has (the encoded start of its binary form).
    SecretFormat(
        "AWS session token",
        _alone("[A-Za-z0-9/+]{100,}={0,2}", "A-Za-z0-9/+="),
        "role",
        key_names="(?:session|security)_?token",
    ),
    SecretFormat(
        "AWS session token",
        _alone("(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9/+]{80,}={0,2}", "A-Za-z0-9/+="),
        "role",
    ),
    # PEM and OpenSSH private keys (RFC 7468 labels: PRIVATE KEY, RSA/EC/DSA/OPENSSH/ENCRYPTED
    # PRIVATE KEY; PGP's PRIVATE KEY BLOCK), up to their END line or the end of the value.
    SecretFormat(
        "private key",
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
        r"(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*)",
        "store",
    ),
    # GitHub: ghp_ (classic personal), gho_ (OAuth), ghu_/ghs_ (app user and server), ghr_
    # (refresh), each with 36 characters; github_pat_ (fine-grained personal access token).
    SecretFormat("GitHub token", _alone("gh[pousr]_[A-Za-z0-9]{36}", "A-Za-z0-9_"), "store"),
    SecretFormat(
        "GitHub token", _alone("github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", "A-Za-z0-9_"), "store"
    ),
    # Slack: xoxb- (bot), xoxp- (user), xoxa-/xoxr- (app and refresh), xoxo-/xoxs-, with the
    # workspace's and the token's numbers before the secret part.
    SecretFormat(
        "Slack token", _alone("xox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{8,}", "A-Za-z0-9-"), "store"
    ),
    # Hugging Face user access tokens: hf_ and 34 letters.
    SecretFormat("Hugging Face token", _alone("hf_[A-Za-z]{34}", "A-Za-z0-9_"), "store"),
    # Google Cloud API keys: AIza and 35 characters.
    SecretFormat("Google API key", _alone("AIza[0-9A-Za-z_-]{35}", "A-Za-z0-9_-"), "store"),
    # Stripe secret and restricted keys of live mode.
    SecretFormat(
        "Stripe live key", _alone("(?:sk|rk)_live_[0-9A-Za-z]{24,}", "A-Za-z0-9_"), "store"
    ),
    # OpenAI API keys (user, project, service account, admin) carry T3BlbkFJ, "OpenAI" in
    # base64, between their two random parts.
    SecretFormat(
        "OpenAI API key",
        _alone(
            "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}",
            "A-Za-z0-9_-",
        ),
        "store",
    ),
    # Anthropic API keys: sk-ant-api03- (or -admin01-) and the key.
    SecretFormat(
        "Anthropic API key",
        _alone("sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}", "A-Za-z0-9_-"),
        "store",
    ),
    # Weights & Biases API keys: 40 hexadecimal digits (local- before them on a W&B Server),
    # recognised under the variable the wandb client reads.
    SecretFormat(
        "Weights & Biases API key",
        "^(?:local-)?[0-9a-f]{40}$",
        "store",
        key_names="^wandb_api_key$",
    ),
)

# What a value holds before any of the patterns without a key name can match in it: most values
# have none of these, and no pattern is tried on them.
_HINTS = re.compile(
    r"AKIA|ASIA|aws_secret_access_key|IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|-----BEGIN |gh[pousr]_|"
    r"github_pat_|xox[abposr]-|hf_|AIza|_live_|sk-",
    re.IGNORECASE,
)
# The same hints in lower case, matched case-sensitively on the value's lower-case text: for
# ASCII text the same answer as _HINTS, without the cost of a case-insensitive alternation (on
# a value of 3,000 characters, about 7 us instead of 170 us). Text that is not ASCII, whose
# case-insensitive matching Unicode defines beyond str.lower, is searched with _HINTS.
_LOWER_HINTS = re.compile(_HINTS.pattern.lower())


def hinted(value: str) -> bool:
    """Whether ``value`` holds one of the hints (:data:`_HINTS`, without regard to case)."""
    if value.isascii():
        return _LOWER_HINTS.search(value.lower()) is not None
    return _HINTS.search(value) is not None


@attrs.frozen
class Secret:
    """A credential found: its format and its text."""

    format: SecretFormat
    text: str

    @property
    def masked(self) -> str:
        return mask(self.text)


def mask(text: str) -> str:
    """A credential as output shows it: its first four characters, then asterisks."""
    return text[:VISIBLE] + MASK


# What found_in() found, by (key, value): requests repeat their hyperparameters and
# environment, and the rule and the masking of every output both ask. At most REMEMBERED
# pairs; the memory starts afresh when full.
REMEMBERED = 1024
_FOUND: dict[tuple[str, str], tuple[Secret, ...]] = {}


def found_in(key: str, value: str) -> list[Secret]:
    """The credentials in ``value``, the value of ``key`` (a static hyperparameter or an
    environment variable), in the order they start; overlapping finds keep the first and
    longest."""
    pair = (key, value)
    known = _FOUND.get(pair)
    if known is None:
        known = tuple(_found_in(key, value))
        if len(_FOUND) >= REMEMBERED:
            _FOUND.clear()
        _FOUND[pair] = known
    return list(known)


@functools.lru_cache(maxsize=REMEMBERED)
def _tried(key: str, any_hint: bool) -> tuple[SecretFormat, ...]:
    """The formats tried on a value of ``key``, in :data:`FORMATS` order: those recognised
    under a name that ``key`` matches, and, where the value holds a hint, those recognised under
    any name (remembered by key: requests repeat their keys)."""
    tried = []
    for form in FORMATS:
        names = form.compiled_key_names
        if names is None:
            if not any_hint:
                continue
        elif names.search(key) is None:
            continue
        tried.append(form)
    return tuple(tried)


def _found_in(key: str, value: str) -> list[Secret]:
    """:func:`found_in`, worked out."""
    found: list[tuple[int, int, Secret]] = []
    for form in _tried(key, hinted(value)):
        part = "secret" if "secret" in form.compiled.groupindex else 0
        for match in form.compiled.finditer(value):
            found.append((match.start(part), -match.end(part), Secret(form, match.group(part))))
    if not found:
        return []
    kept: list[Secret] = []
    end = -1
    for start, negative_end, secret in sorted(found, key=lambda item: item[:2]):
        if start >= end:
            kept.append(secret)
            end = -negative_end
    return kept


def in_values(values: Mapping[Any, Any] | None) -> Iterator[tuple[str, Secret]]:
    """(key, credential) for each credential in the text values of a map."""
    if not isinstance(values, Mapping):
        return
    for key, value in values.items():
        if isinstance(key, str) and isinstance(value, str):
            for secret in found_in(key, value):
                yield key, secret


_DEFINITION_MAPS = ("StaticHyperParameters", "Environment")


def _mapping(value: Any) -> bool:
    """Whether ``value`` is a mapping (a dict first: the ABC's check costs more)."""
    return type(value) is dict or isinstance(value, Mapping)


def _wire_definitions(document: Any) -> list[Mapping[str, Any]]:
    """The training job definitions of a request or Describe response (or the document
    itself, where it is one)."""
    if not _mapping(document):
        return []
    found = []
    if "StaticHyperParameters" in document or "Environment" in document:
        found.append(document)
    single = document.get("TrainingJobDefinition")
    if single is not None and _mapping(single):
        found.append(single)
    several = document.get("TrainingJobDefinitions")
    if isinstance(several, list):
        found.extend(item for item in several if _mapping(item))
    return found


def in_wire(*documents: Any) -> frozenset[str]:
    """The text of every credential in the static hyperparameters and environment values of
    wire documents (requests, Describe responses, or training job definitions); anything that is
    not such a document is passed over."""
    found: set[str] = set()
    remembered = _FOUND.get
    for document in documents:
        for definition in _wire_definitions(document):
            for member in _DEFINITION_MAPS:
                values = definition.get(member)
                if values is None or not _mapping(values):
                    continue
                for key, value in values.items():
                    # What the rule found for the same pair (the common case), else worked out.
                    known = remembered((key, value)) if type(key) is type(value) is str else None
                    if known is None:
                        if not (isinstance(key, str) and isinstance(value, str)):
                            continue
                        known = tuple(found_in(key, value))
                    if known:
                        found.update(secret.text for secret in known)
    return frozenset(found)


def in_definitions(definitions: Iterable[Any]) -> frozenset[str]:
    """The same for model objects (HyperParameterTrainingJobDefinition)."""
    found: set[str] = set()
    for definition in definitions:
        for values in (definition.static_hyper_parameters, definition.environment):
            found.update(secret.text for _key, secret in in_values(values))
    return frozenset(found)


def _renderings(secret: str) -> tuple[str, ...]:
    """The ways a message may quote a credential: as is, JSON-escaped, Python-escaped."""
    quoted = {secret, json.dumps(secret, ensure_ascii=False)[1:-1], repr(secret)[1:-1]}
    return tuple(sorted(quoted, key=len, reverse=True))


def _quote_length(text: str, start: int, renderings: Sequence[str]) -> int:
    """How many characters of ``text`` from ``start`` quote one of the renderings (the longest
    such quote), 0 if none quotes more than the characters a mask shows."""
    longest = 0
    for rendering in renderings:
        size = 0
        limit = min(len(rendering), len(text) - start)
        while size < limit and text[start + size] == rendering[size]:
            size += 1
        longest = max(longest, size)
    return longest if longest > VISIBLE else 0


def _masked_secret(text: str, secret: str) -> str:
    """``text`` with each quote of ``secret`` (in any of its renderings, whole or cut short
    after more than the visible characters) replaced by its mask."""
    renderings = _renderings(secret)
    heads = {rendering[: VISIBLE + 1] for rendering in renderings}
    parts: list[str] = []
    done = position = 0
    while True:
        found = [at for at in (text.find(head, position) for head in heads) if at >= 0]
        if not found:
            break
        start = min(found)
        size = _quote_length(text, start, renderings)
        if size:
            parts += [text[done:start], mask(secret)]
            done = position = start + size
        else:
            position = start + 1
    parts.append(text[done:])
    return "".join(parts)


def masked(text: str, secrets: Collection[str]) -> str:
    """``text`` with every credential of ``secrets`` replaced by its mask."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = _masked_secret(text, secret)
    return text


def masked_problems(problems: Sequence[Problem], secrets: Collection[str]) -> list[Problem]:
    """``problems`` with every credential of ``secrets`` masked in their messages."""
    if not secrets:
        return list(problems)
    out = []
    for problem in problems:
        message = masked(problem.message, secrets)
        same = message == problem.message
        out.append(problem if same else attrs.evolve(problem, message=message))
    return out
