"""The real seed, built: the facts a reader will check first are in the database as the research states them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from core import paths
from etl.contracts import run_contracts


@pytest.fixture(scope="module")
def con(built_dir: Path) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(str(built_dir / "db" / (built_dir / "db" / "CURRENT").read_text().strip()), read_only=True)
    yield c
    c.close()


def _all(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_contracts_pass_on_the_seed(con: duckdb.DuckDBPyConnection) -> None:
    assert [r.name for r in run_contracts(con) if r.breached] == []


def test_province_and_22_kabkota_with_both_codes(con: duckdb.DuckDBPyConnection) -> None:
    assert _all(con, "SELECT jenis, count(*) FROM regions GROUP BY ALL ORDER BY 1") == [
        ("kabupaten", 21),
        ("kota", 1),
        ("provinsi", 1),
    ]
    assert _all(con, "SELECT kode_bps FROM regions WHERE kode IN ('53.01', '53.12', '53.21') ORDER BY kode") == [
        ("5303",),
        ("5301",),
        ("5321",),
    ]


def test_kppn_kupang_journey_wbk_2019_then_pending_wbbm_proposal(con: duckdb.DuckDBPyConnection) -> None:
    rows = _all(
        con,
        """SELECT event, menuju, year(date), date_precision, status FROM zi_events
                        WHERE agency_id = 'kppn-kupang' ORDER BY date, event""",
    )
    assert ("wbk", None, 2019, "year", "confirmed") in rows
    assert ("usulan_tpn", "wbbm", 2025, "year", "pending") in rows
    assert not [r for r in rows if r[0] == "wbbm"], "KPPN Kupang's WBBM outcome is unknown and must not be an award"


def test_kemenkumham_split_keeps_one_disputed_award(con: duckdb.DuckDBPyConnection) -> None:
    awards = _all(
        con,
        """SELECT agency_id, status, source_id_2 IS NOT NULL FROM zi_events
                          WHERE event = 'wbk' AND year(date) = 2024""",
    )
    assert awards == [("kanwil-kemenkumham-ntt", "disputed", True)]
    successors = _all(
        con, "SELECT successor_id FROM agency_lineage WHERE predecessor_id = 'kanwil-kemenkumham-ntt' ORDER BY 1"
    )
    assert successors == [("kanwil-imigrasi-ntt",), ("kanwil-kemenkum-ntt",)]


def test_pemkot_kupang_declared_and_stalled_with_date_conflict_kept(con: duckdb.DuckDBPyConnection) -> None:
    rows = _all(
        con, "SELECT event, date::VARCHAR, status FROM zi_events WHERE agency_id = 'pemkot-kupang' ORDER BY date"
    )
    assert ("pencanangan", "2020-11-05", "disputed") in rows
    assert ("pencanangan", "2021-11-05", "disputed") in rows
    assert ("other", "2022-09-05", "confirmed") in rows


def test_compliance_2017_two_red_two_yellow(con: duckdb.DuckDBPyConnection) -> None:
    rows = _all(
        con, "SELECT region_kode, zone, score FROM compliance WHERE year = 2017 AND region_kode <> '53' ORDER BY 1"
    )
    assert [(k, z) for k, z, _ in rows] == [
        ("53.01", "kuning"),
        ("53.03", "merah"),
        ("53.04", "merah"),
        ("53.71", "kuning"),
    ]
    assert {k: float(s) for k, z, s in rows if s is not None} == {"53.03": 31.43, "53.04": 37.86}


def test_compliance_zone_counts_per_year(con: duckdb.DuckDBPyConnection) -> None:
    merah = dict(_all(con, "SELECT year, count(*) FROM compliance WHERE zone = 'merah' GROUP BY 1"))
    assert (merah[2018], merah[2021], merah[2022]) == (9, 13, 6)
    hijau_2024 = _all(con, "SELECT count(*), count(score) FROM compliance WHERE year = 2024 AND zone = 'hijau'")
    assert hijau_2024 == [(12, 12)]
    assert _all(con, "SELECT score::VARCHAR FROM compliance WHERE region_kode = '53' AND year = 2022") == [("80.93",)]


def test_laporan_and_akses_stay_separate_and_partial_years_stay_partial(con: duckdb.DuckDBPyConnection) -> None:
    rows = dict(
        _all(
            con,
            """SELECT id, (metric, period_start::VARCHAR, period_end::VARCHAR, value::INTEGER)
                            FROM complaints WHERE id IN ('c-b23', 'c-b27', 'c-b29', 'c-b16')""",
        )
    )
    assert rows["c-b23"] == ("laporan", "2018-01-01", "2018-12-31", 131)
    assert rows["c-b27"] == ("akses", "2023-01-01", "2023-12-31", 1106)
    assert rows["c-b29"] == ("akses", "2025-01-01", "2025-05-31", 279)
    assert rows["c-b16"] == ("laporan", "2017-01-01", "2017-07-31", 320)
    national = _all(con, "SELECT DISTINCT scope FROM complaints WHERE refs IN ('B33', 'B34')")
    assert national == [("nasional",)]


def test_every_fact_table_row_has_a_quoted_source(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("zi_events", "compliance", "compliance_counts", "unit_compliance", "complaints"):
        missing = _all(
            con,
            f"""SELECT count(*) FROM {table} AS f LEFT JOIN sources AS s ON s.id = f.source_id
                               WHERE s.quote IS NULL""",
        )
        assert missing == [(0,)], table


def test_database_pointer_is_inside_the_data_dir(built_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(built_dir))
    assert paths.current_db().parent == built_dir / "db"
