"""Rules for tags and environment variables."""

from __future__ import annotations

from collections.abc import Iterator

from hpt_request.model.base import UNKNOWN, UnknownInput
from hpt_request.rules._core import Context, Finding, feature, rule

# botocore's model, HyperParameterTrainingJobDefinition.Environment: at most 48 entries, summed
# over all definitions.
MAX_ENVIRONMENT_ENTRIES = 48


@rule(
    "environment-total-48",
    needs=("multi",),
    severity="error",
    source='SM:HyperParameterTrainingJobDefinition.Environment ("the sum of the number of '
    "environment variables for all the training job definitions can't exceed the maximum number "
    'specified")',
    description="Environment entries summed over all definitions "
    f"are at most {MAX_ENVIRONMENT_ENTRIES}.",
)
def _environment_total(ctx: Context) -> Iterator[Finding]:
    counted = [(view, len(view.definition.environment or {})) for view in ctx.definitions]
    total = sum(count for _view, count in counted)
    if total > MAX_ENVIRONMENT_ENTRIES and ctx.multi:
        last = next(view for view, count in reversed(counted) if count)
        yield Finding(
            (*last.location, "Environment"),
            f"the definitions set {total} environment variables in all; at most "
            f"{MAX_ENVIRONMENT_ENTRIES} are allowed across all definitions",
        )


@rule(
    "tag-keys-unique",
    needs=("tags",),
    severity="error",
    source='SM:Tag.Key ("Tag keys must be unique per resource.")',
    description="Tag keys are unique.",
)
def _tag_keys_unique(ctx: Context) -> Iterator[Finding]:
    keys = ctx.once(_tag_keys)
    if len(set(keys)) == len(keys):
        return  # nothing repeats (the common case)
    seen: dict[str, int] = {}
    for index, tag in enumerate(ctx.request.tags or []):
        if tag.key in seen:
            yield Finding(
                ("Tags", index, "Key"),
                f'tag key "{tag.key}" is already used by Tags[{seen[tag.key]}]; tag keys must be '
                "unique",
            )
        else:
            seen[tag.key] = index


@rule(
    "tag-aws-prefix",
    needs=("tags",),
    severity="error",
    source="https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html (tag "
    "restrictions: the aws: prefix is reserved for AWS use)",
    description="Tag keys do not start with aws: (reserved for AWS, in any letter case).",
)
def _tag_aws_prefix(ctx: Context) -> Iterator[Finding]:
    # The common case first: "aws:" nowhere in the keys (lower() maps the ASCII letters of
    # "aws:" the same in the joined text as in each key).
    text = ctx.once(_tag_text)
    if text is None:
        raise UnknownInput  # a key that could not be read
    if "aws:" not in text.lower():
        return
    for index, tag in enumerate(ctx.request.tags or []):
        if tag.key.lower().startswith("aws:"):
            yield Finding(
                ("Tags", index, "Key"),
                f'tag key "{tag.key}" starts with "aws:", a prefix reserved for AWS; choose '
                "another key",
            )


def _tag_keys(ctx: Context) -> list[str]:
    """Every tag's key (read once per check)."""
    return [tag.key for tag in ctx.request.tags or []]


def _tag_text(ctx: Context) -> str | None:
    """The keys, one per line (read once per check); None if one is not text (unreadable)."""
    keys = ctx.once(_tag_keys)
    if id(UNKNOWN) in map(id, keys):  # the common unreadable key, found without an exception
        return None
    try:
        return "\n".join(keys)
    except TypeError:  # any other key that is not text
        return None


@feature("tags")
def _tags_readable(ctx: Context) -> bool:
    """Whether the request has tags whose keys can all be read: both rules above read every
    key, and with one unreadable (a partial request) they would both be skipped."""
    if ctx.request.tags is None:
        return False
    try:
        return ctx.once(_tag_text) is not None
    except Exception as error:  # an unreadable list of tags, or tag
        error.__traceback__ = None  # kept with the facts: it must not hold their frames
        return False
