"""Pengaduan: laporan, akses and "pengaduan" as separate series over their own periods, breakdowns, national context."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from integritas import charts, db, fmt
from integritas.i18n import tr
from integritas.views import _columns as col
from integritas.views._cache import view

LABEL_CHARS = 40  # an axis label of the breakdown; the longest category of the seed has 31 characters
DIMENSIONS = ("substansi", "maladministrasi", "instansi", "asal", "status", "kategori", "kanal")


@dataclass
class ComplaintsView:  # the *_table frames and national are Markdown cells, their data escaped
    series: pd.DataFrame  # for the chart: metric, period_start, period_end, value, comparator, text, hover
    series_table: pd.DataFrame
    breakdown: pd.DataFrame  # for the chart: value_label, period_label, value, text
    breakdown_table: pd.DataFrame
    national: pd.DataFrame
    dimensions: list[str]
    metrics: list[str]
    source_ids: list[str]


@view(max_entries=64)
def complaints(lang: str, dimension: str, metric: str) -> ComplaintsView:
    """The NTT series, the breakdown of `metric` by `dimension`, and the national figures as context."""
    df = db.complaints_all()
    ntt = df[df["scope"] == "ntt"]
    days = (ntt["period_end"] - ntt["period_start"]).dt.days
    totals = ntt[(ntt["dimension"] == "total") & ntt["metric"].isin(["laporan", "akses", "pengaduan"])]
    # A figure belongs on the yearly chart when it covers at most about a year and is not an upper bound.
    on_chart = totals[(days.loc[totals.index] <= 400) & (totals["comparator"] != "<")]
    partial = [
        not fmt.is_full_years(s.date(), e.date())
        for s, e in totals[["period_start", "period_end"]].itertuples(index=False)
    ]
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
    series_table = pd.DataFrame(
        {
            tr("col.period", lang): [
                p + (f" ({tr('home.complaints.partial', lang)})" if x else "")
                for p, x in zip(col.periods(totals, lang), partial, strict=True)
            ],
            tr("col.metric", lang): [tr(f"metric.{m}", lang) for m in totals["metric"]],
            tr("col.value", lang): col.complaint_values(totals, lang),
            tr("col.on_chart", lang): [
                tr("yes", lang) if i in on_chart.index else tr("no", lang) for i in totals.index
            ],
            tr("col.note", lang): col.texts(totals["note"]),
            tr("col.source", lang): col.sources(totals, lang),
        }
    )
    dims = [d for d in DIMENSIONS if (ntt["dimension"] == d).any()]
    sel = ntt[(ntt["dimension"] == dimension) & (ntt["metric"] == metric)]
    metrics = sorted(ntt.loc[ntt["dimension"] == dimension, "metric"].unique().tolist())
    names = db.regions().set_index("kode")["nama"].to_dict()
    value_label = [names.get(v, v) if dimension == "asal" else v for v in sel["dimension_value"]]
    period_label = col.periods(sel, lang)
    texts = col.complaint_values(sel, lang)
    # The category values are data: escaped (and cut) for plotly's axis here, escaped for Markdown in the table below.
    breakdown = pd.DataFrame(
        {
            "value_label": charts.axis_labels([v if isinstance(v, str) else "" for v in value_label], LABEL_CHARS),
            "period_label": period_label,
            "value": sel["value"].tolist(),
            "text": texts,
        }
    )
    breakdown_table = pd.DataFrame(
        {
            tr("col.period", lang): period_label,
            tr("col.category", lang): col.texts(value_label),
            tr("col.value", lang): texts,
            tr("col.status", lang): col.statuses(sel["status"], lang),
            tr("col.note", lang): col.texts(sel["note"]),
            tr("col.source", lang): col.sources(sel, lang),
        }
    )
    nat = df[df["scope"] == "nasional"]
    national = col.complaints_table(nat, lang)
    national.insert(1, tr("col.category", lang), col.texts(nat["dimension_value"]))
    ids = totals["source_id"].tolist() + sel["source_id"].tolist() + nat["source_id"].tolist()
    return ComplaintsView(
        series=series.reset_index(drop=True),
        series_table=series_table,
        breakdown=breakdown,
        breakdown_table=breakdown_table,
        national=national,
        dimensions=dims,
        metrics=metrics,
        source_ids=sorted(set(ids)),
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
