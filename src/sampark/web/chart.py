"""The trade-volume-by-year bar chart, computed here and drawn as inline SVG.

The template draws rectangles from the numbers computed here, so the chart
needs no JavaScript library and nothing from the network.
"""
from __future__ import annotations

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
