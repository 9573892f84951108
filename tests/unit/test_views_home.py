"""Home view: the award counts, the award table, zones of the latest year, the latest complaint figures, coverage.

Expected values come from the research facts (S1, A1, A2 awards; C3–C46 zones; B29, P2-B16 complaints) and the seed.
"""

from __future__ import annotations

import csv
from pathlib import Path

from integritas.views import home


def _awards(built: Path, event: str) -> list[dict[str, str]]:
    with (built / "seed" / "zi_events.csv").open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["event"] == event]


def test_award_counts_match_the_seed_and_flag_the_disputed_one(use_built: Path) -> None:
    wbk = _awards(use_built, "wbk")
    v = home.home("id")
    assert v.wbk == str(len(wbk)) and len(wbk) >= 3  # S1 KPPN Kupang 2019, A1 PN Rote Ndao 2021, A2 Kanwil 2024
    assert v.wbbm == str(len(_awards(use_built, "wbbm")))
    assert v.disputed == sum(r["status"] == "disputed" for r in wbk) >= 1  # A2: claimed by both successors
    assert v.pending.startswith("1 ")  # S3: KPPN Kupang proposed for WBBM, outcome unknown


def test_award_table_in_bahasa_and_english(use_built: Path) -> None:
    by_lang = {lang: home.awards_page(lang).table for lang in ("id", "en")}
    id_rows = by_lang["id"].set_index(["Instansi", "Tanggal"])
    assert id_rows.loc[("Kantor Pelayanan Perbendaharaan Negara Kupang", "2019"), "Tahap"] == "Predikat WBK"
    assert id_rows.loc[("Pengadilan Negeri Rote Ndao Kelas II", "20 Desember 2021"), "Status"] == "terkonfirmasi"
    kanwil = id_rows.loc[("Kantor Wilayah Kementerian Hukum dan HAM Nusa Tenggara Timur", "2024")]
    assert kanwil["Status"] == "diperdebatkan"
    assert "ntt.kemenkum.go.id" in kanwil["Sumber"]
    en_rows = by_lang["en"].set_index(["Agency", "Date"])
    assert en_rows.loc[("Pengadilan Negeri Rote Ndao Kelas II", "December 20, 2021"), "Milestone"] == "WBK award"
    assert (
        "(outcome not yet known)" in en_rows.loc[("Kantor Pelayanan Perbendaharaan Negara Kupang", "2025"), "Milestone"]
    )


def test_disputed_and_pending_awards_carry_their_note(use_built: Path) -> None:
    notes = home.award_notes()  # of the first page of awards, the one a reader sees first
    assert any(n.startswith("**Kanwil Kemenkumham NTT**") and "kedua penerus" in n for n in notes)
    assert any(n.startswith("**KPPN Kupang**") and "hasil belum diketahui" in n for n in notes)


def test_latest_year_zones_use_the_published_counts(use_built: Path) -> None:
    # C33/C46: 2024 — 12 hijau, 10 kuning (names not published), 0 merah
    v = home.home("id")
    assert v.latest_year == 2024
    assert "hijau 12" in v.zone_badges and "kuning 10" in v.zone_badges and "merah 0" in v.zone_badges
    assert v.zones_caption.startswith("12 ")  # only the 12 hijau pemda are named
    en = home.home("en")
    assert "green 12" in en.zone_badges and "red 0" in en.zone_badges


def test_latest_complaint_cards(use_built: Path) -> None:
    cards = {c.value: c for c in home.home("id").complaints}
    assert cards["279"].label == "akses (konsultasi + laporan)"  # B29: 279 akses to May 2025
    assert cards["279"].period.endswith("1 Januari – 31 Mei 2025 · sebagian tahun")
    assert cards["1.278"].label == "laporan masyarakat"  # P2-B16: 1.278 laporan 2021–2025
    assert "parlementaria.id" in cards["1.278"].source
    en = {c.value: c for c in home.home("en").complaints}
    assert en["1,278"].period.endswith("2021–2025") and "part of the year" in en["279"].period


def test_coverage_table_and_its_chart_agree(use_built: Path) -> None:
    cov = home.home("id").coverage.set_index("Tahun")
    assert (cov.loc["2017", "Merah"], cov.loc["2017", "Kuning"]) == (2, 2)  # C3, C4 merah; C5, C6 kuning
    assert cov.loc["2018", "Merah"] == 9  # C8–C16
    assert cov.loc["2024", "Hijau"] == 12
    assert "kuning 10" in cov.loc["2024", "Jumlah dipublikasikan"]
    fig = home.zones_figure("en")
    red = next(t for t in fig.data if t.name == "red")
    assert dict(zip(red.x, red.y, strict=True))["2018"] == 9


def test_every_figure_has_its_source_listed(use_built: Path) -> None:
    ids = home.home("id").source_ids
    shown = set(ids) | set(home.awards_page("id").source_ids)  # the awards table's page carries its own
    assert {"src-s1", "src-a1", "src-a2", "src-b29", "src-p2-b16", "src-c33", "src-c46"} <= shown
    assert ids == sorted(set(ids))
