"""The trade-volume-by-year bar chart, computed here and drawn as inline SVG.

The template draws rectangles from the numbers computed here, so the chart
needs no JavaScript library and nothing from the network.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Any

from sampark.web.text import year_of

WIDTH, HEIGHT = 640, 220
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = 24, 28, 12


def trade_series(facts: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Trade volume per year from ``trade_volume`` facts.

    A year's value is its largest total figure (several sources often repeat
    one figure, so adding them up would double count); where a year has only
    export and import figures, their largest values are added. Only the most
    common currency is charted, since figures in two currencies do not share
    an axis.

    Returns:
        ``{"currency", "points": [{year, value, facts}]}`` or None when no
        fact has a value and a year.
    """
    usable = []
    for fact in facts:
        if fact.get("type") != "trade_volume":
            continue
        attrs = fact.get("attrs") or {}
        value = attrs.get("value")
        year, key = year_of(fact.get("date"))
        if not isinstance(value, (int, float)) or isinstance(value, bool) or year is None or key is None:
            continue
        if key.endswith("X"):  # a decade is no single bar
            continue
        usable.append((year, float(value), attrs.get("currency") or "", attrs.get("flow") or "total", fact))
    if not usable:
        return None
    currency = Counter(c for _, _, c, _, _ in usable).most_common(1)[0][0]
    by_year: dict[int, dict[str, Any]] = {}
    for year, value, cur, flow, fact in usable:
        if cur != currency:
            continue
        slot = by_year.setdefault(year, {"total": 0.0, "export": 0.0, "import": 0.0, "facts": []})
        flow = flow if flow in ("total", "export", "import") else "total"
        slot[flow] = max(slot[flow], value)
        slot["facts"].append(fact.get("id"))
    points = []
    for year in sorted(by_year):
        slot = by_year[year]
        value = slot["total"] or (slot["export"] + slot["import"])
        points.append({"year": year, "value": value, "facts": slot["facts"]})
    return {"currency": currency or None, "points": points}


def bars(series: dict[str, Any]) -> dict[str, Any]:
    """Geometry of the bars for the template: one bar per year with a figure."""
    points = series["points"]
    top = max(p["value"] for p in points) or 1.0
    inner_w = WIDTH - 2 * MARGIN_SIDE
    inner_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    band = inner_w / max(len(points), 1)
    bar_w = max(4.0, min(60.0, band * 0.7))
    out = []
    for i, point in enumerate(points):
        h = max(1.0, inner_h * point["value"] / top)
        x = MARGIN_SIDE + i * band + (band - bar_w) / 2
        out.append({
            **point,
            "x": round(x, 1),
            "y": round(MARGIN_TOP + inner_h - h, 1),
            "w": round(bar_w, 1),
            "h": round(h, 1),
            "cx": round(x + bar_w / 2, 1),
        })
    return {"width": WIDTH, "height": HEIGHT, "base": HEIGHT - MARGIN_BOTTOM, "bars": out,
            "label_y": HEIGHT - 10}


# -- shared: a true time axis --------------------------------------------------

def _year_fraction(day: str) -> float:
    """``YYYY-MM-DD`` as a fractional year (1967-07-02 is about 1967.5)."""
    year, month, dom = (int(x) for x in day.split("-"))
    return year + (month - 1) / 12 + (dom - 1) / 365


def _ticks(lo: float, hi: float, most: int = 8) -> list[int]:
    """Round years between ``lo`` and ``hi``: at most ``most`` of them, at 1, 2, 5, 10, 20, 50... steps."""
    span = max(hi - lo, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= most:
            break
    first = int(-(-lo // step) * step)
    return list(range(first, int(hi) + 1, step))


# -- a pair's lanes: one row a kind of fact -------------------------------------

LANE_W, LANE_H, LANE_LEFT, LANE_TOP, LANE_BOTTOM = 760, 30, 150, 10, 30


def lanes(facts: list[dict[str, Any]], kinds: dict[str, tuple[str, ...]]) -> dict[str, Any] | None:
    """Geometry of the pair's time axis: one lane per kind, one mark per dated fact.

    A fact dated to a day, month or year is a dot at the middle of that
    period; a longer or open range (``1985/..``) is a bar over the years it
    covers (an open end stops at the axis). Statements carry their polarity
    so the template can colour them. Undated facts are counted, not drawn.

    Returns:
        ``{"width", "height", "lanes": [{kind, y, marks}], "ticks": [{year, x}], "undated"}``
        or None when no fact is dated.
    """
    from sampark.store.merge import MAX_DAY, MIN_DAY, date_span

    kind_of = {t: k for k, types in kinds.items() for t in types}
    placed = []
    undated = 0
    for fact in facts:
        span = date_span(fact.get("date"))
        if span is None:
            undated += 1
            continue
        lo, hi = span
        open_lo, open_hi = lo == MIN_DAY, hi == MAX_DAY
        placed.append((fact, None if open_lo else _year_fraction(lo), None if open_hi else _year_fraction(hi) + 1 / 365))
    if not placed:
        return None
    known = [v for _, a, b in placed for v in (a, b) if v is not None]
    start, end = math.floor(min(known)), math.ceil(max(known))
    if end - start < 2:
        start, end = start - 1, end + 1
    inner = LANE_W - LANE_LEFT - 20

    def x(year: float) -> float:
        return round(LANE_LEFT + inner * (year - start) / (end - start), 1)

    rows = []
    for i, kind in enumerate(kinds):
        y = LANE_TOP + i * LANE_H + LANE_H / 2
        rows.append({"kind": kind, "y": y, "label_y": y + 4, "marks": []})
    index = {r["kind"]: r for r in rows}
    for fact, a, b in placed:
        row = index[kind_of.get(fact.get("type"), "diplomacy")]
        a_x = x(a if a is not None else start)
        b_x = x(b if b is not None else end)
        polarity = (fact.get("attrs") or {}).get("polarity") if fact.get("type") == "statement" else None
        mark = {"id": fact["id"], "type": fact.get("type"), "date": fact.get("date"), "polarity": polarity,
                "y": row["y"]}
        ranged = "/" in (fact.get("date") or "") or "X" in (fact.get("date") or "")
        if ranged and b_x - a_x >= 6:  # an interval or a decade, wide enough to read as a range
            mark.update(shape="bar", x=a_x, w=round(b_x - a_x, 1), open_start=a is None, open_end=b is None)
        else:
            mark.update(shape="dot", cx=round((a_x + b_x) / 2, 1))
        row["marks"].append(mark)
    height = LANE_TOP + len(rows) * LANE_H + LANE_BOTTOM
    ticks = [{"year": t, "x": x(t)} for t in _ticks(start, end)]
    return {"width": LANE_W, "height": height, "left": LANE_LEFT, "axis_y": height - LANE_BOTTOM + 4,
            "label_y": height - 8, "lanes": rows, "ticks": ticks, "undated": undated, "start": start, "end": end}


# -- trade on a true time axis --------------------------------------------------

TRADE_W, TRADE_H, TRADE_LEFT, TRADE_RIGHT, TRADE_TOP, TRADE_BOTTOM = 760, 260, 80, 20, 20, 36


def _nice_top(value: float) -> tuple[float, float]:
    """A round axis top at or above ``value`` and its tick step (4-5 ticks)."""
    if value <= 0:
        return 1.0, 0.25
    magnitude = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        step = m * magnitude / 4
        top = step * math.ceil(value / step)
        if top / step <= 5:
            return top, step
    return 10 * magnitude, 2.5 * magnitude


def trade_axis(series: dict[str, Any], this_year: int | None = None) -> dict[str, Any] | None:
    """Geometry of the trade chart: bars at their year on a linear time axis, a labelled value axis.

    Years after ``this_year`` (default: the current year) are left out: a
    figure for a year still to come is a target or a forecast, not trade.
    """
    import datetime

    this_year = this_year or datetime.date.today().year
    points = [p for p in series["points"] if p["year"] <= this_year]
    if not points:
        return None
    first, last = points[0]["year"], points[-1]["year"]
    start, end = first - 0.5, last + 0.5
    if end - start < 4:
        pad = (4 - (end - start)) / 2
        start, end = start - pad, end + pad
    inner_w = TRADE_W - TRADE_LEFT - TRADE_RIGHT
    inner_h = TRADE_H - TRADE_TOP - TRADE_BOTTOM
    top, step = _nice_top(max(p["value"] for p in points))
    base = TRADE_TOP + inner_h

    def x(year: float) -> float:
        return round(TRADE_LEFT + inner_w * (year - start) / (end - start), 1)

    bar_w = max(2.0, min(28.0, inner_w / (end - start) * 0.7))
    bars = []
    for p in points:
        h = max(1.0, inner_h * p["value"] / top)
        cx = x(p["year"])
        bars.append({**p, "x": round(cx - bar_w / 2, 1), "w": round(bar_w, 1), "y": round(base - h, 1),
                     "h": round(h, 1), "cx": cx})
    y_ticks = []
    k = 0
    while k * step <= top + step / 1000:
        value = k * step
        y_ticks.append({"value": value, "y": round(base - inner_h * value / top, 1)})
        k += 1
    x_ticks = [{"year": t, "x": x(t)} for t in _ticks(start, end) if start <= t <= end]
    return {"width": TRADE_W, "height": TRADE_H, "left": TRADE_LEFT, "right": TRADE_W - TRADE_RIGHT,
            "base": base, "top": TRADE_TOP, "bars": bars, "y_ticks": y_ticks, "x_ticks": x_ticks,
            "label_y": base + 18, "currency": series.get("currency"),
            "left_out": [p["year"] for p in series["points"] if p["year"] > this_year]}


# -- a state's relations as a star ------------------------------------------------

STAR_SIZE = 560


def star(code: str, partners: list[dict[str, Any]], most: int = 24) -> dict[str, Any]:
    """A star graph: the state in the middle, its ``most`` busiest partners round it,
    each edge as thick as the facts between them (square-root scaled)."""
    shown = partners[:most]
    centre = STAR_SIZE / 2
    radius = STAR_SIZE / 2 - 60
    top = max(p["count"] for p in shown) or 1
    nodes = []
    for i, p in enumerate(shown):
        angle = 2 * math.pi * i / len(shown) - math.pi / 2
        nx, ny = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        nodes.append({"code": p["code"], "count": p["count"], "url": p["url"], "x": round(nx, 1), "y": round(ny, 1),
                      "stroke": round(1 + 7 * math.sqrt(p["count"] / top), 1),
                      "label_x": round(centre + (radius + 28) * math.cos(angle), 1),
                      "label_y": round(centre + (radius + 28) * math.sin(angle) + 4, 1)})
    return {"size": STAR_SIZE, "centre": centre, "code": code, "nodes": nodes, "more": len(partners) - len(shown)}
