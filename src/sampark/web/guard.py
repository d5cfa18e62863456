"""ASGI middleware that guards every request before the app sees it.

It refuses bodies over the size limit with 413 (counting the bytes that
arrive, since a client may send no Content-Length or a false one) and adds
security headers to every response. It wraps the whole app, Starlette's
error middleware included (see ``GuardedApp``), so a 500 has them too.

Only methods that carry a body (POST, PUT, PATCH, DELETE) have it read
and buffered here; a GET's stream is passed through untouched. ``HEAD`` is
answered as the ``GET`` of the same path without its body, so every page
answers HEAD.
"""
from __future__ import annotations

import json
from typing import Any

# Pages use their own CSS and JS only; nothing may load from elsewhere, so
# text that slipped through escaping still could not run a script.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Guard:
    """Body size limit and security headers, as pure ASGI middleware.

    Args:
        app: the ASGI app to guard.
        max_body: the largest request body accepted, in bytes.
    """

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in have]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if scope.get("method") == "HEAD":
            await self._head(scope, receive, send_with_headers)
            return

        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await self._refuse(send_with_headers, 400, "Content-Length is not a number")
                return
            if size > self.max_body:
                await self._refuse(send_with_headers, 413, f"request body over {self.max_body} bytes")
                return

        if scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send_with_headers)
            return

        # Read the whole body first (it is small, or refused) so that a
        # lying or missing Content-Length cannot push more than the limit.
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            total += len(body)
            if total > self.max_body:
                await self._refuse(send_with_headers, 413, f"request body over {self.max_body} bytes")
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)

    async def _head(self, scope: dict, receive: Any, send: Any) -> None:
        """Answer HEAD as GET, keeping the headers (Content-Length included) and dropping the body."""
        async def headers_only(message: dict) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)

    @staticmethod
    async def _refuse(send: Any, status: int, message: str) -> None:
        body = json.dumps({"ok": False, "status": status, "error": message}).encode()
        await send({
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": body})
