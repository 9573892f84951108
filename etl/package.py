"""The whole dataset in one zip: every public table as CSV and Parquet, a DuckDB file and a datapackage.json."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from core import paths
from core.i18n import LANGS, tr
from etl.datasets import DATASETS, Field
from etl.sqlutil import ident, idents, literal

# The tables a reader of the public pages sees, in load order (a table after every table it references), so the
# DuckDB copy can be filled table by table with its foreign keys enforced. Listed by hand, not derived from
# DATASETS: publishing a table is a decision, and a table nobody classified is never shipped (unclassified_tables
# names them; tests/unit/test_package.py fails on one, so a new table gets its decision).
PUBLIC_TABLES: tuple[str, ...] = (
    "sources",
    "regions",
    "methods",
    "zone_bands",
    "agencies",
    "agency_aliases",
    "agency_lineage",
    "zi_events",
    "compliance",
    "compliance_counts",
    "unit_compliance",
    "complaints",
)

# Views of the public tables kept in the DuckDB copy (not as CSV: a view holds no rows of its own).
PUBLIC_VIEWS: tuple[str, ...] = ("cited_rows",)

# What the warehouse holds besides, and why it stays out. Staff accounts, sessions, sign-in counters and the cookie
# secret are not in the database at all (JSON files under data/staff), so no table of theirs can leak through here.
EXCLUDED: dict[str, str] = {
    # `by` is the staff account or OS user behind each build, upload and undo, `file_name` the uploaded file's
    # name; the public page shows this history only with the person replaced by "staf Ombudsman NTT".
    "loads": "names the person behind every build and upload, and the uploaded file names",
    # row images kept so an upload can be undone: the internals of the audit trail, keyed to `loads`
    "load_changes": "before/after row images of staff uploads, kept for undo",
}

# A bilingual description of every public table and column, by literal key: tests/unit/test_i18n.py counts a key as
# used only when the code names it in full. The DDL's comments (what "Tentang data" shows) are English only and
# cover a handful of columns, so the two languages live in core/locales, [package.table] and [package.field].
TABLE_TEXT: dict[str, str] = {
    "sources": "package.table.sources",
    "regions": "package.table.regions",
    "methods": "package.table.methods",
    "zone_bands": "package.table.zone_bands",
    "agencies": "package.table.agencies",
    "agency_aliases": "package.table.agency_aliases",
    "agency_lineage": "package.table.agency_lineage",
    "zi_events": "package.table.zi_events",
    "compliance": "package.table.compliance",
    "compliance_counts": "package.table.compliance_counts",
    "unit_compliance": "package.table.unit_compliance",
    "complaints": "package.table.complaints",
}
FIELD_TEXT: dict[str, str] = {
    "id": "package.field.id",
    "url": "package.field.url",
    "publisher": "package.field.publisher",
    "title": "package.field.title",
    "published_on": "package.field.published_on",
    "quote": "package.field.quote",
    "refs": "package.field.refs",
    "note": "package.field.note",
    "kode": "package.field.kode",
    "kode_bps": "package.field.kode_bps",
    "nama": "package.field.nama",
    "jenis": "package.field.jenis",
    "ibukota": "package.field.ibukota",
    "year_from": "package.field.year_from",
    "year_to": "package.field.year_to",
    "source_id": "package.field.source_id",
    "source_id_2": "package.field.source_id_2",
    "method": "package.field.method",
    "zone": "package.field.zone",
    "category": "package.field.category",
    "min_score": "package.field.min_score",
    "max_score": "package.field.max_score",
    "singkatan": "package.field.singkatan",
    "induk": "package.field.induk",
    "region_kode": "package.field.region_kode",
    "is_group": "package.field.is_group",
    "agency_id": "package.field.agency_id",
    "alias": "package.field.alias",
    "predecessor_id": "package.field.predecessor_id",
    "successor_id": "package.field.successor_id",
    "date": "package.field.date",
    "date_precision": "package.field.date_precision",
    "status": "package.field.status",
    "event": "package.field.event",
    "menuju": "package.field.menuju",
    "year": "package.field.year",
    "score": "package.field.score",
    "opini": "package.field.opini",
    "n": "package.field.n",
    "period_start": "package.field.period_start",
    "period_end": "package.field.period_end",
    "scope": "package.field.scope",
    "dimension": "package.field.dimension",
    "dimension_value": "package.field.dimension_value",
    "metric": "package.field.metric",
    "comparator": "package.field.comparator",
    "value": "package.field.value",
}

# How an identifier's pattern is said in words, as the upload page's column guide says it (integritas.upload).
_FORMATS = {"src-[a-z0-9-]+": "source_id", "[a-z0-9]+(-[a-z0-9]+)*": "slug", r"https?://\S+": "url"}

NAME = "integritas-ntt"
PACKAGES = "packages"
KEEP_PACKAGES = 3  # zips of older versions kept besides the newest (a download may still be streaming one)
MAX_PUBLISHERS = 25  # publishers named one by one in datapackage.json `sources`; the rest are counted
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")  # a version becomes part of file names: nothing else


def unclassified_tables(db_file: Path) -> list[str]:
    """Tables and views of `db_file` that are neither public nor excluded: left out of the package until classified."""
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        names = con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' UNION "
            "SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal"
        ).fetchall()
    finally:
        con.close()
    known = {*PUBLIC_TABLES, *PUBLIC_VIEWS, *EXCLUDED}
    return sorted(n for (n,) in names if n not in known)


def archive_name(version: str) -> str:
    """The zip's file name for a data version, e.g. integritas-ntt-data_2026-11-30-3f9a1c.zip."""
    return f"{NAME}-data_{_checked(version)}.zip"


def duckdb_name(version: str) -> str:
    return f"{NAME}_{_checked(version)}.duckdb"


def _checked(version: str) -> str:
    if not _VERSION.fullmatch(version):
        raise ValueError(f"not a usable data version id: {version!r}")
    return version


def packages_dir() -> Path:
    return paths.data_dir() / PACKAGES


def describe_table(table: str, lang: str) -> str:
    return tr(TABLE_TEXT[table], lang) if table in TABLE_TEXT else ""


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def describe_field(table: str, column: str, lang: str) -> str:
    """What a column holds, in `lang`: its meaning, then the rules the declared schema (etl/datasets.py) gives it,
    said with the upload column guide's words so the two never disagree."""
    parts = [tr(FIELD_TEXT[column], lang)] if column in FIELD_TEXT else []
    ds = DATASETS.get(table)
    declared = {f.name: f for f in ds.fields} if ds else {}
    f = declared.get(column)
    if f is not None and ds is not None:
        if f.choices:
            parts.append(tr("guide.choices", lang, choices=", ".join(f.choices)))
        if f.min is not None or f.max is not None:
            lo = _number(f.min) if f.min is not None else "…"
            hi = _number(f.max) if f.max is not None else "…"
            parts.append(tr("guide.range", lang, lo=lo, hi=hi))
        if f.pattern:
            parts.append(tr(f"guide.format.{_FORMATS.get(f.pattern, 'other')}", lang, pattern=f.pattern))
        parts += [tr(f"guide.rule.{r.name}", lang) for r in ds.rules if r.column == column]
    return "; ".join(parts)


def _both(key: str, **kwargs: object) -> dict[str, str]:
    return {lang: tr(key, lang, **kwargs) for lang in LANGS}


def _joined(texts: dict[str, str], sep: str = "\n") -> str:
    """One string holding every language, each marked, Bahasa Indonesia (the source language) first."""
    return sep.join(f"({lang}) {texts[lang]}" for lang in LANGS)


# DuckDB type -> Table Schema type. Anything not listed is shipped as text ("string"), which every reader can parse.
def _field_type(data_type: str) -> str:
    t = data_type.upper()
    if t in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}:
        return "integer"
    if t.startswith("DECIMAL") or t in {"DOUBLE", "FLOAT", "REAL"}:
        return "number"
    if t == "BOOLEAN":
        return "boolean"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "datetime"
    if t == "TIME":
        return "time"
    return "string"


@dataclass
class _Column:
    name: str
    data_type: str
    nullable: bool


@dataclass
class _Table:
    name: str
    columns: list[_Column]
    rows: int = 0
    primary_key: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()  # single columns with a UNIQUE constraint
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()


def _read_tables(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, _Table]:
    """Columns and keys of the source database's public tables, as the database itself declares them."""
    where = f"database_name = 'src' AND schema_name = 'main' AND table_name IN ({', '.join(map(literal, names))})"
    tables = {name: _Table(name, []) for name in names}
    for table, name, data_type, nullable in con.execute(
        f"SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() WHERE {where} "
        "ORDER BY table_name, column_index"
    ).fetchall():
        tables[table].columns.append(_Column(name, data_type, bool(nullable)))
    for table, kind, cols, ref_table, ref_cols in con.execute(
        "SELECT table_name, constraint_type, constraint_column_names, referenced_table, referenced_column_names "
        f"FROM duckdb_constraints() WHERE {where} AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') "
        "ORDER BY table_name, constraint_index"
    ).fetchall():
        t = tables[table]
        if kind == "PRIMARY KEY":
            t.primary_key = tuple(cols)
        elif kind == "UNIQUE" and len(cols) == 1:
            t.unique += (cols[0],)
        elif kind == "FOREIGN KEY" and ref_table in tables:
            t.foreign_keys += ((tuple(cols), ref_table, tuple(ref_cols)),)
    return tables


def _constraints(table: _Table, col: _Column, declared: Field | None) -> dict[str, object]:
    """Table Schema constraints: NOT NULL and UNIQUE from the database, allowed values, range and pattern from the
    declared schema, so a validator of the CSV checks what the database checked."""
    out: dict[str, object] = {}
    if not col.nullable or col.name in table.primary_key:
        out["required"] = True
    if col.name in table.unique:
        out["unique"] = True
    if declared is not None:
        if declared.choices:
            out["enum"] = list(declared.choices)
        numeric = int if _field_type(col.data_type) == "integer" else float
        if declared.min is not None:
            out["minimum"] = numeric(declared.min)
        if declared.max is not None:
            out["maximum"] = numeric(declared.max)
        if declared.pattern:
            out["pattern"] = declared.pattern
    return out


def _schema(table: _Table) -> dict[str, object]:
    ds = DATASETS.get(table.name)
    declared = {f.name: f for f in ds.fields} if ds else {}
    fields = []
    for col in table.columns:
        texts = {lang: describe_field(table.name, col.name, lang) for lang in LANGS}
        field: dict[str, object] = {
            "name": col.name,
            "type": _field_type(col.data_type),
            "description": _joined(texts),
            "descriptions": texts,  # the same, one entry per language, for a program to pick one
        }
        if constraints := _constraints(table, col, declared.get(col.name)):
            field["constraints"] = constraints
        fields.append(field)
    schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(cols), "reference": {"resource": ref, "fields": list(ref_cols)}}
            for cols, ref, ref_cols in table.foreign_keys
        ]
    return schema


def _order_by(table: _Table) -> str:
    """Rows in key order, so two versions of a table compare line by line."""
    key = table.primary_key or (DATASETS[table.name].key if table.name in DATASETS else ())
    return f" ORDER BY {idents(key)}" if key else ""


def _export(con: duckdb.DuckDBPyConnection, table: _Table, folder: Path) -> None:
    """The table as CSV and as Parquet, written by DuckDB itself (no rows pass through Python)."""
    select = f"SELECT {idents(c.name for c in table.columns)} FROM src.main.{ident(table.name)}{_order_by(table)}"
    csv = folder / "data" / f"{table.name}.csv"
    # DuckDB writes NULL as an empty cell and an empty string as "", dates as ISO, numbers bare
    con.execute(f"COPY ({select}) TO {literal(str(csv))} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"')")
    parquet = folder / "parquet" / f"{table.name}.parquet"
    con.execute(f"COPY ({select}) TO {literal(str(parquet))} (FORMAT parquet, COMPRESSION zstd)")
    row = con.execute(f"SELECT count(*) FROM src.main.{ident(table.name)}").fetchone()
    table.rows = int(row[0]) if row else 0


def _copy_database(con: duckdb.DuckDBPyConnection, tables: list[_Table], target: Path) -> None:
    """A fresh DuckDB file holding only the public tables, with their keys, checks and comments: the warehouse
    itself also holds the load audit (who loaded what), so it is never shipped as it is."""
    con.execute(f"ATTACH {literal(str(target))} AS pkg")
    try:
        con.execute("USE pkg")  # the warehouse's CREATE statements name no catalog: they land here
        for t in tables:
            row = con.execute(
                "SELECT sql, comment FROM duckdb_tables() WHERE database_name = 'src' AND schema_name = 'main' "
                "AND table_name = ?",
                [t.name],
            ).fetchone()
            assert row is not None, t.name
            con.execute(row[0])
            con.execute(f"INSERT INTO pkg.main.{ident(t.name)} SELECT * FROM src.main.{ident(t.name)}")
            if row[1]:
                con.execute(f"COMMENT ON TABLE {ident(t.name)} IS {literal(row[1])}")
            for name, comment in con.execute(
                "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = 'src' AND schema_name = "
                "'main' AND table_name = ? AND comment IS NOT NULL",
                [t.name],
            ).fetchall():
                con.execute(f"COMMENT ON COLUMN {ident(t.name)}.{ident(name)} IS {literal(comment)}")
        for sql, comment, name in con.execute(
            "SELECT sql, comment, view_name FROM duckdb_views() WHERE database_name = 'src' AND schema_name = 'main' "
            f"AND view_name IN ({', '.join(map(literal, PUBLIC_VIEWS))})"
        ).fetchall():
            con.execute(sql)  # binds now: a view reading an unshipped table fails here, not in a reader's hands
            if comment:
                con.execute(f"COMMENT ON VIEW {ident(name)} IS {literal(comment)}")
        con.execute("CHECKPOINT pkg")
    finally:
        con.execute("USE memory")
        con.execute("DETACH pkg")


def _publishers(con: duckdb.DuckDBPyConnection) -> list[dict[str, str]]:
    """The `sources` of the package: the publishers of the cited passages, most cited first, the tail counted."""
    rows = con.execute(
        "SELECT publisher, count(*) AS n FROM src.main.sources GROUP BY publisher ORDER BY n DESC, publisher"
    ).fetchall()
    out = [{"title": str(publisher)} for publisher, _n in rows[:MAX_PUBLISHERS]]
    if rest := rows[MAX_PUBLISHERS:]:
        out.append({"title": _joined(_both("package.sources_rest", n=len(rest)), " ")})
    return out


def _boundaries() -> tuple[Path, str, str] | None:
    """The kab/kota boundary file with its attribution and licence as the file states them, when it exists."""
    path = paths.boundaries_file()
    try:
        fc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return path, str(fc.get("attribution", "")), str(fc.get("licence", ""))


def _datapackage(
    version: str,
    created: str,
    tables: list[_Table],
    publishers: list[dict[str, str]],
    geo: tuple[Path, str, str] | None,
) -> dict[str, object]:
    texts = {}
    for lang in LANGS:
        lines = [tr("package.description", lang, version=version), tr("package.licence", lang)]
        if geo:
            lines.append(tr("package.boundaries", lang, attribution=geo[1], licence=geo[2]))
        texts[lang] = " ".join(lines)
    resources = []
    for t in tables:
        texts_t = {lang: describe_table(t.name, lang) for lang in LANGS}
        resources.append(
            {
                "name": t.name,
                "path": f"data/{t.name}.csv",
                "profile": "tabular-data-resource",
                "title": t.name,
                "description": _joined(texts_t),
                "descriptions": texts_t,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": _schema(t),
            }
        )
    titles = _both("package.title")
    # No `licenses`: the project states no licence for the facts, and none is made up here; `description` says so.
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": " / ".join(titles[lang] for lang in LANGS),
        "titles": titles,
        "description": _joined(texts, "\n\n"),
        "descriptions": texts,
        "version": version,
        "created": created,
        "sources": publishers,
        "resources": resources,
    }


def _readme(version: str, created: str, tables: list[_Table], geo: tuple[Path, str, str] | None) -> str:
    blocks = []
    for lang in LANGS:
        lines = [
            tr("package.title", lang),
            tr("package.readme.version", lang, version=version, created=created),
            "",
            tr("package.readme.contents", lang),
            "  datapackage.json — " + tr("package.readme.datapackage", lang),
            "  data/*.csv — " + tr("package.readme.csv", lang),
            "  parquet/*.parquet — " + tr("package.readme.parquet", lang),
            f"  {duckdb_name(version)} — " + tr("package.readme.duckdb", lang),
        ]
        if geo:
            lines.append(f"  geo/{geo[0].name} — " + tr("package.readme.geo", lang))
        lines += ["", tr("package.readme.tables", lang)]
        lines += [f"  {t.name} ({t.rows}): {describe_table(t.name, lang)}" for t in tables]
        lines += [
            "",
            tr("package.readme.excluded", lang),
            "",
            tr("package.readme.cite", lang),
            "  " + tr("package.citation", lang, version=version, created=created[:10]),
            "",
            tr("package.readme.licence", lang),
            "  " + tr("package.licence", lang),
        ]
        if geo:
            lines.append("  " + tr("package.boundaries", lang, attribution=geo[1], licence=geo[2]))
        blocks.append("\n".join(lines))
    return ("\n\n" + "=" * 72 + "\n\n").join(blocks) + "\n"


def build_package(db_file: Path, version: str, out_dir: Path) -> Path:
    """Write `out_dir/<archive_name(version)>` from the database `db_file` (opened read-only) and return its path.

    Everything is written in a scratch folder inside `out_dir`, zipped to a temporary name there and renamed into
    place, so a reader never sees half a zip and a crash leaves no file under the final name."""
    target = out_dir / archive_name(version)
    out_dir.mkdir(parents=True, exist_ok=True)
    root = f"{NAME}-data_{version}"
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        for sub in ("data", "parquet"):
            (work / sub).mkdir()
        con = duckdb.connect()
        try:
            con.execute(f"ATTACH {literal(str(db_file))} AS src (READ_ONLY)")
            present = {
                r[0]
                for r in con.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src' AND schema_name = 'main'"
                ).fetchall()
            }
            names = [t for t in PUBLIC_TABLES if t in present]
            by_name = _read_tables(con, names)
            tables = [by_name[n] for n in names]
            for t in tables:
                _export(con, t, work)
            _copy_database(con, tables, work / duckdb_name(version))
            publishers = _publishers(con) if "sources" in present else []
        finally:
            con.close()
        created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        geo = _boundaries()
        (work / "datapackage.json").write_text(
            json.dumps(_datapackage(version, created, tables, publishers, geo), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        (work / "README.txt").write_text(_readme(version, created, tables, geo), encoding="utf-8")
        members = [work / "README.txt", work / "datapackage.json"]
        members += [work / "data" / f"{t.name}.csv" for t in tables]
        members += [work / "parquet" / f"{t.name}.parquet" for t in tables]
        members.append(work / duckdb_name(version))
        if geo:
            (work / "geo").mkdir()
            shutil.copyfile(geo[0], work / "geo" / geo[0].name)
            members.append(work / "geo" / geo[0].name)
        partial = work / "package.zip"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in members:
                arcname = f"{root}/{path.relative_to(work).as_posix()}"
                # Parquet is compressed already: stored, it zips in no time and loses nothing
                kind = zipfile.ZIP_STORED if path.suffix == ".parquet" else zipfile.ZIP_DEFLATED
                zf.write(path, arcname, compress_type=kind)
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


@contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """One builder at a time per data directory (an OS file lock, so it holds across processes)."""
    with (folder / ".package.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _prune(folder: Path, keep: Path) -> None:
    """Drop scratch left by a killed builder and all but the newest KEEP_PACKAGES zips besides `keep`."""
    for stale in folder.glob(".build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    olds = sorted((p for p in folder.glob(f"{NAME}-data_*.zip") if p != keep), key=lambda p: p.stat().st_mtime)
    for p in olds[:-KEEP_PACKAGES] if len(olds) > KEEP_PACKAGES else []:
        p.unlink(missing_ok=True)  # a download still reading it keeps its open handle on POSIX


def package_path(db_file: Path, version: str) -> Path:
    """The zip of data version `version` (read from `db_file`), under <data dir>/packages: built on the first call
    for a version, then the same file. Concurrent callers wait for the one building it; none sees a partial zip."""
    folder = packages_dir()
    target = folder / archive_name(version)
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with _lock(folder):
        if not target.exists():  # another caller may have built it while this one waited for the lock
            _prune(folder, target)
            build_package(db_file, version, folder)
    return target
