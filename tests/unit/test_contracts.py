"""Each data contract notices the breach it exists for."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from core import paths
from etl.contracts import run_contracts
from tests.conftest import REPO


@pytest.fixture
def rw(built_dir: Path, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    src = built_dir / "db" / (built_dir / "db" / "CURRENT").read_text().strip()
    copy = tmp_path / "copy.duckdb"
    shutil.copy(src, copy)
    con = duckdb.connect(str(copy))
    yield con
    con.close()


def _breached(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r.name for r in run_contracts(con) if r.breached}


def test_clean_copy_passes(rw: duckdb.DuckDBPyConnection) -> None:
    assert _breached(rw) == set()


@pytest.mark.parametrize(
    ("sql", "contract"),
    [
        ("UPDATE compliance SET zone = 'merah' WHERE region_kode = '53.03' AND year = 2024", "zones_match_bands"),
        ("UPDATE compliance SET category = 'B' WHERE region_kode = '53.03' AND year = 2024", "zones_match_bands"),
        ("UPDATE zi_events SET status = 'pending' WHERE id = 'zi-s1'", "award_status"),
        (
            "INSERT INTO zi_events VALUES ('x', 'kanwil-imigrasi-ntt', 'wbk', NULL, '2024-01-01', 'year', 'confirmed',"
            " 'src-s5', NULL, NULL, NULL)",
            "one_award_per_lineage",
        ),
        ("INSERT INTO regions VALUES ('53.99', '5399', 'Kabupaten Baru', 'kabupaten', 'X')", "regions_are_ntt"),
        ("UPDATE zi_events SET date = '2019-06-01' WHERE id = 'zi-s1'", "date_precision"),
        ("UPDATE sources SET quote = NULL WHERE id = 'src-c36'", "every_fact_has_source"),
        ("UPDATE sources SET url = NULL, note = NULL WHERE id = 'src-c36'", "every_fact_has_source"),
        ("UPDATE compliance_counts SET n = 5 WHERE year = 2024 AND zone = 'hijau'", "named_within_counts"),
        ("INSERT INTO load_changes VALUES (999, 'compliance', '53.71 / 2030', NULL, NULL)", "load_changes_have_loads"),
    ],
)
def test_contract_catches_breach(rw: duckdb.DuckDBPyConnection, sql: str, contract: str) -> None:
    rw.execute(sql)
    assert contract in _breached(rw)


def test_check_command_reports_breach(built_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.cli import main

    data = tmp_path / "d"
    (data / "db").mkdir(parents=True)
    name = (built_dir / "db" / "CURRENT").read_text().strip()
    shutil.copy(built_dir / "db" / name, data / "db" / name)
    (data / "db" / "CURRENT").write_text(name)
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(data))
    assert main(["check"]) == 0
    con = duckdb.connect(str(data / "db" / name))
    con.execute("UPDATE zi_events SET status = 'scheduled' WHERE id = 'zi-s1'")
    con.close()
    assert main(["check"]) == 1


def test_every_contract_states_its_rule_in_both_languages(rw: duckdb.DuckDBPyConnection) -> None:
    results = run_contracts(rw)
    assert len(results) == len(list((REPO / "etl" / "contracts").glob("*.sql")))
    for r in results:
        rule_id, rule_en = r.rule("id"), r.rule("en")
        assert f"contract.{r.name}" not in (rule_id, rule_en) and rule_id != rule_en, r.name
