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
    return charts.zones_by_year(db.zone_summary(), lang)


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
    return charts.class_map(fc, geo.label_points(), v.map_rows, classes, labels, height=height)


def compliance_map(lang: str, year: int, compare: int = 0, height: int = 520) -> go.Figure | None:
    """The map figure, or None when the boundary file is absent (the page then shows the table and says why)."""
    return _compliance_map(db.data_version() or "", lang, int(year), int(compare or 0), height)


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
    complaints = pd.DataFrame(
        {
            tr("col.period", lang): [
                fmt.period(a, b, lang) for a, b in cp[["period_start", "period_end"]].itertuples(index=False)
            ],
            tr("col.metric", lang): [tr(f"metric.{m}", lang) for m in cp["metric"]],
            tr("col.value", lang): [
                (c if c != "=" else "") + fmt.number(v, lang)
                for c, v in cp[["comparator", "value"]].itertuples(index=False)
            ],
            tr("col.note", lang): cp["note"].fillna(""),
            tr("col.source", lang): [
                source_md(u, p, lang) for u, p in cp[["url", "publisher"]].itertuples(index=False)
            ],
        }
    )
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
    return charts.compliance_history(db.region_compliance(kode), years, db.zone_bands(), lang)


def region_chart(lang: str, kode: str) -> go.Figure:
    return _region_chart(db.data_version() or "", lang, kode)
