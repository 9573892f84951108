"""Pengaduan: laporan, akses and "pengaduan" as separate series over their own periods, breakdowns, national context."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from integritas import charts, db, fmt
from integritas.i18n import tr
from integritas.labels import category_labels, notes_md
from integritas.views import _columns as col
from integritas.views._cache import view

LABEL_CHARS = 40  # an axis label of the breakdown; the longest category of the seed has 31 characters
CHART_PERIODS = 6  # the breakdown chart draws the latest periods …
CHART_CATEGORIES = 20  # … and their largest categories; the table below it has every row
DIMENSIONS = ("substansi", "maladministrasi", "instansi", "asal", "status", "kategori", "kanal")


def _categories(values: Iterable[object], dimension: str, lang: str, *, markdown: bool = False) -> list[str]:
    """A breakdown's categories as the reader's language shows them (downloads keep them as recorded): a region of
    origin is a name, the same in both languages; any other category is recorded in Bahasa (labels.category_label)."""
    if dimension == "asal":
        names = [v if isinstance(v, str) else "" for v in values]
        return col.texts(names) if markdown else names
    return category_labels(values, lang, markdown=markdown)


@dataclass
class ComplaintsView:  # what the charts draw (aggregated in DuckDB) and the choices of breakdown
    series: pd.DataFrame  # for the chart: metric, period_start, period_end, value, comparator, text, hover
    breakdown: pd.DataFrame  # for the chart: value_label, period_label, value, text
    dimensions: list[str]
    metrics: list[str]
    source_ids: list[str]  # of what the charts draw; each table's page carries the sources of its rows


@view(max_entries=64)
def complaints(lang: str, dimension: str, metric: str) -> ComplaintsView:
    """The NTT series and the breakdown of `metric` by `dimension` as the charts draw them, and the breakdowns."""
    on_chart = db.query("complaint_series")
    series = on_chart.assign(
        text=col.complaint_values(on_chart, lang),
        hover=[
            f"{tr('metric.' + m, lang)}: {col.complaint_value(m, c, v, lang)}<br>{fmt.period(s, e, lang)}"
            f"<br>{tr('col.source', lang)}: {fmt.plot_text(p)}"  # a publisher is data: no markup in hover
            for m, c, v, s, e, p in on_chart[
                ["metric", "comparator", "value", "period_start", "period_end", "publisher"]
            ].itertuples(index=False)
        ],
    )[["metric", "period_start", "period_end", "value", "comparator", "text", "hover"]]
    pairs = db.query("complaint_dimensions")
    dims = [d for d in DIMENSIONS if (pairs["dimension"] == d).any()]
    metrics = sorted(pairs.loc[pairs["dimension"] == dimension, "metric"].tolist())
    sel = db.query(
        "complaint_breakdown_chart",
        dimension=dimension,
        metric=metric,
        periods=CHART_PERIODS,
        categories=CHART_CATEGORIES,
    )
    # The category values are data: escaped (and cut) for plotly's axis here, escaped for Markdown in the table.
    breakdown = pd.DataFrame(
        {
            # in the page's language (recorded in Bahasa): a region of origin is a name and stays as it is
            "value_label": charts.axis_labels(_categories(sel["category"], dimension, lang), LABEL_CHARS),
            "period_label": col.periods(sel, lang),
            "value": sel["value"].tolist(),
            "text": col.complaint_values(sel, lang),
        }
    )
    ids = on_chart["source_id"].tolist() + sel["source_id"].tolist()
    return ComplaintsView(
        series=series.reset_index(drop=True),
        breakdown=breakdown,
        dimensions=dims,
        metrics=metrics,
        source_ids=sorted(set(ids)),
    )


# The page's tables, a page at a time: filtered, ordered and cut in DuckDB; `*_csv` gives every matching row.


@view(max_entries=256)
def series_page(lang: str, text: str = "", offset: int = 0, limit: int = 50, order: db.Order | None = None) -> col.Page:
    """The NTT totals (every measure, every period, cumulative ones too), each marked when the chart draws it."""
    totals = db.paged("complaint_totals_page", offset, limit, order)
    partial = [
        not fmt.is_full_years(s.date(), e.date())
        for s, e in totals[["period_start", "period_end"]].itertuples(index=False)
    ]
    table = pd.DataFrame(
        {
            tr("col.period", lang): [
                p + (f" ({tr('home.complaints.partial', lang)})" if x else "")
                for p, x in zip(col.periods(totals, lang), partial, strict=True)
            ],
            tr("col.metric", lang): [tr(f"metric.{m}", lang) for m in totals["metric"]],
            tr("col.value", lang): col.complaint_values(totals, lang),
            tr("col.on_chart", lang): [tr("yes", lang) if x else tr("no", lang) for x in totals["on_chart"]],
            tr("col.note", lang): notes_md(totals["note"], lang),
            tr("col.source", lang): col.sources(totals, lang),
        }
    )
    return col.page_of(totals, table, offset)


def series_rows(lang: str, text: str = "", order: db.Order | None = None) -> col.Rows:
    """Every matching row, as machine values, for the table's downloads."""
    return col.rows_of(
        db.paged("complaint_totals_page", 0, None, order),
        ["period_start", "period_end", "metric", "comparator", "value", "status", "on_chart", "note", "source_id"],
        lang,
    )


@view(max_entries=256)
def breakdown_page(
    lang: str,
    dimension: str,
    metric: str,
    text: str = "",
    offset: int = 0,
    limit: int = 50,
    order: db.Order | None = None,
) -> col.Page:
    sel = db.paged("complaint_breakdown_page", offset, limit, order, dimension=dimension, metric=metric, q=text)
    table = pd.DataFrame(
        {
            tr("col.period", lang): col.periods(sel, lang),
            tr("col.category", lang): _categories(sel["category"], dimension, lang, markdown=True),
            tr("col.value", lang): col.complaint_values(sel, lang),
            tr("col.status", lang): col.statuses(sel["status"], lang),
            tr("col.note", lang): notes_md(sel["note"], lang),
            tr("col.source", lang): col.sources(sel, lang),
        }
    )
    return col.page_of(sel, table, offset)


def breakdown_rows(lang: str, dimension: str, metric: str, text: str = "", order: db.Order | None = None) -> col.Rows:
    """Every matching row, as machine values, for the table's downloads."""
    return col.rows_of(
        db.paged("complaint_breakdown_page", 0, None, order, dimension=dimension, metric=metric, q=text),
        ["period_start", "period_end", "category", "metric", "comparator", "value", "status", "note", "source_id"],
        lang,
    )


@view(max_entries=256)
def national_page(
    lang: str, text: str = "", offset: int = 0, limit: int = 50, order: db.Order | None = None
) -> col.Page:
    """National figures: context, never in the NTT series."""
    nat = db.paged("complaints_national_page", offset, limit, order, q=text)
    table = col.complaints_table(nat, lang)
    table.insert(1, tr("col.category", lang), category_labels(nat["dimension_value"], lang, markdown=True))
    return col.page_of(nat, table, offset)


def national_rows(lang: str, text: str = "", order: db.Order | None = None) -> col.Rows:
    """Every matching row, as machine values, for the table's downloads."""
    return col.rows_of(
        db.paged("complaints_national_page", 0, None, order, q=text),
        col.COMPLAINT_COLUMNS,
        lang,
    )


@view(kind="resource", max_entries=8)
def series_figure(lang: str) -> go.Figure:
    """The NTT series, one line per measure, each over its own periods."""
    v = complaints(lang, "substansi", "laporan")
    labels = {f"metric.{m}": tr(f"metric.{m}", lang) for m in charts.METRIC_STYLE}
    return charts.read_only(charts.complaint_series(v.series, labels))


@view(kind="resource", max_entries=64)
def breakdown_figure(lang: str, dimension: str, metric: str) -> go.Figure:
    """Bars of `metric` by `dimension`, one group per period."""
    return charts.read_only(charts.breakdown_bars(complaints(lang, dimension, metric).breakdown))
