"""Region view: a pemda's history over every assessment year (gaps as gaps), agencies, units, complaints, chart.

Expected values from the research facts: Kabupaten Belu C3 (2017 merah 37,86), C12 (2018 45,90), P2-C6 (2023 kuning,
inferred), C37 (2024 hijau B 83,33), P2-A1 (PN Atambua pencanangan 18-09-2017), P2-C13 (Polres Belu 2022 81,34);
Kabupaten Malaka P2-B17 (9 laporan in 2025).
"""

from __future__ import annotations

from pathlib import Path

from integritas.views import region


def test_history_lists_every_assessment_year_with_gaps_as_gaps(use_built: Path) -> None:
    v = region.region("id", "53.04")
    assert (v.nama, v.jenis, v.ibukota) == ("Kabupaten Belu", "kabupaten", "Atambua")
    hist = v.history_table.set_index("Tahun")
    assert list(hist.index) == ["2016", "2017", "2018", "2021", "2022", "2023", "2024"]
    assert (hist.loc["2017", "Zona"], hist.loc["2017", "Skor"]) == ("▲ merah", "37,86")
    assert hist.loc["2018", "Skor"] == "45,90"
    assert (hist.loc["2024", "Zona"], hist.loc["2024", "Kategori"], hist.loc["2024", "Skor"]) == (
        "● hijau",
        "B",
        "83,33",
    )
    assert hist.loc["2023", "Status"] == "disimpulkan"
    gap = hist.loc["2016"]  # no published result for Belu in 2016
    assert (gap["Zona"], gap["Skor"], gap["Status"], gap["Sumber"]) == ("tidak ada data", "–", "", "")
    assert "antaranews.com" in hist.loc["2017", "Sumber"]
    en = region.region("en", "53.04").history_table.set_index("Year")
    assert (en.loc["2017", "Zone"], en.loc["2017", "Score"], en.loc["2016", "Zone"]) == ("▲ red", "37.86", "no data")


def test_agencies_units_and_complaints_of_the_region(use_built: Path) -> None:
    v = region.region("id", "53.04")
    page = region.agencies_page("id", "53.04")
    agencies = page.table.set_index("Instansi")
    assert agencies.loc["Pengadilan Negeri Atambua", "Tanggal"] == "18 September 2017"
    assert agencies.loc["Pengadilan Negeri Atambua", "Tahap terakhir"].startswith("Pencanangan ZI")
    assert agencies.loc["Kantor Pertanahan Kabupaten Belu", "Tanggal"] == "–"  # no ZI milestone found
    units_page = region.units_page("id", "53.04")
    units = units_page.table.set_index("Unit")
    assert (units.loc["Polres Belu", "Tahun"], units.loc["Polres Belu", "Skor"]) == ("2022", "81,34")
    malaka = region.complaints_page("en", "53.21").table
    assert list(malaka["Value"]) == ["9"]
    assert list(malaka["Period"]) == ["January 1 – October 30, 2025"]
    assert "src-c3" in v.source_ids  # the history's sources; each page carries those of its rows
    assert "src-p2-a1" in page.source_ids and "src-p2-c13" in units_page.source_ids


def test_chart_places_each_year_by_zone_and_score(use_built: Path) -> None:
    fig = region.region_chart("en", "53.04")
    by_name = {t.name: dict(zip(t.x, t.y, strict=True)) for t in fig.data}
    assert by_name["red"] == {"2017": 37.86, "2018": 45.9}
    assert by_name["green"] == {"2024": 83.33}
    assert set(by_name["yellow (score not published)"]) == {"2021", "2022", "2023"}
    assert set(by_name["no data"]) == {"2016"}
