"""Page view models: everything a page shows, computed once per (data version, language) and cached.

Pages only lay these out, so a rerun costs little more than drawing the elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from integritas import charts, db, fmt, geo
from integritas.i18n import tr
from integritas.labels import event_label, status_label, zone_badge, zone_label


def source_md(url: object, publisher: object, lang: str) -> str:
    """Markdown link to a source, or the publisher with 'URL not recorded' when the research has no URL."""
    if isinstance(url, str) and url:
        return f"[{publisher}]({url})"
    return f"{publisher} ({tr('sources.no_url', lang)})"


@dataclass
class ComplaintCard:
    label: str
    value: str
    period: str
    note: str | None
    source: str


@dataclass
class HomeView:
    wbk: str
    wbbm: str
    disputed: int
    pending: str
    latest_year: int
    zone_badges: str
    zones_caption: str
    complaints: list[ComplaintCard]
    awards: pd.DataFrame
    award_notes: list[str]
    coverage: pd.DataFrame
    source_ids: list[str] = field(default_factory=list)


@st.cache_data(max_entries=16, show_spinner=False)
def _home(version: str, lang: str) -> HomeView:
    awards, zones, complaints = db.awards(), db.zone_summary(), db.latest_complaints()
    won = awards[awards["event"].isin(["wbk", "wbbm"])]
    pending = awards[(awards["event"] == "usulan_tpn") & (awards["menuju"] == "wbbm")]
    latest_year = int(zones["year"].max())
    latest = zones[zones["year"] == latest_year].set_index("zone")
    badges = []
    for zone in ("hijau", "kuning", "merah"):
        row = latest.loc[zone]
        n = row["published"] if not pd.isna(row["published"]) else row["named"]
        badges.append(zone_badge(zone, f"{tr('zone.' + zone, lang)} {fmt.number(n, lang)}"))

    cards = []
    for r in complaints.itertuples():
        partial = not fmt.is_full_years(r.period_start.date(), r.period_end.date())
        period = f"{tr('col.period', lang)}: {fmt.period(r.period_start, r.period_end, lang)}"
        cards.append(
            ComplaintCard(
                label=tr(f"metric.{r.metric}", lang),
                value=fmt.number(r.value, lang),
                period=period + (f" · {tr('home.complaints.partial', lang)}" if partial else ""),
                note=r.note if isinstance(r.note, str) else None,
                source=f"{tr('col.source', lang)}: {source_md(r.url, r.publisher, lang)}",
            )
        )

    table = pd.DataFrame(
        {
            tr("col.agency", lang): awards["nama"],
            tr("col.event", lang): [
                event_label(e, m, s, lang) for e, m, s in awards[["event", "menuju", "status"]].itertuples(index=False)
            ],
            tr("col.date", lang): [
                fmt.date_at(d, p, lang) for d, p in awards[["date", "date_precision"]].itertuples(index=False)
            ],
            tr("col.status", lang): [status_label(s, lang) for s in awards["status"]],
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in awards[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
    flagged = awards[awards["status"].isin(["disputed", "pending", "scheduled"])]
    notes = [
        f"**{r.singkatan if isinstance(r.singkatan, str) else r.nama}** — {r.note}"
        for r in flagged.itertuples()
        if isinstance(r.note, str)
    ]

    wide = zones.pivot_table(index=["year", "method"], columns="zone", values="named", aggfunc="sum").reset_index()
    published = {
        y: " · ".join(f"{tr('zone.' + r.zone, lang)} {fmt.number(r.published, lang)}" for r in g.itertuples())
        for y, g in zones.dropna(subset=["published"]).groupby("year")
    }
    coverage = pd.DataFrame(
        {
            tr("col.year", lang): wide["year"].astype(str),
            tr("col.method", lang): [tr(f"method.short.{m}", lang) for m in wide["method"]],
            tr("col.hijau", lang): wide["hijau"].astype(int),
            tr("col.kuning", lang): wide["kuning"].astype(int),
            tr("col.merah", lang): wide["merah"].astype(int),
            tr("col.published", lang): [published.get(y, "–") for y in wide["year"]],
        }
    )
    source_ids = awards["source_id"].tolist() + complaints["source_id"].tolist()
    source_ids += zones["published_source_id"].dropna().tolist()
    source_ids += [i for ids in zones["source_ids"].dropna() for i in ids]
    return HomeView(
        wbk=fmt.number(int((won["event"] == "wbk").sum()), lang),
        wbbm=fmt.number(int((won["event"] == "wbbm").sum()), lang),
        disputed=int(((won["event"] == "wbk") & (won["status"] == "disputed")).sum()),
        pending=tr("home.wbbm.pending", lang, n=fmt.number(len(pending), lang)),
        latest_year=latest_year,
        zone_badges=" ".join(badges),
        zones_caption=tr("home.zones.caption", lang, named=fmt.number(int(latest["named"].sum()), lang)),
        complaints=cards,
        awards=table,
        award_notes=notes,
        coverage=coverage,
        source_ids=sorted(set(source_ids)),
    )


def home(lang: str) -> HomeView:
    return _home(db.data_version() or "", lang)


@st.cache_resource(max_entries=8, show_spinner=False)
def _zones_figure(version: str, lang: str) -> go.Figure:
    # A resource, not data: the Figure is reused as is (st.plotly_chart only reads it), which saves a rebuild per rerun.
    return charts.read_only(charts.zones_by_year(db.zone_summary(), lang))


def zones_figure(lang: str) -> go.Figure:
    return _zones_figure(db.data_version() or "", lang)


@dataclass
class AboutView:
    sources: pd.DataFrame
    methods: pd.DataFrame
    bands: pd.DataFrame
    tables: pd.DataFrame
    columns: pd.DataFrame
    regions: pd.DataFrame
    loads: pd.DataFrame


@st.cache_data(max_entries=16, show_spinner=False)
def _about(version: str, lang: str) -> AboutView:
    src, methods, bands, loads = db.sources(), db.methods(), db.zone_bands(), db.loads()
    counts = db.table_counts().set_index("table_name")["n"]
    cols = db.schema_columns()
    tables = cols.drop_duplicates("table_name")
    return AboutView(
        sources=pd.DataFrame(
            {
                tr("col.id", lang): src["id"],
                tr("col.publisher", lang): src["publisher"],
                tr("col.title", lang): src["title"].fillna(""),
                tr("col.published_on", lang): [fmt.day(d, lang) if not pd.isna(d) else "" for d in src["published_on"]],
                tr("col.url", lang): src["url"],
                tr("col.quote", lang): src["quote"].fillna(""),
                tr("col.refs", lang): src["refs"].fillna(""),
                tr("col.note", lang): src["note"].fillna(""),
            }
        ),
        methods=pd.DataFrame(
            {
                tr("col.method", lang): [tr(f"method.{m}", lang) for m in methods["id"]],
                tr("col.year", lang): [
                    f"{a}–{'' if pd.isna(b) else int(b)}"
                    for a, b in methods[["year_from", "year_to"]].itertuples(index=False)
                ],
                tr("col.note", lang): methods["note"].fillna(""),
                tr("col.source", lang): [
                    source_md(u, p, lang) for u, p in methods[["url", "publisher"]].itertuples(index=False)
                ],
            }
        ),
        bands=pd.DataFrame(
            {
                tr("col.method", lang): [tr(f"method.short.{m}", lang) for m in bands["method"]],
                tr("col.year", lang): [f"{a}–{b}" for a, b in bands[["year_from", "year_to"]].itertuples(index=False)],
                tr("col.zone", lang): [tr(f"zone.{z}", lang) for z in bands["zone"]],
                tr("col.category", lang): bands["category"].fillna("–"),
                tr("col.value", lang): [
                    f"{fmt.number(a, lang, 2)} – {fmt.number(b, lang, 2)}"
                    for a, b in bands[["min_score", "max_score"]].itertuples(index=False)
                ],
                tr("col.source", lang): bands["source_id"],
            }
        ),
        tables=pd.DataFrame(
            {
                tr("col.table", lang): tables["table_name"],
                tr("col.rows", lang): [fmt.number(counts.get(n, 0), lang) for n in tables["table_name"]],
                tr("col.description", lang): tables["table_comment"].fillna(""),
            }
        ),
        columns=pd.DataFrame(
            {
                tr("col.table", lang): cols["table_name"],
                tr("col.column", lang): cols["column_name"],
                tr("col.type", lang): cols["data_type"],
                tr("col.description", lang): cols["column_comment"].fillna(""),
            }
        ),
        regions=db.regions(),
        loads=pd.DataFrame(
            {
                tr("col.id", lang): loads["id"],
                tr("col.at", lang): [fmt.day(a, lang) for a in loads["at"]],
                tr("col.by", lang): loads["by"],
                tr("col.file", lang): loads["file_name"],
                tr("col.dataset", lang): loads["dataset"],
                tr("col.added", lang): loads["added"],
                "sha256": loads["sha256"].str.slice(0, 12),
            }
        ),
    )


def about(lang: str) -> AboutView:
    return _about(db.data_version() or "", lang)


# ---------------------------------------------------------------- compliance map (Kepatuhan) and region (Wilayah)

ZONE_RANK = {"merah": 0, "kuning": 1, "hijau": 2}


def _zone_text(zone: object, category: object, score: object, lang: str) -> str:
    if not isinstance(zone, str):
        return tr("zone.none", lang)
    parts = [zone_label(zone, lang)]
    if isinstance(category, str):
        parts.append(f"{tr('col.category', lang).lower()} {category}")
    parts.append(
        f"{tr('col.score', lang).lower()} {fmt.number(score, lang, 2)}"
        if not pd.isna(score)
        else tr("region.no_score", lang)
    )
    return ", ".join(parts)


def _hover(nama: str, zone: object, category: object, score: object, publisher: object, lang: str) -> str:
    src = f"<br>{tr('col.source', lang)}: {publisher}" if isinstance(publisher, str) else ""
    return f"<b>{nama}</b><br>{_zone_text(zone, category, score, lang)}{src}"


def change_class(a: object, b: object) -> str:
    """'better' | 'worse' | 'same' from zone a (earlier) to zone b (later); 'none' when either side has no data."""
    if not isinstance(a, str) or not isinstance(b, str):
        return charts.NO_DATA
    diff = ZONE_RANK[b] - ZONE_RANK[a]
    return "better" if diff > 0 else "worse" if diff < 0 else "same"


@dataclass
class ComplianceView:
    years: list[int]
    method: str
    method_note: str
    crosses_method: bool
    published: str
    province: str
    province_source: str | None
    map_rows: pd.DataFrame  # kode, cls, hover (22 kab/kota)
    table: pd.DataFrame
    coverage: pd.DataFrame
    source_ids: list[str]


@st.cache_data(max_entries=64, show_spinner=False)
def _compliance(version: str, lang: str, year: int, compare: int) -> ComplianceView:
    years_df = db.compliance_years()
    methods = dict(zip(years_df["year"], years_df["method"], strict=True))
    cur = db.compliance_year(year)
    kab = cur[cur["jenis"] != "provinsi"]
    prov = cur[cur["jenis"] == "provinsi"].iloc[0]
    source_ids = cur["source_id"].dropna().tolist()
    if compare:
        # Change always reads forward in time, whichever of the two years is the one on the slider.
        first, second = sorted((year, compare))
        zones = {y: db.compliance_year(y).set_index("kode") for y in (first, second)}
        source_ids += zones[compare]["source_id"].dropna().tolist()
        classes = [change_class(zones[first].loc[k, "zone"], zones[second].loc[k, "zone"]) for k in kab["kode"]]
        hover = []
        for n, k, cl in zip(kab["nama"], kab["kode"], classes, strict=True):
            lines = [
                f"{y}: {_zone_text(*zones[y].loc[k, ['zone', 'category', 'score']], lang)}" for y in (first, second)
            ]
            hover.append(f"<b>{n}</b><br>" + "<br>".join(lines) + f"<br>{tr('change.' + cl, lang)}")
    else:
        classes = [z if isinstance(z, str) else charts.NO_DATA for z in kab["zone"]]
        hover = [
            _hover(n, z, c, s, p, lang)
            for n, z, c, s, p in kab[["nama", "zone", "category", "score", "publisher"]].itertuples(index=False)
        ]
    table = pd.DataFrame(
        {
            tr("col.region", lang): kab["nama"],
            tr("col.zone", lang) + f" {year}": [zone_label(z, lang) for z in kab["zone"]],
            tr("col.category", lang) + f" {year}": kab["category"].fillna("–"),
            tr("col.score", lang) + f" {year}": [fmt.number(x, lang, 2) for x in kab["score"]],
            tr("col.status", lang): [status_label(s, lang) if isinstance(s, str) else "" for s in kab["status"]],
        }
    )
    if compare:
        other = zones[compare]
        table.insert(
            1 if compare < year else 2,
            tr("col.zone", lang) + f" {compare}",
            [zone_label(other.loc[k, "zone"], lang) for k in kab["kode"]],
        )
        table[tr("col.change", lang) + f" {first}→{second}"] = [tr(f"change.{c}", lang) for c in classes]
    table[tr("col.source", lang)] = kab["url"].fillna("").tolist()
    counts = db.compliance_counts_year(year)
    unnamed = [
        tr("kep.unnamed", lang, n=fmt.number(r.published - r.named, lang), zone=tr(f"zone.{r.zone}", lang))
        for r in counts.itertuples()
        if r.published > r.named
    ]
    published = " · ".join(f"{tr('zone.' + r.zone, lang)} {fmt.number(r.published, lang)}" for r in counts.itertuples())
    source_ids += counts["source_id"].tolist()
    coverage = pd.DataFrame(
        {
            tr("col.year", lang): years_df["year"].astype(str),
            tr("col.method", lang): [tr(f"method.short.{m}", lang) for m in years_df["method"]],
            tr("col.with_zone", lang): [f"{n} / 22" for n in years_df["with_zone"]],
            tr("col.with_score", lang): [f"{n} / 22" for n in years_df["with_score"]],
        }
    )
    source_ids += years_df["method_source_id"].dropna().tolist()
    return ComplianceView(
        years=[int(y) for y in years_df["year"]],
        method=methods[year],
        method_note=tr("kep.method_note", lang, year=year, method=tr(f"method.{methods[year]}", lang)),
        crosses_method=bool(compare) and methods.get(compare) != methods[year],
        published=(tr("kep.published", lang, year=year, counts=published) + " " + " ".join(unnamed))
        if published
        else "",
        province=_zone_text(prov["zone"], prov["category"], prov["score"], lang),
        province_source=source_md(prov["url"], prov["publisher"], lang) if isinstance(prov["publisher"], str) else None,
        map_rows=pd.DataFrame({"kode": kab["kode"].tolist(), "cls": classes, "hover": hover}),
        table=table,
        coverage=coverage,
        source_ids=sorted(set(source_ids)),
    )


def compliance(lang: str, year: int, compare: int = 0) -> ComplianceView:
    return _compliance(db.data_version() or "", lang, int(year), int(compare or 0))


@st.cache_resource(max_entries=64, show_spinner=False)
def _compliance_map(version: str, lang: str, year: int, compare: int, height: int) -> go.Figure | None:
    fc = geo.boundaries()
    if fc is None:
        return None
    v = _compliance(version, lang, year, compare)
    if compare:
        classes, keys = charts.CHANGE_CLASSES, ("better", "same", "worse", charts.NO_DATA)
        labels = {k: tr(f"change.{k}", lang) for k in keys}
    else:
        classes = charts.ZONE_CLASSES
        labels = {k: zone_label(None if k == charts.NO_DATA else k, lang) for k in classes}
    return charts.read_only(charts.class_map(fc, geo.label_points(), v.map_rows, classes, labels, height=height))


def compliance_map(lang: str, year: int, compare: int = 0, height: int = 520) -> go.Figure | None:
    """The map figure, or None when the boundary file is absent (the page then shows the table and says why)."""
    return _compliance_map(db.data_version() or "", lang, int(year), int(compare or 0), height)


def complaints_table(cp: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Complaint figures (period, measure, value with its comparator, note, source) for a region or agency page."""
    return pd.DataFrame(
        {
            tr("col.period", lang): [
                fmt.period(a, b, lang) for a, b in cp[["period_start", "period_end"]].itertuples(index=False)
            ],
            tr("col.metric", lang): [tr(f"metric.{m}", lang) for m in cp["metric"]],
            tr("col.value", lang): [
                _complaint_text(m, c, v, lang)
                for m, c, v in cp[["metric", "comparator", "value"]].itertuples(index=False)
            ],
            tr("col.note", lang): cp["note"].fillna(""),
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in cp[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )


@dataclass
class RegionView:
    nama: str
    jenis: str
    ibukota: str
    history_table: pd.DataFrame
    agencies: pd.DataFrame
    units: pd.DataFrame
    complaints: pd.DataFrame
    source_ids: list[str]


@st.cache_data(max_entries=128, show_spinner=False)
def _region(version: str, lang: str, kode: str) -> RegionView:
    reg = db.regions().set_index("kode").loc[kode]
    hist = db.region_compliance(kode)
    years = [int(y) for y in db.compliance_years()["year"]]
    by_year = hist.set_index("year")
    history_table = pd.DataFrame(
        {
            tr("col.year", lang): [str(y) for y in years],
            tr("col.zone", lang): [
                zone_label(by_year.loc[y, "zone"], lang) if y in by_year.index else tr("zone.none", lang) for y in years
            ],
            tr("col.category", lang): [
                by_year.loc[y, "category"]
                if y in by_year.index and isinstance(by_year.loc[y, "category"], str)
                else "–"
                for y in years
            ],
            tr("col.score", lang): [
                fmt.number(by_year.loc[y, "score"], lang, 2) if y in by_year.index else "–" for y in years
            ],
            tr("col.status", lang): [
                status_label(by_year.loc[y, "status"], lang) if y in by_year.index else "" for y in years
            ],
            tr("col.source", lang): [
                source_md(by_year.loc[y, "url"], by_year.loc[y, "publisher"], lang) if y in by_year.index else ""
                for y in years
            ],
        }
    )
    ag = db.region_agencies(kode)
    agencies = pd.DataFrame(
        {
            tr("col.agency", lang): ag["nama"],
            tr("col.parent", lang): ag["induk"].fillna(""),
            tr("col.stage", lang): [
                event_label(e, m, s, lang) if isinstance(e, str) else "–"
                for e, m, s in ag[["event", "menuju", "status"]].itertuples(index=False)
            ],
            tr("col.date", lang): [
                fmt.date_at(d, p, lang) if isinstance(p, str) else "–"
                for d, p in ag[["date", "date_precision"]].itertuples(index=False)
            ],
            tr("col.status", lang): [status_label(s, lang) if isinstance(s, str) else "" for s in ag["status"]],
            tr("col.source", lang): [
                source_md(u, p, lang) if isinstance(p, str) else ""
                for u, p in ag[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
    un = db.region_units(kode)
    units = pd.DataFrame(
        {
            tr("col.unit", lang): un["unit"],
            tr("col.year", lang): un["year"].astype(str),
            tr("col.zone", lang): [zone_label(z, lang) for z in un["zone"]],
            tr("col.category", lang): un["category"].fillna("–"),
            tr("col.score", lang): [fmt.number(s, lang, 2) for s in un["score"]],
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in un[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
    cp = db.region_complaints(kode)
    complaints = complaints_table(cp, lang)
    ids = (
        hist["source_id"].tolist()
        + ag["source_id"].dropna().tolist()
        + un["source_id"].tolist()
        + cp["source_id"].tolist()
    )
    return RegionView(
        nama=str(reg["nama"]),
        jenis=str(reg["jenis"]),
        ibukota=str(reg["ibukota"]),
        history_table=history_table,
        agencies=agencies,
        units=units,
        complaints=complaints,
        source_ids=sorted(set(ids)),
    )


def region(lang: str, kode: str) -> RegionView:
    return _region(db.data_version() or "", lang, kode)


@st.cache_resource(max_entries=64, show_spinner=False)
def _region_chart(version: str, lang: str, kode: str) -> go.Figure:
    years = [int(y) for y in db.compliance_years()["year"]]
    return charts.read_only(charts.compliance_history(db.region_compliance(kode), years, db.zone_bands(), lang))


def region_chart(lang: str, kode: str) -> go.Figure:
    return _region_chart(db.data_version() or "", lang, kode)


# ---------------------------------------------------------------- ZI journeys, agency pages, complaints

STAGES = ("pencanangan", "usulan_tpn", "wbk", "wbbm")


def _event_hover(r: object, lang: str) -> str:
    when = fmt.date_at(r.date, r.date_precision, lang)
    note = f"<br>{r.note}" if isinstance(r.note, str) else ""
    name = r.singkatan if isinstance(r.singkatan, str) else r.nama
    return (
        f"<b>{name}</b><br>{event_label(r.event, r.menuju, r.status, lang)}"
        f" · {when} · {status_label(r.status, lang)}{note}<br>{tr('col.source', lang)}: {r.publisher}"
    )


@dataclass
class JourneysView:
    lanes: pd.DataFrame  # one row per agency: id, lane, jenis, induk, region, stage, since, years, stalled, label
    events: pd.DataFrame  # agency_id, event, date, date_precision, status, hover
    source_ids: list[str]


@st.cache_data(max_entries=32, show_spinner=False)
def _journeys(version: str, lang: str, stalled_after: float, today: str) -> JourneysView:
    from datetime import date as _date

    from integritas.journey import journey, since_text

    df = db.journeys()
    as_of = _date.fromisoformat(today)
    rows = []
    for agency_id, g in df.groupby("agency_id", sort=False):
        first = g.iloc[0]
        ev = g.dropna(subset=["event"])
        j = journey(str(agency_id), ev, as_of, stalled_after, lang)
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


def journeys(lang: str, stalled_after: float = 2) -> JourneysView:
    from datetime import date as _date

    return _journeys(db.data_version() or "", lang, float(stalled_after), _date.today().isoformat())


def journey_table(lanes_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The lanes as a table (the chart's accessible alternative), with a link to each agency page."""
    return pd.DataFrame(
        {
            tr("col.agency", lang): lanes_df["nama"],
            tr("col.lane", lang): lanes_df["label"],
            tr("journey.tahap", lang): lanes_df["stage_label"],
            tr("col.since", lang): lanes_df["since"],
            tr("col.years_in_stage", lang): [fmt.number(y, lang, 1) for y in lanes_df["years"]],
            tr("col.stalled", lang): [tr("journey.macet", lang) if m else "" for m in lanes_df["stalled"]],
            tr("journey.wilayah", lang): lanes_df["region"],
            tr("col.page", lang): [f"instansi?id={i}" for i in lanes_df["id"]],
        }
    )


def lane_labels(lang: str) -> dict[str, str]:
    labels = {f"event.{e}": tr(f"event.{e}", lang) for e in charts.STEP_SYMBOLS}
    labels |= {f"status.{s}": tr(f"status.{s}", lang) for s in charts.STATUS_STYLE}
    labels["precision"] = tr("journey.precision", lang)
    return labels


@st.cache_resource(max_entries=64, show_spinner=False)
def _lanes_figure(version: str, lang: str, ids: tuple[str, ...], today: str) -> go.Figure:
    v = _journeys(version, lang, 2.0, today)
    lanes_df = v.lanes.set_index("id")
    events = v.events[v.events["agency_id"].isin(ids)]
    return charts.read_only(charts.lanes(events, list(ids), lanes_df["lane"].to_dict(), lane_labels(lang)))


def lanes_figure(lang: str, ids: list[str]) -> go.Figure:
    from datetime import date as _date

    return _lanes_figure(db.data_version() or "", lang, tuple(ids), _date.today().isoformat())


@dataclass
class AgencyView:
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


@st.cache_data(max_entries=128, show_spinner=False)
def _agency(version: str, lang: str, agency_id: str, today: str) -> AgencyView | None:
    from datetime import date as _date

    from integritas.journey import journey, red_zone_awards, rising_complaints

    a = db.agency(agency_id)
    if a.empty:
        return None
    a = a.iloc[0]
    all_events = db.journeys()
    ev = all_events[(all_events["agency_id"] == agency_id)].dropna(subset=["event"])
    j = journey(agency_id, ev, _date.fromisoformat(today), 2, lang)
    lin = db.agency_lineage_of(agency_id)
    fam = db.agency_family_awards(agency_id)
    cp = db.agency_complaints(agency_id)
    un = db.agency_units(agency_id)
    hist = db.region_compliance(str(a["region_kode"]))
    flags = []
    for year, event in red_zone_awards(ev, hist[["year", "zone"]]):
        flags.append(tr("flag.red_zone", lang, event=tr(f"event.{event}", lang), year=year, region=a["region_nama"]))
    laporan = cp[(cp["metric"] == "laporan") & (cp["comparator"] == "=")]
    if rising_complaints(ev, laporan[["period_end", "value"]]):
        flags.append(tr("flag.rising", lang))
    events = pd.DataFrame(
        {
            tr("col.date", lang): [
                fmt.date_at(d, p, lang) for d, p in ev[["date", "date_precision"]].itertuples(index=False)
            ],
            tr("col.event", lang): [
                event_label(e, m, s, lang) for e, m, s in ev[["event", "menuju", "status"]].itertuples(index=False)
            ],
            tr("col.status", lang): [status_label(s, lang) for s in ev["status"]],
            tr("col.note", lang): ev["note"].fillna(""),
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in ev[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
    lineage = pd.DataFrame(
        {
            tr("col.relation", lang): [tr(f"lineage.{r}", lang) for r in lin["role"]],
            tr("col.agency", lang): [
                f"[{n}](instansi?id={i})" for n, i in lin[["other_nama", "other_id"]].itertuples(index=False)
            ],
            tr("col.date", lang): [
                fmt.date_at(d, p, lang) for d, p in lin[["date", "date_precision"]].itertuples(index=False)
            ],
            tr("col.status", lang): [status_label(s, lang) for s in lin["status"]],
            tr("col.note", lang): lin["note"].fillna(""),
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in lin[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
    family_awards = [
        tr(
            "lineage.award",
            lang,
            event=tr(f"event.{r.event}", lang),
            year=fmt.date_at(r.date, r.date_precision, lang),
            holder=r.nama,
            status=status_label(r.status, lang),
        )
        + (f" — {r.note}" if isinstance(r.note, str) else "")
        for r in fam.itertuples()
    ]
    complaints = complaints_table(cp, lang)
    units = pd.DataFrame(
        {
            tr("col.year", lang): un["year"].astype(str),
            tr("col.zone", lang): [zone_label(z, lang) for z in un["zone"]],
            tr("col.category", lang): un["category"].fillna("–"),
            tr("col.score", lang): [fmt.number(s, lang, 2) for s in un["score"]],
            tr("col.status", lang): [status_label(s, lang) for s in un["status"]],
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in un[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
    region_history = pd.DataFrame(
        {
            tr("col.year", lang): hist["year"].astype(str),
            tr("col.zone", lang): [zone_label(z, lang) for z in hist["zone"]],
            tr("col.score", lang): [fmt.number(s, lang, 2) for s in hist["score"]],
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in hist[["url", "publisher"]].itertuples(index=False)
            ],
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
        complaints=complaints,
        units=units,
        region_history=region_history,
        flags=flags,
        source_ids=sorted({i for i in ids if isinstance(i, str)}),
    )


def agency(lang: str, agency_id: str) -> AgencyView | None:
    from datetime import date as _date

    return _agency(db.data_version() or "", lang, agency_id, _date.today().isoformat())


@st.cache_data(max_entries=8, show_spinner=False)
def _search_index(version: str) -> pd.DataFrame:
    return db.search_index()


def search_agencies(text: str) -> list[tuple[str, str]]:
    from integritas.search import search

    return search(text, _search_index(db.data_version() or ""))


@dataclass
class ComplaintsView:
    series: pd.DataFrame  # for the chart: metric, period_start, period_end, value, comparator, text, hover
    series_table: pd.DataFrame
    breakdown: pd.DataFrame  # for the chart: value_label, period_label, value, text
    breakdown_table: pd.DataFrame
    national: pd.DataFrame
    dimensions: list[str]
    metrics: list[str]
    source_ids: list[str]


def _complaint_text(metric: str, comparator: str, value: float, lang: str) -> str:
    unit = "%" if metric == "persen" else ""
    # words, not "> 700": a leading ">" would render as a Markdown quote in st.table
    prefix = (
        "" if comparator == "=" else tr(f"comparator.{ {'>': 'gt', '<': 'lt', '~': 'approx'}[comparator] }", lang) + " "
    )
    return prefix + fmt.number(value, lang, 1 if metric in ("persen", "indeks") and value % 1 else 0) + unit


@st.cache_data(max_entries=64, show_spinner=False)
def _complaints(version: str, lang: str, dimension: str, metric: str) -> ComplaintsView:
    df = db.complaints_all()
    ntt = df[df["scope"] == "ntt"]
    days = (ntt["period_end"] - ntt["period_start"]).dt.days
    totals = ntt[(ntt["dimension"] == "total") & ntt["metric"].isin(["laporan", "akses", "pengaduan"])]
    # A figure belongs on the yearly chart when it covers at most about a year and is not an upper bound.
    on_chart = totals[(days.loc[totals.index] <= 400) & (totals["comparator"] != "<")]
    period = [fmt.period(s, e, lang) for s, e in totals[["period_start", "period_end"]].itertuples(index=False)]
    partial = [
        not fmt.is_full_years(s.date(), e.date())
        for s, e in totals[["period_start", "period_end"]].itertuples(index=False)
    ]
    series = on_chart.assign(
        text=[
            _complaint_text(m, c, v, lang)
            for m, c, v in on_chart[["metric", "comparator", "value"]].itertuples(index=False)
        ],
        hover=[
            f"{tr('metric.' + m, lang)}: {_complaint_text(m, c, v, lang)}<br>{fmt.period(s, e, lang)}"
            f"<br>{tr('col.source', lang)}: {p}"
            for m, c, v, s, e, p in on_chart[
                ["metric", "comparator", "value", "period_start", "period_end", "publisher"]
            ].itertuples(index=False)
        ],
    )[["metric", "period_start", "period_end", "value", "comparator", "text", "hover"]]
    series_table = pd.DataFrame(
        {
            tr("col.period", lang): [
                p + (f" ({tr('home.complaints.partial', lang)})" if x else "")
                for p, x in zip(period, partial, strict=True)
            ],
            tr("col.metric", lang): [tr(f"metric.{m}", lang) for m in totals["metric"]],
            tr("col.value", lang): [
                _complaint_text(m, c, v, lang)
                for m, c, v in totals[["metric", "comparator", "value"]].itertuples(index=False)
            ],
            tr("col.on_chart", lang): [
                tr("yes", lang) if i in on_chart.index else tr("no", lang) for i in totals.index
            ],
            tr("col.note", lang): totals["note"].fillna(""),
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in totals[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
    dims = [
        d
        for d in ("substansi", "maladministrasi", "instansi", "asal", "status", "kategori", "kanal")
        if (ntt["dimension"] == d).any()
    ]
    sel = ntt[(ntt["dimension"] == dimension) & (ntt["metric"] == metric)]
    metrics = sorted(ntt.loc[ntt["dimension"] == dimension, "metric"].unique().tolist())
    names = db.regions().set_index("kode")["nama"].to_dict()
    value_label = [names.get(v, v) if dimension == "asal" else v for v in sel["dimension_value"]]
    period_label = [fmt.period(s, e, lang) for s, e in sel[["period_start", "period_end"]].itertuples(index=False)]
    texts = [
        _complaint_text(m, c, v, lang) for m, c, v in sel[["metric", "comparator", "value"]].itertuples(index=False)
    ]
    breakdown = pd.DataFrame(
        {"value_label": value_label, "period_label": period_label, "value": sel["value"].tolist(), "text": texts}
    )
    breakdown_table = pd.DataFrame(
        {
            tr("col.period", lang): period_label,
            tr("col.category", lang): value_label,
            tr("col.value", lang): texts,
            tr("col.status", lang): [status_label(s, lang) for s in sel["status"]],
            tr("col.note", lang): sel["note"].fillna(""),
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in sel[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
    nat = df[df["scope"] == "nasional"]
    national = complaints_table(nat, lang)
    national.insert(1, tr("col.category", lang), nat["dimension_value"].fillna("").tolist())
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


def complaints(lang: str, dimension: str, metric: str) -> ComplaintsView:
    return _complaints(db.data_version() or "", lang, dimension, metric)


@st.cache_resource(max_entries=8, show_spinner=False)
def _series_figure(version: str, lang: str) -> go.Figure:
    v = _complaints(version, lang, "substansi", "laporan")
    labels = {f"metric.{m}": tr(f"metric.{m}", lang) for m in charts.METRIC_STYLE}
    return charts.read_only(charts.complaint_series(v.series, labels))


def series_figure(lang: str) -> go.Figure:
    return _series_figure(db.data_version() or "", lang)


@st.cache_resource(max_entries=64, show_spinner=False)
def _breakdown_figure(version: str, lang: str, dimension: str, metric: str) -> go.Figure:
    return charts.read_only(charts.breakdown_bars(_complaints(version, lang, dimension, metric).breakdown))


def breakdown_figure(lang: str, dimension: str, metric: str) -> go.Figure:
    return _breakdown_figure(db.data_version() or "", lang, dimension, metric)
