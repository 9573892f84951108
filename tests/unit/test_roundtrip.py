"""Property: whatever a score or count cell says, the value stored is the number the person saw, or the file is
refused — never a rounded, rescaled or misread number (checked against a reading of Indonesian number writing that is
independent of etl.parse)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import paths
from etl.datasets import DATASETS
from etl.reader import stage
from etl.validate import ValidationFailed, check, column_types

C = "region_kode,year,score,zone,category,opini,method,status,source_id,source_id_2,note,refs"


def seen(text: str, percent: bool) -> Decimal | None:
    """The number a reader of Bahasa sees in `text`: '.' groups thousands, ',' marks decimals; None if not one."""
    t = text.strip()
    if percent and t.endswith("%"):
        t = t[:-1].rstrip()
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+(,\d+)?", t):
        t = t.replace(".", "").replace(",", ".")
    elif not re.fullmatch(r"-?\d+\.\d{1,2}|-?\d+\.\d{4,}", t):  # '80.93' is read as a decimal point, as written
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


digits = st.integers(min_value=0, max_value=120)
cells = st.one_of(
    # 80,93 / 80,930 / 80,9 / 80,925 / 80.93 / 80 / 80% / 80,93 % / 1.080 / 8.093,5 / -5 / junk
    st.builds(lambda i, d: f"{i},{d}", digits, st.from_regex(r"\d{1,4}", fullmatch=True)),
    st.builds(lambda i, d: f"{i}.{d}", digits, st.from_regex(r"\d{1,5}", fullmatch=True)),
    st.builds(
        lambda i, d, s: f"{i},{d}{s}%", digits, st.from_regex(r"\d{1,3}", fullmatch=True), st.sampled_from(["", " "])
    ),
    st.builds(str, st.integers(min_value=-10, max_value=2000)),
    st.builds(lambda a, b: f"{a}.{b:03d}", st.integers(1, 99), st.integers(0, 999)),
    st.text(alphabet="0123456789,.% -", min_size=1, max_size=8),
)


@pytest.fixture(scope="module")
def con(built_dir: Path) -> duckdb.DuckDBPyConnection:
    db = paths.current_db()
    assert db is not None
    c = duckdb.connect(str(built_dir / "db" / db.name), read_only=True)
    yield c
    c.close()


def _stored(con: duckdb.DuckDBPyConnection, cell: str) -> Decimal | None | str:
    """The score `cell` is stored as, or 'refused'."""
    ds = DATASETS["compliance"]
    row = f'53.71,2030,"{cell}",hijau,A,,opini,confirmed,src-c36,,uji,'
    known = {"regions": {("53.71",)}, "methods": {("opini",)}, "sources": {("src-c36",)}}
    cur = con.cursor()
    try:
        staged = stage(cur, f"{C}\n{row}\n".encode(), "x")
        check(cur, staged, ds, known, types=column_types(cur, ds.table))
        (stored,) = cur.execute("SELECT score FROM checked").fetchall()[0]
    except ValidationFailed:
        return "refused"
    finally:
        cur.close()
    return None if stored is None else Decimal(stored)


def test_the_reading_of_numbers_people_write(con: duckdb.DuckDBPyConnection) -> None:
    assert _stored(con, "80,93") == Decimal("80.93")
    assert _stored(con, "80,93 %") == Decimal("80.93")
    assert _stored(con, "80,930") == Decimal("80.93")  # a trailing zero is the same number
    assert _stored(con, "80,925") == "refused"  # more decimals than the column keeps: never 80,93
    assert _stored(con, "1.080") == "refused"  # one thousand and eighty: out of range, never 1,08
    assert _stored(con, "120") == "refused"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=cells)
def test_a_score_is_stored_as_seen_or_refused(con: duckdb.DuckDBPyConnection, cell: str) -> None:
    stored = _stored(con, cell)
    if stored == "refused":
        return
    if not cell.strip():
        assert stored is None  # an empty cell is a gap, stored as one
        return
    expected = seen(cell, percent=True)
    assert expected is not None and stored == expected, (cell, stored)


def _xlsx(score: float, number_format: str) -> bytes:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(C.split(","))
    ws.append(["53.71", 2030, score, "hijau", "A", None, "opini", "confirmed", "src-c36", None, "uji", None])
    ws["C2"].number_format = number_format
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _stored_xlsx(con: duckdb.DuckDBPyConnection, raw: bytes) -> Decimal | None | str:
    ds = DATASETS["compliance"]
    known = {"regions": {("53.71",)}, "methods": {("opini",)}, "sources": {("src-c36",)}}
    cur = con.cursor()
    try:
        check(cur, stage(cur, raw, "x", ds.columns), ds, known, types=column_types(cur, ds.table))
        (stored,) = cur.execute("SELECT score FROM checked").fetchall()[0]
    except ValidationFailed:
        return "refused"
    finally:
        cur.close()
    return None if stored is None else Decimal(stored)


@settings(max_examples=60, deadline=None)
@given(
    hundredths=st.integers(min_value=-500, max_value=12_000),
    extra=st.sampled_from([0, 0, 0, 1, 5]),  # sometimes a third decimal the column cannot keep
    as_percent=st.booleans(),
)
def test_a_workbook_number_is_stored_as_the_cell_holds_it_or_refused(
    con: duckdb.DuckDBPyConnection, hundredths: int, extra: int, as_percent: bool
) -> None:
    shown = Decimal(hundredths) / 100 + Decimal(extra) / 1000  # the number the person typed and sees
    # a percentage cell holds the fraction (80,93% is 0.8093), as Excel stores it
    cell = float(shown / 100) if as_percent else float(shown)
    stored = _stored_xlsx(con, _xlsx(cell, "0.00%" if as_percent else "General"))
    if stored == "refused":
        assert not (0 <= shown <= 100) or extra, (shown, as_percent)  # refused only when out of range or too precise
        return
    assert stored == shown, (shown, as_percent, stored)
