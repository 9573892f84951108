"""Links that never lie, in Chromium: a wrong agency, region or year link says "tidak ditemukan" with the closest
real ones as links and keeps its address; a suggestion opens the right unit; a page that does not exist is
explained in Bahasa (not Streamlit's English dialog on the home page)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import OfflinePage, wait_for_app

pytestmark = pytest.mark.e2e
SLOW = 30_000  # ms: a first visit builds the search index and the caches, on a machine busy with other tests

# wrong link → (what the notice names, the suggestion to click, the unit's title it opens, the address it opens)
WRONG = {
    "instansi?id=kppn-kupangg": (
        "kppn-kupangg",
        "Kantor Pelayanan Perbendaharaan Negara Kupang",
        "Kantor Pelayanan Perbendaharaan Negara Kupang",
        "instansi?id=kppn-kupang",
    ),
    "wilayah?kode=53.1": ("53.1", "Kabupaten Manggarai (53.10)", "Kabupaten Manggarai", "wilayah?kode=53.10"),
    "kepatuhan?tahun=1999": ("1999", "2016", "Tahun 2016 memakai metode", "kepatuhan?tahun=2016"),
}


def _no_streamlit_dialog(page: Page) -> None:
    # Streamlit's own fallback: the home page under an English "Page not found" dialog
    expect(page.get_by_text("Page not found", exact=True)).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)


@pytest.mark.parametrize("link", list(WRONG))
def test_wrong_link_says_not_found_and_a_suggestion_opens_the_right_unit(offline: OfflinePage, link: str) -> None:
    typed, suggestion, title, opened = WRONG[link]
    page = offline.open(link)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_role("heading", name="tidak ditemukan")).to_be_visible(timeout=SLOW)
    expect(main.locator("[data-testid='stAlert']").get_by_text(typed, exact=True)).to_be_visible(timeout=SLOW)
    assert page.url == f"{offline.base}/{link}"  # the address still says what the link said
    _no_streamlit_dialog(page)
    main.get_by_role("link", name=suggestion).first.click()
    expect(page).to_have_url(re.compile(re.escape(f"/{opened}") + "$"), timeout=SLOW)
    wait_for_app(page)
    expect(main.get_by_text(title).first).to_be_visible(timeout=SLOW)
    expect(main.get_by_role("heading", name="tidak ditemukan")).to_have_count(0)
    assert offline.blocked == []


def test_a_page_that_does_not_exist_is_explained_in_bahasa(offline: OfflinePage) -> None:
    page = offline.open("halaman-tidak-ada")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible(timeout=SLOW)
    expect(main.get_by_text("/halaman-tidak-ada")).to_be_visible(timeout=SLOW)
    assert page.url == f"{offline.base}/halaman-tidak-ada"  # not rewritten to the home page
    _no_streamlit_dialog(page)
    expect(main.get_by_text("Unit berpredikat WBK")).to_have_count(0)  # not the home page under another address
    offline.shot("tidak-ditemukan-id-1280")
    main.get_by_role("link", name="Kepatuhan").click()  # every page is a link from here
    expect(page).to_have_url(re.compile(r"/kepatuhan$"), timeout=SLOW)
    wait_for_app(page)
    expect(main.get_by_role("heading", name="Kepatuhan", exact=True)).to_be_visible(timeout=SLOW)
    expect(main.get_by_role("heading", name="Halaman tidak ditemukan")).to_have_count(0)


def test_a_mistyped_page_name_suggests_the_page(offline: OfflinePage) -> None:
    page = offline.open("kepatuhn?lang=en")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_role("heading", name="Page not found")).to_be_visible(timeout=SLOW)
    expect(main.get_by_text("Perhaps you meant")).to_be_visible(timeout=SLOW)
    expect(main.get_by_role("link", name="Compliance").first).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("dialog")).to_have_count(0)  # the heading is ours, not Streamlit's English dialog


@pytest.mark.parametrize("lang", ["id", "en"])
def test_not_found_on_a_phone(offline_mobile: OfflinePage, lang: str) -> None:
    page = offline_mobile.open(f"instansi?id=kppn-kupangg&lang={lang}")
    main = page.locator("[data-testid='stMain']")
    heading = main.get_by_role("heading", name="tidak ditemukan" if lang == "id" else "not found")
    expect(heading).to_be_visible(timeout=SLOW)
    link = main.get_by_role("link", name="Kantor Pelayanan Perbendaharaan Negara Kupang")
    expect(link).to_be_visible(timeout=SLOW)
    box = link.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390  # the suggestion fits the phone's width
    offline_mobile.shot(f"instansi-tidak-ditemukan-{lang}-390")
