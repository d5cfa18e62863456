"""The browsing pages and their JSON (and CSV) twins: home, pair, fact, document, documents, conflicts, API."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sampark.store.formats import FACT_CSV_COLUMNS, fact_csv_row
from sampark.web import views
from sampark.web.render import as_csv, as_json, html, link, store

router = APIRouter()
PAGE_LIMIT = 100
MAX_OFFSET = 10**9  # far past any real store; bigger numbers are a 400, not an overflow


@router.get("/index.json", summary="Every pair with its fact counts, or the pairs of a state, a page at a time",
            tags=["pages"])
def index_json(request: Request, q: str | None = Query(None, max_length=200, description="a state's name (en or bn) or code"),
               limit: int = Query(PAGE_LIMIT, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return as_json(views.index_data(store(request), q, limit, offset))


@router.get("/", response_class=HTMLResponse, summary="Home page (HTML twin of /index.json)", tags=["pages"])
def index_page(request: Request, q: str | None = Query(None, max_length=200),
               limit: int = Query(PAGE_LIMIT, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return html(request, "index.html", views.index_data(store(request), q, limit, offset), json_path="/index.json")


def canonical_pair(request: Request, pair: str, suffix: str) -> tuple[str, str] | Response:
    a, b = views.parse_pair(pair)
    if pair != f"{min(a, b)}-{max(a, b)}":
        return RedirectResponse(link(request, views.pair_url(a, b, suffix)), status_code=302)
    return a, b


@router.get("/pair/{pair}.json", summary="A pair: timeline, lanes, trade by year, facts, conflicts", tags=["pages"])
def pair_json(request: Request, pair: str,
              type: str | None = Query(None, max_length=40, description="only facts of this type")):
    got = canonical_pair(request, pair, ".json")
    if isinstance(got, Response):
        return got
    return as_json(views.pair_data(store(request), *got, fact_type=type or None, cache=request.app.state.texts))


@router.get("/pair/{pair}.csv", summary="A pair's facts as CSV, one row a fact", tags=["pages"])
def pair_csv(request: Request, pair: str, type: str | None = Query(None, max_length=40)):
    got = canonical_pair(request, pair, ".csv")
    if isinstance(got, Response):
        return got
    facts = store(request).facts(pair=got, type=type or None)
    return as_csv([fact_csv_row(f) for f in facts], FACT_CSV_COLUMNS, f"{got[0]}-{got[1]}.csv")


@router.get("/pair/{pair}", response_class=HTMLResponse, summary="A pair's page (HTML twin)", tags=["pages"])
def pair_page(request: Request, pair: str, type: str | None = Query(None, max_length=40)):
    got = canonical_pair(request, pair, "")
    if isinstance(got, Response):
        return got
    data = views.pair_data(store(request), *got, fact_type=type or None, cache=request.app.state.texts)
    return html(request, "pair.html", data, json_path=views.pair_url(*got, ".json"),
                csv_path=views.pair_url(*got, ".csv"))


@router.get("/fact/{fact_id:path}.json", summary="One fact with its evidence", tags=["pages"])
def fact_json(request: Request, fact_id: str):
    return as_json(views.fact_data(store(request), fact_id, cache=request.app.state.texts))


@router.get("/fact/{fact_id:path}", response_class=HTMLResponse, summary="A fact's page (HTML twin)",
            tags=["pages"])
def fact_page(request: Request, fact_id: str):
    return html(request, "fact.html", views.fact_data(store(request), fact_id, cache=request.app.state.texts),
                json_path=views.fact_url(fact_id, ".json"))


@router.get("/doc/{doc_id:path}.json", summary="A document: its text and facts", tags=["pages"])
def doc_json(request: Request, doc_id: str):
    return as_json(views.doc_data(store(request), doc_id))


@router.get("/doc/{doc_id:path}", response_class=HTMLResponse,
            summary="A document's page: its text cleaned, folded around the facts it holds (HTML twin)",
            tags=["pages"])
def doc_page(request: Request, doc_id: str, full: bool = Query(False, description="show the whole text"),
             raw: bool = Query(False, description="show wikitext markup as stored")):
    return html(request, "doc.html", views.doc_data(store(request), doc_id, fold=not full, clean=not raw),
                json_path=views.doc_url(doc_id, ".json"))


@router.get("/documents.json", summary="The stored documents, a page at a time", tags=["pages"])
def documents_json(request: Request, limit: int = Query(PAGE_LIMIT, ge=1, le=1000),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return as_json(views.documents_data(store(request), limit, offset))


@router.get("/documents", response_class=HTMLResponse, summary="Documents page (HTML twin)", tags=["pages"])
def documents_page(request: Request, limit: int = Query(PAGE_LIMIT, ge=1, le=1000),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return html(request, "documents.html", views.documents_data(store(request), limit, offset),
                json_path="/documents.json")


def conflict_pair(pair: str | None) -> tuple[str, str] | None:
    return views.parse_pair(pair) if pair else None


@router.get("/conflicts.json", summary="Flagged conflicts between facts", tags=["pages"])
def conflicts_json(request: Request,
                   pair: str | None = Query(None, max_length=300, description="only this pair, e.g. MYS-RUS")):
    return as_json(views.conflicts_data(store(request), conflict_pair(pair), cache=request.app.state.texts))


@router.get("/conflicts", response_class=HTMLResponse, summary="Conflicts page (HTML twin)", tags=["pages"])
def conflicts_page(request: Request, pair: str | None = Query(None, max_length=300)):
    return html(request, "conflicts.html",
                views.conflicts_data(store(request), conflict_pair(pair), cache=request.app.state.texts),
                json_path="/conflicts.json")
