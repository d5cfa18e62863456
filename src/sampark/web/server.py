"""Serving details uvicorn does not offer as options: a deadline for request headers.

uvicorn closes a keep-alive connection that stays idle after a response,
and caps the size of an unfinished request, but a client that opens a
connection and sends its headers a byte every few seconds holds a worker
slot for ever. :func:`http_protocol` returns uvicorn's h11 protocol with a
deadline: a request's headers must be complete within ``seconds`` of the
connection opening (or of the previous response), else the connection is
closed.
"""
from __future__ import annotations

from typing import Any


def http_protocol(seconds: float) -> type:
    """uvicorn's h11 protocol class with a header deadline of ``seconds``; pass it as ``http=``."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderDeadline(H11Protocol):
        header_timeout = seconds
        _deadline: Any = None
        _waiting_after: Any = None

        def _arm(self) -> None:
            self._disarm()
            self._waiting_after = self.cycle  # a new cycle means the headers arrived
            self._deadline = self.loop.call_later(self.header_timeout, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if self.cycle is self._waiting_after and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def handle_events(self) -> None:
            super().handle_events()
            if self._deadline is not None and self.cycle is not self._waiting_after:
                self._disarm()

        def on_response_complete(self) -> None:
            if not self.transport.is_closing():
                self._arm()  # before a pipelined request is handled, which disarms it
            super().on_response_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return HeaderDeadline
