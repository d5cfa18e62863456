"""The web app: server-rendered pages over the store, each with a JSON twin.

As in Datasette, ``/pair/MYS-RUS`` and ``/pair/MYS-RUS.json`` come from one
view function (``sampark.web.views``): the page renders its data with a
Jinja2 template, the twin returns the same data as JSON (lists also have a
``.csv`` twin). The routes live in routers: ``routes_pages`` (browsing),
``routes_explore`` (facts explorer, search, relations map) and
``routes_ingest``; ``errors`` turns every failure into a 4xx or a clean 500;
``render`` builds responses and links.

Read-only unless created with ``allow_ingest=True``, which adds
``POST /api/documents`` behind a bearer token.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from sampark import __version__
from sampark.web import errors, routes_explore, routes_ingest, routes_pages
from sampark.web.access import StoreAccess, TextCache
from sampark.web.guard import Guard
from sampark.web.render import HERE, environment, html
from sampark.web.routes_ingest import DocumentIn, ErrorOut  # noqa: F401 - part of this module's API

DEFAULT_MAX_BODY = 2 * 1024 * 1024
PAGE_LIMIT = routes_pages.PAGE_LIMIT


class GuardedApp(FastAPI):
    """FastAPI with the guard outside everything, Starlette's error middleware included.

    ``add_middleware`` would put the guard inside ``ServerErrorMiddleware``,
    so a 500 would leave without the security headers.
    """

    max_body = DEFAULT_MAX_BODY

    def build_middleware_stack(self) -> Any:
        return Guard(super().build_middleware_stack(), max_body=self.max_body)


def create_app(
    db_url: str,
    allow_ingest: bool = False,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """Build the app over the store at ``db_url``.

    Args:
        db_url: an SQLite path or a database URL, as ``Store.open`` takes.
        allow_ingest: add ``POST /api/documents``.
        token: the bearer token that ingest requires (needed with ingest).
        max_body: the largest request body accepted, in bytes (413 beyond).

    Returns:
        The FastAPI app, behind the size-limit and security-header guard.

    Raises:
        ValueError: ingest was allowed without a token.
    """
    if allow_ingest and not token:
        raise ValueError("ingest over HTTP needs a token (--token or $SAMPARK_TOKEN)")
    access = StoreAccess(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        access.close()

    app = GuardedApp(
        title="sampark",
        version=__version__,
        description="Sourced, dated facts about the relations between countries. "
                    "Every page has a JSON twin at the same path plus `.json`; lists also a `.csv` twin.",
        docs_url=None,  # the stock /docs loads Swagger UI from a CDN; ours is offline
        redoc_url=None,
        lifespan=lifespan,
        responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}},
    )
    app.max_body = max_body
    app.state.access = access
    app.state.texts = TextCache()
    app.state.env = environment()
    app.state.allow_ingest = allow_ingest
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    errors.install(app)
    app.include_router(routes_pages.router)
    app.include_router(routes_explore.router)

    @app.get("/docs", response_class=HTMLResponse, summary="This API, described (offline)", tags=["api"])
    def api_docs(request: Request):
        return html(request, "api.html", {"endpoints": _endpoints(app.openapi())}, json_path="/openapi.json")

    if allow_ingest:
        app.include_router(routes_ingest.router(token))  # type: ignore[arg-type]
    return app


def _endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The OpenAPI paths as rows for the offline API page."""
    rows = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                 "description": p.get("description") or ""}
                for p in op.get("parameters", [])
            ]
            rows.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                         "params": params})
    return rows
