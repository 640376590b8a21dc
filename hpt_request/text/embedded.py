"""What a document holds: the tuning requests embedded in it, with their places and placeholders.

The module of each kind of document (:mod:`.pipelines`, ...) reads a loaded document into a
:class:`Document`: its :class:`EmbeddedRequest` s, each with its place in the document, its
wire data (placeholders in place) and the :class:`~.placeholders.Placeholder` s found in it; the
check (:func:`hpt_request.check.validate_document`) answers with a :class:`DocumentCheck`,
whose :class:`Skipped` entries list what a placeholder kept it from checking.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import attrs

from hpt_request.model.errors import Problem, Step, render_path
from hpt_request.text.placeholders import Parameter, Placeholder

DocumentKind = Literal["request", "pipeline", "statemachine", "template", "manifest", "serverless"]
KINDS: tuple[DocumentKind, ...] = (
    "request",
    "pipeline",
    "statemachine",
    "template",
    "manifest",
    "serverless",
)
Location = tuple[Step, ...]


def document_path(location: Sequence[Step]) -> str:
    """A place in a document, in the document's own spelling: ``Steps[3].Arguments``."""
    return render_path(location, [False] * len(location))


def joined(prefix: str, path: str) -> str:
    """The document path of a request's member: the request's place, then the member's path."""
    if not prefix:
        return path
    if not path:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


@attrs.frozen
class EmbeddedRequest:
    """One tuning request found in a document.

    ``location`` is where the request is (``("Steps", 3, "Arguments")``) and ``path`` the same
    place spelled as the document spells it; ``data`` is the request's wire data, placeholders
    in place; ``placeholders`` are the values the document supplies at run time, with their
    locations inside the request; ``step`` is the name of the pipeline step that holds it."""

    location: Location
    path: str
    data: Any
    placeholders: tuple[Placeholder, ...] = ()
    step: str | None = None
    # The malformed placeholders' problems, their locations inside the request.
    problems: tuple[Problem, ...] = ()
    # Where malformed placeholders are (their problems are in ``problems``).
    malformed: tuple[Location, ...] = ()
    # Whether the document leaves the job's name to the run (a pipeline step does).
    named_at_run_time: bool = False
    # What runs the request, for messages: "pipeline", "state machine", ...
    context: str = "pipeline"
    # The kind of the document that holds the one that runs it ("template", "serverless"), or
    # None.
    within: str | None = None
    # The document's spelling of a location in the request, where it is not the wire's (a
    # Kubernetes manifest's lowerCamelCase names, a state machine's "Name.$" keys); None
    # where the document spells the request as the wire does.
    spell: Callable[[Location], Location] | None = attrs.field(default=None, eq=False)

    def spelled(self, location: Location) -> Location:
        """``location`` (in the request) as the document spells it."""
        return location if self.spell is None else self.spell(location)


@attrs.frozen
class Document:
    """What :func:`read_document` found in a loaded document."""

    kind: DocumentKind | None
    requests: tuple[EmbeddedRequest, ...] = ()
    parameters: Mapping[str, Parameter] = attrs.field(factory=dict)
    problems: tuple[Problem, ...] = ()  # about the document itself (locations in it)
    # Where the document holds a document as a JSON string (a DescribePipeline response's
    # PipelineDefinition, a template's DefinitionString): positions under these places are
    # found inside the string.
    embedded: tuple[Location, ...] = ()
    base: Location = ()  # where the pipeline definition is in the document
    # Requests the document does not write out (a task's whole Parameters given at run time):
    # listed as checks skipped.
    skipped: tuple[Skipped, ...] = ()


# The check of a definition that a template writes in a form not read (an ``Fn::If``, ...):
# the definition is listed as not checked.
UNREAD_DEFINITION = "unread-definition"


@attrs.frozen
class Skipped:
    """A check that was not made because the value it needs is supplied at run time.

    ``check`` is the schema keyword (``pattern``, ``minimum``, ``enum``, ...) or the rule id;
    ``path`` and ``location`` name the member whose value is unknown, in the document;
    ``placeholder`` is what supplies it (``Parameters.MaxJobs``, ``Std:Join``)."""

    path: str
    check: str
    placeholder: str
    location: Location = ()

    def __str__(self) -> str:
        return f"{self.path or '<request>'}: {self.check} not checked: {self.placeholder}"


@attrs.frozen
class DocumentCheck:
    """The outcome of :func:`hpt_request.validate_document`: the kind of the document, every
    problem (paths in the document's spelling), every check skipped for a placeholder, and the
    requests that were checked."""

    kind: DocumentKind | None
    problems: list[Problem]
    skipped: list[Skipped]
    requests: tuple[EmbeddedRequest, ...] = ()
    embedded: tuple[Location, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no problem blocks."""
        return not any(problem.blocking for problem in self.problems)


@attrs.frozen
class Known:
    """A value put in place of a placeholder, and where it came from (for messages)."""

    value: Any
    source: str
