"""Pure figure builders (no Streamlit): each takes a DataFrame and returns a plotly Figure."""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

import pandas as pd
import plotly.graph_objects as go

from integritas import fmt
from integritas.i18n import tr


class ReadOnlyFigure(go.Figure):  # type: ignore[misc]  # plotly ships no types
    """A figure that is built once, cached, and only read afterwards.

    st.plotly_chart calls `to_dict()`, which deep-copies every trace; for a map that copies the GeoJSON on every
    rerun. Nothing mutates a cached figure, so the dict is computed once and reused.
    """

    def to_dict(self) -> dict[str, Any]:
        if getattr(self, "_frozen_dict", None) is None:
            self._frozen_dict: dict[str, Any] = super().to_dict()
        return self._frozen_dict


def read_only(fig: go.Figure) -> ReadOnlyFigure:
    return ReadOnlyFigure(fig)


def axis_labels(labels: Sequence[str], limit: int) -> list[str]:
    """Category labels from data for an axis: escaped (plotly reads <a href>, <img>… in labels) and cut at `limit`
    characters with '…', so that a long name cannot squeeze the plot away; labels a cut would merge stay whole."""
    cut = [s if len(s) <= limit else s[: limit - 1].rstrip() + "…" for s in labels]
    origins: dict[str, set[str]] = defaultdict(set)
    for c, s in zip(cut, labels, strict=True):
        origins[c].add(s)
    return [fmt.plot_text(c if len(origins[c]) == 1 else s) for c, s in zip(cut, labels, strict=True)]


ZONE_COLOURS = {"hijau": "#2e7d32", "kuning": "#f9a825", "merah": "#c62828"}
ZONE_PATTERNS = {"hijau": "", "kuning": "/", "merah": "x"}  # patterns keep zones apart without colour


def zones_by_year(summary: pd.DataFrame, lang: str = "id") -> go.Figure:
    """Stacked bars: pemda named per zone per assessment year (from zone_summary)."""
    fig = go.Figure()
    years = sorted(summary["year"].unique())
    for zone in ("merah", "kuning", "hijau"):
        part = summary[summary["zone"] == zone].set_index("year").reindex(years)
        fig.add_bar(
            x=[str(y) for y in years],
            y=part["named"].fillna(0).tolist(),
            name=tr(f"zone.{zone}", lang),
            marker={"color": ZONE_COLOURS[zone], "pattern": {"shape": ZONE_PATTERNS[zone]}},
            text=[str(int(v)) if v else "" for v in part["named"].fillna(0)],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            hovertemplate="%{x}: %{y} " + tr(f"zone.{zone}", lang) + "<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        uniformtext={"minsize": 11, "mode": "hide"},
        height=300,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": tr("col.named", lang), "range": [0, 23]},
        xaxis={"type": "category"},
    )
    return fig


# One class per map colour; each also has a marker shape, so the map reads without colour.
NO_DATA = "none"
ZONE_CLASSES: dict[str, tuple[str, str]] = {
    "hijau": ("#2e7d32", "circle"),
    "kuning": ("#f9a825", "diamond"),
    "merah": ("#c62828", "triangle-up"),
    NO_DATA: ("#e0e0e0", "x-thin-open"),
}
# A zone the source implies but does not name (status inferred): a pale fill and an open marker, with its own
# legend entry, so a reader never takes it for a named result.
INFERRED = "_inferred"
INFERRED_ZONE_CLASSES: dict[str, tuple[str, str]] = {
    "hijau" + INFERRED: ("#a5d6a7", "circle-open"),
    "kuning" + INFERRED: ("#fff3b0", "diamond-open"),
    "merah" + INFERRED: ("#ef9a9a", "triangle-up-open"),
}
CHANGE_CLASSES: dict[str, tuple[str, str]] = {
    "better": ("#2e7d32", "triangle-up"),
    "same": ("#90a4ae", "circle"),
    "worse": ("#c62828", "triangle-down"),
    NO_DATA: ("#e0e0e0", "x-thin-open"),
}


def label_points(fc: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """A point inside each region's largest part (lon, lat), for markers and the no-boundary fallback."""
    from shapely.geometry import shape

    out = {}
    for feat in fc["features"]:
        geom = shape(feat["geometry"])
        largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        p = largest.representative_point()
        out[feat["properties"]["kode"]] = (round(p.x, 4), round(p.y, 4))
    return out


def class_map(
    fc: dict[str, Any],
    points: dict[str, tuple[float, float]],
    df: pd.DataFrame,
    classes: dict[str, tuple[str, str]],
    labels: dict[str, str],
    height: int = 520,
) -> go.Figure:
    """Choropleth of the kab/kota in `df` (columns kode, cls, hover) coloured by class, with a shape per class.

    Regions of class NO_DATA are grey with an ✕ marker: never a colour that reads as a zone.
    """
    # One choropleth trace (the GeoJSON travels to the browser once), coloured through a stepped colour scale;
    # one marker trace per class carries the shape and the legend entry.
    present = [c for c in classes if (df["cls"] == c).any()]
    index = {c: i for i, c in enumerate(present)}
    n = max(len(present), 1)
    scale = []
    for i, cls in enumerate(present):
        scale += [[i / n, classes[cls][0]], [(i + 1) / n, classes[cls][0]]]
    fig = go.Figure()
    fig.add_choropleth(
        geojson=fc,
        featureidkey="properties.kode",
        locations=df["kode"].tolist(),
        z=[index[c] for c in df["cls"]],
        zmin=-0.5,
        zmax=n - 0.5,
        colorscale=scale or [[0, "#e0e0e0"], [1, "#e0e0e0"]],
        showscale=False,
        marker={"line": {"color": "#424242", "width": 0.8}},
        showlegend=False,
        customdata=df[["hover"]].to_numpy(),
        hovertemplate="%{customdata[0]}<extra></extra>",
    )
    for cls in present:
        colour, symbol = classes[cls]
        part = df[df["cls"] == cls]
        lon_lat = [points.get(k, (None, None)) for k in part["kode"]]
        fig.add_scattergeo(
            lon=[p[0] for p in lon_lat],
            lat=[p[1] for p in lon_lat],
            mode="markers",
            # An open symbol (an inferred zone) is drawn by its outline alone: dark, so it shows on a pale fill.
            marker={"symbol": symbol, "size": 11, "color": "#212121", "line": {"width": 1.6}}
            if symbol.endswith("-open")
            else {"symbol": symbol, "size": 10, "color": colour, "line": {"color": "#212121", "width": 1.2}},
            name=labels[cls],
            showlegend=True,
            customdata=part[["kode", "hover"]].to_numpy(),
            hovertemplate="%{customdata[1]}<extra></extra>",
        )
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"orientation": "h", "y": 0.02, "x": 0.01, "bgcolor": "rgba(255,255,255,0.8)"},
        dragmode=False,
    )
    return fig


def clicked_key(selection: object) -> str | None:
    """The key of the first clicked point of a chart selection event (a map's region code via `location`, else the
    first customdata value, e.g. an agency id), or None when nothing was clicked."""
    try:
        points = selection["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        if point.get("location"):
            return str(point["location"])
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom:
            return str(custom[0])
    return None


def compliance_history(history: pd.DataFrame, years: list[int], bands: pd.DataFrame, lang: str = "id") -> go.Figure:
    """A pemda's score per year over the published zone bands; zone-only years and gaps are marked at the baseline."""
    fig = go.Figure()
    xs = [str(y) for y in years]
    for b in bands.itertuples():
        for y in range(int(b.year_from), int(b.year_to) + 1):
            if y in years:
                i = years.index(y)
                fig.add_shape(
                    type="rect",
                    x0=i - 0.45,
                    x1=i + 0.45,
                    y0=float(b.min_score),
                    y1=float(b.max_score),
                    fillcolor=ZONE_CLASSES[b.zone][0],
                    opacity=0.12,
                    line_width=0,
                    layer="below",
                )
    by_year = history.set_index("year")
    for zone, (colour, symbol) in ZONE_CLASSES.items():
        if zone == NO_DATA:
            continue
        rows = history[(history["zone"] == zone) & history["score"].notna()]
        fig.add_scatter(
            x=[str(y) for y in rows["year"]],
            y=rows["score"].astype(float).tolist(),
            mode="markers+text",
            marker={"symbol": symbol, "size": 13, "color": colour, "line": {"color": "#212121", "width": 1}},
            text=[f"{s:.2f}".replace(".", "," if lang == "id" else ".") for s in rows["score"].astype(float)],
            textposition="top center",
            name=tr(f"zone.{zone}", lang),
        )
        zone_only = history[(history["zone"] == zone) & history["score"].isna()]
        if not zone_only.empty:
            fig.add_scatter(
                x=[str(y) for y in zone_only["year"]],
                y=[4] * len(zone_only),
                mode="markers",
                marker={"symbol": symbol + "-open", "size": 13, "color": colour, "line": {"width": 2}},
                name=f"{tr(f'zone.{zone}', lang)} ({tr('region.no_score', lang)})",
            )
    gaps = [str(y) for y in years if y not in by_year.index]
    if gaps:
        fig.add_scatter(
            x=gaps,
            y=[4] * len(gaps),
            mode="markers",
            name=tr("zone.none", lang),
            marker={"symbol": "x-thin-open", "size": 12, "color": "#616161", "line": {"width": 2}},
        )
    fig.update_layout(
        height=320,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": xs},
        yaxis={"range": [0, 105], "title": tr("col.score", lang)},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


# ---------------------------------------------------------------- ZI journeys (lanes) and complaints

STEP_SYMBOLS = {
    "pencanangan": "circle",
    "pakta_integritas": "square",
    "usulan_tpn": "diamond",
    "wbk": "star",
    "wbbm": "star-diamond",
    "target": "triangle-right",
    "other": "line-ns",
}
STEP_COLOURS = {
    "pencanangan": "#5c6bc0",
    "pakta_integritas": "#5c6bc0",
    "usulan_tpn": "#f57c00",
    "wbk": "#2e7d32",
    "wbbm": "#1b5e20",
    "target": "#8d6e63",
    "other": "#757575",
}


# How a status looks: filled, hollow, hollow with a dot, faded, or ringed in red. The legend names each.
class _StatusStyle(TypedDict):
    suffix: str
    opacity: float
    line: tuple[str, int] | None


STATUS_STYLE: dict[str, _StatusStyle] = {
    "confirmed": {"suffix": "", "opacity": 1.0, "line": ("#212121", 1)},
    "scheduled": {"suffix": "-open", "opacity": 1.0, "line": None},
    "pending": {"suffix": "-open-dot", "opacity": 1.0, "line": None},
    "inferred": {"suffix": "", "opacity": 0.45, "line": ("#212121", 1)},
    "disputed": {"suffix": "", "opacity": 1.0, "line": ("#c62828", 3)},
}
_SPAN_DAYS = {"year": 182.5, "month": 15.0, "day": 0.0}


def _symbol(event: str, status: str) -> str:
    base = STEP_SYMBOLS.get(event, "circle")
    suffix = STATUS_STYLE[status]["suffix"]
    if base == "line-ns":  # an open line symbol has no filled form
        return "line-ns-open"
    return base + suffix


# The phone's lanes: each lane's name on a line of its own above its markers, so that the markers have the whole
# width (a 390 px screen left them 150 px beside the names); the years on top, where the first lanes are.
PHONE_LANE_PX = 46  # a name (11 px text) over a row of 14 px markers, with air between lanes
PHONE_LANE_CHARS = 54  # what a line of 11 px text holds across a 390 px phone's chart (about 358 px)
PHONE_LEGEND_PX = 24  # a phone lists the legend one entry a line
_TOP_TICKS = 22  # px the year labels of an axis on top take above the plot


def lanes(
    events: pd.DataFrame,
    lane_order: list[str],
    lane_labels: dict[str, str],
    labels: dict[str, str],
    *,
    phone: bool = False,
) -> go.Figure:
    """One lane per agency across time. A year-only date is drawn as a bar over its year, a month as its month.

    `events`: agency_id, event, date, date_precision, status, hover. `lane_labels`: agency id -> its lane's name
    (escaped). `labels`: translated names for every event type and status (keys 'event.x' and 'status.x').
    `phone`: the narrow screen's form: the lanes are the agency ids, each named on its own line above its markers,
    and the years are on top (see PHONE_LANE_PX).
    """
    fig = go.Figure()
    mid = events["date"] + pd.to_timedelta(events["date_precision"].map(_SPAN_DAYS), unit="D")
    half = pd.to_timedelta(events["date_precision"].map(_SPAN_DAYS), unit="D")
    # on a phone a lane is its agency's id (two agencies with one name keep two lanes); the name is written above
    y = events["agency_id"] if phone else events["agency_id"].map(lane_labels)
    spans_x: list[object] = []
    spans_y: list[object] = []
    for m, h, yy, p in zip(mid, half, y, events["date_precision"], strict=True):
        if p != "day":
            spans_x += [m - h, m + h, None]
            spans_y += [yy, yy, None]
    if spans_x:
        fig.add_scatter(
            x=spans_x,
            y=spans_y,
            mode="lines",
            line={"width": 7, "color": "rgba(92,107,192,0.25)"},
            hoverinfo="skip",
            name=labels["precision"],
            showlegend=True,
        )
    for (event, status), idx in events.groupby(["event", "status"]).groups.items():
        style = STATUS_STYLE[status]
        line = style["line"]
        part = events.loc[idx]
        fig.add_scatter(
            x=mid.loc[idx],
            y=y.loc[idx],
            mode="markers",
            marker={
                "symbol": _symbol(event, status),
                "size": 14,
                "color": STEP_COLOURS.get(event, "#757575"),
                "opacity": style["opacity"],
                "line": {"color": line[0], "width": line[1]} if line else {"width": 2},
            },
            customdata=part[["agency_id", "hover"]].to_numpy(),
            hovertemplate="%{customdata[1]}<extra></extra>",
            name=f"{labels['event.' + event]} · {labels['status.' + status]}",
            legendgroup=event,
        )
    if phone:
        _phone_lanes(fig, lane_order, lane_labels)
        return fig
    lane_names = [lane_labels[a] for a in lane_order]
    # a narrow window (a tablet; a phone has its own form) lists the legend on many lines under the lanes, in the
    # figure's height: room for it, so that the lanes keep about 34 px each there too (a name on two lines needs them)
    height = max(260, 34 * len(lane_order) + 120 + 20 * len(fig.data))
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={
            "categoryorder": "array",
            "categoryarray": lane_names[::-1],
            "type": "category",
            "automargin": True,
            "tickfont": {"size": 11},  # a name on two lines fits its lane's 34 px
        },
        xaxis={"type": "date", "automargin": True},
        legend={"orientation": "h", "y": -40 / height, "yanchor": "top"},
        hovermode="closest",
    )
    return fig


def _phone_lanes(fig: go.Figure, lane_order: list[str], lane_labels: dict[str, str]) -> None:
    # Each name is an annotation just above its lane's markers (half a marker and a little air), left-aligned
    # on the plot's edge; the y axis has no labels, so the markers span the whole width.
    for agency in lane_order:
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="left",
            y=agency,
            yref="y",
            yanchor="bottom",
            yshift=10,  # clear of the lane's markers (a star stands 18 px tall)
            text=lane_labels[agency],
            showarrow=False,
            font={"size": 11},
            align="left",
        )
    height = PHONE_LANE_PX * len(lane_order) + 60 + PHONE_LEGEND_PX * len(fig.data)
    fig.update_layout(
        height=height,
        margin={"l": 4, "r": 4, "t": 10, "b": 10},
        yaxis={
            "categoryorder": "array",
            "categoryarray": lane_order[::-1],
            "type": "category",
            "showticklabels": False,
            # the top lane's name needs room above it within the plot: half a lane more at the top
            "range": [-0.6, len(lane_order) - 0.1],
        },
        xaxis={"type": "date", "side": "top", "automargin": True, "showgrid": True},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
        hovermode="closest",
        dragmode=False,
    )


# Stage areas: the awards dark, the steps before them light, so the stack reads from the awards up.
STAGE_FILLS = {
    "pencanangan": "rgba(92,107,192,0.35)",
    "usulan_tpn": "rgba(245,124,0,0.45)",
    "wbk": "rgba(46,125,50,0.85)",
    "wbbm": "rgba(27,94,32,1)",
}


def stages_by_year(rows: pd.DataFrame, stage_labels: dict[str, str], units: str) -> go.Figure:
    """Stacked areas: how many agencies stood at each stage at the end of each year, the highest stage at the
    bottom. `rows`: year and a count column per stage (the keys of `stage_labels`, lowest stage first); a stage's
    `new_<stage>` column, when there is one, adds how many first reached it that year to the tooltip: "WBK: 5,459
    (+573)"."""
    fig = go.Figure()
    years = rows["year"].astype(int).tolist()
    for stage in reversed(list(stage_labels)):
        name = stage_labels[stage]
        new = rows[f"new_{stage}"].tolist() if f"new_{stage}" in rows else None
        fig.add_scatter(
            x=years,
            y=rows[stage].tolist(),
            name=name,
            mode="lines",
            stackgroup="stages",
            line={"color": STEP_COLOURS[stage], "width": 1.5},
            fillcolor=STAGE_FILLS[stage],
            customdata=new,
            hovertemplate=f"{fmt.plot_text(name)}: %{{y:,}}{' (+%{customdata:,})' if new else ''}<extra></extra>",
        )
    fig.update_layout(
        height=300,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"type": "linear", "tickformat": "d", "nticks": 8},
        yaxis={"title": units, "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.15, "traceorder": "reversed"},
        hovermode="x unified",
    )
    return fig


def durations(rows: pd.DataFrame, labels: dict[str, str], horizontal: bool = False) -> go.Figure:
    """One box per group from quartiles computed in the database (no raw values travel), with its median marked.

    `rows`: tick (the group's axis label, escaped), count (text written past the box's far end), n, lo, q1, median,
    q3, hi (years), hover (plotly text). A group with no measured duration keeps its place on the axis with its
    count and no box. `labels`: years (the value axis)."""
    shown = rows[rows["n"] > 0]
    where = {"y" if horizontal else "x": shown["tick"].tolist()}
    fig = go.Figure()
    fig.add_box(
        **where,
        q1=shown["q1"].tolist(),
        median=shown["median"].tolist(),
        q3=shown["q3"].tolist(),
        lowerfence=shown["lo"].tolist(),
        upperfence=shown["hi"].tolist(),
        orientation="h" if horizontal else "v",
        marker={"color": STEP_COLOURS["wbk"]},
        fillcolor="rgba(46,125,50,0.25)",
        hoverinfo="skip",
        showlegend=False,
    )
    # plotly's own box hover names its statistics in English: the median marker carries the view's, translated
    med = shown["median"].tolist()
    points = {"y": where.get("y"), "x": med} if horizontal else {"x": where.get("x"), "y": med}
    fig.add_scatter(
        **points,
        mode="markers",
        marker={"symbol": "diamond", "size": 9, "color": STEP_COLOURS["wbbm"]},
        text=shown["hover"].tolist(),
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
    )
    far = rows["hi"].fillna(0).tolist()
    fig.add_scatter(
        **({"y": rows["tick"].tolist(), "x": far} if horizontal else {"x": rows["tick"].tolist(), "y": far}),
        mode="text",
        text=rows["count"].tolist(),
        textposition="middle right" if horizontal else "top center",
        textfont={"size": 10, "color": "#424242"},
        hoverinfo="skip",
        showlegend=False,
    )
    ticks = rows["tick"].tolist()
    categories = {"type": "category", "categoryorder": "array", "categoryarray": ticks[::-1] if horizontal else ticks}
    value = {"title": labels["years"], "rangemode": "tozero", "zeroline": True}
    fig.update_layout(
        height=max(260, 26 * len(ticks) + 90) if horizontal else 300,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis=value if horizontal else categories | {"automargin": True},
        yaxis=(categories | {"automargin": True}) if horizontal else value,
        hovermode="closest",
    )
    return fig


METRIC_STYLE = {
    "laporan": ("#1565c0", "solid", "circle"),
    "akses": ("#ef6c00", "dash", "square"),
    "pengaduan": ("#6a1b9a", "dot", "diamond"),
}


def complaint_series(rows: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Each figure as a segment over its own period (partial years stay partial); one trace per measure, never
    joined across measures or across gaps. `rows`: metric, period_start, period_end, value, comparator, hover."""
    fig = go.Figure()
    for metric, (colour, dash, symbol) in METRIC_STYLE.items():
        part = rows[rows["metric"] == metric].sort_values("period_start")
        if part.empty:
            continue
        xs: list[object] = []
        ys: list[object] = []
        for r in part.itertuples():
            # end a little short of the period's end so that adjacent periods read as separate figures
            gap = pd.Timedelta(days=12 if (r.period_end - r.period_start).days > 60 else 0)
            xs += [r.period_start, r.period_end - gap, None]
            ys += [float(r.value), float(r.value), None]
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": colour, "dash": dash, "width": 4},
            name=labels[f"metric.{metric}"],
            legendgroup=metric,
            hoverinfo="skip",
        )
        fig.add_scatter(
            x=part["period_end"],
            y=part["value"].astype(float),
            mode="markers+text",
            marker={
                "symbol": [
                    symbol if c == "=" else "triangle-up" if c == ">" else "triangle-down" for c in part["comparator"]
                ],
                "size": 11,
                "color": colour,
            },
            text=part["text"],
            textposition="top center",
            customdata=part[["hover"]].to_numpy(),
            hovertemplate="%{customdata[0]}<extra></extra>",
            legendgroup=metric,
            showlegend=False,
        )
    fig.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"type": "date"},
        yaxis={"rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.12},
    )
    return fig


def breakdown_bars(rows: pd.DataFrame) -> go.Figure:
    """Grouped bars: one group per category value, one bar per period. `rows`: value_label, period_label, value."""
    fig = go.Figure()
    for period, part in rows.groupby("period_label", sort=False):
        fig.add_bar(
            x=part["value_label"],
            y=part["value"].astype(float),
            name=str(period),
            text=part["text"],
            textposition="outside",
        )
    fig.update_layout(
        barmode="group",
        height=360,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.25},
        xaxis={"type": "category"},
    )
    return fig


# ---------------------------------------------------------------- images that carry their source
#
# A chart saved from the page travels without the page: its title, what it shows (year, filters), who published
# the figures, the data version and the link back are drawn into the figure itself, so plotly's own "download as
# PNG" (the mode bar's camera) exports an honest picture. plotly.js exports exactly the layout on screen, so the
# credits are on screen too. That costs some 70 px above a chart and 50 below; in exchange the source sits under
# every chart, where a reader of the page looks for it, and what a phone shows is what the image will hold. The
# lines are kept short enough for a 390 px phone, in the theme's own text colours, smaller than the page's text.


@dataclass(frozen=True)
class Credits:
    title: str  # what the chart shows, e.g. "Zona kepatuhan pemda NTT"
    subtitle: str  # the year and filters of this view, e.g. "2024 · dibandingkan dengan 2022"
    source: str  # the source line, e.g. source_line(publishers, lang): "Sumber: Ombudsman RI Perwakilan NTT; …"
    version: str  # the data version the figures come from
    permalink: str  # the link that reopens this view on that version


TITLE_SIZE, SUBTITLE_SIZE, CREDIT_SIZE = 15, 12, 11
# No colours: Streamlit's theme gives the text its colour on a light page and on a dark one (the title in its heading
# colour, the subtitle and the source lines in the grey of the axis labels); a colour set here could vanish on one.
LINE_HEIGHT = 1.3  # plotly.js sets lines of <br> text 1.3 font sizes apart
# Characters a line may hold so that nothing is cut off on a 390 px phone (about 358 px of chart): plotly never
# wraps text, and text past the figure's edge is clipped, on screen and in the image alike.
TITLE_CHARS, SUBTITLE_CHARS, CREDIT_CHARS = 44, 56, 62
_TITLE_TOP = 6  # px above the title
# Where plotly.js sets text, in font sizes: a one-line text hangs 0.7 below its anchor (its cap height); a text of
# several lines loses that shift (each line carries its own), so such a title is lowered by it here. A subtitle is
# set 1.6 under the title; 0.3 leaves room for descenders.
_CAP, _SUBTITLE_GAP, _DESCENT = 0.7, 1.6, 0.3
_PLOT_GAP = 16  # px between the title block and the plot: the top tick label stands half above the plot
_FOOTER_PAD = 10  # px between the legend (or the plot) and the source lines
CREDIT_SEP = " · "
# The text of the page's "Unduh SVG" button (a page draws it under a chart when figure_image can render).
DOWNLOAD_SVG = "credits.download_svg"


def source_line(publishers: Sequence[str], lang: str = "id") -> str:
    """'Sumber: A; B' from the publishers of the sources behind a chart (as recorded, each once, in order)."""
    names = list(dict.fromkeys(" ".join(p.split()) for p in publishers if p and p.strip()))
    if not names:
        return tr("credits.no_source", lang)
    return tr("credits.source", lang, publishers="; ".join(names))


def _wrap_url(url: str, width: int) -> list[str]:
    # A link is cut after '/', '?' or '&', where a reader retyping it sees the seam, and hard only when one piece
    # is longer than a line.
    lines: list[str] = []
    for piece in re.split(r"(?<=[/?&])", url):
        while len(piece) > width:
            lines.append(piece[:width])
            piece = piece[width:]
        if lines and len(lines[-1]) + len(piece) <= width:
            lines[-1] += piece
        elif piece:
            lines.append(piece)
    return lines


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width, break_long_words=True, break_on_hyphens=False)


def _html(lines: list[str]) -> str:
    # Escaped line by line after wrapping, so that an entity (&amp;) is never cut in two.
    return "<br>".join(fmt.plot_text(line) for line in lines)


def credit_lines(credits: Credits, lang: str = "id") -> list[str]:
    """The source line, the data version and the permalink, packed into lines of at most CREDIT_CHARS (plain text,
    not escaped): a part shares a line with the one before when both fit, else it starts its own."""
    parts = [
        _lines(credits.source, CREDIT_CHARS),
        _lines(tr("credits.version", lang, version=credits.version), CREDIT_CHARS) if credits.version.strip() else [],
        _wrap_url(credits.permalink.strip(), CREDIT_CHARS),
    ]
    lines: list[str] = []
    whole_line = False  # the last line holds one whole part, so a short next part may join it
    for chunks in parts:
        if not chunks:
            continue
        if len(chunks) == 1 and whole_line and len(lines[-1]) + len(CREDIT_SEP) + len(chunks[0]) <= CREDIT_CHARS:
            lines[-1] += CREDIT_SEP + chunks[0]
        else:
            lines += chunks
            whole_line = len(chunks) == 1
    return lines


GEO_TRACES = {"choropleth", "scattergeo"}


def with_credits(fig: go.Figure, credits: Credits, lang: str = "id") -> go.Figure:
    """A copy of `fig` (never changed: it may be a cached ReadOnlyFigure) with the title and subtitle drawn above
    the chart and the source, data version and permalink below its legend, all escaped (publishers and titles are
    data). The figure grows by the space they take, so the chart itself keeps its size.

    The title is the layout's title with title.subtitle, at the top left of the figure, over a top margin sized
    here for its lines (nothing else of these charts sits above the plot). The source lines are the title of a
    second legend ("legend2") at the figure's bottom: a legend placed on the container makes plotly.js reserve its
    space below what the axes and the first legend take, so it never overlaps them at any width. A legend is drawn
    only with an entry, so one invisible holder trace (no points, no hover, not clickable) carries it.
    """
    out = go.Figure(fig.to_dict())  # to_dict of a ReadOnlyFigure is shared: go.Figure builds its own objects
    title = _lines(credits.title, TITLE_CHARS)
    subtitle = _lines(credits.subtitle, SUBTITLE_CHARS)
    footer = credit_lines(credits, lang)

    # A lone trace has no legend in plotly unless a trace asks for one; the holder asks, so such a trace is told
    # not to, and the chart's own legend stays as it was.
    if out.layout.showlegend is None:
        listed = [t for t in out.data if t.showlegend is not False and t.visible is not False]
        if len(listed) == 1 and listed[0].showlegend is None and listed[0].type != "pie":
            listed[0].showlegend = False
    holder: dict[str, Any] = {
        "mode": "lines",
        "line": {"width": 0},
        "name": "",
        "legend": "legend2",
        "showlegend": True,
        "hoverinfo": "skip",
        "meta": "credits",  # how a test or a reader of fig.data tells it from the chart's traces
    }
    if any(t.type in GEO_TRACES for t in out.data):
        out.add_scattergeo(lon=[None], lat=[None], **holder)
    else:
        out.add_scatter(x=[None], y=[None], **holder)

    # title.automargin is off: with it, plotly.js (3.8) lifts a title of several lines out of the figure. The top
    # margin is the title block's own height instead (nothing else of these charts sits above the plot).
    title_height = (_CAP + LINE_HEIGHT * (max(len(title), 1) - 1) + _DESCENT) * TITLE_SIZE
    # (a subtitle of several lines loses its cap shift too, and sits higher by it: plotly places it, not the pad)
    hang = _CAP if len(subtitle) == 1 else LINE_HEIGHT * (len(subtitle) - 1)
    sub_height = (_SUBTITLE_GAP + hang + _DESCENT) * SUBTITLE_SIZE if subtitle else 0
    top = _TITLE_TOP + title_height + sub_height + _PLOT_GAP
    bottom = _FOOTER_PAD + LINE_HEIGHT * CREDIT_SIZE * len(footer)
    old_top = out.layout.margin.t if out.layout.margin.t is not None else 0
    if out.layout.xaxis.side == "top":  # the axis's labels stand above the plot, under the title block
        top += _TOP_TICKS
    out.update_layout(
        title={
            "text": "<b>" + _html(title) + "</b>",
            "subtitle": {"text": _html(subtitle), "font": {"size": SUBTITLE_SIZE}},
            "font": {"size": TITLE_SIZE},
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"l": 2, "t": _TITLE_TOP + (_CAP * TITLE_SIZE if len(title) > 1 else 0)},  # l: as the legend
            "automargin": False,
        },
        margin={"t": math.ceil(top)},
        legend2={
            "title": {"text": _html(footer), "font": {"size": CREDIT_SIZE}, "side": "left"},
            "orientation": "h",
            "xref": "container",
            "yref": "container",
            "x": 0,
            "y": 0,
            "xanchor": "left",
            "yanchor": "bottom",
            "borderwidth": 0,
            "bgcolor": "rgba(0,0,0,0)",
            "itemclick": False,
            "itemdoubleclick": False,
            "itemwidth": 30,
            "entrywidth": 1,
        },
    )
    if out.layout.height is not None:
        out.layout.height = math.ceil(out.layout.height + top - old_top + bottom)
        _legend_above_credits(out, bottom)
    return out


def _legend_above_credits(fig: go.Figure, bottom: float) -> None:
    """Move a chart's horizontal legend from below its plot (a fraction of the plot's height under it) onto the
    container, just above the source lines.

    A legend placed in plot fractions moves with the plot: on a phone its entries wrap onto more lines, the plot
    gets shorter, and the legend climbs over the axis's tick labels (the agency's lane hid its years). On the
    container, plotly.js reserves its height first and fits the plot and its tick labels above it, at any width.
    """
    legend = fig.layout.legend
    below = legend.orientation == "h" and legend.y is not None and legend.y < 0
    if below and legend.yref in (None, "paper"):
        fig.update_layout(legend={"yref": "container", "y": bottom / fig.layout.height, "yanchor": "bottom"})


# The exported image: 16:9 at twice the pixels, sharp in a report or a slide; a tall chart (many lanes) passes
# its own height.
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE = 1200, 675, 2


def image_file_name(name: str, version: str = "") -> str:
    """A file name safe on every system and in a URL: ASCII letters, digits, '.', '_' and '-', the data version
    appended ('peta-kepatuhan-2024_2026-11-30-3f9a1c'); never empty, never hidden (no leading dot)."""

    def slug(text: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip(".-_")

    stem = "_".join(s for s in (slug(name), slug(version.removesuffix(".duckdb"))) if s)
    return re.sub(r"\.{2,}", ".", stem)[:120].strip(".-_") or "grafik"


# plotly.js's own English words that a chart here can show, as Streamlit's plotly.js bundle spells them (the camera
# button's tooltip, its failure notice, the zoom and legend hints), each with its key in the locale files.
PLOTLY_WORDS = {
    "Download plot as a PNG": "lang.plotly.download_png",
    "Download plot": "lang.plotly.download",
    "Sorry, there was a problem downloading your image!": "lang.plotly.snapshot_failed",
    "Double-click to zoom back out": "lang.plotly.zoom_out",
    "Double-click on legend to isolate one trace": "lang.plotly.isolate",
}


def plotly_locale(lang: str) -> dict[str, Any]:
    """A plotly.js locale for `lang`: month and day names, the date format and the decimal and thousands signs from
    Babel (CLDR), so that date axes and hovers read 'Mei 2025' / '1.278,5' on a Bahasa page; and plotly's own
    words from the locale files. No locale file of plotly.js is fetched: the config carries it."""
    loc = fmt.babel_locale(lang)
    days = [6, 0, 1, 2, 3, 4, 5]  # Babel counts from Monday, plotly.js (d3) from Sunday
    return {
        "dictionary": {english: tr(key, lang) for english, key in PLOTLY_WORDS.items()},
        "format": {
            "days": [loc.days["format"]["wide"][d] for d in days],
            "shortDays": [loc.days["format"]["abbreviated"][d] for d in days],
            "months": [loc.months["format"]["wide"][m] for m in range(1, 13)],
            "shortMonths": [loc.months["format"]["abbreviated"][m] for m in range(1, 13)],
            "date": "%d/%m/%Y" if lang == "id" else "%m/%d/%Y",
            # the axis's tick and hover formats by zoom level: day before month in Bahasa ('5 Mei 2025')
            "year": "%Y",
            "month": "%b %Y",
            "dayMonth": "%-d %b" if lang == "id" else "%b %-d",
            "dayMonthYear": "%-d %b %Y" if lang == "id" else "%b %-d, %Y",
            "decimal": loc.number_symbols["latn"]["decimal"],
            "thousands": loc.number_symbols["latn"]["group"],
        },
    }


def plot_config(
    file_name: str,
    base: Mapping[str, Any] | None = None,
    *,
    version: str = "",
    width: int = IMAGE_WIDTH,
    height: int = IMAGE_HEIGHT,
    lang: str = "id",
) -> dict[str, Any]:
    """The st.plotly_chart config: `base` (a map's topojsonURL, scrollZoom…) with a mode bar that holds only the
    download-image button, shown at all times (a phone has no hover), and the image it makes: PNG,
    `width`×`height` at IMAGE_SCALE, named by image_file_name(file_name, version); month names, number signs
    and plotly's own words in `lang` (plotly_locale)."""
    config = {k: v for k, v in (base or {}).items() if k not in {"modeBarButtonsToRemove", "modeBarButtonsToAdd"}}
    return config | {
        "locale": f"{lang}-integritas",  # our own name: never one of plotly's registered locales, half-matched
        "locales": {f"{lang}-integritas": plotly_locale(lang)},
        "displayModeBar": True,
        "modeBarButtons": [["toImage"]],
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": image_file_name(file_name, version),
            "width": width,
            "height": height,
            "scale": IMAGE_SCALE,
        },
    }
