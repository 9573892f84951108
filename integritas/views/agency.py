"""Instansi: identity, other names, lineage, journey, data-backed flags, complaints, units, its region, sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from integritas import charts, db, fmt
from integritas.i18n import tr
from integritas.journey import journey, red_zone_awards, rising_complaints
from integritas.labels import note_md, notes_md, status_label
from integritas.views import _columns as col
from integritas.views._cache import view
from integritas.views.journeys import LANE_CHARS, event_hover, lane_labels
from integritas.views.search import search_agencies

PICK_HITS = 20  # agencies the picker offers for a typed name, besides the one shown


@dataclass
class AgencyView:
    # The names and the note are plain text (the page escapes them where it writes Markdown); the tables, the
    # family awards and the flags are Markdown with their data already escaped.
    nama: str
    singkatan: str
    jenis: str
    induk: str
    region_kode: str
    region_nama: str
    aliases: list[str]
    is_group: bool
    note: str
    label: str
    stage: str
    stalled: bool
    lineage: pd.DataFrame
    family_awards: list[str]
    events: pd.DataFrame
    complaints: pd.DataFrame
    units: pd.DataFrame
    region_history: pd.DataFrame
    flags: list[str]
    source_ids: list[str]
    event_rows: col.Rows  # the journey's events as machine values, for their downloads
    complaint_rows: col.Rows


@view(max_entries=128, daily=True)
def agency(lang: str, agency_id: str) -> AgencyView | None:
    """The agency's page as of today, or None for an unknown id."""
    a = db.agency(agency_id)
    if a.empty:
        return None
    a = a.iloc[0]
    ev = db.agency_events(agency_id)  # this agency's events only: the cost of the page is the one agency shown
    j = journey(agency_id, ev, date.today(), 2, lang)
    lin = db.agency_lineage_of(agency_id)
    fam = db.agency_family_awards(agency_id)
    cp = db.agency_complaints(agency_id)
    un = db.agency_units(agency_id)
    hist = db.region_compliance(str(a["region_kode"]))
    flags = []
    for year, event in red_zone_awards(ev, hist[["year", "zone"]]):
        region = fmt.md_text(a["region_nama"])  # flags are Markdown (st.error)
        flags.append(tr("flag.red_zone", lang, event=tr(f"event.{event}", lang), year=year, region=region))
    laporan = cp[(cp["metric"] == "laporan") & (cp["comparator"] == "=")]
    if rising_complaints(ev, laporan[["period_end", "value"]]):
        flags.append(tr("flag.rising", lang))
    events = pd.DataFrame(
        {
            tr("col.date", lang): col.dates(ev, lang),
            tr("col.event", lang): col.events(ev, lang),
            tr("col.status", lang): col.statuses(ev["status"], lang),
            tr("col.note", lang): notes_md(ev["note"], lang),
            tr("col.source", lang): col.sources(ev, lang),
        }
    )
    lineage = pd.DataFrame(
        {
            tr("col.relation", lang): [tr(f"lineage.{r}", lang) for r in lin["role"]],
            tr("col.agency", lang): [
                f"[{fmt.md_text(n)}](instansi?id={quote(str(i), safe='')})"
                for n, i in lin[["other_nama", "other_id"]].itertuples(index=False)
            ],
            tr("col.date", lang): col.dates(lin, lang),
            tr("col.status", lang): col.statuses(lin["status"], lang),
            tr("col.note", lang): notes_md(lin["note"], lang),
            tr("col.source", lang): col.sources(lin, lang),
        }
    )
    family_awards = [
        tr(
            "lineage.award",
            lang,
            event=tr(f"event.{r.event}", lang),
            year=fmt.date_at(r.date, r.date_precision, lang),
            holder=fmt.md_text(r.nama),
            status=status_label(r.status, lang),
        )
        + (f" — {note_md(r.note, lang)}" if isinstance(r.note, str) else "")
        for r in fam.itertuples()
    ]
    units = pd.DataFrame(
        {
            tr("col.year", lang): un["year"].astype(str),
            tr("col.zone", lang): col.zones(un["zone"], lang),
            tr("col.category", lang): col.texts(un["category"], "–"),
            tr("col.score", lang): col.scores(un["score"], lang),
            tr("col.status", lang): col.statuses(un["status"], lang),
            tr("col.source", lang): col.sources(un, lang),
        }
    )
    region_history = pd.DataFrame(
        {
            tr("col.year", lang): hist["year"].astype(str),
            tr("col.zone", lang): col.zones(hist["zone"], lang),
            tr("col.score", lang): col.scores(hist["score"], lang),
            tr("col.source", lang): col.sources(hist, lang),
        }
    )
    ids = ev["source_id"].tolist() + lin["source_id"].tolist() + fam["source_id"].tolist()
    ids += cp["source_id"].tolist() + un["source_id"].tolist() + hist["source_id"].tolist()
    return AgencyView(
        nama=str(a["nama"]),
        singkatan=a["singkatan"] if isinstance(a["singkatan"], str) else "",
        jenis=str(a["jenis"]),
        induk=a["induk"] if isinstance(a["induk"], str) else "",
        region_kode=str(a["region_kode"]),
        region_nama=str(a["region_nama"]),
        aliases=list(a["aliases"]),
        is_group=bool(a["is_group"]),
        note=a["note"] if isinstance(a["note"], str) else "",
        label=j.label,
        stage=tr(f"step.{j.stage}", lang) if j.stage else tr("journey.no_stage", lang),
        stalled=j.stalled,
        lineage=lineage,
        family_awards=family_awards,
        events=events,
        complaints=col.complaints_table(cp, lang),
        units=units,
        region_history=region_history,
        flags=flags,
        source_ids=sorted({i for i in ids if isinstance(i, str)}),
        event_rows=col.rows_of(
            ev.rename(columns={"event_id": "id"}),
            ["id", "agency_id", "nama", "event", "menuju", "date", "date_precision", "status", "note", "source_id"],
            lang,
        ),
        complaint_rows=col.rows_of(
            cp,
            ["id", "period_start", "period_end", "metric", "comparator", "value", "status", "note", "source_id"],
            lang,
        ),
    )


@view(max_entries=4096)
def agency_name(agency_id: str) -> str | None:
    """The agency's name, or None for an id the data does not have (a stale or mistyped link)."""
    df = db.agency_names([agency_id])
    return str(df["nama"].iloc[0]) if len(df) else None


def picker_options(current: str, text: str) -> dict[str, str]:
    """id -> name of what the agency picker offers: the agency shown, then the search hits for `text` (none when
    the box is empty), never the whole list of agencies."""
    options = {current: agency_name(current) or current}
    for agency_id, nama in search_agencies(text, PICK_HITS) if text.strip() else []:
        options.setdefault(agency_id, nama)
    return options


@view(kind="resource", max_entries=64, daily=True)
def lane_figure(lang: str, agency_id: str, phone: bool = False) -> go.Figure | None:
    """The agency's own lane (the Perjalanan chart for this agency alone), or None when it has no events; `phone`:
    the narrow screen's form (its name above the lane, the years on top)."""
    ev = db.agency_events(agency_id)
    if ev.empty:
        return None
    first = ev.iloc[0]
    short = first["singkatan"] if isinstance(first["singkatan"], str) else first["nama"]
    lane = f"{short} ({str(first['region_nama']).replace('Kabupaten ', 'Kab. ')})"
    events = ev.assign(hover=[event_hover(r, lang) for r in ev.itertuples()])
    events = events[["agency_id", "event", "date", "date_precision", "status", "hover"]]
    names = {agency_id: charts.axis_labels([lane], charts.PHONE_LANE_CHARS if phone else LANE_CHARS)[0]}
    return charts.read_only(charts.lanes(events, [agency_id], names, lane_labels(lang), phone=phone))
