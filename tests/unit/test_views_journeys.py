"""Journeys view: province-wide counts, time to an award, one page of lanes (filtered, sorted and cut in DuckDB).

Expected values from the research facts: S1 (KPPN Kupang WBK 2019), S3 (proposed for WBBM 2025, outcome unknown),
S7/P2-A6 (Pemkot Kupang pencanangan 5 Nov 2020 or 2021, disputed; no later step), P2-A7/P3-A1 (BPOLBF pencanangan
24 Aug 2022, WBK 6 Dec 2022).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from core import paths
from integritas.views import journeys
from integritas.views.journeys import LaneFilter

REACHED = "status IN ('confirmed', 'inferred', 'disputed')"


def _count(sql: str) -> int:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    (n,) = con.execute(sql).fetchone()  # type: ignore[misc]
    con.close()
    return int(n)


def _page(lang: str = "id", f: LaneFilter | None = None, sort: str = "lama", page: int = 1) -> journeys.LanePage:
    return journeys.lane_page(lang, f or LaneFilter(), sort, page)


def test_province_counts_match_the_events(use_built: Path) -> None:
    c = journeys.overview("id").counts
    assert c["with_events"] == _count("SELECT count(DISTINCT agency_id) FROM zi_events") == 35
    assert c["agencies"] == _count("SELECT count(*) FROM agencies") == 64
    awarded = f"SELECT agency_id FROM zi_events WHERE event = 'wbk' AND {REACHED}"
    assert c["wbk"] == _count(f"SELECT count(DISTINCT agency_id) FROM zi_events WHERE agency_id IN ({awarded})") == 4
    assert c["wbbm"] == 0
    by_year = journeys.overview("id").by_year.set_index("year")
    assert by_year.loc[2019, "wbk"] == 1 and by_year.loc[2022, "new_wbk"] == 1  # KPPN Kupang 2019; BPOLBF 2022
    assert by_year.loc[date.today().year, "wbk"] == 4
    table = journeys.overview("en").table.set_index("Year")
    assert table.loc["2022", "WBK (+ new)"] == "3 (+1)"


def test_time_to_wbk_per_award_year(use_built: Path) -> None:
    d = journeys.durations("id", "wbk", "tahun")
    assert d.reached == 4  # every WBK award, one per agency
    rows = d.rows.set_index("grp")
    assert list(rows.index) == ["2019", "2021", "2022", "2024"]
    # BPOLBF: pencanangan 24 Aug 2022 → WBK 6 Dec 2022, 104 days; the others have no earlier pencanangan
    assert d.measured == 1 and round(rows.loc["2022", "median"], 2) == round(104 / 365.25, 2)
    assert d.table.iloc[2].tolist() == ["2022", "1 (1)", "0,3 (0,3 – 0,3)", "0,3 – 0,3"]
    fig = journeys.durations_figure("en", "wbk", "tahun")
    assert list(fig.layout.xaxis.categoryarray) == ["2019", "2021", "2022", "2024"]
    (counts,) = [t for t in fig.data if t.type == "scatter" and t.mode == "text"]
    assert list(counts.text) == ["(1)", "(1)", "(1)", "(1)"]  # agencies that reached WBK that year
    by_region = journeys.durations("id", "wbk", "wilayah").table
    assert "Kabupaten Manggarai Barat" in set(by_region["Kabupaten/kota"])  # BPOLBF, Labuan Bajo


def test_lanes_show_stage_and_label_in_both_languages(use_built: Path) -> None:
    lanes = _page().lanes.set_index("agency_id")
    kppn = lanes.loc["kppn-kupang"]
    assert kppn["lane"] == "KPPN Kupang (Kota Kupang)"
    assert kppn["stage_label"] == "WBK" and kppn["since_text"] == "2019" and not kppn["stalled"]
    assert kppn["label"].startswith("WBK 2019 → usulan WBBM 2025 (hasil belum diketahui)")
    en = _page("en").lanes.set_index("agency_id")
    assert en.loc["kppn-kupang", "label"].startswith("WBK 2019 → proposed for WBBM 2025 (outcome not yet known")
    assert en.loc["pemkot-kupang", "since_text"] == "November 5, 2020"  # the earlier of the two disputed dates


def test_stalled_flag_follows_the_threshold(use_built: Path) -> None:
    # Pemkot Kupang declared ZI on 5 Nov 2020 and has no later step: stalled after N years unless N exceeds its age
    age = (date.today() - date(2020, 11, 5)).days / 365.25
    assert _page(f=LaneFilter(stalled_after=2)).lanes.set_index("agency_id").loc["pemkot-kupang", "stalled"]
    later = LaneFilter(stalled_after=int(age) + 1)
    assert not _page(f=later).lanes.set_index("agency_id").loc["pemkot-kupang", "stalled"]
    assert journeys.lane_count(later)[1] < journeys.lane_count(LaneFilter(stalled_after=2))[1]


def test_pages_of_fifty_with_exact_totals(use_built: Path) -> None:
    every = LaneFilter(semua=True)
    one, two = _page(f=every, sort="nama"), _page(f=every, sort="nama", page=2)
    assert (one.total, one.first, one.last, one.pages, len(one.lanes)) == (64, 1, 50, 2, 50)
    assert (two.first, two.last, len(two.lanes)) == (51, 64, 14)
    names = one.lanes["nama"].tolist() + two.lanes["nama"].tolist()
    assert names == sorted(names) and len(set(one.lanes["agency_id"]) | set(two.lanes["agency_id"])) == 64
    assert _page(f=every, page=9).first == 51  # past the end: the last page
    # the sources listed are those of the rows shown only
    assert set(one.source_ids) | set(two.source_ids) == {
        i
        for (i,) in duckdb.connect(str(paths.current_db()), read_only=True)
        .execute("SELECT DISTINCT source_id FROM zi_events")
        .fetchall()
    }
    assert not set(one.source_ids) >= set(two.source_ids)


def test_filters_and_orders(use_built: Path) -> None:
    wbk = _page(f=LaneFilter(tahap="wbk"))
    assert wbk.total == 4 and set(wbk.lanes["stage"]) == {"wbk"}
    stalled_first = _page(sort="macet").lanes
    n = int(stalled_first["stalled"].sum())
    assert stalled_first["stalled"].tolist() == [True] * n + [False] * (len(stalled_first) - n)
    assert stalled_first["years_since_last"].head(n).is_monotonic_decreasing
    latest = _page(sort="terbaru").lanes["last_date"].dropna()
    assert latest.is_monotonic_decreasing
    kupang = _page(f=LaneFilter(wilayah="53.71"))
    assert kupang.total > 0 and set(kupang.lanes["region_kode"]) == {"53.71"}


def test_table_links_each_agency_page(use_built: Path) -> None:
    table = _page().table.set_index("Instansi")
    kppn = table.loc["Kantor Pelayanan Perbendaharaan Negara Kupang"]
    assert (kppn["Halaman"], kppn["Tahap saat ini"], kppn["Macet"]) == ("instansi?id=kppn-kupang", "WBK", "")
    assert table.loc["Pemerintah Kota Kupang", "Macet"] == "⚠ macet"
    en = _page("en").table.set_index("Agency")
    assert en.loc["Pemerintah Kota Kupang", "Stalled"].endswith("stalled")


def test_lanes_figure_draws_each_milestone_with_its_status(use_built: Path) -> None:
    fig = journeys.lanes_figure("id", LaneFilter(), "lama", 1)
    names = {t.name for t in fig.data}
    assert {"Predikat WBK · terkonfirmasi", "Usulan ke TPN · menunggu hasil", "Pencanangan ZI · dijadwalkan"} <= names
    assert "KPPN Kupang (Kota Kupang)" in list(fig.layout.yaxis.categoryarray)
    assert len(fig.layout.yaxis.categoryarray) == 35
    # the year-only WBK (2019) is drawn as a bar over its whole year, not pinned to 1 January
    (span,) = [t for t in fig.data if t.name.startswith("rentang")]
    bars = {(str(a)[:10], str(b)[:10]) for a, b in zip(span.x[::3], span.x[1::3], strict=True)}
    assert ("2019-01-01", "2020-01-01") in bars
    hover = _page().events.set_index("agency_id").loc["kppn-kupang", "hover"]
    assert any("POS-KUPANG.COM" in h for h in hover)
