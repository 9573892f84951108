"""The third research pass (shared/facts/ntt-integrity-facts-pass3.md), as a reader meets it.

Every expected value here is read off the facts file (its row id is named), not off the seed or the code: the
database must hold what the research says, and the pages must show it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from integritas.journey import journey
from tests.conftest import REPO, open_page, seen

APP = str(REPO / "app.py")


@pytest.fixture(scope="module")
def con(built_dir: Path) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(str(built_dir / "db" / (built_dir / "db" / "CURRENT").read_text().strip()), read_only=True)
    yield c
    c.close()


def _all(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def _page(page: str, lang: str = "id", **params: str) -> AppTest:
    return open_page(page, lang, 60, **params)


def _zones_2023(con: duckdb.DuckDBPyConnection, status: str) -> dict[str, set[str]]:
    rows = _all(
        con,
        """SELECT c.zone, r.nama FROM compliance AS c JOIN regions AS r ON r.kode = c.region_kode
           WHERE c.year = 2023 AND c.status = ?""",
        status,
    )
    out: dict[str, set[str]] = {}
    for zone, nama in rows:
        out.setdefault(zone, set()).add(nama)
    return out


# ---------------------------------------------------------------- P3-A1: BPOLBF, the fourth WBK award


def test_bpolbf_is_awarded_wbk_on_6_december_2022_after_its_august_pencanangan(con: duckdb.DuckDBPyConnection) -> None:
    rows = _all(
        con,
        """SELECT e.event, e.date::VARCHAR, e.date_precision, e.status, s.url, s2.quote
           FROM zi_events AS e JOIN agencies AS a ON a.id = e.agency_id
           JOIN sources AS s ON s.id = e.source_id LEFT JOIN sources AS s2 ON s2.id = e.source_id_2
           WHERE a.singkatan = 'BPOLBF' ORDER BY e.date""",
    )
    assert [r[:4] for r in rows] == [
        ("pencanangan", "2022-08-24", "day", "confirmed"),  # P2-A7
        ("wbk", "2022-12-06", "day", "confirmed"),  # P3-A1
    ]
    award = rows[1]
    assert award[4].startswith("https://voxntt.com/2022/12/07/terima-penghargaan-wbk")
    assert "Selasa (06/12/2022)" in award[5]  # the ceremony date is in the page's second quote


def test_bpolbf_current_stage_is_wbk_since_2022_12_06(con: duckdb.DuckDBPyConnection, use_built: Path) -> None:
    events = con.execute(
        "SELECT event, menuju, date, date_precision, status FROM zi_events WHERE agency_id = 'bpolbf'"
    ).df()
    j = journey("bpolbf", events, date(2026, 1, 1))
    assert (j.stage, j.since, j.since_precision, j.stalled) == ("wbk", date(2022, 12, 6), "day", False)

    lanes = _page("app_pages/perjalanan.py").dataframe[0].value.set_index("Instansi")
    bpolbf = lanes.loc["Badan Pelaksana Otorita Labuan Bajo Flores"]
    assert (bpolbf["Tahap saat ini"], bpolbf["Sejak"], bpolbf["Macet"]) == ("WBK", "6 Desember 2022", "")
    assert bpolbf["Jalur"] == "pencanangan 2022 → WBK 2022"


def test_bpolbf_agency_page_shows_the_award_in_both_languages(use_built: Path) -> None:
    at = _page("app_pages/instansi.py", id="bpolbf")
    events = seen(at.table[0].value)
    assert list(events["Tanggal"]) == ["24 Agustus 2022", "6 Desember 2022"]
    assert list(events["Tahap"])[-1] == "Predikat WBK"
    en = seen(_page("app_pages/instansi.py", "en", id="bpolbf").table[0].value)
    assert list(en["Date"])[-1] == "December 6, 2022" and list(en["Milestone"])[-1] == "WBK award"


# ---------------------------------------------------------------- P3-A2: Pemkot Kupang's pencanangan date


def test_pemkot_kupang_pencanangan_is_5_november_2020_and_the_2021_reading_stays_disputed(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = _all(
        con,
        """SELECT e.date::VARCHAR, e.status, s.quote, s2.quote, e.note
           FROM zi_events AS e JOIN sources AS s ON s.id = e.source_id LEFT JOIN sources AS s2 ON s2.id = e.source_id_2
           WHERE e.agency_id = 'pemkot-kupang' AND e.event = 'pencanangan' ORDER BY e.date""",
    )
    assert [(d, st) for d, st, *_ in rows] == [("2020-11-05", "confirmed"), ("2021-11-05", "disputed")]
    settled, single = rows
    assert "Kamis (5/11/2020)" in settled[2]  # portalntt (P3-A2)
    assert "5 November 2020" in settled[3]  # the Ombudsman RI seed article (S7)
    assert "Pos Kupang" in settled[4] and "2021" in settled[4]  # the reasoning is in the row's note
    assert "5 November 2021" in single[2]  # Pos Kupang (P2-A6): the only 2021 source
    selatan = _all(con, "SELECT url, quote FROM sources WHERE url = 'https://selatanindonesia.com/?p=8539'")
    assert len(selatan) == 1 and "Kamis (05/11/2020)" in selatan[0][1]  # the third 2020 source


def test_pemkot_kupang_reads_5_november_2020_stalled_with_the_dispute_visible(use_built: Path) -> None:
    lanes = _page("app_pages/perjalanan.py").dataframe[0].value.set_index("Instansi")
    pemkot = lanes.loc["Pemerintah Kota Kupang"]
    assert pemkot["Sejak"] == "5 November 2020" and pemkot["Macet"] == "⚠ macet"
    assert "diperdebatkan" in pemkot["Jalur"]
    events = seen(_page("app_pages/instansi.py", id="pemkot-kupang").table[0].value)
    declared = events[events["Tahap"].str.startswith("Pencanangan")]
    assert list(zip(declared["Tanggal"], declared["Status"], strict=True)) == [
        ("5 November 2020", "terkonfirmasi"),
        ("5 November 2021", "diperdebatkan"),
    ]


# ---------------------------------------------------------------- P3-C1 to C11: the 2023 zones


def test_2023_names_two_hijau_three_merah_three_kuning_and_infers_eleven_kuning(
    con: duckdb.DuckDBPyConnection,
) -> None:
    named = _zones_2023(con, "confirmed")
    assert named == {
        "hijau": {"Kabupaten Manggarai Timur", "Kabupaten Timor Tengah Utara"},  # P3-C1, C2
        "merah": {"Kabupaten Nagekeo", "Kabupaten Sumba Barat", "Kabupaten Sumba Barat Daya"},  # P3-C3 to C5
        "kuning": {"Kabupaten Manggarai", "Kabupaten Manggarai Barat", "Kota Kupang"},  # P3-C6 to C8
    }
    inferred = _zones_2023(con, "inferred")
    assert inferred == {
        "kuning": {
            "Kabupaten Sumba Timur",  # P3-C9: "Lainnya berwarna kuning" on Sumba
            "Kabupaten Sumba Tengah",
            "Kabupaten Kupang",  # P3-C10: Timor "umumnya berwarna kuning, kecuali TTU"
            "Kabupaten Timor Tengah Selatan",
            "Kabupaten Belu",
            "Kabupaten Malaka",
            "Kabupaten Sikka",  # P3-C11: Flores and Lembata, "yang terbanyak" kuning
            "Kabupaten Ende",
            "Kabupaten Ngada",
            "Kabupaten Flores Timur",
            "Kabupaten Lembata",
        }
    }
    # C33: 4 merah in 2023, one not named; the research only narrows it down by elimination, so it stays a gap.
    assert _all(con, "SELECT n FROM compliance_counts WHERE year = 2023 AND zone = 'merah'") == [(4,)]
    missing = _all(
        con,
        """SELECT r.nama FROM regions AS r WHERE r.jenis <> 'provinsi'
           AND r.kode NOT IN (SELECT region_kode FROM compliance WHERE year = 2023) ORDER BY 1""",
    )
    assert missing == [("Kabupaten Alor",), ("Kabupaten Rote Ndao",), ("Kabupaten Sabu Raijua",)]
    assert _all(con, "SELECT count(score) FROM compliance WHERE year = 2023") == [(0,)]  # no 2023 score is sourced


def test_2023_map_colours_19_regions_and_marks_the_inferred_ones(use_built: Path) -> None:
    at = _page("app_pages/kepatuhan.py", tahun="2023")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    traces = {t["name"]: t for t in spec["data"] if t["type"] == "scattergeo" and t.get("meta") != "credits"}
    shapes = {name: len(t["customdata"]) for name, t in traces.items()}
    # the 11 kuning the source only implies have a legend entry, an open marker and a pale fill of their own
    assert shapes == {"● hijau": 2, "◆ kuning": 3, "◆ kuning (disimpulkan)": 11, "▲ merah": 3, "tidak ada data": 3}
    assert traces["◆ kuning (disimpulkan)"]["marker"]["symbol"].endswith("-open")
    assert not traces["◆ kuning"]["marker"]["symbol"].endswith("-open")
    inferred_codes = {c[0] for c in traces["◆ kuning (disimpulkan)"]["customdata"]}
    choro = next(t for t in spec["data"] if t["type"] == "choropleth")
    z = dict(zip(choro["locations"], choro["z"], strict=True))
    named_codes = {c[0] for c in traces["◆ kuning"]["customdata"]}
    assert {z[k] for k in inferred_codes}.isdisjoint({z[k] for k in named_codes})
    assert "disimpulkan" in next(c[1] for c in traces["◆ kuning (disimpulkan)"]["customdata"])
    table = at.dataframe[0].value.set_index("Kabupaten/kota")
    assert (table["Status"] == "disimpulkan").sum() == 11
    assert table.loc["Kabupaten Manggarai Timur", "Zona 2023"] == "● hijau"
    assert table.loc["Kota Kupang", "Status"] == "terkonfirmasi"
    assert any("1 pemda merah tidak disebut namanya" in c.value for c in at.caption)


# ---------------------------------------------------------------- P3-C12 to C16: new scores and the 2018 swap


def test_new_scores_for_manggarai_timur_sabu_raijua_and_alor(con: duckdb.DuckDBPyConnection) -> None:
    rows = _all(
        con,
        """SELECT r.nama, c.year, c.score::VARCHAR, c.zone, c.category, s.quote FROM compliance AS c
           JOIN regions AS r ON r.kode = c.region_kode JOIN sources AS s ON s.id = c.source_id
           WHERE r.nama IN ('Kabupaten Manggarai Timur', 'Kabupaten Sabu Raijua', 'Kabupaten Alor')
             AND c.year IN (2021, 2022) ORDER BY r.nama, c.year""",
    )
    got = {(n, y): (s, z, k) for n, y, s, z, k, _ in rows}
    assert got[("Kabupaten Manggarai Timur", 2021)] == ("59.79", "kuning", None)  # P3-C12
    assert got[("Kabupaten Manggarai Timur", 2022)] == ("76.09", "kuning", "C")  # P3-C13
    assert got[("Kabupaten Sabu Raijua", 2022)] == ("44.46", "merah", "D")  # P3-C14
    assert got[("Kabupaten Alor", 2022)] == ("50.63", "merah", "D")  # P3-C15
    # the passage shown beside a score is the one that states it
    assert all(s.replace(".", ",") in q for (_, _, s, _, _, q) in rows if s is not None)


def test_region_page_shows_manggarai_timur_scores(use_built: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["kode"] = "53.19"
    at.run()
    at.switch_page("app_pages/wilayah.py").run()
    assert not at.exception
    hist = seen(at.table[0].value).set_index("Tahun")
    assert (hist.loc["2021", "Skor"], hist.loc["2022", "Skor"]) == ("59,79", "76,09")
    assert hist.loc["2023", "Zona"] == "● hijau"


def test_2018_kota_kupang_and_ttu_swap_keeps_both_rows_disputed(con: duckdb.DuckDBPyConnection) -> None:
    rows = _all(
        con,
        """SELECT r.nama, c.zone, c.score::VARCHAR, c.status, s2.quote FROM compliance AS c
           JOIN regions AS r ON r.kode = c.region_kode JOIN sources AS s2 ON s2.id = c.source_id_2
           WHERE c.year = 2018 AND r.nama IN ('Kota Kupang', 'Kabupaten Timor Tengah Utara') ORDER BY 1""",
    )
    assert [r[:4] for r in rows] == [
        ("Kabupaten Timor Tengah Utara", "kuning", "63.58", "disputed"),  # C7 (bisnis.com)
        ("Kota Kupang", "merah", "49.12", "disputed"),  # C9 (bisnis.com)
    ]
    # P3-C16 (Tribun, March 2019): "hanya Kota Kupang saja yang dapat rapor kuning"
    assert all("hanya Kota Kupang saja yang dapat rapor kuning" in r[4] for r in rows)


# ---------------------------------------------------------------- P3-B1 to B3: complaints


def test_2022_is_861_akses_with_860_laporan_kept_as_a_disputed_reading(con: duckdb.DuckDBPyConnection) -> None:
    rows = _all(
        con,
        """SELECT c.metric, c.value::INTEGER, c.status, c.note, s2.quote FROM complaints AS c
           LEFT JOIN sources AS s2 ON s2.id = c.source_id_2
           WHERE c.scope = 'ntt' AND c.dimension = 'total' AND year(c.period_start) = 2022""",
    )
    assert [r[:3] for r in rows] == [("akses", 861, "disputed")]  # never a laporan figure for 2022
    _, _, _, note, second = rows[0]
    assert "860 laporan" in note and "860 laporan" in second  # the page's lead paragraph (P3-B2)


def test_2023_to_early_november_is_933_akses_a_partial_year(con: duckdb.DuckDBPyConnection) -> None:
    rows = _all(
        con,
        """SELECT metric, value::INTEGER, period_start::VARCHAR, period_end FROM complaints
           WHERE scope = 'ntt' AND dimension = 'total' AND value = 933""",
    )
    assert len(rows) == 1
    metric, value, start, end = rows[0]
    assert (metric, value, start) == ("akses", 933, "2023-01-01")
    assert end.year == 2023 and end.month == 11  # "hingga pada awal November"


def test_complaints_page_draws_861_on_akses_and_nothing_for_2022_on_laporan(use_built: Path) -> None:
    at = _page("app_pages/pengaduan.py")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    # the labelled points of each measure: (period end, the figure as printed beside the point)
    points = {
        t["legendgroup"]: [(pd.Timestamp(x).date(), text) for x, text in zip(t["x"], t["text"], strict=True)]
        for t in spec["data"]
        if t.get("mode") == "markers+text"
    }
    assert (date(2022, 12, 31), "861") in points["akses"]
    assert (date(2023, 11, 13), "933") in points["akses"]
    assert not [d for d, _ in points["laporan"] if d.year == 2022]
    assert "860" not in [text for pts in points.values() for _, text in pts]
    table = seen(at.table[0].value)
    row_2022 = table[table["Periode"] == "2022"]
    assert list(row_2022["Nilai"]) == ["861"] and list(row_2022["Ukuran"]) == ["akses (konsultasi + laporan)"]
    assert "860 laporan" in row_2022["Catatan"].iloc[0]  # the disputed reading stays visible beside it
    partial = table[table["Nilai"] == "933"]
    assert list(partial["Periode"]) == ["1 Januari – 13 November 2023 (sebagian tahun)"]


def test_manggarai_barat_general_pact_is_context_not_a_zi_journey(con: duckdb.DuckDBPyConnection) -> None:
    # P3-A6: "a general anti-corruption pact, not a ZI pencanangan": kept as context, so Pemkab Manggarai Barat
    # has no ZI stage and cannot be read as stalled since 2017.
    rows = _all(con, "SELECT event FROM zi_events WHERE agency_id = 'pemkab-manggarai-barat' AND refs = 'P3-A6'")
    assert rows == [("other",)]
    steps = _all(
        con,
        """SELECT count(*) FROM zi_events WHERE agency_id = 'pemkab-manggarai-barat'
           AND event IN ('pencanangan', 'pakta_integritas', 'usulan_tpn', 'wbk', 'wbbm')""",
    )
    assert steps == [(0,)]
