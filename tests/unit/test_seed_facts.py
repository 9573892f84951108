"""The real seed, built: the facts a reader checks first are in the database as the research states them.

Expected values come from the research files (shared/facts/*.md; the row ids are named beside each check), not from
the seed or the code. Rows are found by what a reader knows (agency and region names, research ids in `refs`),
never by seed-internal ids.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO

FACTS = REPO.parent / "shared" / "facts"  # the research, beside the repository (README: ../shared/facts/)


@pytest.fixture(scope="module")
def con(built_dir: Path) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(str(built_dir / "db" / (built_dir / "db" / "CURRENT").read_text().strip()), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def research() -> str:
    files = sorted(FACTS.glob("*.md")) + sorted((FACTS / "seed-articles").glob("*"))
    # The research sits beside the repository, as ../shared/geo does for the boundary test: without it the seed
    # cannot be checked, which is a failure, not a skip.
    assert files, f"research files not found under {FACTS} (README: ../shared/facts/)"
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def _all(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def _events(con: duckdb.DuckDBPyConnection, agency: str) -> list[tuple]:
    """(event, menuju, date, precision, status, quote) of an agency given by its full name, in date order."""
    return _all(
        con,
        """SELECT e.event, e.menuju, e.date::VARCHAR, e.date_precision, e.status, s.quote
           FROM zi_events AS e JOIN agencies AS a ON a.id = e.agency_id JOIN sources AS s ON s.id = e.source_id
           WHERE a.nama = ? ORDER BY e.date, e.event""",
        agency,
    )


def test_every_quote_and_url_in_the_seed_is_verbatim_from_the_research(
    con: duckdb.DuckDBPyConnection, research: str
) -> None:
    """A reader who follows a figure to its source finds exactly the passage the research recorded."""
    sources = _all(con, "SELECT id, url, quote FROM sources")
    assert [i for i, _, q in sources if q is not None and q not in research] == []
    assert [i for i, u, _ in sources if u is not None and u not in research] == []
    # Every fact row shows a quote: a source without one is only ever a second URL of the same fact.
    for table in ("zi_events", "compliance", "compliance_counts", "unit_compliance", "complaints"):
        unquoted = _all(
            con, f"SELECT count(*) FROM {table} AS f JOIN sources AS s ON s.id = f.source_id WHERE s.quote IS NULL"
        )
        assert unquoted == [(0,)], table


def test_ntt_has_the_22_kabupaten_kota_the_research_counts(con: duckdb.DuckDBPyConnection) -> None:
    # C28: "... zona hijau ... dari 22 kabupaten/kota yang ada"; Kota Kupang is the one kota.
    assert _all(con, "SELECT jenis, count(*) FROM regions GROUP BY ALL ORDER BY 1") == [
        ("kabupaten", 21),
        ("kota", 1),
        ("provinsi", 1),
    ]
    assert _all(con, "SELECT nama FROM regions WHERE jenis = 'kota'") == [("Kota Kupang",)]


def test_kppn_kupang_won_wbk_in_2019_and_its_wbbm_outcome_is_unknown(con: duckdb.DuckDBPyConnection) -> None:
    rows = _events(con, "Kantor Pelayanan Perbendaharaan Negara Kupang")
    steps = [r[:5] for r in rows]
    assert ("wbk", None, "2019-01-01", "year", "confirmed") in steps  # S1: only the year is known
    assert ("usulan_tpn", "wbbm", "2025-01-01", "year", "pending") in steps  # S3: "never as awarded"
    assert ("pencanangan", "wbbm", "2025-02-27", "day", "scheduled") in steps  # S2: scheduled, not confirmed
    assert not [r for r in rows if r[0] == "wbbm"]
    wbk_quote = next(q for e, *_, q in rows if e == "wbk")
    assert "pada tahun 2019 meraih predikat Wilayah Bebas Korupsi" in wbk_quote


def test_the_2024_kemenkumham_wbk_is_one_award_claimed_by_both_successors(con: duckdb.DuckDBPyConnection) -> None:
    # A2 (Kanwil Kemenkum NTT) and S5 (Kanwil Ditjen Imigrasi NTT) both claim a 2024 WBK; both came out of Kanwil
    # Kemenkumham NTT, split late 2024: possibly one award counted twice, so it is held once, as disputed.
    awards = _all(
        con,
        """SELECT a.nama, e.status, s.quote, s2.quote FROM zi_events AS e JOIN agencies AS a ON a.id = e.agency_id
           JOIN sources AS s ON s.id = e.source_id JOIN sources AS s2 ON s2.id = e.source_id_2
           WHERE e.event = 'wbk' AND year(e.date) = 2024""",
    )
    assert len(awards) == 1
    holder, status, quote, quote_2 = awards[0]
    assert (holder, status) == ("Kantor Wilayah Kementerian Hukum dan HAM Nusa Tenggara Timur", "disputed")
    assert "pada tahun 2024 lalu Kanwil Kemenkum NTT telah meraih Predikat WBK" in quote
    assert "Kanwil Ditjen Imigrasi NTT yang telah meraih" in quote_2
    successors = _all(
        con,
        """SELECT s.nama FROM agency_lineage AS l JOIN agencies AS p ON p.id = l.predecessor_id
           JOIN agencies AS s ON s.id = l.successor_id WHERE p.nama = ? ORDER BY 1""",
        holder,
    )
    assert successors == [
        ("Kantor Wilayah Direktorat Jenderal Imigrasi Provinsi Nusa Tenggara Timur",),
        ("Kantor Wilayah Kementerian Hukum Nusa Tenggara Timur",),
    ]


def test_pemkot_kupang_declared_in_november_2020_then_made_no_progress(con: duckdb.DuckDBPyConnection) -> None:
    rows = _events(con, "Pemerintah Kota Kupang")
    steps = [(e, d, st) for e, _, d, _, st, _ in rows]
    assert ("pencanangan", "2020-11-05", "confirmed") in steps  # S7, confirmed by P3-A2 (portalntt, selatanindonesia)
    assert ("pencanangan", "2021-11-05", "disputed") in steps  # P2-A6: Pos Kupang alone, kept as the dispute
    assert ("other", "2022-09-05", "confirmed") in steps  # S8: "belum ada progres tindak lanjut"
    assert not [e for e, *_ in rows if e in ("usulan_tpn", "wbk", "wbbm")]


def test_compliance_2017_two_red_two_yellow(con: duckdb.DuckDBPyConnection) -> None:
    # C3-C6: "dua kabupaten masih berpredikat zona merah yaitu Belu dengan nilai 37,86 dan Timor Tengah Utara 31,43";
    # "zona kuning yakni Kabupaten Kupang dan Kota Kupang".
    rows = _all(
        con,
        """SELECT r.nama, c.zone, c.score::VARCHAR FROM compliance AS c JOIN regions AS r ON r.kode = c.region_kode
           WHERE c.year = 2017 AND r.jenis <> 'provinsi' ORDER BY 1""",
    )
    assert rows == [
        ("Kabupaten Belu", "merah", "37.86"),
        ("Kabupaten Kupang", "kuning", None),
        ("Kabupaten Timor Tengah Utara", "merah", "31.43"),
        ("Kota Kupang", "kuning", None),
    ]


def test_compliance_zone_counts_per_year(con: duckdb.DuckDBPyConnection) -> None:
    merah = dict(_all(con, "SELECT year, count(*) FROM compliance WHERE zone = 'merah' GROUP BY 1"))
    # 2018: C8-C16 (bisnis.com, ".../sembilan-daerah-di-ntt-masuk-zona-merah..."); 2021: C26 ("tiga belas kabupaten");
    # 2022: C32 ("Keenam kabupaten itu")
    assert (merah[2018], merah[2021], merah[2022]) == (9, 13, 6)
    # C33-C45: 12 hijau in 2024, each with its published score
    assert _all(con, "SELECT count(*), count(score) FROM compliance WHERE year = 2024 AND zone = 'hijau'") == [(12, 12)]
    # C29: "Pemerintah Provinsi NTT pun mendapatkan nilai 80,93 atau kategori B"
    assert _all(
        con,
        "SELECT score::VARCHAR, zone, category FROM compliance AS c JOIN regions AS r ON r.kode = c.region_kode "
        "WHERE r.jenis = 'provinsi' AND c.year = 2022",
    ) == [("80.93", "hijau", "B")]
    # C46: no pemda in the red zone in 2024, published as a count
    assert _all(con, "SELECT n FROM compliance_counts WHERE year = 2024 AND zone = 'merah'") == [(0,)]


def test_laporan_and_akses_stay_separate_and_partial_years_stay_partial(con: duckdb.DuckDBPyConnection) -> None:
    rows = dict(
        _all(
            con,
            """SELECT split_part(refs, ';', 1) AS fact,
                      (metric, period_start::VARCHAR, period_end::VARCHAR, value::INTEGER)
               FROM complaints
               WHERE scope = 'ntt' AND dimension = 'total' AND fact IN ('B16', 'B23', 'B27', 'B29')""",
        )
    )
    assert rows["B16"] == ("laporan", "2017-01-01", "2017-07-31", 320)  # "diterima dari Januari-Juli 2017"
    assert rows["B23"] == ("laporan", "2018-01-01", "2018-12-31", 131)  # "Sampai dengan tanggal 31 Desember 2018"
    assert rows["B27"] == ("akses", "2023-01-01", "2023-12-31", 1106)  # "1.106 akses masyarakat"
    assert rows["B29"][0:2] == ("akses", "2025-01-01") and rows["B29"][3] == 279  # "hingga Mei 2025 ... 279 akses"
    assert rows["B29"][2].startswith("2025-05")
    # B33/B34 are Ombudsman RI's national figures: context, never NTT
    national = _all(con, "SELECT DISTINCT scope FROM complaints WHERE refs IN ('B33', 'B34')")
    assert national == [("nasional",)]
