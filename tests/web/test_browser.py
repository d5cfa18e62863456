"""A person's view: headless Chromium on `sampark serve` over the sample.

Needs Debian's Chromium at /usr/bin/chromium and Playwright for Python (no
browser is downloaded). The screenshot lands in ``test-artifacts/pair.png``.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from sampark.web.i18n import strings

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(kb: Path):
    """``sampark serve`` over ``kb`` on a free loopback port."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SAMPARK_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from sampark.cli.serve import serve; serve()",
         "--db", str(kb), "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/index.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode(errors="replace") if proc.poll() is not None else ""
                pytest.fail(f"sampark serve did not come up on {base}: {out[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian package chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def client_facts(server: str, pair: dict) -> list[dict]:
    return httpx.get(f"{server}{pair['url']}.json", timeout=30).json()["facts"]


def test_browser_pair_page_timeline_evidence_and_bengali(server, browser, busiest_pair, dated_fact):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    page.goto(f"{server}{busiest_pair['url']}?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"

    # a dated fact on the timeline
    item = page.locator(f"#timeline details.fact:has(time[data-date='{dated_fact['date']}'])").first
    assert item.is_visible()
    evidence = item.locator("mark").first
    assert not evidence.is_visible()  # closed until opened

    # open it: its evidence, highlighted, with a link to the document
    item.locator("summary").click()
    assert evidence.is_visible()
    assert evidence.inner_text().strip() == dated_fact["evidence"][0]["text"].strip()
    assert item.locator("a[href^='/doc/']").first.is_visible()

    # the client-side type filter hides the other types' rows
    page.select_option("#type-filter", dated_fact["type"])
    rows = page.locator("#timeline li")
    assert rows.count() == len(client_facts(server, busiest_pair))
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.is_visible() == (row.get_attribute("data-type") == dated_fact["type"])
    page.select_option("#type-filter", "")

    # switch the interface to Bengali
    page.click("#lang-toggle")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "bn"
    bn = strings("bn")
    assert page.locator("#timeline h2").inner_text().strip() == bn["timeline"]
    assert page.locator("header nav").inner_text().find(bn["nav_home"]) != -1
    page.locator(f"#timeline details.fact:has(time[data-date='{dated_fact['date']}']) summary").first.click()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pair.png"), full_page=False)
    assert not problems, problems  # no script errors, no blocked resource
    page.close()


def test_browser_document_page_marks_spans(server, browser, dated_fact):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    doc = dated_fact["evidence"][0]["doc"]
    page.goto(f"{server}/doc/{quote(doc, safe='/')}?lang=bn")
    marks = page.locator(".doctext mark")
    assert marks.count() >= 1
    assert page.locator(f".doctext mark[data-facts~='{dated_fact['id']}']").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "doc.png"), full_page=False)
    page.close()


def _page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return page, problems


def test_browser_facts_explorer_filters_and_pages(server, browser, dated_fact):
    page, problems = _page(browser)
    page.goto(f"{server}/facts?lang=bn&limit=5")
    bn = strings("bn")
    assert page.locator("h1").inner_text().strip() == bn["nav_facts"]
    assert page.locator("#facts-table tbody tr").count() == 5
    page.select_option("#facts-filter select[name=type]", dated_fact["type"])
    page.locator("#facts-filter button[type=submit]").click()
    page.wait_for_load_state()
    rows = page.locator("#facts-table tbody tr")
    assert rows.count() >= 1
    assert all(rows.nth(i).get_attribute("data-type") == dated_fact["type"] for i in range(rows.count()))
    assert f"type={dated_fact['type']}" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "facts.png"), full_page=False)
    csv_link = page.locator("header a.csv")
    assert csv_link.get_attribute("href").startswith("/facts.csv?")
    assert not problems, problems
    page.close()


def test_browser_search_in_bengali(server, browser, dated_fact):
    facts = httpx.get(f"{server}/facts.json?evidence_lang=bn&limit=50", timeout=30).json()["facts"]
    texts = [e["text"] for f in facts for e in f["evidence"] if e.get("lang") == "bn"]
    if not texts:
        pytest.skip("no Bengali evidence in the sample")
    word = next((w for w in max(texts, key=len).split() if len(w) >= 3), None)
    page, problems = _page(browser)
    page.goto(f"{server}/search?lang=bn")
    page.fill("#q", word)
    page.locator("form.search button").click()
    page.wait_for_load_state()
    hits = page.locator("ol.hits > li")
    assert hits.count() >= 1
    assert word in hits.first.locator("mark").first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=False)
    assert not problems, problems
    page.close()


def test_browser_pair_lanes_and_relations_map(server, browser, busiest_pair):
    page, problems = _page(browser)
    page.goto(f"{server}{busiest_pair['url']}?lang=en")
    marks = page.locator("svg.lanes a.mark")
    assert marks.count() >= 1 and page.locator("svg.lanes").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#lanes").screenshot(path=str(ARTIFACTS / "pair-lanes.png"))
    target = marks.first.get_attribute("data-fact")
    marks.first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/fact/{quote(target, safe='')}")
    assert page.locator("blockquote.ev mark").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "fact.png"), full_page=False)

    page.goto(f"{server}/relations/{busiest_pair['a']}?lang=bn")
    edge = page.locator(f"svg.star a.edge[data-state='{busiest_pair['b']}']")
    assert edge.count() == 1 and page.locator("#relations-table tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "relations.png"), full_page=False)
    edge.click()
    page.wait_for_load_state()
    assert busiest_pair["url"] in page.url
    assert not problems, problems
    page.close()
