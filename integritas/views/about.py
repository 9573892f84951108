"""Tentang data: every source, the assessment methods and bands, the public schema, regions and load history."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from integritas import db, fmt
from integritas.i18n import tr
from integritas.views import _columns as col
from integritas.views._cache import view


@dataclass
class AboutView:
    sources: pd.DataFrame
    methods: pd.DataFrame
    bands: pd.DataFrame
    tables: pd.DataFrame
    columns: pd.DataFrame
    regions: pd.DataFrame
    loads: pd.DataFrame


@view(max_entries=16)
def about(lang: str) -> AboutView:
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
                tr("col.source", lang): col.sources(methods, lang),
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
