"""How a view's data becomes a response: an HTML page, its JSON twin, or its CSV twin.

The routers (``sampark.web.routes_*``) call these with the request; the
Jinja2 environment lives on ``app.state.env``. Links are built from the
route that answered (its name and path parameters), never from the raw
request path, so a request for ``//evil.example/x`` cannot make a page
link off-site.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sampark.contract import DIRECTED
from sampark.web import views
from sampark.web.i18n import DEFAULT_LANG, LANGS, UI
from sampark.web.text import short_title

HERE = Path(__file__).parent
LANG_COOKIE = "sampark_lang"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(doc_url=views.doc_url, fact_url=views.fact_url, pair_url=views.pair_url,
                       directed=DIRECTED, safe_href=views.safe_href, short_title=short_title)
    return env


def store(request: Request) -> Any:
    """This worker thread's store."""
    return request.app.state.access.get()


def pick_lang(request: Request) -> tuple[str, bool]:
    """The interface language: ``?lang=`` (remembered in a cookie), the cookie, or English."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked, request.cookies.get(LANG_COOKIE) != asked
    cookie = request.cookies.get(LANG_COOKIE)
    return (cookie if cookie in LANGS else DEFAULT_LANG), False


def here(request: Request) -> str:
    """This page's path, rebuilt from the route that answered; ``/`` when no route did (a 404)."""
    route = request.scope.get("route")
    name = getattr(route, "name", None)
    if name:
        try:
            # path parameters come decoded: quote them again ("a b?c" -> a%20b%3Fc)
            path = quote(str(request.app.url_path_for(name, **request.path_params)), safe="/:@-._~!$&'()*+,;=")
        except Exception:  # noqa: BLE001 - a path the router cannot rebuild: fall back to home
            path = "/"
        if path.startswith("/") and not path.startswith("//"):
            return path
    return "/"


def link(request: Request, path: str | None = None, **changes: str | None) -> str:
    """This page's path (or ``path``) with query parameters changed (None drops one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    query = urlencode(params)
    return (path or here(request)) + ("?" + query if query else "")


def html(request: Request, template: str, data: dict[str, Any], status: int = 200,
         json_path: str | None = None, csv_path: str | None = None) -> HTMLResponse:
    """Render ``template`` with ``data`` as ``d``, in the request's interface language."""
    lang, remember = pick_lang(request)
    ui = UI(lang)
    other = next((x for x in LANGS if x != lang), lang)  # the toggle: the other UI language
    body = request.app.state.env.get_template(template).render(
        ui=ui, d=data, lang=lang,
        toggle_url=link(request, lang=other),
        json_url=link(request, json_path, lang=None) if json_path else None,
        csv_url=link(request, csv_path, lang=None) if csv_path else None,
        link=lambda **kw: link(request, **kw),
        path=here(request),
    )
    response = HTMLResponse(body, status_code=status)
    if remember:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response


def as_json(data: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(views.public(data), status_code=status)


def as_csv(rows: list[dict[str, Any]], columns: list[str], filename: str) -> Response:
    """A CSV twin: every text field quoted, so codes such as CAMEO 057 stay text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n",
                            quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'inline; filename="{filename}"'})


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith((".json", ".csv")) or path.startswith("/api/")


def error(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"ok": False, "status": status, "error": message}, status_code=status)
    return html(request, "error.html", {"status": status, "error": message}, status=status)
