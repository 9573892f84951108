"""Complaints view: laporan, akses and "pengaduan" kept apart, partial periods flagged, breakdowns, national context.

Expected values from the research facts: B29 (279 akses to May 2025), B31 (more than 700 to early Aug 2024),
P2-B16 (1.278 laporan cumulative 2021–2025), B8/B18/B22 (penundaan berlarut 40, 160, 138), P2-B14 (42%, 39%, 16%),
P2-B17 (9 laporan from Malaka), B33 (national: 2.183, context only).
"""

from __future__ import annotations

from pathlib import Path

from integritas.views import complaints


def test_series_table_flags_partial_years_and_keeps_cumulative_figures_off_the_chart(use_built: Path) -> None:
    table = complaints.series_page("id").table
    row = table[table["Periode"] == "1 Januari – 31 Mei 2025 (sebagian tahun)"].iloc[0]
    assert (row["Ukuran"], row["Nilai"], row["Di grafik"]) == ("akses (konsultasi + laporan)", "279", "ya")
    assert "lebih dari 700" in list(table["Nilai"])  # in words: a leading ">" would render as a Markdown quote
    cumulative = table[table["Periode"] == "2021–2025"].iloc[0]
    assert (cumulative["Nilai"], cumulative["Di grafik"]) == ("1.278", "tidak")
    en = complaints.series_page("en").table
    assert "more than 700" in list(en["Value"])
    assert "January 1 – May 31, 2025 (part of the year)" in list(en["Period"])


def test_chart_series_never_mix_measures_or_carry_national_figures(use_built: Path) -> None:
    v = complaints.complaints("id", "substansi", "laporan")
    assert set(v.series["metric"]) == {"laporan", "akses", "pengaduan"}
    assert 1278 not in set(v.series["value"]) and 2183 not in set(v.series["value"])
    fig = complaints.series_figure("en")
    lines = {t.name: list(t.y) for t in fig.data if t.mode == "lines"}
    assert set(lines) == {"registered reports", "contacts (consultations + reports)", "complaints (the source's word)"}
    assert 279 in lines["contacts (consultations + reports)"] and 279 not in lines["registered reports"]


def test_breakdown_by_maladministration(use_built: Path) -> None:
    v = complaints.complaints("id", "maladministrasi", "laporan")
    rows = complaints.breakdown_page("id", "maladministrasi", "laporan").table
    assert {"40", "160", "138"} <= set(rows.loc[rows["Kategori"] == "penundaan berlarut", "Nilai"])
    assert {"laporan", "persen"} <= set(v.metrics)
    share = complaints.breakdown_page("en", "maladministrasi", "persen")
    assert set(share.table["Value"]) == {"42%", "39%", "16%"}
    fig = complaints.breakdown_figure("id", "maladministrasi", "laporan")
    assert 160 in {y for t in fig.data for y in t.y}


def test_breakdown_by_origin_names_the_region(use_built: Path) -> None:
    table = complaints.breakdown_page("id", "asal", "laporan").table
    malaka = table[table["Kategori"] == "Kabupaten Malaka"]
    assert list(malaka["Nilai"]) == ["9"]
    assert "53.21" not in list(table["Kategori"])


def test_national_figures_are_context_with_their_own_category(use_built: Path) -> None:
    v = complaints.complaints("id", "substansi", "laporan")
    page = complaints.national_page("id")
    national = page.table
    pb = national[national["Kategori"] == "penundaan berlarut"]
    assert list(pb["Nilai"]) == ["2.183"]
    assert "src-b33" in page.source_ids
    assert v.dimensions[:2] == ["substansi", "maladministrasi"]


def test_an_index_reads_as_published(use_built: Path) -> None:
    # B32: the 2018 maladministration perception index of NTT was published as 4,47 (never rounded to 4,5)
    assert list(complaints.breakdown_page("id", "persepsi", "indeks").table["Nilai"]) == ["4,47"]
    assert list(complaints.breakdown_page("en", "persepsi", "indeks").table["Value"]) == ["4.47"]
