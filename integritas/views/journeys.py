"""Perjalanan ZI: one lane per agency across time, its current stage, time in stage and the stalled flag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from integritas import charts, db, fmt
from integritas.i18n import tr
from integritas.journey import journey, since_text
from integritas.labels import event_label, status_label
from integritas.views._cache import view


def _event_hover(r: Any, lang: str) -> str:  # a row of DataFrame.itertuples()
    # Names, notes and publishers are data: escaped, since plotly reads tags (<a href>, <img>…) in hover text.
    when = fmt.date_at(r.date, r.date_precision, lang)
    note = f"<br>{fmt.plot_text(r.note)}" if isinstance(r.note, str) else ""
    name = fmt.plot_text(r.singkatan if isinstance(r.singkatan, str) else r.nama)
    publisher = fmt.plot_text(r.publisher) if isinstance(r.publisher, str) else "–"
    return (
        f"<b>{name}</b><br>{event_label(r.event, r.menuju, r.status, lang)}"
        f" · {when} · {status_label(r.status, lang)}{note}<br>{tr('col.source', lang)}: {publisher}"
    )


@dataclass
class JourneysView:
    # one row per agency: id, lane, jenis, induk, region, stage, since, years, stalled, label (plain text)
    lanes: pd.DataFrame
    events: pd.DataFrame  # agency_id, event, date, date_precision, status, hover (plotly text, data escaped)
    source_ids: list[str]


@view(max_entries=32, daily=True)
def journeys(lang: str, stalled_after: float = 2) -> JourneysView:
    """Every agency's lane as of today; stalled when still short of an award `stalled_after` years after a step."""
    df = db.journeys()
    as_of = date.today()
    rows = []
    for agency_id, g in df.groupby("agency_id", sort=False):
        first = g.iloc[0]
        ev = g.dropna(subset=["event"])
        j = journey(str(agency_id), ev, as_of, float(stalled_after), lang)
        short = first["singkatan"] if isinstance(first["singkatan"], str) else first["nama"]
        rows.append(
            {
                "id": agency_id,
                "lane": f"{short} ({first['region_nama'].replace('Kabupaten ', 'Kab. ')})",
                "nama": first["nama"],
                "jenis": first["jenis"],
                "induk": first["induk"] if isinstance(first["induk"], str) else "",
                "region_kode": first["region_kode"],
                "region": first["region_nama"],
                "stage": j.stage or "",
                "stage_label": tr(f"step.{j.stage}", lang) if j.stage else tr("journey.no_stage", lang),
                "since": since_text(j, lang),
                "years": j.years_in_stage,
                "stalled": j.stalled,
                "label": j.label,
                "has_events": not ev.empty,
            }
        )
    ev = df.dropna(subset=["event"]).copy()
    ev["hover"] = [_event_hover(r, lang) for r in ev.itertuples()]
    return JourneysView(
        lanes=pd.DataFrame(rows),
        events=ev[["agency_id", "event", "date", "date_precision", "status", "hover"]].reset_index(drop=True),
        source_ids=sorted(ev["source_id"].dropna().unique().tolist()),
    )


def journey_table(lanes_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The lanes as a table (the chart's accessible alternative), with a link to each agency page.

    Plain text cells, for st.dataframe; the page link is relative to this app, never a URL from data."""
    return pd.DataFrame(
        {
            tr("col.agency", lang): lanes_df["nama"],
            tr("col.lane", lang): lanes_df["label"],
            tr("journey.tahap", lang): lanes_df["stage_label"],
            tr("col.since", lang): lanes_df["since"],
            tr("col.years_in_stage", lang): [fmt.number(y, lang, 1) for y in lanes_df["years"]],
            tr("col.stalled", lang): [tr("journey.macet", lang) if m else "" for m in lanes_df["stalled"]],
            tr("journey.wilayah", lang): lanes_df["region"],
            tr("col.page", lang): [f"instansi?id={quote(str(i), safe='')}" for i in lanes_df["id"]],
        }
    )


def lane_labels(lang: str) -> dict[str, str]:
    labels = {f"event.{e}": tr(f"event.{e}", lang) for e in charts.STEP_SYMBOLS}
    labels |= {f"status.{s}": tr(f"status.{s}", lang) for s in charts.STATUS_STYLE}
    labels["precision"] = tr("journey.precision", lang)
    return labels


@view(kind="resource", max_entries=64, daily=True)
def lanes_figure(lang: str, ids: list[str]) -> go.Figure:
    """The lanes of the agencies `ids`, in that order."""
    v = journeys(lang)
    lanes_df = v.lanes.set_index("id")
    events = v.events[v.events["agency_id"].isin(ids)]
    names = dict(zip(lanes_df.index, charts.axis_labels(lanes_df["lane"].tolist(), LANE_CHARS), strict=True))
    return charts.read_only(charts.lanes(events, list(ids), names, lane_labels(lang)))


LANE_CHARS = 64  # the longest lane of the seed has 62 characters; the tooltip has the name whole
