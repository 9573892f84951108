"""Beranda: awards, pemda per zone in the latest year, the latest complaint figures, coverage by year."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from integritas import charts, db, fmt
from integritas.i18n import tr
from integritas.labels import note_md, zone_badge
from integritas.views import _columns as col
from integritas.views._cache import view


@dataclass
class ComplaintCard:  # note and source are Markdown, their data escaped
    label: str
    value: str
    period: str
    note: str | None
    source: str


@dataclass
class HomeView:  # the strings and table cells a page puts into Markdown have their data escaped (fmt.md_text)
    wbk: str
    wbbm: str
    disputed: int
    pending: str
    latest_year: int
    zone_badges: str
    zones_caption: str
    complaints: list[ComplaintCard]
    coverage: pd.DataFrame
    coverage_rows: col.Rows  # the coverage table as machine values, for its downloads
    source_ids: list[str] = field(default_factory=list)


@view(max_entries=16)
def home(lang: str) -> HomeView:
    counts = db.query("award_counts").iloc[0]  # counted in DuckDB; the awards table is paged (awards_page)
    zones, complaints = db.zone_summary(), db.latest_complaints()
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
                note=note_md(r.note, lang) or None,  # recorded in Bahasa: marked so on an English page
                source=f"{tr('col.source', lang)}: {col.source_md(r.url, r.publisher, lang)}",
            )
        )

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
    # the same table as numbers: pemda named per zone, and the count per zone where a source published one
    sums = zones.dropna(subset=["published"]).pivot_table(
        index="year", columns="zone", values="published", aggfunc="sum"
    )
    machine = wide[["year", "method"]].copy()
    columns = [("year", tr("col.year", lang)), ("method", tr("col.method", lang))]
    for zone in ("hijau", "kuning", "merah"):
        machine[f"named_{zone}"] = wide[zone].astype(int).tolist()
        published_zone = sums[zone] if zone in sums else pd.Series(dtype=float)
        machine[f"published_{zone}"] = [published_zone.get(y) for y in wide["year"]]
        columns.append((f"named_{zone}", f"{tr('col.named', lang)}: {tr(f'zone.{zone}', lang)}"))
        columns.append((f"published_{zone}", f"{tr('col.published', lang)}: {tr(f'zone.{zone}', lang)}"))
    source_ids = complaints["source_id"].tolist()
    source_ids += zones["published_source_id"].dropna().tolist()
    source_ids += [i for ids in zones["source_ids"].dropna() for i in ids]
    return HomeView(
        wbk=fmt.number(int(counts["wbk"]), lang),
        wbbm=fmt.number(int(counts["wbbm"]), lang),
        disputed=int(counts["disputed"]),
        pending=tr("home.wbbm.pending", lang, n=fmt.number(int(counts["pending"]), lang)),
        latest_year=latest_year,
        zone_badges=" ".join(badges),
        zones_caption=tr("home.zones.caption", lang, named=fmt.number(int(latest["named"].sum()), lang)),
        complaints=cards,
        coverage=coverage,
        coverage_rows=col.Rows(machine, columns),
        source_ids=sorted(set(source_ids)),
    )


@view(max_entries=256)
def awards_page(lang: str, text: str = "", offset: int = 0, limit: int = 50, order: db.Order | None = None) -> col.Page:
    """A page of the awards and pending proposals, in date order (counted and cut in DuckDB)."""
    awards = db.paged("awards_page", offset, limit, order)
    table = pd.DataFrame(
        {
            tr("col.agency", lang): col.texts(awards["nama"]),
            tr("col.event", lang): col.events(awards, lang),
            tr("col.date", lang): col.dates(awards, lang),
            tr("col.status", lang): col.statuses(awards["status"], lang),
            tr("col.source", lang): col.sources(awards, lang),
        }
    )
    return col.page_of(awards, table, offset)


@view(max_entries=256)
def award_notes(offset: int = 0, limit: int = 50, order: db.Order | None = None, lang: str = "id") -> list[str]:
    """The notes of the disputed, pending and scheduled awards among a page of them (Markdown, data escaped)."""
    awards = db.paged("awards_page", offset, limit, order)
    flagged = awards[awards["status"].isin(["disputed", "pending", "scheduled"])]
    return [
        f"**{fmt.md_text(r.singkatan if isinstance(r.singkatan, str) else r.nama)}** — {note_md(r.note, lang)}"
        for r in flagged.itertuples()
        if isinstance(r.note, str)
    ]


def awards_rows(lang: str, text: str = "", order: db.Order | None = None) -> col.Rows:
    """Every matching row, as machine values, for the table's downloads."""
    return col.rows_of(
        db.paged("awards_page", 0, None, order),
        ["agency_id", "nama", "event", "menuju", "date", "date_precision", "status", "note", "source_id"],
        lang,
    )


@view(kind="resource", max_entries=8)
def zones_figure(lang: str) -> go.Figure:
    """Stacked bars of pemda named per zone per year (the coverage table is its accessible alternative)."""
    # A resource, not data: the Figure is reused as is (st.plotly_chart only reads it), which saves a rebuild per rerun.
    return charts.read_only(charts.zones_by_year(db.zone_summary(), lang))
