"""Compliance view: zones per kab/kota for a year, changes between two years, the province, the map figure.

Expected values from the research facts: C3/C4 (2017 merah), C5/C6 (2017 kuning), C27/C30 (Kota Kupang kuning 2021,
hijau 2022), C29 (province 2022: 80,93, B), C33/C46 (2024 counts).
"""

from __future__ import annotations

from pathlib import Path

from etl.build import build
from integritas.views import compliance


def test_a_year_shows_each_region_with_its_zone_and_the_rest_as_no_data(use_built: Path) -> None:
    v = compliance.compliance("id", 2017)
    table = v.table.set_index("Kabupaten/kota")
    assert len(table) == 22
    assert table.loc["Kabupaten Belu", "Zona 2017"] == "▲ merah"
    assert table.loc["Kabupaten Belu", "Skor 2017"] == "37,86"
    assert table.loc["Kabupaten Timor Tengah Utara", "Skor 2017"] == "31,43"
    assert table.loc["Kota Kupang", "Zona 2017"] == "◆ kuning"
    assert (table["Zona 2017"] == "tidak ada data").sum() == 18
    assert "antaranews.com" in table.loc["Kabupaten Belu", "Sumber 2017"]
    rows = v.map_rows.set_index("kode")
    assert rows.loc["53.04", "cls"] == "merah" and rows.loc["53.09", "cls"] == "none"
    assert "37,86" in rows.loc["53.04", "hover"]
    assert "Penilaian Kepatuhan" in v.method_note
    en = compliance.compliance("en", 2017).table.set_index("Regency/city")
    assert en.loc["Kabupaten Belu", "Score 2017"] == "37.86" and en.loc["Kabupaten Belu", "Zone 2017"] == "▲ red"


def test_province_result_beside_the_map(use_built: Path) -> None:
    assert compliance.compliance("en", 2022).province == "● green, category B, score 80.93"
    v = compliance.compliance("id", 2022)
    assert v.province == "● hijau, kategori B, skor 80,93"
    assert v.province_source and "antaranews.com" in v.province_source


def test_compare_reads_forward_in_time_and_flags_a_method_change(use_built: Path) -> None:
    for year, compare in ((2022, 2021), (2021, 2022)):  # whichever year is on the slider
        v = compliance.compliance("id", year, compare)
        table = v.table.set_index("Kabupaten/kota")
        assert table.loc["Kota Kupang", "Perubahan 2021→2022"] == "▲ membaik"
        assert list(table.columns[:2]) == ["Zona 2021", "Zona 2022"]
        assert v.crosses_method  # kepatuhan (to 2021) → penilaian (from 2022)
    v = compliance.compliance("en", 2022, 2021)
    assert v.map_rows.set_index("kode").loc["53.71", "cls"] == "better"
    assert not compliance.compliance("id", 2018, 2017).crosses_method


def test_unnamed_pemda_are_counted_not_drawn(use_built: Path) -> None:
    v = compliance.compliance("id", 2024)
    assert "hijau 12 · kuning 10 · merah 0" in v.published
    assert "10 pemda kuning tidak disebut namanya" in v.published
    coverage = v.coverage.set_index("Tahun")
    assert coverage.loc["2024", "Dengan zona"] == "12 / 22"


def test_map_draws_the_22_regions_with_the_years_zones(use_built: Path) -> None:
    fig = compliance.compliance_map("id", 2017)
    (choro,) = [t for t in fig.data if t.type == "choropleth"]
    assert sorted(set(choro.locations)) == sorted(compliance.compliance("id", 2017).map_rows["kode"])
    assert len(choro.locations) == 22
    merah = next(t for t in fig.data if t.type == "scattergeo" and "merah" in t.name)
    assert sorted(k for k, _ in merah.customdata) == ["53.03", "53.04"]
    changed = compliance.compliance_map("en", 2022, 2021)
    assert any(t.type == "scattergeo" and t.name.endswith("improved") for t in changed.data)


def test_map_is_none_without_the_boundary_file(data_dir: Path) -> None:
    build()
    (data_dir / "geo" / "ntt_kabkota.geojson").unlink()
    assert compliance.compliance_map("id", 2024) is None
    assert len(compliance.compliance("id", 2024).table) == 22  # the table still shows
