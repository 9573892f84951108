"""Tentang data: every source, the assessment methods and bands, the public schema, regions and load history.

A public page: the load history names no person and no server path. A load made by the seed build reads as the
seed, any other (an upload, an undo) as Ombudsman NTT staff, whoever's account or OS user made it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from integritas import db, fmt
from integritas.i18n import tr
from integritas.views import _columns as col
from integritas.views._cache import view


@dataclass
class AboutView:  # the sources list is paged: sources_page
    methods: pd.DataFrame  # Markdown cells (st.table), their data escaped, as are bands and tables
    bands: pd.DataFrame
    tables: pd.DataFrame
    columns: pd.DataFrame
    regions: pd.DataFrame
    loads: pd.DataFrame


SEED_PREFIX = "seed/"  # the seed build records each file as seed/<dataset>.csv (etl.build)


def loader(file_name: object, lang: str) -> str:
    """Who made a load, as the public may read it: the seed build, or Ombudsman NTT staff (never a name)."""
    seed = isinstance(file_name, str) and file_name.startswith(SEED_PREFIX)
    return tr("about.by_seed" if seed else "about.by_staff", lang)


@view(max_entries=16)
def about(lang: str) -> AboutView:
    methods, bands, loads = db.methods(), db.zone_bands(), db.loads()
    counts = db.table_counts().set_index("table_name")["n"]
    cols = db.schema_columns()
    tables = cols.drop_duplicates("table_name")
    return AboutView(
        methods=pd.DataFrame(
            {
                tr("col.method", lang): [tr(f"method.{m}", lang) for m in methods["id"]],
                tr("col.year", lang): [
                    f"{a}–{'' if pd.isna(b) else int(b)}"
                    for a, b in methods[["year_from", "year_to"]].itertuples(index=False)
                ],
                tr("col.note", lang): col.texts(methods["note"]),
                tr("col.source", lang): col.sources(methods, lang),
            }
        ),
        bands=pd.DataFrame(
            {
                tr("col.method", lang): [tr(f"method.short.{m}", lang) for m in bands["method"]],
                tr("col.year", lang): [f"{a}–{b}" for a, b in bands[["year_from", "year_to"]].itertuples(index=False)],
                tr("col.zone", lang): [tr(f"zone.{z}", lang) for z in bands["zone"]],
                tr("col.category", lang): col.texts(bands["category"], "–"),
                tr("col.value", lang): [
                    f"{fmt.number(a, lang, 2)} – {fmt.number(b, lang, 2)}"
                    for a, b in bands[["min_score", "max_score"]].itertuples(index=False)
                ],
                tr("col.source", lang): col.texts(bands["source_id"]),
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
                tr("col.by", lang): [loader(f, lang) for f in loads["file_name"]],
                tr("col.file", lang): loads["file_name"],
                tr("col.dataset", lang): loads["dataset"],
                tr("col.added", lang): loads["added"],
                "sha256": loads["sha256"].str.slice(0, 12),
            }
        ),
    )


@view(max_entries=256)
def sources_page(lang: str, text: str = "", offset: int = 0, limit: int = 50) -> col.Page:
    """A page of every cited passage (id, publisher, title, date, link, verbatim quote, note), filtered in DuckDB."""
    src = db.paged("sources_page", offset, limit, q=text)
    table = pd.DataFrame(
        {
            tr("col.id", lang): col.texts(src["id"]),
            tr("col.source", lang): col.sources(src, lang),  # the publisher, linked when its URL is http(s)
            tr("col.title", lang): col.texts(src["title"]),
            tr("col.published_on", lang): [fmt.day(d, lang) if not pd.isna(d) else "" for d in src["published_on"]],
            # the address itself, to cite (as text: the publisher beside it is the link); http(s) only
            tr("col.url", lang): col.texts([fmt.http_url(u) for u in src["url"]]),
            tr("col.quote", lang): col.texts(src["quote"]),
            tr("col.refs", lang): col.texts(src["refs"]),
            tr("col.note", lang): col.texts(src["note"]),
        }
    )
    return col.page_of(src, table, offset)


def sources_csv(text: str = "") -> bytes:
    return col.csv_bytes(db.paged("sources_page", 0, None, q=text))
