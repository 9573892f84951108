"""In Chromium, as a journalist: copy a citation, download a table as CSV and Excel and read them back, and open a
pinned permalink after a new upload."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
from playwright.sync_api import Browser, expect

from core import versions
from etl import load
from tests.e2e.conftest import OfflinePage, serve, wait_for_app

# Synthetic row for tests only: a made-up 2030 assessment of Kota Kupang citing an existing source.
NEW_YEAR = (
    "region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs\n"
    "53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36;;uji;\n"
)


def test_the_awards_table_downloads_as_data_with_its_sources_and_citation(offline: OfflinePage) -> None:
    page = offline.open("")
    (version,) = re.findall(r"\d{4}-\d{2}-\d{2}-[0-9a-f]{6}", page.get_by_test_id("stSidebar").inner_text())

    with page.expect_download() as got:
        page.get_by_role("button", name="CSV (5 baris)").click()
    assert got.value.suggested_filename == f"penghargaan_{version}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8-sig"))))
    kppn = [r for r in rows if r["ID instansi (agency_id)"] == "kppn-kupang"]
    # machine values: the event code, an ISO date with its precision, the status code, the source id
    assert [(r["Tahap (event)"], r["Tanggal (date)"], r["Ketelitian tanggal (date_precision)"]) for r in kppn] == [
        ("wbk", "2019-01-01", "year"),
        ("usulan_tpn", "2025-01-01", "year"),  # as data/seed/zi_events.csv rows zi-s1, zi-s3
    ]
    assert all(r["ID sumber (source_id)"].startswith("src-") for r in rows)

    with page.expect_download() as got:
        page.get_by_role("button", name="Excel + sumber (5 baris)").click()
    assert got.value.suggested_filename == f"penghargaan_{version}.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    assert book.sheetnames == ["Data", "Sumber", "Kutipan"]
    cited = {r["ID sumber (source_id)"] for r in rows}
    quotes = {row[0].value for row in book["Sumber"].iter_rows(min_row=2)}
    assert quotes == cited  # every source the rows cite, with its quote
    about = "\n".join(str(c.value) for row in book["Kutipan"].iter_rows() for c in row if c.value)
    assert version in about and f"versi={version}" in about

    page.get_by_text("Kutip", exact=True).click()
    citation = page.locator("[data-testid='stCode']").first.inner_text()
    assert citation.startswith("Integritas NTT (") and f"Versi data {version}" in citation
    assert offline.blocked == []


def test_a_pinned_permalink_says_the_data_changed_after_an_upload(browser: Browser, seeded: Path) -> None:
    (first,) = versions.kept()
    with serve(seeded) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(f"{base}/wilayah?kode=53.71&versi={first.id}")
        wait_for_app(page)
        expect(page.get_by_text("Data telah diperbarui sejak versi ini")).to_have_count(0)  # nothing newer yet

        load.commit(NEW_YEAR.encode(), "2030.csv", "compliance")
        latest = versions.kept()[0]
        page.goto(f"{base}/wilayah?kode=53.71&versi={first.id}")
        wait_for_app(page)
        notice = page.get_by_text("Data telah diperbarui sejak versi ini")
        expect(notice).to_be_visible()
        assert latest.id in page.get_by_test_id("stAlert").first.inner_text()
        expect(page.get_by_role("cell", name="2030", exact=True)).to_have_count(0)  # the pinned rows only

        page.get_by_role("button", name="Lihat data terbaru").click()
        wait_for_app(page)
        expect(page.get_by_role("cell", name="2030", exact=True)).to_be_visible()
        assert "versi=" not in page.url
        context.close()


def test_the_whole_dataset_is_one_click_on_the_about_page(offline: OfflinePage) -> None:
    page = offline.open("tentang")
    (version,) = set(re.findall(r"\d{4}-\d{2}-\d{2}-[0-9a-f]{6}", page.get_by_test_id("stSidebar").inner_text()))
    with page.expect_download(timeout=60_000) as got:
        page.get_by_role("button", name="Unduh semua data (zip)").click()
    assert got.value.suggested_filename == f"integritas-ntt-data_{version}.zip"
    with zipfile.ZipFile(got.value.path()) as z:
        names = z.namelist()
        (descriptor,) = [n for n in names if n.endswith("datapackage.json")]
        described = json.loads(z.read(descriptor))
        assert described["version"] == version
        tables = {r["name"] for r in described["resources"]}
        assert {"sources", "zi_events", "compliance", "complaints"} <= tables and "loads" not in tables
        (sources_csv,) = [n for n in names if n.endswith("/sources.csv")]
        ids = {r["id"] for r in csv.DictReader(io.StringIO(z.read(sources_csv).decode("utf-8-sig")))}
    assert "src-a12" in ids and any(n.endswith(".parquet") for n in names) and any(n.endswith(".duckdb") for n in names)
