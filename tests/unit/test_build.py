"""The build: rows land in DuckDB with their load audit, failures leave the previous database serving."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest

from core import paths
from etl.build import BuildFailed, build
from etl.datasets import LOAD_ORDER


def _rows(csv_path: Path) -> int:
    with csv_path.open(encoding="utf-8") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def _tables(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in LOAD_ORDER}
    finally:
        con.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_build_loads_every_seed_row_and_records_each_file(data_dir: Path) -> None:
    result = build(by="tester")
    assert paths.current_db() == result.path
    seed = data_dir / "seed"
    for name in LOAD_ORDER:
        assert result.rows[name] == _rows(seed / f"{name}.csv"), name
    con = duckdb.connect(str(result.path), read_only=True)
    loads = con.execute('SELECT file_name, sha256, "by", added, status FROM loads ORDER BY id').fetchall()
    con.close()
    assert len(loads) == len(LOAD_ORDER)
    for file_name, sha, by, added, status in loads:
        f = data_dir / file_name
        assert sha == hashlib.sha256(f.read_bytes()).hexdigest()
        assert (by, added, status) == ("tester", _rows(f), "ok")


def test_build_is_idempotent(data_dir: Path) -> None:
    first = build().path
    second = build().path
    assert first != second
    a, b = _tables(first), _tables(second)
    assert a == b


def test_bad_seed_fails_and_previous_database_keeps_serving(data_dir: Path) -> None:
    good = build().path
    _edit(data_dir / "seed" / "compliance.csv", "53.71,2024,86.62", "53.71,2024,186.62")
    with pytest.raises(BuildFailed) as err:
        build()
    assert "compliance" in str(err.value) and "186.62" in str(err.value)
    assert paths.current_db() == good
    assert sorted(paths.db_dir().glob("warehouse-*")) == [good]


def test_contract_breach_fails_the_build(data_dir: Path) -> None:
    good = build().path
    # A pending award is not an award: the award_status contract must stop the build.
    _edit(data_dir / "seed" / "zi_events.csv", "wbk,,2019-01-01,year,confirmed", "wbk,,2019-01-01,year,pending")
    with pytest.raises(BuildFailed, match="award_status"):
        build()
    assert paths.current_db() == good


def test_missing_seed_file_fails(data_dir: Path) -> None:
    (data_dir / "seed" / "complaints.csv").unlink()
    with pytest.raises(BuildFailed, match="complaints.csv"):
        build()
    assert paths.current_db() is None


def test_stray_comma_is_refused_with_its_line(data_dir: Path) -> None:
    # An unquoted comma in a note makes one more cell than the header: refuse it, naming the line.
    _edit(data_dir / "seed" / "methods.csv", "2016,2021,src-d17,", "2016,2021,src-d17,tambahan,")
    with pytest.raises(BuildFailed) as err:
        build()
    assert "Row 2" in str(err.value) and "7/6" in str(err.value)
    assert paths.current_db() is None
