"""Staff flow in Chromium: sign in, upload a compliance CSV for a new year, see it on the map, undo it, see it gone;
and a large complaints file shows its progress, then its counts, then commits."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.synthetic import complaints_csv
from core import accounts, paths
from etl.build import build
from tests.conftest import copy_data
from tests.e2e.conftest import OfflinePage, serve, wait_for_app

pytestmark = pytest.mark.e2e
PASSWORD = "kata-sandi-uji-123"
# Synthetic test row: a made-up 2030 result for Kota Kupang citing an existing source.
CSV = (
    "region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs\n"
    "53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36;;uji e2e;\n"
)
# the source written in the row, as a first-time user does (no source id to know)
INLINE_SOURCE = {
    "source_url": "https://example.org/hasil-penilaian-2030",
    "source_publisher": "Contoh Pos",
    "source_date": "6 Februari 2030",
    "source_quote": '"Kota Kupang meraih nilai 90,50"',
}
# 91,82 lies in the 2024 green band: "merah" passes every cell rule but breaks the zones_match_bands contract
WRONG_ZONE = "53.03;2024;91,82;merah;A;;penilaian;confirmed;src-c34"


def _nav(page: Page, label: str) -> None:
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=label).click()
    wait_for_app(page)


def _sign_in(page: Page) -> None:
    page.get_by_label("Nama akun").fill("staf")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    wait_for_app(page)


def _upload(page: Page, dataset: str, file: Path) -> None:
    """Open Unggah data from the sidebar, pick `dataset` by its label and upload `file`."""
    _nav(page, "Unggah data")
    page.locator("[data-testid='stSelectbox']").filter(has_text="Dataset").click()
    page.get_by_role("option", name=dataset).click()
    wait_for_app(page)
    page.locator("input[type='file']").set_input_files(str(file))


def _grey_and_coloured(page: Page) -> tuple[int, int]:
    expect(page.locator("path.choroplethlocation")).to_have_count(22, timeout=15_000)
    grey = page.evaluate(
        """() => [...document.querySelectorAll('path.choroplethlocation')]
                .filter(el => getComputedStyle(el).fill === 'rgb(224, 224, 224)').length"""
    )
    return grey, 22 - grey


def test_sign_in_upload_see_on_map_undo(browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = copy_data(tmp_path / "data")
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(data))
    build(by="seed")
    accounts.add_staff("staf", PASSWORD)
    upload = tmp_path / "penilaian-2030.csv"
    upload.write_text(CSV, encoding="utf-8")
    with serve(data) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        op = OfflinePage(context.new_page(), base)
        page = op.open("unggah")  # not signed in: the upload page does not exist
        expect(page.get_by_text("Berkas (CSV, XLSX, XLS atau ODS)")).to_have_count(0)
        page = op.open("masuk")
        _sign_in(page)
        # a first-time staff member: download the CSV template, write a row with its source in the row itself
        _nav(page, "Unggah data")
        page.locator("[data-testid='stSelectbox']").filter(has_text="Dataset").click()
        page.get_by_role("option", name="Penilaian kepatuhan pemda").click()
        wait_for_app(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Unduh templat CSV").click()
        header = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        cells = dict(zip(CSV.splitlines()[0].split(";"), CSV.splitlines()[1].split(";"), strict=True))
        cells |= {"region_kode": "Kota Kupang", "source_id": "", "score": '"90,50"', **INLINE_SOURCE}
        upload.write_text(",".join(header) + "\n" + ",".join(cells.get(h, "") for h in header) + "\n", encoding="utf-8")
        page.locator("input[type='file']").set_input_files(str(upload))
        save = page.get_by_role("button", name="Simpan 1 baris (semua atau tidak sama sekali)")
        expect(save).to_be_visible(timeout=30_000)
        expect(page.locator("[data-testid='stMetric']").filter(has_text="Sumber baru")).to_contain_text("1")
        op.shot("unggah-dry-run")
        save.click()
        expect(page.get_by_text("Tersimpan sebagai muatan 13")).to_be_visible(timeout=15_000)
        _nav(page, "Kepatuhan")
        expect(page.get_by_text("Tahun 2030 memakai metode").first).to_be_visible()
        assert _grey_and_coloured(page) == (21, 1)
        op.shot("kepatuhan-after-upload")
        _nav(page, "Riwayat")
        page.get_by_text("Ya, batalkan muatan 13").click()  # the history page asks first
        wait_for_app(page)
        page.get_by_role("button", name="Batalkan muatan 13").click()
        expect(page.get_by_text("Muatan 13 dibatalkan")).to_be_visible(timeout=15_000)
        _nav(page, "Kepatuhan")
        expect(page.get_by_text("Tahun 2024 memakai metode").first).to_be_visible()
        assert _grey_and_coloured(page) == (10, 12)
        # a file whose every cell is fine but whose zone contradicts the published band: refused by the dry run
        wrong = tmp_path / "zona-salah.csv"
        wrong.write_text(CSV.replace("53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36", WRONG_ZONE), encoding="utf-8")
        _upload(page, "Penilaian kepatuhan pemda", wrong)
        refused = "Berkas ditolak: setiap sel benar, tetapi menyimpannya akan melanggar aturan data."
        expect(page.get_by_text(refused)).to_be_visible(timeout=15_000)
        expect(page.get_by_role("button", name="Simpan 1 baris (semua atau tidak sama sekali)")).to_have_count(0)
        op.shot("unggah-contract-refused")
        assert op.blocked == []
        context.close()


LARGE_ROWS = 500_000  # about 64 MB: big enough that checking takes seconds, so the progress bar must show


def test_large_upload_shows_progress_then_counts(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy_data(tmp_path / "data")
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(data))
    build(by="seed")
    accounts.add_staff("staf", PASSWORD)
    upload = tmp_path / "pengaduan-besar.csv"
    complaints_csv(upload, LARGE_ROWS, source_id="src-b1")
    with serve(data) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        op = OfflinePage(context.new_page(), base)
        page = op.open("masuk")
        _sign_in(page)
        _upload(page, "Angka pengaduan", upload)
        expect(page.locator("[data-testid='stProgress']")).to_be_visible(timeout=60_000)
        op.shot("unggah-progress")
        save = page.get_by_role("button", name="Simpan 500.000 baris (semua atau tidak sama sekali)")
        expect(save).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Ditampilkan 200 dari 500.000 baris.")).to_be_visible()
        op.shot("unggah-large-dry-run")
        save.click()
        expect(page.get_by_text("Tersimpan sebagai muatan 13")).to_be_visible(timeout=60_000)
        assert op.blocked == []
        context.close()
