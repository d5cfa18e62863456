"""``POST /api/documents``: ingest over HTTP, only when the app allows it, behind a bearer token."""
from __future__ import annotations

import hmac
import json
import re
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sampark.web import views
from sampark.web.errors import describe
from sampark.web.render import as_json
from sampark.web.views import BadRequest

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_DEPTH = 32  # a document is a flat object; deeper nesting is refused before parsing


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


def json_depth(raw: bytes) -> int:
    """How deeply ``raw``'s arrays and objects nest, counted without parsing (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def router(token: str) -> APIRouter:
    """The ingest route, accepting ``Authorization: Bearer <token>``."""
    api = APIRouter()
    expected = token.encode("utf-8")

    def authorised(request: Request) -> bool:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        # compare_digest takes as long whatever the prefix matched
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode("utf-8"), expected)

    @api.post(
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
            raise StarletteHTTPException(401, "a valid bearer token is needed", headers={"WWW-Authenticate": "Bearer"})
        if "json" not in request.headers.get("content-type", ""):
            raise StarletteHTTPException(415, "send the document as application/json")
        raw = await request.body()
        if json_depth(raw) > MAX_DEPTH:
            raise BadRequest(f"the body nests deeper than {MAX_DEPTH} levels")
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise BadRequest(f"the body is not JSON: {str(exc)[:200]}") from None
        try:
            doc = DocumentIn.model_validate(payload)
        except ValidationError as exc:
            raise BadRequest(describe(exc.errors())) from None
        check_id(doc.id)
        return await run_in_threadpool(ingest_now, request, doc)

    def check_id(doc_id: str) -> None:
        if _CONTROL.search(doc_id) or doc_id != doc_id.strip():
            raise BadRequest("a document id has no control characters and no outer spaces")
        if doc_id.endswith((".json", ".csv")):  # /doc/<id>.json would be read as the twin of <id>
            raise BadRequest("a document id may not end in .json or .csv")

    def ingest_now(request: Request, doc: DocumentIn) -> JSONResponse:
        from sampark.readers import SourceDoc

        access = request.app.state.access
        source = SourceDoc(id=doc.id, title=doc.title, text=doc.text, lang=doc.lang, url=doc.url,
                           date=doc.date, format=doc.format)
        with access.write_lock:
            result = access.get().ingest_document(source)
        request.app.state.texts.clear()
        stored = access.get().document(doc.id) or {}
        facts = stored.get("facts")
        if facts is None and isinstance(result, list):
            facts = result
        return as_json({"ok": True, "document": views.doc_url(doc.id), "facts": facts or []}, 201)

    return api
