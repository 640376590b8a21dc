"""Every problem code a user can see, what it means, and where it is explained.

A problem's ``code`` is either the id of a cross-field rule (:data:`hpt_request.rules.RULES`) or
one of the :data:`STRUCTURAL` codes below: the JSON Schema keyword that failed, or a code for
input that could not be checked as a request. The rule catalogue (``docs/rules.md``, generated)
has one anchor per code, so :func:`docs_url` links every problem to its explanation; SARIF
output lists them all as its rules.
"""

from __future__ import annotations

import functools
import re

from hpt_request.model.errors import Severity

DOCS_URL = "https://hpt-request.readthedocs.io/en/latest/"
"""The documentation site (``site_url`` in ``mkdocs.yml``; a test keeps the two equal)."""
CATALOGUE_PAGE = "rules.html"  # the site is built with use_directory_urls: false
"""The rule catalogue's address on the site (``docs/rules.md``)."""

# code -> (default severity, what it means)
STRUCTURAL: dict[str, tuple[Severity, str]] = {
    "required": ("error", "A member the API requires is missing."),
    "additionalProperties": (
        "error",
        "A member the API does not have (often a misspelling, or a member of another API).",
    ),
    "propertyNames": ("error", "A map key (a hyperparameter or variable name) is not allowed."),
    "type": ("error", "A value of the wrong kind: text, number, true/false, object or list."),
    "enum": ("error", "A value that is not one of the values the API allows."),
    "pattern": ("error", "Text with characters, or a form, that the API does not allow."),
    "minLength": ("error", "Text shorter than the API allows (an empty string, most often)."),
    "maxLength": ("error", "Text longer than the API allows."),
    "minItems": ("error", "A list with fewer items than the API allows."),
    "maxItems": ("error", "A list with more items than the API allows."),
    "minProperties": ("error", "A map with fewer entries than the API allows."),
    "maxProperties": ("error", "A map with more entries than the API allows."),
    "minimum": ("error", "A number below the API's minimum."),
    "maximum": ("error", "A number above the API's maximum."),
    "warm-start-own-parent": (
        "error",
        "warm_start_from() given the parent's own name for the new job: a warm-started job "
        "needs a name of its own.",
    ),
    "instance-type-not-in-spec": (
        "warning",
        "An ml. instance type the pinned botocore does not list, which looks like one added "
        "since: SageMaker may well take it.",
    ),
    "newer-than-spec": (
        "warning",
        "A value the installed botocore accepts that the pinned spec does not (guard and submit "
        "check against the installed botocore).",
    ),
    "describe-response": (
        "error",
        "The file is a DescribeHyperParameterTuningJob response, not a Create request.",
    ),
    "too-large": ("error", "The input holds more values than any request can."),
    "unreadable": ("error", "The input could not be checked as a request."),
    "parents": (
        "warning",
        "A parent given for the warm-start checks is not a Describe response, or one whose "
        "members do not have the response's shapes (a member named by its path in that parent): "
        "it is left out of those checks.",
    ),
    "unknown-document": (
        "error",
        "The file is none of the documents hpt-request reads: a request, a pipeline definition, "
        "a state machine, a template or an ACK manifest.",
    ),
    "pipeline-definition": (
        "error",
        "A pipeline definition that cannot be read for its Tuning steps (Steps, Parameters).",
    ),
    "pipeline-placeholder": (
        "error",
        "A malformed pipeline placeholder: a Get that is not a known path, an unknown function.",
    ),
    "placeholder-type": (
        "error",
        "A placeholder of the wrong kind, such as a pipeline's String parameter or a state "
        "machine's States.Format text for an integer.",
    ),
    "statemachine-definition": (
        "error",
        "A state machine's tuning task whose Parameters (or Arguments) is not the request object.",
    ),
    "statemachine-placeholder": (
        "error",
        "A malformed state machine placeholder: a member ending in .$ whose value is neither a "
        "path nor a known intrinsic function.",
    ),
    "manifest-definition": (
        "error",
        "An ACK HyperParameterTuningJob manifest whose spec is not the request object.",
    ),
    "manifest-field": (
        "warning",
        "A key of an ACK manifest's spec that the controller's CRD does not define: the "
        "Kubernetes API server drops it or refuses the manifest.",
    ),
    "template-definition": (
        "error",
        "A template's state machine or pipeline definition text that is not JSON.",
    ),
    "assume": ("error", "A what-if value (--assume, --defaults) that the parameter cannot take."),
}


_DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"
_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"


def evidence_text(source: str) -> str:
    """A rule's ``source`` with its short references spelled out as addresses: ``DG:page`` (a
    Developer Guide page) and ``SM:Shape.Member`` (botocore's model, the API reference page)."""
    source = re.sub(r"\bDG:([a-z0-9-]+)", lambda m: f"{_DG}{m.group(1)}.html", source)
    return re.sub(
        r"\bSM:([A-Za-z0-9]+)(\.[A-Za-z0-9]+)?",
        lambda m: f"botocore model {m.group(1)}{m.group(2) or ''} ({_API}API_{m.group(1)}.html)",
        source,
    )


def docs_url(code: str) -> str:
    """The address of the explanation of ``code`` on the documentation site."""
    return f"{DOCS_URL}{CATALOGUE_PAGE}#{code}"


@functools.cache
def version() -> str:
    """The installed version of hpt-request."""
    import importlib.metadata  # only for --version and SARIF output

    try:
        return importlib.metadata.version("hpt-request")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that is not installed
        return "unknown"
