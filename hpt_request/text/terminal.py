"""What the command line writes is safe to show and never breaks the exit status.

- :func:`printable` escapes what a terminal would act on rather than show: control characters
  (C0, DEL and C1, newlines and tabs included, so that one problem stays one line), Unicode's
  bidirectional overrides and line separators, and lone surrogates (text that is not valid
  Unicode). They become ``\\x1b``, ``\\u202e``, ``\\ud800``, as Python writes them.
- :func:`json_text` is JSON in the stream's encoding when it can be, else ASCII with ``\\u``
  escapes: the document stays valid whatever the encoding (``PYTHONIOENCODING=ascii``) and
  whatever the text (a lone surrogate).
- :func:`guarded` wraps an output stream: characters its encoding cannot write are escaped
  (``\\xe9``) instead of raising ``UnicodeEncodeError``, and a closed pipe (``| head -1``) is
  ignored, so that the command still finishes and exits with its own status; so is a stream
  that was closed before the command started (``>&-``, which leaves Python no stream at all).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from typing import Any, TextIO, cast

_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on escaped (see the module doc)."""
    return _UNPRINTABLE.sub(_escape, text)


def json_text(document: Any, stream: TextIO, *, indent: int | None = 2) -> str:
    """``document`` as JSON text that ``stream`` can write as it is."""
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return json.dumps(document, indent=indent, ensure_ascii=True)
    return text


class _Guarded(io.TextIOBase):
    """A text stream in front of another (see :func:`guarded`)."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__()
        self._stream = stream
        self._encoding: str | None = getattr(stream, "encoding", None)
        self.pipe_closed = stream is None

    @property
    def encoding(self) -> str:  # type: ignore[override]  # TextIOBase says str; so do we
        return self._encoding or "utf-8"

    def isatty(self) -> bool:
        return bool(getattr(self._stream, "isatty", lambda: False)())

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.pipe_closed:
            return len(text)
        shown = text
        if self._encoding:
            with contextlib.suppress(LookupError):  # an encoding Python does not know
                shown = text.encode(self._encoding, "backslashreplace").decode(self._encoding)
        try:
            self._stream.write(shown)  # type: ignore[union-attr]  # None only when pipe_closed
        except BrokenPipeError:
            self._closed_pipe()
        return len(text)

    def flush(self) -> None:
        if self.pipe_closed:
            return
        try:
            self._stream.flush()  # type: ignore[union-attr]  # None only when pipe_closed
        except BrokenPipeError:
            self._closed_pipe()

    def _closed_pipe(self) -> None:
        """The reader went away: drop the rest, here and when Python flushes at exit."""
        self.pipe_closed = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())  # type: ignore[union-attr]
            os.close(devnull)
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            pass  # not a file descriptor (an in-memory stream): nothing to flush at exit


def guarded(stream: TextIO | None) -> TextIO:
    """``stream`` made safe for any text and for a closed pipe (see the module docstring);
    ``None`` (a stream closed before Python started) takes everything and writes nothing."""
    return cast(TextIO, _Guarded(stream))
