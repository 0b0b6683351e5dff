"""The incident page's "How the toll moved" section: the geometry of one step
chart per category (the running best as a step line over its low-high band,
one step per dated figure of :func:`tally.store.incident_timeline`), and the
data the page's script needs to show each point's sentence in its version's
text. Pure functions over the timeline's points; the template draws the SVG
(every text in it escaped by Jinja) and ``static/incident.js`` wires the clicks."""

from __future__ import annotations

from typing import Any

from ..model import CATEGORIES
from ..store.timeline import summary_words

Point = dict[str, Any]

WIDTH, HEIGHT = 900, 220
PAD_L, PAD_R, PAD_T, PAD_B = 44, 16, 12, 40


def _fig(low: Any, best: Any, high: Any) -> str:
    if best is None and low is None:
        return "unknown"
    b = best if best is not None else low
    if high is None:
        return f"{b} (at least {low if low is not None else b})" if low is not None and low != b else f"{b}+"
    if low is not None and (low != b or high != b):
        return f"{b} ({low}-{high})"
    return str(b)


def point_title(p: Point) -> str:
    """A point in words, for its tooltip: "2024-03-05 · report r1 (revision 2) ·
    the ministry: 19 killed (victims: civilians); running 19 (12-19)"."""
    group = f" ({str(p['group']).replace('_', ' ')})" if p.get("group") else ""
    run = p["running"]
    words = (f"{p['at'] or 'undated'} · report {p['report']} (revision {p['revision']}) · "
             f"{p['source'] or 'no source'}: {_fig(p['low'], p['best'], p['high'])} {p['category']}{group}; "
             f"running {_fig(run['low'], run['best'], run['high'])}")
    return words + (" · reverted, not counted" if p.get("reverted") else "")


def chart(points: list[tuple[int, Point]], category: str) -> dict[str, Any]:
    """The geometry of one category's step chart. ``points`` are (index in the
    whole timeline, point) in order; each is one step of equal width, the
    running figure after it drawn across the step."""
    n = len(points)
    plot_w, plot_h = WIDTH - PAD_L - PAD_R, HEIGHT - PAD_T - PAD_B
    step = plot_w / max(n, 1)
    values = [v for _, p in points for v in (p["low"], p["best"], p["high"], p["running"]["low"],
                                              p["running"]["best"], p["running"]["high"]) if v is not None]
    top = max(values + [1])
    top = top * 1.15 if any(p["running"]["high"] is None for _, p in points) else top * 1.05

    def y(v: float) -> float:
        return round(PAD_T + plot_h - plot_h * v / top, 2)

    steps, path, last_label, pen_down = [], [], None, False
    for k, (index, p) in enumerate(points):
        left = PAD_L + k * step
        run = p["running"]
        best = run["best"] if run["best"] is not None else run["low"]
        band = None
        if run["low"] is not None or run["high"] is not None:
            lo = run["low"] if run["low"] is not None else 0
            hi_y = PAD_T if run["high"] is None else y(run["high"])
            band = {"y": hi_y, "h": round(max(y(lo) - hi_y, 1.5), 2), "open": run["high"] is None}
        if best is not None:
            path.append(f"{'L' if pen_down else 'M'}{left:.2f},{y(best)} H{left + step:.2f}")
            pen_down = True
        else:
            pen_down = False
        day = (p["at"] or "undated")[:10]
        label = day if day != last_label else None
        last_label = day
        figure = p["best"] if p["best"] is not None else p["low"]
        steps.append({"index": index, "x": round(left, 2), "w": round(step, 2), "cx": round(left + step / 2, 2),
                      "cy": y(figure) if figure is not None else None, "band": band,
                      "label": label, "reverted": bool(p.get("reverted")), "title": point_title(p)})
    every = max(1, n // 10)  # at most about ten date labels
    labelled = 0
    for s in steps:
        if s["label"] is not None:
            if labelled % every:
                s["label"] = None
            labelled += 1
    return {"category": category, "width": WIDTH, "height": HEIGHT, "steps": steps, "path": " ".join(path),
            "top": round(top), "base": PAD_T + plot_h, "pad_l": PAD_L, "pad_t": PAD_T, "right": WIDTH - PAD_R}


def timeline_view(points: list[Point], summary: dict[str, dict[str, Any]], texts: dict[str, str],
                  current: dict[str, int], labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the page shows: a chart per category (killed first), a summary line
    per category, a row per point, and for the script the point spans
    (``points``) and the earlier versions' texts (``versions``).

    :param texts: ``report@revision`` -> an earlier version's text (the
        current version's text is the report's own, already on the page).
    :param current: report id -> its current revision.
    :param labels: report id -> {"n", "label", "language"} of the report list.
    """
    charts = []
    for cat in CATEGORIES:
        mine = [(i, p) for i, p in enumerate(points) if p["category"] == cat]
        if mine:
            charts.append(chart(mine, cat))
    spans, versions, rows = [], {}, []
    for i, p in enumerate(points):
        key = p["report"]
        info = labels.get(p["report"], {"n": "?", "label": p["report"], "language": None})
        start, end, fs, fe = p.get("start"), p.get("end"), p.get("figure_start"), p.get("figure_end")
        if current.get(p["report"]) != p["revision"]:
            key = f"{p['report']}@{p['revision']}"
            text = texts.get(key)
            if text is None:  # its text was not read (over the budget): the sentence alone
                key = f"{key}#{i}"
                text = p.get("text") or ""
                shift = start if isinstance(start, int) else 0
                start, end = 0, len(text)
                fs = fs - shift if isinstance(fs, int) else None
                fe = fe - shift if isinstance(fe, int) else None
            versions[key] = {"text": text, "n": info["n"], "language": info.get("language"), "report": p["report"],
                             "label": f"{info['label']} (revision {p['revision']}, {p['at'] or 'undated'})"}
        spans.append({"report": key, "start": start, "end": end, "figure_start": fs, "figure_end": fe})
        rows.append({**p, "index": i, "report_n": info["n"], "title": point_title(p),
                     "figure_text": _fig(p["low"], p["best"], p["high"]),
                     "running_text": _fig(p["running"]["low"], p["running"]["best"], p["running"]["high"])})
    return {"charts": charts, "rows": rows, "summary": [summary_words(c, s) for c, s in summary.items()],
            "points": spans, "versions": versions}
