"""The one data-access module: read-only DuckDB connections, a cursor per query, results cached by data version."""

from __future__ import annotations

import functools
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from core import paths
from etl.load import HISTORY_SQL

SQL_DIR = Path(__file__).parent / "sql"
# Queries etl owns because it owns the tables they read: the load history (the same file `etl history` runs).
ETL_SQL = {"loads": HISTORY_SQL}


class NoDatabase(Exception):
    """No database has been built yet."""


def data_version() -> str | None:
    """The path of the database file readers should use; a new build gives a new path, hence new cache keys."""
    db = paths.current_db()
    return str(db) if db else None


@st.cache_resource(max_entries=4, show_spinner=False)
def _root(path: str) -> duckdb.DuckDBPyConnection:
    # One read-only root per database file, shared by all sessions; every query takes its own cursor from it.
    return duckdb.connect(path, read_only=True)


@functools.cache
def _sql(name: str) -> str:
    return ETL_SQL.get(name, SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@st.cache_data(max_entries=512, show_spinner=False)
def _fetch(name: str, params: tuple[tuple[str, object], ...], version: str) -> pd.DataFrame:
    with _root(version).cursor() as cur:
        return cur.execute(_sql(name), dict(params) or None).df()


def query(name: str, **params: object) -> pd.DataFrame:
    """Run the named query from integritas/sql/<name>.sql (or ETL_SQL) against the current database."""
    version = data_version()
    if version is None:
        raise NoDatabase
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _fetch(name, frozen, version)


def awards() -> pd.DataFrame:
    return query("awards")


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


def region_agencies(kode: str) -> pd.DataFrame:
    return query("region_agencies", kode=kode)


def region_complaints(kode: str) -> pd.DataFrame:
    return query("region_complaints", kode=kode)


def region_units(kode: str) -> pd.DataFrame:
    return query("region_units", kode=kode)


def compliance_counts_year(year: int) -> pd.DataFrame:
    return query("compliance_counts_year", year=int(year))


def journeys() -> pd.DataFrame:
    return query("journeys")


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


def complaints_all() -> pd.DataFrame:
    return query("complaints_all")
