"""The web app: server-rendered pages over the store, each with a JSON twin.

As in Datasette, ``/pair/MYS-RUS`` and ``/pair/MYS-RUS.json`` come from one
view function (``sampark.web.views``): the page renders its data with a
Jinja2 template, the twin returns the same data as JSON.

Read-only unless created with ``allow_ingest=True``, which adds
``POST /api/documents`` behind a bearer token.
"""
from __future__ import annotations

import hmac
import json
import logging
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sampark.contract import DIRECTED
from sampark import __version__
from sampark.errors import SamparkError
from sampark.web import views
from sampark.web.access import StoreAccess, TextCache
from sampark.web.guard import Guard
from sampark.web.i18n import DEFAULT_LANG, LANGS, UI
from sampark.web.views import BadRequest, NotFound

log = logging.getLogger("sampark.web")

HERE = Path(__file__).parent
LANG_COOKIE = "sampark_lang"
DEFAULT_MAX_BODY = 2 * 1024 * 1024
PAGE_LIMIT = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class DocumentIn(BaseModel):
    """A document to ingest over HTTP (the fields of ``SourceDoc``)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=500, description="stable document id")
    title: str | None = Field(None, max_length=20000)
    text: str = Field(description="the text; evidence offsets point into it")
    lang: Literal["bn", "en"] | None = Field(None, description="bn, en, or null to detect")
    url: str | None = Field(None, max_length=4000)
    date: str | None = Field(None, max_length=64, description="the document's own date (ISO 8601 or EDTF)")
    format: Literal["text", "wikitext"] = "text"


class ErrorOut(BaseModel):
    """Every error, as JSON."""

    ok: bool = False
    status: int
    error: str


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
    texts = TextCache()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        access.close()

    app = FastAPI(
        title="sampark",
        version=__version__,
        description="Sourced, dated facts about the relations between countries. "
                    "Every page has a JSON twin at the same path plus `.json`.",
        docs_url=None,  # the stock /docs loads Swagger UI from a CDN; ours is offline
        redoc_url=None,
        lifespan=lifespan,
        responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}},
    )
    app.state.access = access
    app.add_middleware(Guard, max_body=max_body)
    app.state.allow_ingest = allow_ingest
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(doc_url=views.doc_url, fact_url=views.fact_url, pair_url=views.pair_url,
                       directed=DIRECTED, safe_href=views.safe_href)

    def store() -> Any:
        return access.get()

    # -- rendering -----------------------------------------------------------

    def pick_lang(request: Request) -> tuple[str, bool]:
        """The interface language: ``?lang=`` (remembered in a cookie), the cookie, or English."""
        asked = request.query_params.get("lang")
        if asked in LANGS:
            return asked, request.cookies.get(LANG_COOKIE) != asked
        cookie = request.cookies.get(LANG_COOKIE)
        return (cookie if cookie in LANGS else DEFAULT_LANG), False

    def link(request: Request, path: str | None = None, **changes: str | None) -> str:
        """This page's path with query parameters changed (None drops one)."""
        params = dict(request.query_params)
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        query = urlencode(params)
        return (path or request.url.path) + ("?" + query if query else "")

    def html(request: Request, template: str, data: dict[str, Any], status: int = 200,
             json_path: str | None = None) -> HTMLResponse:
        lang, remember = pick_lang(request)
        ui = UI(lang)
        other = next((x for x in LANGS if x != lang), lang)  # the toggle: the other UI language
        body = env.get_template(template).render(
            ui=ui, d=data, lang=lang,
            toggle_url=link(request, lang=other),
            json_url=link(request, json_path, lang=None) if json_path else None,
            link=lambda **kw: link(request, **kw),
            path=request.url.path,
        )
        response = HTMLResponse(body, status_code=status)
        if remember:
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
        return response

    def as_json(data: dict[str, Any], status: int = 200) -> JSONResponse:
        return JSONResponse(views.public(data), status_code=status)

    def wants_json(request: Request) -> bool:
        path = request.url.path
        return path.endswith(".json") or path.startswith("/api/")

    def error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"ok": False, "status": status, "error": message}, status_code=status)
        return html(request, "error.html", {"status": status, "error": message}, status=status)

    # -- errors: a bad request is a 4xx with a message, never a 500 ----------------

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(BadRequest)
    async def _bad_request(request: Request, exc: BadRequest) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 400, _describe(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path[:200]}"
        response = error(request, exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(SamparkError)
    async def _sampark(request: Request, exc: SamparkError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error(request, 500, "internal error; the server log has the details")

    # -- pages and their JSON twins ------------------------------------------

    @app.get("/index.json", summary="Every pair with its fact counts, or the pairs of a state",
             tags=["pages"])
    def index_json(q: str | None = Query(None, max_length=200, description="a state's name (en or bn) or code")):
        return as_json(views.index_data(store(), q))

    @app.get("/", response_class=HTMLResponse, summary="Home page (HTML twin of /index.json)", tags=["pages"])
    def index_page(request: Request, q: str | None = Query(None, max_length=200)):
        return html(request, "index.html", views.index_data(store(), q), json_path="/index.json")

    def canonical_pair(request: Request, pair: str, suffix: str) -> tuple[str, str] | Response:
        a, b = views.parse_pair(pair)
        if pair != f"{min(a, b)}-{max(a, b)}":
            return RedirectResponse(link(request, views.pair_url(a, b, suffix)), status_code=302)
        return a, b

    @app.get("/pair/{pair}.json", summary="A pair: timeline, trade by year, facts, conflicts", tags=["pages"])
    def pair_json(request: Request, pair: str,
                  type: str | None = Query(None, max_length=40, description="only facts of this type")):
        got = canonical_pair(request, pair, ".json")
        if isinstance(got, Response):
            return got
        return as_json(views.pair_data(store(), *got, fact_type=type or None, cache=texts))

    @app.get("/pair/{pair}", response_class=HTMLResponse, summary="A pair's page (HTML twin)", tags=["pages"])
    def pair_page(request: Request, pair: str, type: str | None = Query(None, max_length=40)):
        got = canonical_pair(request, pair, "")
        if isinstance(got, Response):
            return got
        data = views.pair_data(store(), *got, fact_type=type or None, cache=texts)
        return html(request, "pair.html", data, json_path=views.pair_url(*got, ".json"))

    @app.get("/fact/{fact_id:path}.json", summary="One fact with its evidence", tags=["pages"])
    def fact_json(fact_id: str):
        return as_json(views.fact_data(store(), fact_id, cache=texts))

    @app.get("/fact/{fact_id:path}", response_class=HTMLResponse, summary="A fact's page (HTML twin)",
             tags=["pages"])
    def fact_page(request: Request, fact_id: str):
        return html(request, "fact.html", views.fact_data(store(), fact_id, cache=texts),
                    json_path=views.fact_url(fact_id, ".json"))

    @app.get("/doc/{doc_id:path}.json", summary="A document: its text and facts", tags=["pages"])
    def doc_json(doc_id: str):
        return as_json(views.doc_data(store(), doc_id))

    @app.get("/doc/{doc_id:path}", response_class=HTMLResponse,
             summary="A document's page, every fact's span highlighted (HTML twin)", tags=["pages"])
    def doc_page(request: Request, doc_id: str):
        return html(request, "doc.html", views.doc_data(store(), doc_id),
                    json_path=views.doc_url(doc_id, ".json"))

    @app.get("/documents.json", summary="The stored documents, a page at a time", tags=["pages"])
    def documents_json(limit: int = Query(PAGE_LIMIT, ge=1, le=1000), offset: int = Query(0, ge=0)):
        return as_json(views.documents_data(store(), limit, offset))

    @app.get("/documents", response_class=HTMLResponse, summary="Documents page (HTML twin)", tags=["pages"])
    def documents_page(request: Request, limit: int = Query(PAGE_LIMIT, ge=1, le=1000),
                       offset: int = Query(0, ge=0)):
        return html(request, "documents.html", views.documents_data(store(), limit, offset),
                    json_path="/documents.json")

    def conflict_pair(pair: str | None) -> tuple[str, str] | None:
        return views.parse_pair(pair) if pair else None

    @app.get("/conflicts.json", summary="Flagged conflicts between facts", tags=["pages"])
    def conflicts_json(pair: str | None = Query(None, max_length=300, description="only this pair, e.g. MYS-RUS")):
        return as_json(views.conflicts_data(store(), conflict_pair(pair), cache=texts))

    @app.get("/conflicts", response_class=HTMLResponse, summary="Conflicts page (HTML twin)", tags=["pages"])
    def conflicts_page(request: Request, pair: str | None = Query(None, max_length=300)):
        return html(request, "conflicts.html", views.conflicts_data(store(), conflict_pair(pair), cache=texts),
                    json_path="/conflicts.json")

    @app.get("/docs", response_class=HTMLResponse, summary="This API, described (offline)", tags=["api"])
    def api_docs(request: Request):
        return html(request, "api.html", {"endpoints": _endpoints(app.openapi())}, json_path="/openapi.json")

    # -- ingest, only when allowed -------------------------------------------

    if allow_ingest:
        expected = token.encode("utf-8")  # type: ignore[union-attr]

        def authorised(request: Request) -> bool:
            header = request.headers.get("authorization", "")
            scheme, _, given = header.partition(" ")
            # compare_digest takes as long whatever the prefix matched
            return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode("utf-8"), expected)

        @app.post(
            "/api/documents",
            status_code=201,
            summary="Ingest one document and return its facts (needs a bearer token)",
            tags=["api"],
            responses={401: {"model": ErrorOut}, 413: {"model": ErrorOut}, 415: {"model": ErrorOut}},
            openapi_extra={"requestBody": {"required": True, "content": {
                "application/json": {"schema": DocumentIn.model_json_schema()}}}},
        )
        async def ingest(request: Request):
            # the token is checked before the body is even parsed
            if not authorised(request):
                raise StarletteHTTPException(401, "a valid bearer token is needed",
                                             headers={"WWW-Authenticate": "Bearer"})
            if "json" not in request.headers.get("content-type", ""):
                raise StarletteHTTPException(415, "send the document as application/json")
            try:
                payload = json.loads(await request.body())
            except (ValueError, UnicodeDecodeError) as exc:
                raise BadRequest(f"the body is not JSON: {exc}") from None
            try:
                doc = DocumentIn.model_validate(payload)
            except ValidationError as exc:
                raise BadRequest(_describe(exc.errors())) from None
            check_id(doc.id)
            return await run_in_threadpool(ingest_now, doc)

        def check_id(doc_id: str) -> None:
            if _CONTROL.search(doc_id) or doc_id != doc_id.strip():
                raise BadRequest("a document id has no control characters and no outer spaces")
            if doc_id.endswith(".json"):  # /doc/<id>.json would be read as the twin of <id>
                raise BadRequest("a document id may not end in .json")

        def ingest_now(doc: DocumentIn) -> JSONResponse:
            from sampark.readers import SourceDoc

            source = SourceDoc(id=doc.id, title=doc.title, text=doc.text, lang=doc.lang, url=doc.url,
                               date=doc.date, format=doc.format)
            with access.write_lock:
                result = store().ingest_document(source)
            texts.clear()
            stored = store().document(doc.id) or {}
            facts = stored.get("facts")
            if facts is None and isinstance(result, list):
                facts = result
            return as_json({"ok": True, "document": views.doc_url(doc.id), "facts": facts or []}, 201)

    return app


def _describe(errors: list[dict[str, Any]]) -> str:
    """Validation errors as one line, without echoing the (possibly huge) input."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


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
