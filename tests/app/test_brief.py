"""Ringkasan pimpinan: what changed since the date in the URL (a recent upload is there, dated by its load), the
stalled list is Perjalanan ZI's, the red zone and the headline figures say their year and period; each line sourced."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from etl import load
from tests.conftest import open_page, seen_text

PAGE = "app_pages/ringkasan.py"
# Synthetic rows for tests only: a made-up 2012 milestone of an existing agency, citing an existing source, uploaded
# today; an old fact, so only its load can put it among the recent changes.
OLD_MILESTONE = (
    "id;agency_id;event;menuju;date;date_precision;status;source_id;source_id_2;note;refs\n"
    "zi-uji-1;pn-atambua;other;;2012-05-03;day;confirmed;src-p2-a1;;uji;\n"
)


def _sections(at: object) -> dict[str, str]:
    """The brief as a reader reads it: each heading (##### …) and the list under it."""
    texts = [seen_text(m.value) for m in at.markdown]  # type: ignore[attr-defined]
    out: dict[str, str] = {}
    for head, body in zip(texts, texts[1:], strict=False):
        if head.startswith("##### "):
            out[head.removeprefix("##### ")] = body
    return out


def _section(at: object, starts: str) -> str:
    found = [body for title, body in _sections(at).items() if title.startswith(starts)]
    assert len(found) == 1, (starts, list(_sections(at)))
    return found[0]


def _ids(markdown: str) -> list[str]:
    """The agency ids the lines link to, in order."""
    return re.findall(r"\(instansi\?id=([\w-]+)", markdown)


def test_a_recent_upload_is_a_change_dated_by_its_load(seeded: Path) -> None:
    load.commit(OLD_MILESTONE.encode(), "tahap-lama.csv", "zi_events", by="staf-uji")
    at = open_page(PAGE)
    changes = _section(at, "Apa yang berubah sejak")
    line = next(x for x in changes.splitlines() if "pn-atambua" in x)
    assert "dimuat" in line and "Lainnya" in line  # the 2012 fact, dated by the day it was loaded
    assert "tentang?sumber=src-p2-a1" in line  # its source, one tap away
    assert "unggahan Tahap ZI, 1 baris baru, 0 diubah" in changes
    assert "staf-uji" not in changes  # the load history names staff; the public brief never does
    # the default window is the last 90 days, and the date is in the address (a copied link keeps it)
    since = date.today() - timedelta(days=90)
    assert at.query_params["sejak"] == since.isoformat()


def test_the_date_in_the_address_sets_the_window(use_built: Path) -> None:
    at = open_page(PAGE, sejak="2025-06-01")
    changes = _section(at, "Apa yang berubah sejak 1 Juni 2025")
    # the province's 2021–2025 laporan total ended in the window; said so that it cannot be quoted as one year
    assert "laporan masyarakat: **1.278** — kumulatif 2021–2025 (5 tahun), bukan angka satu tahun" in changes
    assert "periode berakhir 31 Desember 2025" in changes
    assert "Kanwil Ditjen Imigrasi NTT" in changes and "6 Februari 2026" in changes  # pencanangan WBBM
    assert "2019" not in changes.split("Penilaian 2024")[0]  # nothing from before the window

    wrong = open_page(PAGE, sejak="kemarin")
    assert "«kemarin»" in wrong.warning[0].value and "90 hari terakhir" in wrong.warning[0].value
    assert wrong.query_params["sejak"] == (date.today() - timedelta(days=90)).isoformat()


def test_the_stalled_list_is_perjalanans(use_built: Path) -> None:
    brief = _section(open_page(PAGE), "Macet:")
    journeys = open_page("app_pages/perjalanan.py", urut="macet")
    counts = next(m.value for m in journeys.markdown if "Macet (> 2 tahun)" in m.value)
    (n,) = re.findall(r"Macet \(> 2 tahun\)[^*]*?: \*\*(\d+)\*\*", counts)  # the label may link to the glossary
    assert _section(open_page(PAGE), f"Macet: {n} instansi")  # the same count in the heading
    lanes = journeys.dataframe[0].value
    page_ids = [re.search(r"id=([\w-]+)", link).group(1) for link in lanes.iloc[:, -1]]  # type: ignore[union-attr]
    assert _ids(brief) == page_ids[: len(_ids(brief))] and len(_ids(brief)) == 4  # longest stalled first
    assert re.search(
        r"\[PN Atambua\]\(instansi\?id=pn-atambua\): pencanangan 18 September 2017, macet \d+,\d tahun", brief
    )
    assert f"dan {int(n) - 4} lainnya — Perjalanan ZI" in brief and "perjalanan?urut=macet" in brief


def test_red_zone_and_figures_say_their_year_and_period(use_built: Path) -> None:
    at = open_page(PAGE)
    red = _section(at, "Zona merah sekarang (2024)")
    assert "Tidak ada pemda di zona merah pada 2024 di antara 12 dari 23" in red
    assert "▲ merah 0" in red  # the count the source published
    assert "Merah pada 2023, belum ada data 2024: [Kabupaten Sumba Barat Daya](wilayah?kode=53.18)" in red
    figures = _section(at, "Ringkasan angka")
    assert "WBK: **4** unit (total tercatat; 1 diperdebatkan)" in figures
    assert "akses (konsultasi + laporan): **279** — sebagian tahun: 1 Januari – 31 Mei 2025" in figures
    assert figures.count("tentang?sumber=") == 2  # each complaint figure with its source


def test_english_brief(use_built: Path) -> None:
    at = open_page(PAGE, lang="en", sejak="2025-06-01")
    assert "cumulative 2021–2025 (5 years), not a one-year figure" in _section(at, "What changed since June 1, 2025")
    assert _section(at, "Stalled: ")
    assert "No pemda in the red zone in 2024" in _section(at, "Red zone now (2024)")
    assert "lang=en" in _section(at, "Headline figures")  # links keep the reader's language


def test_beranda_opens_with_the_brief(use_built: Path) -> None:
    # drawn first on Beranda, in a container that only a narrow screen shows (tests/e2e/test_brief.py looks)
    at = open_page("app_pages/beranda.py")
    headings = [m.value for m in at.markdown if m.value.startswith("##### ")]
    assert headings[0].startswith("##### Apa yang berubah sejak") and len(headings) == 4


def test_many_uploads_show_the_newest_and_count_the_rest(seeded: Path) -> None:
    for n in range(6):  # six uploads today: four lines, then how many more and where they all are
        row = f"zi-uji-{n};pn-atambua;other;;2012-05-0{n + 1};day;confirmed;src-p2-a1;;uji;\n"
        load.commit((OLD_MILESTONE.splitlines()[0] + "\n" + row).encode(), f"tahap-{n}.csv", "zi_events")
    changes = _section(open_page(PAGE), "Apa yang berubah sejak")
    assert changes.count("unggahan Tahap ZI, 1 baris baru") == 4
    assert "[2 unggahan lain — riwayat muat di Tentang data](tentang)" in changes
