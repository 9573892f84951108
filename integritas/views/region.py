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
class RegionView:  # nama, jenis, ibukota are plain text; the tables are Markdown with their data escaped
    nama: str
    jenis: str
    ibukota: str
    history_table: pd.DataFrame
    agencies: pd.DataFrame
    units: pd.DataFrame
    complaints: pd.DataFrame
    source_ids: list[str]


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
    ag = db.region_agencies(kode)
    agencies = pd.DataFrame(
        {
            tr("col.agency", lang): col.texts(ag["nama"]),
            tr("col.parent", lang): col.texts(ag["induk"]),
            tr("col.stage", lang): col.events(ag, lang),
            tr("col.date", lang): col.dates(ag, lang),
            tr("col.status", lang): col.statuses(ag["status"], lang),
            tr("col.source", lang): col.sources(ag, lang),
        }
    )
    un = db.region_units(kode)
    units = pd.DataFrame(
        {
            tr("col.unit", lang): col.texts(un["unit"]),
            tr("col.year", lang): un["year"].astype(str),
            tr("col.zone", lang): col.zones(un["zone"], lang),
            tr("col.category", lang): col.texts(un["category"], "–"),
            tr("col.score", lang): col.scores(un["score"], lang),
            tr("col.source", lang): col.sources(un, lang),
        }
    )
    cp = db.region_complaints(kode)
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
        complaints=col.complaints_table(cp, lang),
        source_ids=sorted(set(ids)),
    )


@view(kind="resource", max_entries=64)
def region_chart(lang: str, kode: str) -> go.Figure:
    """The pemda's scores and zones by year over the published bands."""
    years = [int(y) for y in db.compliance_years()["year"]]
    return charts.read_only(charts.compliance_history(db.region_compliance(kode), years, db.zone_bands(), lang))
