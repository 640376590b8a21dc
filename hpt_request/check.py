"""The check, composed in one place: data -> structure -> rules -> problems.

Each public function runs the stages in order, once each:

1. structure (:mod:`hpt_request.schema.structure`): a model object is unstructured with the
   strict converter and its wire data checked against the packaged schema; wire data is checked
   and read into model objects in one pass. Problems a newer botocore would accept are softened
   there too;
2. rules (:mod:`hpt_request.rules.apply`): for a request, the cross-field rules run on what the
   structural stage read, even where the structure is wrong (they are skipped where they touch
   a member that failed), so one pass reports both kinds of problem;
3. problems: every credential found in the request's (and the parents') static
   hyperparameters and environment values masked in every message, whichever stage wrote it
   (:func:`_masked`), sorted by wire path (:func:`~hpt_request.model.errors.ordered`), and made
   blocking with ``strict``.

- :func:`to_wire` and :func:`to_json`: objects -> wire (structure only);
- :func:`from_wire` and :func:`from_json`: wire -> objects, raising on errors;
- :func:`validate`: the problems, never raising.

``to_wire`` and ``from_wire`` raise nothing but
:class:`~hpt_request.model.errors.RequestValidationError`, whatever the input; ``validate``
never raises.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, overload

import attrs

from hpt_request import model
from hpt_request.model.base import ParentResponses
from hpt_request.model.errors import Problem, RequestValidationError, ordered, sort_key
from hpt_request.rules import secret_formats
from hpt_request.rules.apply import findings
from hpt_request.rules.settings import RuleSettings
from hpt_request.schema import structure
from hpt_request.schema.engines import path_of, spelled_path
from hpt_request.text.jsontext import UnreadableText, parse_json

if TYPE_CHECKING:  # the documents' modules load with validate_document, not with the check
    from hpt_request.text import documents
    from hpt_request.text.placeholders import Placeholder

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")
Request = model.CreateHyperParameterTuningJobRequest


def _unreadable(exc: Exception) -> Problem:
    return Problem(
        path="",
        code="unreadable",
        message=f"the input could not be checked ({type(exc).__name__}: {exc})",
    )


def _never_crash(function: Callable[P, R]) -> Callable[P, R]:
    """Turn an unexpected exception into a problem: callers only ever see
    ``RequestValidationError``."""

    @functools.wraps(function)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except RequestValidationError:
            raise
        except Exception as exc:  # a defect of ours or an input nothing anticipated
            raise RequestValidationError([_unreadable(exc)]) from exc

    return guarded


def _check(
    request: object,
    cls: type[Any],
    *,
    rules: bool,
    strict: bool,
    parents: ParentResponses | None,
    settings: RuleSettings | None = None,
    accept_newer: bool = False,
    service_model: Any = None,
    remember: bool = False,
) -> tuple[Any, list[Problem]]:
    """The whole check, each stage once: the object (None where there are errors) and every
    problem. With ``remember``, an object read from wire data that passed the schema keeps a
    private copy of that data, so that ``to_wire`` need not check it again while unchanged."""
    if parents is not None and not isinstance(parents, Mapping):
        parents = list(parents)  # read once: the rules and the masking both read them
    verdict = structure.judged(
        request, cls, remember=remember, accept_newer=accept_newer, service_model=service_model
    )
    problems = verdict.problems
    if rules and cls is Request:
        found = findings(request, verdict, parents=parents, settings=settings)
        if found:
            problems = [*problems, *found]
    problems = _masked(problems, verdict.data, *(_listed(parents) or ()))
    return verdict.obj, _strict(ordered(problems), strict)


def _listed(parents: Iterable[Mapping[str, Any]] | None) -> list[Mapping[str, Any]] | None:
    """The parents' Describe responses as a list (given as any iterable, or a mapping of
    them), read once."""
    if parents is None:
        return None
    return list(parents.values()) if isinstance(parents, Mapping) else list(parents)


def _masked(problems: list[Problem], *documents: Any) -> list[Problem]:
    """``problems`` with every credential of the documents' static hyperparameters and
    environment values masked in their messages (:mod:`~hpt_request.rules.secret_formats`):
    a structural problem or a rule that quotes such a value never shows the credential."""
    if not problems:
        return problems
    secrets = secret_formats.in_wire(*documents)
    return secret_formats.masked_problems(problems, secrets) if secrets else problems


def _strict(problems: list[Problem], strict: bool) -> list[Problem]:
    """With ``strict``, every problem blocks (its own ``severity`` kept)."""
    if strict:
        return [attrs.evolve(p, effective_severity="error") for p in problems]
    return problems


@_never_crash
def to_wire(obj: object) -> dict[str, Any]:
    """The wire dict of a model object: wire names, spec member order, ``None`` members omitted,
    falsy values kept. Raises :class:`RequestValidationError` if the result would not pass the
    schema. (Cross-field rules are :func:`validate`'s job.)

    An object that :func:`from_wire` returned and that has not changed since (compared with a
    private copy of the data it was read from) is not checked again: it passed the schema when
    it was read. Any change, however deep, makes the check run in full."""
    data, problems = structure.written(obj)
    errors = [problem for problem in problems if problem.blocking]
    if errors:
        raise RequestValidationError(_masked(errors, data))
    result: dict[str, Any] = data
    return result


@overload
def from_wire(
    data: object,
    *,
    rules: bool = ...,
    strict: bool = ...,
    parents: ParentResponses | None = ...,
    settings: RuleSettings | None = ...,
) -> Request: ...
@overload
def from_wire(
    data: object,
    cls: type[T],
    *,
    rules: bool = ...,
    strict: bool = ...,
    parents: ParentResponses | None = ...,
    settings: RuleSettings | None = ...,
) -> T: ...


@_never_crash
def from_wire(
    data: object,
    cls: type[Any] = Request,
    *,
    rules: bool = True,
    strict: bool = False,
    parents: ParentResponses | None = None,
    settings: RuleSettings | None = None,
) -> Any:
    """Read a wire dict (for example the parsed ``--cli-input-json`` file) into model objects.

    The data is checked against the schema first, then structured with strict scalars, then (for
    a request, unless ``rules=False``) checked by the cross-field rules. Raises
    :class:`RequestValidationError` carrying every problem found if any is an error (with
    ``strict=True``, if there is any problem at all); warnings alone do not block.
    ``settings`` (:class:`~hpt_request.rules.settings.RuleSettings`) turns rules off, changes their
    severity and sets raised account quotas."""
    obj, problems = _check(
        data, cls, rules=rules, strict=strict, parents=parents, settings=settings, remember=True
    )
    if obj is None or structure.blocking(problems):
        raise RequestValidationError(problems)
    return obj


def validate(
    request: object,
    *,
    rules: bool = True,
    strict: bool = False,
    parents: ParentResponses | None = None,
    cls: type[Any] = Request,
    settings: RuleSettings | None = None,
    accept_newer: bool = False,
) -> list[Problem]:
    """Every problem of a model object or a wire dict, sorted by path (list indexes as numbers).

    - ``rules=False`` limits the check to structure (schema and model); ``rules=True`` adds the
      cross-field rules of :mod:`hpt_request.rules`. Rules run on whatever is structurally
      valid: a rule whose inputs failed the structural check is skipped, the others report.
    - ``strict=True`` makes every problem blocking: ``effective_severity`` is ``"error"`` while
      ``severity`` keeps the check's own verdict.
    - ``settings`` (:class:`~hpt_request.rules.settings.RuleSettings`) disables rules, overrides
      their severity and sets the account's raised quotas.
    - ``accept_newer=True`` compares what the pinned spec refuses with the installed botocore's
      model: a member, enum value or looser constraint that model has is a ``newer-than-spec``
      warning, not an error (:mod:`hpt_request.schema.newer`). ``guard`` and ``submit`` do this.
    - ``parents`` takes the parent jobs' DescribeHyperParameterTuningJob responses (wire dicts),
      as a list or as the values of a mapping, and enables the warm-start checks against them;
      without it those checks are skipped. A parent that is not such a response, or whose
      members do not have the response's shapes, is a ``parents`` warning (naming the parent,
      ``parents[0]`` or its key, and the member) and is left out of those checks.
    - ``cls`` names the model class a wire dict is read as (the request by default)."""
    try:
        _, problems = _check(
            request,
            cls,
            rules=rules,
            strict=strict,
            parents=parents,
            settings=settings,
            accept_newer=accept_newer,
        )
    except Exception as exc:  # a defect of ours or an input nothing anticipated
        problems = [_unreadable(exc)]
    return problems


def to_json(obj: object, *, indent: int | None = None) -> str:
    """The wire JSON text of a model object (checked like :func:`~hpt_request.to_wire`)."""
    return json.dumps(to_wire(obj), indent=indent, ensure_ascii=False)


@overload
def from_json(text: str | bytes, **options: Any) -> Request: ...
@overload
def from_json(text: str | bytes, cls: type[T], **options: Any) -> T: ...


def from_json(text: str | bytes, cls: type[Any] = Request, **options: Any) -> Any:
    """Read wire JSON text into model objects; ``options`` are those of
    :func:`~hpt_request.from_wire` (``rules``, ``strict``, ``parents``)."""
    try:
        decoded = text.decode("utf-8") if isinstance(text, bytes) else text
        if not isinstance(decoded, str):
            raise UnreadableText(f"expected JSON text, not {type(text).__name__}")
        data = parse_json(decoded)
    except (UnreadableText, UnicodeDecodeError) as exc:
        raise RequestValidationError(
            [Problem(path="", code="unreadable", message=str(exc))]
        ) from None
    return from_wire(data, cls, **options)


# -- documents that embed requests ---------------------------------------------------------------


def _run_time_name(request: documents.EmbeddedRequest) -> str:
    return f"the job name the {request.context} gives when it runs"


def _request_path(request: documents.EmbeddedRequest, location: tuple[Any, ...]) -> str:
    """The document path of a member of an embedded request, in the document's spelling."""
    from hpt_request.text import documents

    if request.spell is None:
        return documents.joined(request.path, path_of(location) if location else "")
    return documents.joined(request.path, spelled_path(location, request.spelled(location)))


def _under(location: tuple[Any, ...], places: Mapping[tuple[Any, ...], Any]) -> bool:
    return any(location[: len(place)] == place for place in places)


def _copied_along(data: Any, places: Sequence[tuple[Any, ...]]) -> Any:
    """A copy of ``data`` in which the objects and lists on the way to each of ``places`` are
    new, so that values put there leave ``data`` as it was; the rest is shared, not copied."""
    copied: dict[tuple[Any, ...], Any] = {(): _shallow(data)}
    for place in places:
        parent = copied[()]
        for size in range(1, len(place)):
            prefix = place[:size]
            child = copied.get(prefix)
            if child is None:
                child = copied[prefix] = _shallow(parent[place[size - 1]])
                parent[place[size - 1]] = child
            parent = child
    return copied[()]


def _shallow(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


def _relocated(
    problem: Problem, request: documents.EmbeddedRequest, sources: Mapping[tuple[Any, ...], str]
) -> Problem:
    """A problem of an embedded request, its path and location in the document; a value the
    what-if mode put in place says where it came from."""
    from hpt_request.text import documents

    location = (*request.location, *request.spelled(problem.location))
    if problem.path and request.spell is None:
        path = documents.joined(request.path, problem.path)
    else:
        path = _request_path(request, problem.location)
    message = problem.message
    for place, source in sources.items():
        if problem.location[: len(place)] == place:
            message = f"{message} (the value of {source})"
            break
    return attrs.evolve(problem, path=path, location=location, message=message)


def _kind_problem(
    placeholder: Placeholder, member: str, parameters: Mapping[str, Any], context: str
) -> Problem:
    from hpt_request.text import placeholders

    wanted = placeholders.KIND_WORDS.get(member, member)
    parameter = parameters.get(placeholder.parameter) if placeholder.parameter else None
    if parameter is not None:
        given = f"{placeholder.expression}, a {parameter.type} parameter,"
    else:
        given = f"{placeholder.expression} gives {placeholders.KIND_WORDS[placeholder.kind]} and"
    return Problem(
        path="",
        code=placeholders.WRONG_KIND,
        message=f"{given} stands where the member takes {wanted}: the {context} fails when it runs",
        location=placeholder.location,
    )


def _check_embedded(
    request: documents.EmbeddedRequest,
    parameters: Mapping[str, Any],
    sources: Mapping[tuple[Any, ...], str],
    *,
    rules: bool,
    settings: RuleSettings | None,
    parents: ParentResponses | None,
) -> tuple[list[Problem], list[documents.Skipped]]:
    """The problems of one request of a document (locations in the request) and the checks
    skipped for its placeholders (locations in the document)."""
    from hpt_request.text import documents, placeholders
    from hpt_request.text.locations import KEY_CODES

    problems: list[Problem] = list(request.problems)
    # What stands at each place whose value comes at run time: its JSON type, its checks, and
    # what supplies it.
    unknown: dict[tuple[Any, ...], tuple[str | None, tuple[str, ...], str]] = {}
    for placeholder in request.placeholders:
        member, checks = placeholders.member_type(placeholder.location)
        if member is None:
            continue  # no such member: the structural check says so
        if not placeholders.fits(placeholder.kind, member):
            problems.append(_kind_problem(placeholder, member, parameters, request.context))
            checks = ()  # the value is wrong already
        unknown[placeholder.location] = (member, checks, placeholder.expression)
    for place in request.malformed:
        member, _ = placeholders.member_type(place)
        unknown[place] = (member, (), "a malformed placeholder")
    data = request.data
    named = request.named_at_run_time and isinstance(data, Mapping)
    if unknown or named:
        data = _copied_along(data, list(unknown)) if unknown else dict(data)
        for place, (member, _, _) in unknown.items():
            *steps, last = place
            parent: Any = data
            for step in steps:
                parent = parent[step]
            parent[last] = placeholders.stand_in(member, place)
        if named and documents.NAME not in data:
            member, checks = placeholders.member_type((documents.NAME,))
            unknown[(documents.NAME,)] = (member, checks, _run_time_name(request))
            data[documents.NAME] = "placeholder"
    verdict = structure.judged(data, Request)
    kept = [
        problem
        for problem in verdict.problems
        if problem.code in KEY_CODES or not _under(problem.location, unknown)
    ]
    problems.extend(kept)
    skipped: list[documents.Skipped] = []
    for place, (_, checks, what) in unknown.items():
        if checks:
            path = _request_path(request, place)
            location = (*request.location, *request.spelled(place))
            skipped.extend(documents.Skipped(path, check, what, location) for check in checks)
    if rules and verdict.for_rules:
        if unknown:  # the rules read the request with the placeholders' members unknown
            verdict = structure.Verdict(None, data, kept, None)
        problems.extend(_embedded_findings(request, verdict, unknown, skipped, settings, parents))
    return problems, skipped


def _embedded_findings(
    request: documents.EmbeddedRequest,
    verdict: structure.Verdict,
    unknown: Mapping[tuple[Any, ...], tuple[str | None, tuple[str, ...], str]],
    skipped: list[documents.Skipped],
    settings: RuleSettings | None,
    parents: ParentResponses | None,
) -> list[Problem]:
    """The rules on a request whose placeholders are unknown, each rule skipped for them listed
    with the placeholder it needs.

    One pass of the rules, each placeholder an unknown member of its own: a rule that touches
    one is skipped and listed with it (the first it touched; once that one is known, a rule
    that needs another too is listed with that one). A rule skipped for the structural problems
    alone is not listed (the problems say what is wrong); one skipped for a reason no member
    names is listed with every placeholder."""
    from hpt_request.text import documents

    data = verdict.data
    if parents is not None and not isinstance(parents, Mapping):
        parents = list(parents)  # read twice below; a mapping is read as it is
    every: list[str] = []
    touched: dict[str, tuple[Any, ...] | None] = {}
    found = findings(
        data,
        verdict,
        parents=parents,
        settings=settings,
        unknown=unknown,
        skipped=every,
        touched=touched,
    )
    if not every:
        return found
    unexplained = [rule for rule in dict.fromkeys(every) if touched.get(rule) not in unknown]
    structural: set[str] = set()
    if unexplained and verdict.problems:
        alone: list[str] = []
        findings(data, verdict, parents=parents, settings=settings, unknown=(), skipped=alone)
        structural = set(alone)
    places = list(unknown)
    for rule in dict.fromkeys(every):
        where = touched.get(rule)
        needed: list[tuple[Any, ...]]
        if where is not None and where in unknown:
            needed = [where]
        elif rule in structural:
            continue
        else:
            needed = places
        for place in needed:
            skipped.append(
                documents.Skipped(
                    _request_path(request, place),
                    rule,
                    unknown[place][2],
                    (*request.location, *request.spelled(place)),
                )
            )
    return found


def _skip_order(skip: documents.Skipped) -> tuple[str, str, str, str]:
    """Skipped checks in the order of problems: by location, then path, check, placeholder."""
    return sort_key(Problem(skip.path, skip.check, skip.placeholder, location=skip.location))


def _document_check(
    document: object,
    kind: documents.DocumentKind | None,
    assume: Mapping[str, object] | None,
    defaults: bool,
    *,
    rules: bool,
    strict: bool,
    settings: RuleSettings | None,
    parents: ParentResponses | None,
) -> documents.DocumentCheck:
    from hpt_request.text import documents

    if parents is not None and not isinstance(parents, Mapping):
        parents = list(parents)  # read once per embedded request; a mapping is read as it is
    read = documents.read_document(document, kind)
    if read.kind == "request":
        problems = validate(
            document, rules=rules, strict=strict, settings=settings, parents=parents
        )
        return documents.DocumentCheck("request", problems, [], read.requests)
    problems = list(read.problems)
    values, wrong = documents.known_values(read, assume, defaults)
    problems.extend(wrong)
    skipped: list[documents.Skipped] = list(read.skipped)
    checked: list[documents.EmbeddedRequest] = []
    for request in read.requests:
        request, sources = documents.substituted(request, values)
        checked.append(request)
        found, skips = _check_embedded(
            request, read.parameters, sources, rules=rules, settings=settings, parents=parents
        )
        problems.extend(_relocated(problem, request, sources) for problem in found)
        skipped.extend(skips)
    skipped.sort(key=_skip_order)
    masked_parents = _listed(parents) or ()
    problems = _masked(problems, *(request.data for request in checked), *masked_parents)
    return documents.DocumentCheck(
        read.kind, _strict(ordered(problems), strict), skipped, tuple(checked), read.embedded
    )


def validate_document(
    document: object,
    *,
    kind: documents.DocumentKind | None = None,
    assume: Mapping[str, object] | None = None,
    defaults: bool = False,
    rules: bool = True,
    strict: bool = False,
    settings: RuleSettings | None = None,
    parents: ParentResponses | None = None,
) -> documents.DocumentCheck:
    """Check every tuning request of a loaded document (JSON or YAML data): a bare request, or a
    SageMaker Pipelines definition (``pipeline.definition()``, a DescribePipeline response).

    - ``kind`` (``"request"`` or ``"pipeline"``) forces the kind; by default it is detected from
      the content, and a document of no known kind is one ``unknown-document`` problem;
    - placeholders (``{"Get": "Parameters.MaxJobs"}``, ``Std:Join``, ...) are values of their
      kind, known at run time: accepted where their kind fits (a ``placeholder-type`` error
      where it does not), and the checks that need their value are skipped and listed in
      :attr:`~hpt_request.text.documents.DocumentCheck.skipped` with the placeholder each
      depends on;
    - what-if: ``assume`` maps parameter names to values, and ``defaults=True`` takes each
      parameter's ``DefaultValue`` (``assume`` first); the values are put in place and checked
      in full;
    - ``rules``, ``strict``, ``settings`` and ``parents`` are :func:`validate`'s.

    Problems carry the document path (``Steps[0].Arguments.HyperParameterTuningJobConfig...``)
    as ``path`` and ``location``; a pipeline's request has no ``HyperParameterTuningJobName``,
    which the pipeline gives at run time. Never raises."""
    from hpt_request.text import documents

    try:
        return _document_check(
            document,
            kind,
            assume,
            defaults,
            rules=rules,
            strict=strict,
            settings=settings,
            parents=parents,
        )
    except Exception as exc:  # a defect of ours or an input nothing anticipated
        return documents.DocumentCheck(None, [_unreadable(exc)], [])
