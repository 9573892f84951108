"""The benchmark's one table: a row per page and measure, a column per factor, the target and whether it is met."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.pages import PAGE_NAMES

TARGET_FACTOR = 1000  # the targets are set at 1000× today's data


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str
    target: float  # an upper bound at TARGET_FACTOR
    digits: int = 0


GLOBAL_MEASURES = (
    Measure("build_s", "etl build", "s", 20, 2),
    Measure("build_peak_mb", "etl build peak RSS", "MB", 500),
    Measure("search_ms", "search 'kppn' (sidebar)", "ms", 20, 1),
    Measure("server_rss_mb", "server RSS after all pages", "MB", 600),
)
PAGE_MEASURES = (
    Measure("first_ms", "AppTest first run", "ms", 1000),
    Measure("rerun_ms", "AppTest rerun", "ms", 150),
    Measure("painted_ms", "painted in Chromium", "ms", 3000),
    Measure("ws_kb", "websocket per load", "KB", 500),
)
BROWSER_KEYS = ("painted_ms", "ws_kb", "server_rss_mb")


def _number(x: object) -> float | None:
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None


def rows(results: dict[int, dict[str, Any]], browser_pages: Sequence[str]) -> list[dict[str, Any]]:
    """The table as data: one row per (page or None, measure) with its value at each factor (None when it could
    not be measured) and `met` at TARGET_FACTOR (None when that factor was not run)."""
    out = []
    browsed = bool(browser_pages)

    def row(page: str | None, m: Measure, get: Any) -> dict[str, Any]:
        values = {str(f): _number(get(r)) for f, r in results.items()}
        at = values.get(str(TARGET_FACTOR))
        met = None if str(TARGET_FACTOR) not in values else (at is not None and at <= m.target)
        return {"page": page, "measure": m.key, "label": m.label, "unit": m.unit, "target": m.target} | {
            "values": values,
            "met": met,
        }

    for m in GLOBAL_MEASURES:
        if m.key in BROWSER_KEYS and not browsed:
            continue
        out.append(row(None, m, lambda r, k=m.key: r.get(k)))
    for name in PAGE_NAMES:
        for m in PAGE_MEASURES:
            if m.key in BROWSER_KEYS and name not in browser_pages:
                continue
            out.append(row(name, m, lambda r, k=m.key, n=name: r.get("pages", {}).get(n, {}).get(k)))
    return out


def _fmt(x: float | None, digits: int) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def table(table_rows: list[dict[str, Any]], factors: Sequence[int], header: str) -> str:
    """Plain text, fixed width (also valid inside a Markdown code block)."""
    digits = {m.key: m.digits for m in (*GLOBAL_MEASURES, *PAGE_MEASURES)}
    head = ["page", "measure", *(f"{f}×" for f in factors), "target", f"met at {TARGET_FACTOR}×"]
    lines = []
    for r in table_rows:
        cells = [r["page"] or "all", f"{r['label']} ({r['unit']})"]
        cells += [_fmt(r["values"].get(str(f)), digits[r["measure"]]) for f in factors]
        cells += [f"≤ {r['target']:g}", {True: "yes", False: "NO", None: "—"}[r["met"]]]
        lines.append(cells)
    widths = [max(len(str(c)) for c in col) for col in zip(head, *lines, strict=True)]

    def fmt_line(cells: Sequence[str]) -> str:
        left = [str(c).ljust(w) for c, w in zip(cells[:2], widths[:2], strict=True)]
        right = [str(c).rjust(w) for c, w in zip(cells[2:], widths[2:], strict=True)]
        return "  ".join(left + right).rstrip()

    rule = "-" * len(fmt_line(head))
    return "\n".join([header, rule, fmt_line(head), rule, *(fmt_line(c) for c in lines), rule])
