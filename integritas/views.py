"""Page view models: everything a page shows, computed once per (data version, language) and cached.

Pages only lay these out, so a rerun costs little more than drawing the elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from integritas import charts, db, fmt
from integritas.i18n import tr
from integritas.labels import event_label, status_label, zone_badge


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
