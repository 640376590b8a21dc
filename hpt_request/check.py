"""The check, composed in one place: data -> structure -> rules -> problems.

Each public function runs the stages in order, once each:

1. structure (:mod:`hpt_request.schema.structure`): a model object is unstructured with the
   strict converter and its wire data checked against the packaged schema; wire data is checked
   and read into model objects in one pass. Problems a newer botocore would accept are softened
   there too;
2. rules (:mod:`hpt_request.rules.apply`): for a request, the cross-field rules run on what the
   structural stage read, even where the structure is wrong (they are skipped where they touch
   a member that failed), so one pass reports both kinds of problem;
3. problems: sorted by wire path (:func:`~hpt_request.model.errors.ordered`), and made blocking
   with ``strict``.

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
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ParamSpec, TypeVar, overload

import attrs

from hpt_request import model
from hpt_request.model.errors import Problem, RequestValidationError, ordered
from hpt_request.rules.apply import findings
from hpt_request.rules.settings import RuleSettings
from hpt_request.schema import structure
from hpt_request.text.jsontext import UnreadableText, parse_json

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
    parents: Iterable[Mapping[str, Any]] | None,
    settings: RuleSettings | None = None,
    accept_newer: bool = False,
    service_model: Any = None,
    remember: bool = False,
) -> tuple[Any, list[Problem]]:
    """The whole check, each stage once: the object (None where there are errors) and every
    problem. With ``remember``, an object read from wire data that passed the schema keeps a
    private copy of that data, so that ``to_wire`` need not check it again while unchanged."""
    verdict = structure.judged(
        request, cls, remember=remember, accept_newer=accept_newer, service_model=service_model
    )
    problems = verdict.problems
    if rules and cls is Request:
        found = findings(request, verdict, parents=parents, settings=settings)
        if found:
            problems = [*problems, *found]
    return verdict.obj, _strict(ordered(problems), strict)


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
        raise RequestValidationError(errors)
    result: dict[str, Any] = data
    return result


@overload
def from_wire(
    data: object,
    *,
    rules: bool = ...,
    strict: bool = ...,
    parents: Iterable[Mapping[str, Any]] | None = ...,
    settings: RuleSettings | None = ...,
) -> Request: ...
@overload
def from_wire(
    data: object,
    cls: type[T],
    *,
    rules: bool = ...,
    strict: bool = ...,
    parents: Iterable[Mapping[str, Any]] | None = ...,
    settings: RuleSettings | None = ...,
) -> T: ...


@_never_crash
def from_wire(
    data: object,
    cls: type[Any] = Request,
    *,
    rules: bool = True,
    strict: bool = False,
    parents: Iterable[Mapping[str, Any]] | None = None,
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
    parents: Iterable[Mapping[str, Any]] | None = None,
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
    - ``parents`` takes the parent jobs' DescribeHyperParameterTuningJob responses (wire dicts)
      and enables the warm-start checks against them; without it those checks are skipped.
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
