"""The one data-access module: read-only DuckDB connections, a cursor per query, results cached by data version."""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from core import paths, versions
from etl.load import HISTORY_SQL

SQL_DIR = Path(__file__).parent / "sql"
# Queries etl owns because it owns the tables they read: the load history (the same file `etl history` runs).
ETL_SQL = {"loads": HISTORY_SQL}


class NoDatabase(Exception):
    """No database has been built yet."""


VERSION_PARAM = "versi"  # ?versi=2026-11-30-3f9a1c pins a page to a published data version (a citation's permalink)


def pinned_id() -> str | None:
    """The ?versi= of the page being drawn (None outside a script run, as in etl or a unit test)."""
    try:
        value = st.query_params.get(VERSION_PARAM)
    except Exception:  # no script run context: nothing is pinned
        return None
    return value or None


def data_version() -> str | None:
    """The path of the database file this page reads: the pinned version's file when ?versi= names a kept version,
    else the one CURRENT names. A new build gives a new path, hence new cache keys."""
    if (pin := pinned_id()) is not None and (v := versions.find(pin)) is not None:
        return str(paths.db_dir() / v.file)
    db = paths.current_db()
    return str(db) if db else None


@st.cache_data(max_entries=64, show_spinner=False)
def _version_of(path: str) -> versions.Version:
    return versions.of_file(Path(path))


def shown_version() -> versions.Version | None:
    """The published version (id, day) of the data this page shows."""
    path = data_version()
    return _version_of(path) if path else None


def latest_version() -> versions.Version | None:
    """The published version readers get without ?versi=."""
    db = paths.current_db()
    return _version_of(str(db)) if db else None


def kept_versions() -> list[versions.Version]:
    """Every published version still kept, newest first (a wrong ?versi= lists them)."""
    return versions.kept()


@st.cache_resource(max_entries=4, show_spinner=False)
def _root(path: str) -> duckdb.DuckDBPyConnection:
    # One read-only root per database file, shared by all sessions; every query takes its own cursor from it.
    return duckdb.connect(path, read_only=True)


@functools.cache
def _sql(name: str) -> str:
    return ETL_SQL.get(name, SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


_SORT_HEADER = re.compile(r"^-- sort: (.+)$", re.MULTILINE)
_PAGE_END = re.compile(r"ORDER BY (.+?) (LIMIT \$page_rows OFFSET \$page_start)\s*$", re.DOTALL)
Order = tuple[str, bool]  # (column, descending)


@functools.cache
def sortable(name: str) -> tuple[str, ...]:
    """The columns a paged query may be sorted by: its `-- sort:` header line."""
    m = _SORT_HEADER.search(_sql(name))
    return tuple(c.strip() for c in m.group(1).split(",")) if m else ()


@functools.cache
def _ordered_sql(name: str, order: Order | None) -> str:
    if order is None:
        return _sql(name)
    column, descending = order
    if column not in sortable(name):  # only a declared column name ever reaches the SQL text
        raise ValueError(f"{name}.sql cannot be sorted by {column!r}")
    direction = "DESC" if descending else "ASC"
    # the chosen column first, the query's own order after it: ties keep a stable, meaningful order
    return _PAGE_END.sub(lambda m: f'ORDER BY "{column}" {direction} NULLS LAST, {m[1]} {m[2]}', _sql(name))


@st.cache_data(max_entries=512, show_spinner=False)
def _fetch(name: str, params: tuple[tuple[str, object], ...], version: str, order: Order | None = None) -> pd.DataFrame:
    with _root(version).cursor() as cur:
        return cur.execute(_ordered_sql(name, order), dict(params) or None).df()


def query(name: str, **params: object) -> pd.DataFrame:
    """Run the named query from integritas/sql/<name>.sql (or ETL_SQL) against the current database."""
    version = data_version()
    if version is None:
        raise NoDatabase
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _fetch(name, frozen, version)


def zone_summary() -> pd.DataFrame:
    return query("zone_summary")


def latest_complaints() -> pd.DataFrame:
    return query("latest_complaints")


def sources(ids: list[str] | None = None) -> pd.DataFrame:
    if ids is None:
        return query("sources")
    return query("sources_by_id", ids=sorted({i for i in ids if isinstance(i, str)}))


def schema_columns() -> pd.DataFrame:
    return query("schema_columns")


def table_counts() -> pd.DataFrame:
    return query("table_counts")


def loads() -> pd.DataFrame:
    return query("loads")


def methods() -> pd.DataFrame:
    return query("methods")


def zone_bands() -> pd.DataFrame:
    return query("zone_bands")


def regions() -> pd.DataFrame:
    return query("regions")


def compliance_year(year: int) -> pd.DataFrame:
    return query("compliance_year", year=int(year))


def compliance_years() -> pd.DataFrame:
    return query("compliance_years")


def region_compliance(kode: str) -> pd.DataFrame:
    return query("region_compliance", kode=kode)


def compliance_counts_year(year: int) -> pd.DataFrame:
    return query("compliance_counts_year", year=int(year))


def agency(agency_id: str) -> pd.DataFrame:
    return query("agency", id=agency_id)


def agency_lineage_of(agency_id: str) -> pd.DataFrame:
    return query("agency_lineage_of", id=agency_id)


def agency_family_awards(agency_id: str) -> pd.DataFrame:
    return query("agency_family_awards", id=agency_id)


def agency_complaints(agency_id: str) -> pd.DataFrame:
    return query("agency_complaints", id=agency_id)


def agency_units(agency_id: str) -> pd.DataFrame:
    return query("agency_units", id=agency_id)


def search_index() -> pd.DataFrame:
    return query("search_index")


def agency_events(agency_id: str) -> pd.DataFrame:
    """One agency's ZI events (the journey of the agency page), read by id instead of filtering every journey."""
    return query("agency_events", id=agency_id)


def agency_names(ids: list[str]) -> pd.DataFrame:
    """id, nama of the agencies `ids` (the agency picker's options)."""
    return query("agency_names", ids=sorted(set(ids)))


def paged(name: str, offset: int, limit: int | None, order: Order | None = None, **params: object) -> pd.DataFrame:
    """One page of a paged query (its SQL ends in ORDER BY … LIMIT $page_rows OFFSET $page_start and counts every
    row in `total_rows`), sorted first by `order` (a column of its `-- sort:` header) when given; `limit=None` gives
    every matching row, for a download."""
    version = data_version()
    if version is None:
        raise NoDatabase
    params |= {"page_start": int(offset), "page_rows": None if limit is None else int(limit)}
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _fetch(name, frozen, version, order)


# ---------------------------------------------------------------- the ZI journey model (integritas/sql/journey_*.sql)

_FIRST_WITH = re.compile(r"^WITH\s", re.MULTILINE)


@functools.cache
def _with_journey_model(name: str) -> str:
    # The journey queries read the model as a CTE named journey_model, placed before their own CTEs, so that
    # the model has one definition (journey_model.sql) and DuckDB plans model and query as one statement.
    text = _sql(name)
    if not _FIRST_WITH.search(text):
        raise ValueError(f"{name}.sql must start with WITH to read journey_model")
    return _FIRST_WITH.sub(f"WITH journey_model AS (\n{_sql('journey_model')}\n),\n\n", text, count=1)


@st.cache_data(max_entries=256, show_spinner=False)
def _fetch_journey(name: str, params: tuple[tuple[str, object], ...], version: str) -> pd.DataFrame:
    with _root(version).cursor() as cur:
        return cur.execute(_with_journey_model(name), dict(params)).df()


def journey_query(
    name: str, today: date, stalled_after: float, agency_id: str | None = None, **params: object
) -> pd.DataFrame:
    """Run integritas/sql/<name>.sql over the journey model as of `today` (of `agency_id` alone when given)."""
    version = data_version()
    if version is None:
        raise NoDatabase
    params |= {"today": today, "stalled_after": float(stalled_after), "agency_id": agency_id}
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _fetch_journey(name, frozen, version)


def journey_model(today: date, stalled_after: float, agency_id: str | None = None) -> pd.DataFrame:
    """The journey model itself: one row per agency (or for `agency_id` only), ordered by agency id."""
    return journey_query("journey_agencies", today, stalled_after, agency_id)


def journey_events(ids: list[str]) -> pd.DataFrame:
    """The ZI events of the agencies `ids`, with their agency's names and each event's source."""
    return query("journey_events", ids=sorted(set(ids)))


def journey_options() -> pd.DataFrame:
    return query("journey_options")


def source_suggestions(text: str) -> pd.DataFrame:
    """id, publisher of the five sources whose ids are closest to `text` (a mistyped link)."""
    return query("source_suggestions", q=text)


def event_publishers() -> list[str]:
    """Publishers of the sources every ZI event cites, most cited first (province-wide charts' source line)."""
    return [str(p) for p in query("event_publishers")["publisher"]]
