"""Hover help in Chromium, on a phone: a term in a table cell and in a chart's terms line is a link whose title is
the glossary's hover text (shown under the pointer), reads as the text around it (dotted underline, not a blue
link), and a tap opens the glossary at that term in the reader's language."""

from __future__ import annotations

import tomllib

import pytest
from playwright.sync_api import expect

from tests.conftest import REPO
from tests.e2e.conftest import OfflinePage, wait_for_app

pytestmark = pytest.mark.e2e
SLOW = 30_000


def _hover(anchor: str, lang: str) -> str:
    with (REPO / "core" / "glossary.toml").open("rb") as fh:
        (term,) = [t for t in tomllib.load(fh)["term"] if t["anchor"] == anchor]
    return str(term[lang]["hover"])


def test_a_term_shows_its_meaning_and_a_tap_opens_the_glossary(offline_mobile: OfflinePage) -> None:
    page = offline_mobile.open("pengaduan?rincian=maladministrasi&lang=en")
    main = page.locator("[data-testid='stMain']")
    cell = main.locator("[data-testid='stTable'] a[href='glosarium?istilah=pb&lang=en']").first
    expect(cell).to_have_text("undue delay", timeout=SLOW)
    expect(cell).to_have_attribute("title", _hover("pb", "en"))
    # the word reads as the text around it, marked by a dotted underline only
    look = cell.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e.closest('td')).color,"
        " getComputedStyle(e).textDecorationStyle]"
    )
    assert look[0] == look[1] and look[2] == "dotted", look
    # under the series chart: its legend's measures, each with its meaning
    terms = main.locator("[data-testid='stCaptionContainer'] a[href='glosarium?istilah=akses&lang=en']").first
    expect(terms).to_have_attribute("title", _hover("akses", "en"))
    offline_mobile.shot("istilah-en-390")
    with page.context.expect_page() as opened:
        cell.click()  # a tap, as the phone's browser turns it into a click
    glossary = opened.value
    wait_for_app(glossary)
    assert glossary.url.endswith("/glosarium?istilah=pb&lang=en")
    expect(glossary.get_by_role("heading", name="Undue delay")).to_be_visible(timeout=SLOW)
    assert offline_mobile.blocked == []
