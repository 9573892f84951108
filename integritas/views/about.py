"""Tentang data: every source, the assessment methods and bands, the public schema, regions and load history.

A public page: the load history names no person and no server path. A load made by the seed build reads as the
seed, any other (an upload, an undo) as Ombudsman NTT staff, whoever's account or OS user made it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core import paths
from etl import package
from integritas import db, fmt
from integritas.i18n import tr
from integritas.labels import method_note_md, notes_md
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


def _regions(lang: str) -> pd.DataFrame:
    """The regions with headers and kinds in the page's language; names and codes as they are (escaped)."""
    r = db.regions()
    return pd.DataFrame(
        {
            tr("col.kode", lang): col.texts(r["kode"]),
            tr("lang.region.kode_bps", lang): col.texts(r["kode_bps"]),
            tr("lang.region.nama", lang): col.texts(r["nama"]),
            tr("col.jenis", lang): [tr(f"jenis.{j}", lang) for j in r["jenis"]],
            tr("lang.region.ibukota", lang): col.texts(r["ibukota"]),
        }
    )


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
                # the project's own description of each method: translated by its id (labels.note_md)
                tr("col.note", lang): [
                    method_note_md(n, m, lang) for n, m in methods[["note", "id"]].itertuples(index=False)
                ],
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
                tr("col.table", lang): tables["table_name"],  # names from our own DDL: [a-z_] only
                tr("col.rows", lang): [fmt.number(counts.get(n, 0), lang) for n in tables["table_name"]],
                # the page's language: the descriptions the data package gives in both (DuckDB comments are English)
                tr("col.description", lang): [
                    fmt.md_text(package.describe_table(n, lang)) for n in tables["table_name"]
                ],
            }
        ),
        columns=pd.DataFrame(
            {
                tr("col.table", lang): cols["table_name"],
                tr("col.column", lang): cols["column_name"],
                tr("col.type", lang): cols["data_type"],
                tr("col.description", lang): [  # a pattern (^53\.\d{2}$) is text, not Markdown
                    fmt.md_text(package.describe_field(tb, c, lang))
                    for tb, c in cols[["table_name", "column_name"]].itertuples(index=False)
                ],
            }
        ),
        # st.table reads Markdown: every text from data escaped, so a name shows as typed
        regions=_regions(lang),
        loads=pd.DataFrame(
            {
                tr("col.id", lang): loads["id"],
                tr("col.at", lang): [fmt.day(a, lang) for a in loads["at"]],
                tr("col.by", lang): [loader(f, lang) for f in loads["file_name"]],
                tr("col.file", lang): col.texts(loads["file_name"]),
                tr("col.dataset", lang): loads["dataset"],
                tr("col.added", lang): loads["added"],
                "sha256": loads["sha256"].str.slice(0, 12),
            }
        ),
    )


@view(max_entries=256)
def sources_page(
    lang: str, text: str = "", offset: int = 0, limit: int = 50, order: db.Order | None = None
) -> col.Page:
    """A page of every cited passage (id, publisher, title, date, link, verbatim quote, note), filtered in DuckDB."""
    src = db.paged("sources_page", offset, limit, order, q=text)
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
            tr("col.note", lang): notes_md(src["note"], lang),
        }
    )
    page = col.page_of(src, table, offset)
    page.markdown = col.sources_markdown(src, lang)  # eight columns of long text: a list, not a table
    return page


def sources_rows(lang: str, text: str = "", order: db.Order | None = None) -> col.Rows:
    """Every matching row, as machine values, for the table's downloads."""
    return col.rows_of(
        db.paged("sources_page", 0, None, order, q=text),
        ["id", "publisher", "title", "published_on", "url", "quote", "refs", "note"],
        lang,
    )


@view(max_entries=64)
def source_detail(lang: str, source_id: str) -> str | None:
    """One source as the sources list shows it (Markdown, data escaped), or None when no source has this id."""
    found = db.sources([source_id])
    return col.sources_markdown(found, lang) if len(found) else None


@view(max_entries=64)
def source_suggestions(lang: str, text: str) -> str:
    """The closest source ids to a mistyped one, as a Markdown list of links to each quote."""
    near = db.source_suggestions(text)
    return "\n".join(
        f"- [{fmt.md_text(i)}]({fmt.md_url(col.quote_link(i, lang))}) · {fmt.md_text(p)}"
        for i, p in near[["id", "publisher"]].itertuples(index=False)
    )


PACKAGE_SECONDS = 600


def package_name(version_id: str) -> str:
    """The whole dataset's zip file name, naming its version."""
    return package.archive_name(version_id)


def data_package(version_id: str) -> bytes:
    """The whole dataset of a kept version as one zip (CSV, Parquet, DuckDB, datapackage.json, README).

    Built once per version and kept on disk; the build runs in its own process (`python -m etl package`), so its
    memory (hundreds of MB at a nation's scale) never stays with the server that serves every reader."""
    cached = package.packages_dir() / package.archive_name(version_id)
    if not cached.exists():
        done = subprocess.run(
            [sys.executable, "-m", "etl", "package", "--version", version_id],
            cwd=paths.REPO_ROOT,
            env={**os.environ, paths.ENV_DATA_DIR: str(paths.data_dir())},
            capture_output=True,
            text=True,
            timeout=PACKAGE_SECONDS,
            check=True,
        )
        cached = Path(done.stdout.strip().splitlines()[-1])
    return cached.read_bytes()
