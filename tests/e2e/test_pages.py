"""End to end in Chromium: every page in Bahasa and English, real values visible, no request leaves the server."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OfflinePage

pytestmark = pytest.mark.e2e

PAGES = {
    "beranda": ("", {"id": ["Unit berpredikat WBK", "1.278", "279"], "en": ["Units awarded WBK", "1,278", "279"]}),
    "kepatuhan": (
        "kepatuhan?tahun=2024",
        {
            "id": ["Tahun 2024 memakai metode", "Cakupan data per tahun"],
            "en": ["2024 used the method", "Data coverage per year"],
        },
    ),
    "wilayah": (
        "wilayah?kode=53.71",
        {
            "id": ["Riwayat penilaian kepatuhan pemda", "79,12"],
            "en": ["Pemda compliance assessment history", "79.12"],
        },
    ),
    "perjalanan": (
        "perjalanan",
        {"id": ["Perjalanan ZI", "instansi macet"], "en": ["ZI journeys", "agencies stalled"]},
    ),
    "instansi": (
        "instansi?id=kanwil-kemenkum-ntt",
        {
            "id": ["Pendahulu dan penerus", "dicatat satu kali"],
            "en": ["Predecessors and successors", "recorded once"],
        },
    ),
    "pengaduan": (
        "pengaduan",
        {"id": ["Jumlah per periode", "sebagian tahun"], "en": ["Totals per period", "part of the year"]},
    ),
    "tentang": (
        "tentang",
        {
            "id": ["Daftar sumber", "Badan Informasi Geospasial", "Skema basis data"],
            "en": ["Sources", "Badan Informasi Geospasial", "Database schema"],
        },
    ),
}


# Every page in Bahasa, and in English the pages with the most words of their own (AppTest reads every page in
# English: tests/app/test_pages.py, tests/app/test_way_out.py).
@pytest.mark.parametrize(("name", "lang"), [*((n, "id") for n in PAGES), ("pengaduan", "en"), ("tentang", "en")])
def test_page_renders_offline(offline: OfflinePage, name: str, lang: str) -> None:
    path, expected = PAGES[name]
    page = offline.open(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    body = page.locator("[data-testid='stMain']")
    for text in expected[lang]:
        # the visible one: Beranda also draws the leader's brief, which only a phone shows
        expect(body.get_by_text(text, exact=False).filter(visible=True).first).to_be_visible(timeout=10_000)
    assert page.locator("[data-testid='stException']").count() == 0
    offline.shot(f"{name}-{lang}")
    assert offline.blocked == [], f"requests left the server: {offline.blocked}"


def test_language_toggle_switches_strings_and_url(offline: OfflinePage) -> None:
    page = offline.open("")
    expect(page.get_by_text("Unit berpredikat WBK").first).to_be_visible()
    page.get_by_text("English", exact=True).click()
    page.wait_for_selector("text=Units awarded WBK")
    assert "lang=en" in page.url
    page.get_by_role("link", name="About the data").click()
    page.wait_for_selector("text=Database schema")
    assert "/tentang" in page.url and "lang=en" in page.url
    assert offline.blocked == []


def test_home_fits_a_phone(offline_mobile: OfflinePage) -> None:
    page = offline_mobile.open("")
    expect(page.get_by_text("Unit berpredikat WBK").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide at a 390px viewport"
    offline_mobile.shot("beranda-id-390")
    assert offline_mobile.blocked == []
