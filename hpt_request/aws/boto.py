"""The bridge to boto3: send only requests that pass the pre-flight check.

botocore is not a dependency of hpt-request: it is imported lazily, and clients and sessions are
typed loosely (``Any``). Nothing here talks to AWS by itself; only the client you pass does.

- :func:`to_boto3_kwargs` gives exactly the keyword arguments of
  ``client.create_hyper_parameter_tuning_job(**kwargs)``: the wire dict of a model object (as
  :func:`~hpt_request.to_wire`), or a wire dict read and written back in normalized form (spec
  member order). Like :func:`~hpt_request.to_wire`, it guarantees structure (schema and
  model); the cross-field rules are :func:`submit`'s and :func:`guard`'s job.
- :func:`submit` validates a request (structure and cross-field rules, optionally against the
  parents' Describe responses) and calls ``client.create_hyper_parameter_tuning_job`` only if
  nothing blocks; it returns the client's response.
- :func:`guard` hooks botocore's event system so that every ``CreateHyperParameterTuningJob``
  call made through a client, or through any client a session creates afterwards, is checked
  before it is serialized and sent, whoever wrote the call; so are the other calls that carry
  tuning requests: ``CreatePipeline``/``UpdatePipeline`` (the Tuning steps of the pipeline
  definition, as the SDK's ``pipeline.upsert()`` sends it) and Step Functions'
  ``CreateStateMachine``/``UpdateStateMachine`` (the machine's tuning tasks). It never changes
  the parameters.

Problems that block raise :class:`~hpt_request.RequestValidationError` (every problem, with
its wire path). Problems that do not block (warnings, without ``strict=True``) are not
dropped: they are reported as one :class:`PreflightWarning` through :func:`warnings.warn`,
and the call proceeds.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from types import FrameType
from typing import Any, Literal

from hpt_request import model
from hpt_request.aws import sdk
from hpt_request.check import from_wire, to_wire, validate
from hpt_request.model.base import ParentResponses
from hpt_request.model.errors import Problem, RequestValidationError
from hpt_request.rules.settings import RuleSettings
from hpt_request.schema import newer

EVENT_NAME = "before-parameter-build.sagemaker.CreateHyperParameterTuningJob"
"""The botocore event :func:`guard` handles for tuning jobs: emitted with the call's ``params``
dict after the client method is called and before botocore validates, serializes and sends
anything."""

DocumentCall = tuple[str, str, str, Literal["pipeline", "statemachine"]]
DOCUMENT_CALLS: tuple[DocumentCall, ...] = (
    ("sagemaker", "CreatePipeline", "PipelineDefinition", "pipeline"),
    ("sagemaker", "UpdatePipeline", "PipelineDefinition", "pipeline"),
    ("sfn", "CreateStateMachine", "definition", "statemachine"),
    ("sfn", "UpdateStateMachine", "definition", "statemachine"),
)
"""The other calls :func:`guard` checks: (the service's event prefix, the operation, the member
that holds the document as JSON text, the kind of document)."""

SERVICES = {"sagemaker": "sagemaker", "stepfunctions": "sfn"}
"""The services whose clients :func:`guard` takes (botocore's name -> its event prefix)."""

OnProblem = Literal["raise", "warn"]
_ON_PROBLEM: tuple[OnProblem, ...] = ("raise", "warn")
# Frames of these packages are skipped when a warning is attributed to the caller's line.
_LIBRARY_MODULES = ("hpt_request", "botocore", "boto3")


class PreflightWarning(UserWarning):
    """Problems found in a request that is sent anyway: warnings that do not block (without
    ``strict=True``), or every problem when :func:`guard` runs with ``on_problem="warn"``.
    ``problems`` holds them; ``str()`` lists them one per line, with their wire paths."""

    def __init__(
        self, problems: Sequence[Problem], operation: str = "CreateHyperParameterTuningJob"
    ) -> None:
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        head = (
            f"{operation}: {count} problem{'s' if count != 1 else ''} "
            "found; the request is sent anyway"
        )
        super().__init__("\n".join([head, *(f"  {problem}" for problem in self.problems)]))


def to_boto3_kwargs(request: object) -> dict[str, Any]:
    """The keyword arguments of ``client.create_hyper_parameter_tuning_job(**kwargs)``.

    ``request`` is a :class:`~hpt_request.CreateHyperParameterTuningJobRequest` or a wire dict.
    A model object gives its wire dict (:func:`~hpt_request.to_wire`); a wire dict is read and
    written back (:func:`~hpt_request.from_wire` then :func:`~hpt_request.to_wire`), which
    checks it and puts its members in spec order. Either way the result passes the schema, or
    :class:`~hpt_request.RequestValidationError` is raised; the cross-field rules are not run
    here (use :func:`submit`, :func:`guard` or :func:`~hpt_request.validate`)."""
    if isinstance(request, model.CreateHyperParameterTuningJobRequest):
        return to_wire(request)
    return to_wire(from_wire(request, rules=False))


def submit(
    request: object,
    client: Any,
    *,
    strict: bool = False,
    parents: ParentResponses | None = None,
    settings: RuleSettings | None = None,
) -> dict[str, Any]:
    """Validate ``request`` and, if nothing blocks, create the tuning job through ``client``.

    ``request`` is a model object or a wire dict; ``client`` a boto3 SageMaker client (anything
    with ``create_hyper_parameter_tuning_job``). The check is
    ``validate(request, rules=True, strict=strict, parents=parents)``: errors block, and with
    ``strict=True`` warnings block too. Blocking problems raise
    :class:`~hpt_request.RequestValidationError` (carrying every problem found) and the client
    is not called. Otherwise any remaining warnings are reported as a :class:`PreflightWarning`,
    the client is called once with :func:`to_boto3_kwargs` of the request, and its response
    dict is returned unchanged. ``parents`` takes the parent jobs'
    DescribeHyperParameterTuningJob responses, to check a warm start against them; ``settings``
    (:class:`~hpt_request.RuleSettings`) disables rules, changes their severity and sets raised
    account quotas."""
    problems = _checked(
        request, client_model(client), strict=strict, parents=parents, settings=settings
    )
    if any(problem.blocking for problem in problems):
        raise RequestValidationError(problems)
    if isinstance(request, Mapping) and any(p.code == newer.NEWER for p in problems):
        kwargs = dict(request)  # members the pinned model cannot hold go out as given
    else:
        kwargs = to_boto3_kwargs(request)
    if problems:
        warnings.warn(PreflightWarning(problems), stacklevel=2)
    response: dict[str, Any] = client.create_hyper_parameter_tuning_job(**kwargs)
    return response


def guard(
    client_or_session: Any,
    *,
    strict: bool = False,
    on_problem: OnProblem = "raise",
    settings: RuleSettings | None = None,
    online: bool = False,
) -> Callable[[], None]:
    """Check every ``CreateHyperParameterTuningJob`` call before botocore builds and sends it.

    ``client_or_session`` is one of:

    - a boto3/botocore SageMaker client: its own calls are checked;
    - a Step Functions client: its ``CreateStateMachine`` and ``UpdateStateMachine`` calls;
    - a ``boto3.Session`` or a botocore session: every SageMaker and Step Functions client it
      creates *after* this call is checked (clients created earlier are not: each client copies
      the session's handlers when it is created).

    Besides ``CreateHyperParameterTuningJob``, the calls that carry tuning requests inside a
    document are checked the same way (:data:`DOCUMENT_CALLS`): the ``PipelineDefinition`` of
    ``CreatePipeline``/``UpdatePipeline`` as a pipeline, the ``definition`` of
    ``CreateStateMachine``/``UpdateStateMachine`` as a state machine
    (:func:`~hpt_request.validate_document`, placeholders understood), with their problems'
    paths in the document (``PipelineDefinition.Steps[0].Arguments...``). A call without the
    document (a definition in S3, an update of other settings) has nothing to check.

    The handler is registered on :data:`EVENT_NAME`, last among that event's own handlers, so it
    sees the parameters as botocore will serialize them. It reads them as a wire dict with
    ``validate(params, rules=True, strict=strict, settings=settings)`` and never modifies them.
    Then:

    - ``on_problem="raise"`` (the default): blocking problems (errors; with ``strict=True``,
      warnings too) raise :class:`~hpt_request.RequestValidationError` out of the client call,
      before anything is serialized or sent; warnings that do not block are reported as a
      :class:`PreflightWarning` and the call proceeds;
    - ``on_problem="warn"``: every problem is reported as one :class:`PreflightWarning` and
      the call proceeds (botocore's own validation still applies).

    With ``online=True``, each ``CreateHyperParameterTuningJob`` call is also checked online
    (:func:`~hpt_request.validate_online`'s read-only calls, made afresh for every call, through
    the guarded session or, for a client, a new ``boto3.Session`` with the standard
    credential chain in the client's Region); its problems count as the offline ones do. No
    credentials or no answer from AWS raises
    :class:`~hpt_request.aws.online.OnlineUnavailable` out of the call, before it is sent.

    There is no ``"ignore"``: a guard that ignores problems checks nothing; call the returned
    function to stop checking. Any other ``on_problem`` raises ``ValueError``; a client of
    another service (not SageMaker nor Step Functions) raises ``ValueError``; anything that is
    neither a client nor a session raises ``TypeError``. Nothing is registered in those cases.

    The SageMaker Python SDK's sessions are taken too (v2's ``sagemaker.Session``, v3's
    ``Session`` and ``PipelineSession``): guarding one guards its ``sagemaker_client``, the
    client sagemaker-core caches for its boto3 session and Region (the one SDK v3's tuner sends
    with), and its ``boto_session`` (every client made from it afterwards, such as the one
    ``HyperParameterTuningJob.create(session=boto_session)`` makes); see
    :mod:`hpt_request.aws.sdk`.

    Returns a function that removes the handler. It also disarms the handler in clients the
    session created in the meantime, and calling it again does nothing."""
    if on_problem not in _ON_PROBLEM:
        raise ValueError(
            f"on_problem must be one of {', '.join(map(repr, _ON_PROBLEM))}, not "
            f"{on_problem!r} (to stop checking, call the function guard() returned)"
        )
    if sdk.looks_like_sdk_session(client_or_session):
        return _guard_all(
            sdk.session_parts(client_or_session),
            strict=strict,
            on_problem=on_problem,
            settings=settings,
            online=online,
        )
    emitter, service = _event_emitter(client_or_session)
    armed = True

    def report(problems: list[Problem], operation: str) -> None:
        if not problems:
            return
        if on_problem == "raise" and any(problem.blocking for problem in problems):
            raise RequestValidationError(problems)
        warnings.warn(PreflightWarning(problems, operation), stacklevel=_caller_stacklevel())

    def check_create_hyper_parameter_tuning_job(
        params: Any, model: Any = None, **_kwargs: Any
    ) -> None:
        # botocore passes the operation model, context and event_name too.
        if not armed:
            return
        service_model = getattr(model, "service_model", None)
        problems = _checked(params, service_model, strict=strict, settings=settings)
        if online:
            from hpt_request.aws.online import guarded_problems

            problems = guarded_problems(params, client_or_session, problems, strict, settings)
        report(problems, "CreateHyperParameterTuningJob")

    def document_check(call: DocumentCall) -> Callable[..., None]:
        _, operation, member, kind = call

        def check_document(params: Any, **_kwargs: Any) -> None:
            if not armed or not isinstance(params, Mapping):
                return
            text = params.get(member)
            if not isinstance(text, str):
                return  # kept in S3, or not changed: nothing here to check
            report(_document_problems(member, text, kind, strict, settings), operation)

        check_document.__name__ = f"check_{operation}"
        return check_document

    handlers: list[tuple[str, Callable[..., None]]] = []
    if service in (None, "sagemaker"):
        handlers.append((EVENT_NAME, check_create_hyper_parameter_tuning_job))
    for call in DOCUMENT_CALLS:
        if service in (None, call[0]):
            handlers.append((f"before-parameter-build.{call[0]}.{call[1]}", document_check(call)))

    def unregister() -> None:
        nonlocal armed
        armed = False
        for event, handler in handlers:
            emitter.unregister(event, handler)

    for event, handler in handlers:
        emitter.register_last(event, handler)
    return unregister


def _guard_all(
    targets: Sequence[Any],
    *,
    strict: bool,
    on_problem: OnProblem,
    settings: RuleSettings | None,
    online: bool,
) -> Callable[[], None]:
    """:func:`guard` on each of ``targets``; one function removes every handler. If one of them
    cannot be guarded, the ones before it are unguarded again and the error goes out."""
    removers: list[Callable[[], None]] = []
    try:
        for target in targets:
            remover = guard(
                target, strict=strict, on_problem=on_problem, settings=settings, online=online
            )
            removers.append(remover)
    except Exception:
        for remove in removers:
            remove()
        raise

    def unregister() -> None:
        for remove in removers:
            remove()

    return unregister


def _document_problems(
    member: str,
    text: str,
    kind: Literal["pipeline", "statemachine"],
    strict: bool,
    settings: RuleSettings | None,
) -> list[Problem]:
    """The problems of the tuning requests in a call's document (paths from the call's
    member: ``PipelineDefinition.Steps[0].Arguments...``)."""
    from hpt_request.check import validate_document

    return validate_document({member: text}, kind=kind, strict=strict, settings=settings).problems


def client_model(client: Any) -> Any:
    """The service model a client sends with (None for a stand-in without one)."""
    meta = getattr(client, "meta", None)
    return getattr(meta, "service_model", None)


def _checked(
    request: object,
    service_model: Any,
    *,
    strict: bool,
    settings: RuleSettings | None,
    parents: ParentResponses | None = None,
) -> list[Problem]:
    """validate() as guard and submit run it: against the model of the client that sends the
    call, so what that botocore knows beyond the pinned spec is a warning, not an error."""
    problems = validate(request, rules=True, strict=strict, parents=parents, settings=settings)
    if not any(p.code in newer.SOFTENABLE for p in problems):
        return problems
    from hpt_request.check import _check

    try:
        _, problems = _check(
            request,
            model.CreateHyperParameterTuningJobRequest,
            rules=True,
            strict=strict,
            parents=parents,
            settings=settings,
            accept_newer=True,
            service_model=service_model,
        )
    except Exception:  # keep the plain verdict if the comparison itself fails
        return problems
    return problems


def _event_emitter(target: Any) -> tuple[Any, str | None]:
    """The botocore event emitter of a client, a ``boto3.Session`` or a botocore session, and
    for a client the event prefix of its service (None for a session: every service)."""
    meta: Any = getattr(target, "meta", None)
    if hasattr(meta, "events") and hasattr(meta, "service_model"):  # a botocore client
        service = meta.service_model.service_name
        if service not in SERVICES:
            raise ValueError(
                f"guard() needs a SageMaker client (or a Step Functions client); this client is "
                f'for {service!r}: create it with boto3.client("sagemaker")'
            )
        return meta.events, SERVICES[service]
    try:
        import botocore.session
    except ImportError:  # then nothing can be a botocore session
        pass
    else:
        if isinstance(target, botocore.session.Session):
            return target.get_component("event_emitter"), None
    try:
        import boto3
    except ImportError:  # then nothing can be a boto3 session
        pass
    else:
        if isinstance(target, boto3.Session):
            return target.events, None
    raise TypeError(
        "guard() takes a SageMaker client, a boto3.Session, a botocore session or a session of "
        f"the SageMaker Python SDK, not {type(target).__name__}"
    )


def _caller_stacklevel() -> int:
    """The ``stacklevel`` that attributes a warning to the first frame outside hpt_request,
    botocore and boto3 (the line that called the client), counted from the function that
    calls ``warnings.warn``."""
    frame: FrameType | None = sys._getframe(2)  # the caller of the function that asked
    level = 2
    while frame is not None and frame.f_globals.get("__name__", "").startswith(_LIBRARY_MODULES):
        frame = frame.f_back
        level += 1
    return level
