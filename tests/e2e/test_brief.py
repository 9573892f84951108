"""In Chromium: the leader's brief fits two phone screens, and Beranda opens with it on a phone only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OfflinePage

pytestmark = pytest.mark.e2e

PHONE_SCREEN = 844  # the offline_mobile viewport's height


def _bottom_of_last_line(offline: OfflinePage, heading: str) -> float:
    """Where, from the top of the page, the last line under `heading` ends (px)."""
    page = offline.page
    block = page.locator("[data-testid='stMarkdownContainer']", has=page.locator(f"h5:has-text('{heading}')"))
    items = page.locator("[data-testid='stElementContainer']", has=block).locator("xpath=following-sibling::*[1]//li")
    expect(items.last).to_be_visible()
    box = items.last.bounding_box()
    assert box is not None
    return float(box["y"] + box["height"] + page.evaluate("window.scrollY"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_brief_fits_two_phone_screens(offline_mobile: OfflinePage, lang: str) -> None:
    page = offline_mobile.open(f"ringkasan?sejak=2025-06-01&lang={lang}")
    figures = {"id": "Ringkasan angka", "en": "Headline figures"}[lang]
    # all four parts, down to the last headline figure, within two screens of a 390 × 844 phone
    assert _bottom_of_last_line(offline_mobile, figures) <= 2 * PHONE_SCREEN
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    offline_mobile.shot(f"ringkasan-{lang}-390")
    assert offline_mobile.blocked == []


def test_beranda_opens_with_the_brief_on_a_phone_only(offline_mobile: OfflinePage, offline: OfflinePage) -> None:
    phone = offline_mobile.open("")
    changes = phone.locator("h5", has_text="Apa yang berubah sejak")
    expect(changes).to_be_visible()
    box = changes.bounding_box()
    assert box is not None and box["y"] < PHONE_SCREEN  # on the first screen
    offline_mobile.shot("beranda-ringkasan-id-390")

    wide = offline.open("")
    expect(wide.locator("[data-testid='stMetricLabel']", has_text="Unit berpredikat WBK")).to_be_visible()
    expect(wide.locator("h5", has_text="Apa yang berubah sejak")).to_be_hidden()  # a wide screen has the brief page
