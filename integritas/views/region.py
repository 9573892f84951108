"""Wilayah: a pemda's compliance history over the published bands, agencies there, unit assessments, complaints."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from integritas import charts, db
from integritas.i18n import tr
from integritas.views import _columns as col
from integritas.views._cache import view


@dataclass
class RegionView:  # nama, jenis, ibukota are plain text; the table is Markdown with its data escaped
    nama: str
    jenis: str
    ibukota: str
    history_table: pd.DataFrame
    history_rows: col.Rows  # the history as machine values, a year without a result included, for its downloads
    source_ids: list[str]  # of the history; each long table's page carries the sources of its rows


@view(max_entries=128)
def region(lang: str, kode: str) -> RegionView:
    reg = db.regions().set_index("kode").loc[kode]
    hist = db.region_compliance(kode)
    years = [int(y) for y in db.compliance_years()["year"]]
    # One row per assessment year, a year without a result for this pemda included (a gap stays a gap).
    by_year = hist.set_index("year").reindex(years)
    history_table = pd.DataFrame(
        {
            tr("col.year", lang): [str(y) for y in years],
            tr("col.zone", lang): col.zones(by_year["zone"], lang),
            tr("col.category", lang): col.texts(by_year["category"], "–"),
            tr("col.score", lang): col.scores(by_year["score"], lang),
            tr("col.status", lang): col.statuses(by_year["status"], lang),
            tr("col.source", lang): col.sources(by_year, lang),
        }
    )
    machine = by_year.reset_index().rename(columns={"index": "year"})
    machine.insert(0, "kode", kode)
    names = ["kode", "year", "zone", "category", "score", "status", "source_id"]
    return RegionView(
        nama=str(reg["nama"]),
        jenis=str(reg["jenis"]),
        ibukota=str(reg["ibukota"]),
        history_table=history_table,
        history_rows=col.rows_of(machine, names, lang),
        source_ids=sorted(set(hist["source_id"].tolist())),
    )


# The region's long tables, a page at a time: the query filters (`text`), orders and cuts in DuckDB, and the
# page holds only the rows shown, their exact total and their sources. `*_csv` gives every matching row.


@view(max_entries=256)
def agencies_page(
    lang: str, kode: str, text: str = "", offset: int = 0, limit: int = 50, order: db.Order | None = None
) -> col.Page:
    ag = db.paged("region_agencies_page", offset, limit, order, kode=kode, q=text)
    table = pd.DataFrame(
        {
            tr("col.agency", lang): col.texts(ag["nama"]),
            tr("col.parent", lang): col.texts(ag["induk"]),
            tr("col.stage", lang): col.events(ag, lang),
            tr("col.date", lang): col.dates(ag, lang),
            tr("col.status", lang): col.statuses(ag["status"], lang),
            tr("col.source", lang): col.sources(ag, lang),
        }
    )
    return col.page_of(ag, table, offset)


def agencies_rows(lang: str, kode: str, text: str = "", order: db.Order | None = None) -> col.Rows:
    """Every matching row, as machine values, for the table's downloads."""
    return col.rows_of(
        db.paged("region_agencies_page", 0, None, order, kode=kode, q=text),
        [
            "id",
            "nama",
            "singkatan",
            "jenis",
            "induk",
            "event",
            "menuju",
            "date",
            "date_precision",
            "status",
            "source_id",
        ],
        lang,
    )


@view(max_entries=256)
def units_page(
    lang: str, kode: str, text: str = "", offset: int = 0, limit: int = 50, order: db.Order | None = None
) -> col.Page:
    un = db.paged("region_units_page", offset, limit, order, kode=kode, q=text)
    table = pd.DataFrame(
        {
            tr("col.unit", lang): col.texts(un["unit"]),
            tr("col.year", lang): un["year"].astype(str),
            tr("col.zone", lang): col.zones(un["zone"], lang),
            tr("col.category", lang): col.texts(un["category"], "–"),
            tr("col.score", lang): col.scores(un["score"], lang),
            tr("col.source", lang): col.sources(un, lang),
        }
    )
    return col.page_of(un, table, offset)


def units_rows(lang: str, kode: str, text: str = "", order: db.Order | None = None) -> col.Rows:
    """Every matching row, as machine values, for the table's downloads."""
    return col.rows_of(
        db.paged("region_units_page", 0, None, order, kode=kode, q=text),
        ["agency_id", "unit", "year", "zone", "category", "score", "status", "source_id"],
        lang,
    )


@view(max_entries=256)
def complaints_page(
    lang: str, kode: str, text: str = "", offset: int = 0, limit: int = 50, order: db.Order | None = None
) -> col.Page:
    cp = db.paged("region_complaints_page", offset, limit, order, kode=kode)
    return col.page_of(cp, col.complaints_table(cp, lang), offset)


def complaints_rows(lang: str, kode: str, text: str = "", order: db.Order | None = None) -> col.Rows:
    """Every matching row, as machine values, for the table's downloads."""
    return col.rows_of(
        db.paged("region_complaints_page", 0, None, order, kode=kode),
        col.COMPLAINT_COLUMNS,
        lang,
    )


@view(kind="resource", max_entries=64)
def region_chart(lang: str, kode: str) -> go.Figure:
    """The pemda's scores and zones by year over the published bands."""
    years = [int(y) for y in db.compliance_years()["year"]]
    return charts.read_only(charts.compliance_history(db.region_compliance(kode), years, db.zone_bands(), lang))
