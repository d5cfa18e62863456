"""Exploring across pairs: every fact with filters (/facts, .json, .csv), full-text
search (/search, .json) and a state's relations map (/relations/{state}, .json)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sampark.store.formats import FACT_CSV_COLUMNS, fact_csv_row
from sampark.web import views
from sampark.web.render import as_csv, as_json, html, link, store
from sampark.web.routes_pages import MAX_OFFSET

router = APIRouter()
FACTS_LIMIT = 50


class FactQuery:
    """The /facts filters, the same as ``sampark facts`` takes."""

    def __init__(
        self,
        type: str | None = Query(None, max_length=40, description="a fact type, e.g. agreement_signed"),
        state: str | None = Query(None, max_length=200, description="a state on either side (code or name)"),
        pair: str | None = Query(None, max_length=300, description="two states joined by '-', e.g. BGD-IND"),
        evidence_lang: str | None = Query(None, max_length=10,
                                          description="evidence language: bn or en (the CLI's --lang; "
                                                      "?lang= is the interface language)"),
        since: str | None = Query(None, max_length=20, description="date range reaches into or past (YYYY[-MM[-DD]])"),
        until: str | None = Query(None, max_length=20, description="date range starts on or before"),
        polarity: str | None = Query(None, max_length=20, description="positive, negative or neutral"),
        min_confidence: str | None = Query(None, max_length=10, description="at least this confident (0-1)"),
        doc: str | None = Query(None, max_length=500, description="evidence in this document"),
        sort: str = Query("date", max_length=20, description="date, -date, confidence, -confidence, type, docs"),
        limit: int = Query(FACTS_LIMIT, ge=1, le=1000),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> None:
        self.filters = {"type": type or None, "state": state or None,
                        "pair": views.parse_pair(pair) if pair else None, "lang": evidence_lang or None,
                        "since": since or None, "until": until or None, "polarity": polarity or None,
                        "min_confidence": min_confidence or None, "doc": doc or None}
        self.raw = {"type": type, "state": state, "pair": pair, "evidence_lang": evidence_lang, "since": since, "until": until,
                    "polarity": polarity, "min_confidence": min_confidence, "doc": doc}
        self.sort, self.limit, self.offset = sort, limit, offset


def _facts(request: Request, query: FactQuery) -> dict:
    return views.facts_data(store(request), query.filters, query.raw, query.sort, query.limit, query.offset)


@router.get("/facts.json", summary="Every fact, filtered, sorted and paged (the filters of `sampark facts`)",
            tags=["explore"])
def facts_json(request: Request, query: FactQuery = Depends()):
    return as_json(_facts(request, query))


@router.get("/facts.csv", summary="The same facts as CSV, one row a fact (text fields quoted)", tags=["explore"])
def facts_csv(request: Request, query: FactQuery = Depends()):
    data = _facts(request, query)
    return as_csv([fact_csv_row(f) for f in data["facts"]], FACT_CSV_COLUMNS, "facts.csv")


@router.get("/facts", response_class=HTMLResponse, summary="Facts explorer (HTML twin of /facts.json)",
            tags=["explore"])
def facts_page(request: Request, query: FactQuery = Depends()):
    return html(request, "facts.html", _facts(request, query), json_path="/facts.json", csv_path="/facts.csv")


@router.get("/search.json", summary="Full-text search over evidence and document titles (bn and en)",
            tags=["explore"])
def search_json(request: Request, q: str = Query("", max_length=200, description="words or part of a word"),
                limit: int = Query(FACTS_LIMIT, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return as_json(views.search_data(store(request), q, limit, offset, required=True))


@router.get("/search", response_class=HTMLResponse, summary="Search page (HTML twin of /search.json)",
            tags=["explore"])
def search_page(request: Request, q: str = Query("", max_length=200),
                limit: int = Query(FACTS_LIMIT, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return html(request, "search.html", views.search_data(store(request), q, limit, offset, required=False),
                json_path="/search.json")


@router.get("/relations", response_class=HTMLResponse, summary="Pick a state for its relations map",
            tags=["explore"])
def relations_pick(request: Request, state: str | None = Query(None, max_length=200)):
    if state:
        code = views.state_or_404(state)
        return RedirectResponse(link(request, f"/relations/{code}", state=None), status_code=302)
    return html(request, "relations.html", views.relations_index(store(request)))


@router.get("/relations/{state}.json", summary="The states a state has facts with, by kind", tags=["explore"])
def relations_json(request: Request, state: str):
    return as_json(views.relations_data(store(request), state))


@router.get("/relations/{state}", response_class=HTMLResponse,
            summary="A state's relations map: a table and a graph (HTML twin)", tags=["explore"])
def relations_page(request: Request, state: str):
    return html(request, "relations.html", views.relations_data(store(request), state),
                json_path=f"/relations/{views.state_or_404(state)}.json")
