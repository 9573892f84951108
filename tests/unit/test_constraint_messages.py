"""Every constraint the database has (CHECK, NOT NULL, FOREIGN KEY, from etl/datasets.py) and every rule across
columns is met by a file that breaks it with a row/column/value message in Bahasa and English — never a database
error. The file is built from a real row of the seed with one cell changed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from core import paths
from etl.datasets import DATASETS, Dataset, Field
from etl.reader import stage
from etl.sqlutil import ident
from etl.validate import ValidationFailed, check, column_types

# How to break each rule across columns, from a real row: the cells to change. A new rule needs a line here.
BREAK_RULE = {
    "years_in_order": {"year_from": "2024", "year_to": "2020"},
    "scores_in_order": {"min_score": "90", "max_score": "80"},
    "not_itself": {"successor_id": "{predecessor_id}"},
    "name_taken": {"nama": "KPPN Kupang", "alias": "KPPN Kupang", "id": "lain-1", "agency_id": "bpolbf"},
    "method_year": {"year": "2019", "method": "opini"},
    "period_in_order": {"period_start": "2030-12-31", "period_end": "2030-01-01"},
    "breakdown_value": {"dimension": "kanal", "dimension_value": ""},
    "percent_max": {"metric": "persen", "value": "120"},
    "count_whole": {"metric": "laporan", "value": "12,5"},
}


def _breaks(f: Field) -> Iterator[tuple[str, str]]:
    """(what, cell) pairs that break a field's declared constraints."""
    if f.required:
        yield "required", ""
    if f.choices:
        yield "choice", "tidak-ada-pilihan"
    if f.max is not None:
        yield "range", str(int(f.max) + 1)
    if f.min is not None:
        yield "range", str(int(f.min) - 1)
    if f.pattern:
        yield "pattern", "Tidak Sesuai!"
    if f.ref:
        yield "unknown_ref", "tidak-ada-9"


@pytest.fixture(scope="module")
def con(built_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    db = paths.current_db()
    assert db is not None
    c = duckdb.connect(str(built_dir / "db" / db.name), read_only=True)
    yield c
    c.close()


def _row(con: duckdb.DuckDBPyConnection, ds: Dataset, where: str = "true") -> dict[str, str]:
    cols = ", ".join(f"{ident(c)}::VARCHAR" for c in ds.columns)
    (row,) = con.execute(f"SELECT {cols} FROM {ident(ds.table)} WHERE {where} LIMIT 1").fetchall()
    return {c: "" if v is None else v for c, v in zip(ds.columns, row, strict=True)}


def _problems(con: duckdb.DuckDBPyConnection, ds: Dataset, row: dict[str, str]) -> list:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(ds.columns)
    writer.writerow([row[c] for c in ds.columns])
    known = {
        ref: {
            tuple(map(str, r))
            for r in con.execute(f"SELECT {ident(DATASETS[ref].key[0])} FROM {ident(ref)}").fetchall()
        }
        for ref in {f.ref for f in ds.fields if f.ref}
    }
    cur = con.cursor()
    try:
        check(cur, stage(cur, buf.getvalue().encode(), "uji"), ds, known, types=column_types(cur, ds.table))
    except ValidationFailed as err:
        return err.problems
    finally:
        cur.close()
    return []


CASES = [
    (ds.name, f.name, what, cell)
    for ds in DATASETS.values()
    for f in ds.fields
    for what, cell in _breaks(f)
    # an empty cell in a reference that only holds on some rows is not a reference at all
    if not (f.ref_when and what == "required")
]


@pytest.mark.parametrize(("dataset", "column", "what", "cell"), CASES)
def test_a_cell_that_breaks_a_constraint_is_named(
    con: duckdb.DuckDBPyConnection, dataset: str, column: str, what: str, cell: str
) -> None:
    ds = DATASETS[dataset]
    where = "dimension = 'asal'" if column == "dimension_value" else "true"
    row = _row(con, ds, where) | {column: cell}
    problems = [p for p in _problems(con, ds, row) if p.column == column]
    assert problems, (dataset, column, what, cell)
    p = problems[0]
    assert p.row == 2 and p.code == what, p
    assert p.message("id").startswith(f"Baris 2, kolom {column}") and p.message("en").startswith(
        f"Row 2, column {column}"
    )
    assert "Error" not in p.message("en")


RULES = [(ds.name, rule.name, rule.column) for ds in DATASETS.values() for rule in ds.rules]


def test_every_rule_has_a_way_to_break_it() -> None:
    assert sorted({name for _, name, _ in RULES} - set(BREAK_RULE)) == []


@pytest.mark.parametrize(("dataset", "rule", "column"), RULES)
def test_a_row_that_breaks_a_rule_across_columns_is_named(
    con: duckdb.DuckDBPyConnection, dataset: str, rule: str, column: str
) -> None:
    ds = DATASETS[dataset]
    row = _row(con, ds)
    changes = {k: v.format(**row) for k, v in BREAK_RULE[rule].items() if k in ds.columns}
    if rule == "name_taken" and dataset == "agencies":
        changes = {"id": "lain-1", "nama": "Kantor Pelayanan Perbendaharaan Negara Kupang"}
    problems = _problems(con, ds, row | changes)
    assert [(p.row, p.column, p.code) for p in problems] == [(2, column, f"rule.{rule}")]
    assert problems[0].message("id") != problems[0].message("en")
