"""Maps in Chromium: 22 regions drawn offline, a click opens the region page, and the page stays light."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import SHOTS, OfflinePage, serve, wait_for_app

pytestmark = pytest.mark.e2e
MAX_WS_BYTES = 500 * 1024


def _mark_region(page: Page, kode: str) -> None:
    # plotly binds each drawn shape's data to its DOM node; tag the one for `kode` so Playwright can click it.
    page.evaluate(
        """(kode) => document.querySelectorAll('path.choroplethlocation').forEach(el => {
               if (el.__data__ && el.__data__.loc === kode) el.setAttribute('data-kode', kode); })""",
        kode,
    )


def test_map_draws_22_regions_and_a_click_opens_the_region(offline: OfflinePage) -> None:
    page = offline.open("kepatuhan?tahun=2024")
    maps = page.locator("[data-testid='stPlotlyChart']")
    expect(maps.first.locator("path.choroplethlocation")).to_have_count(22, timeout=15_000)
    offline.shot("kepatuhan-map-2024")
    _mark_region(page, "53.71")
    page.locator("path[data-kode='53.71']").click(force=True)
    page.wait_for_url("**/wilayah?*kode=53.71*", timeout=15_000)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Kota Kupang").first).to_be_visible()
    assert offline.blocked == []


def test_map_steps_through_years_with_gaps_as_gaps(offline: OfflinePage) -> None:
    for year, coloured in ((2017, 4), (2018, 10), (2021, 22), (2022, 22), (2024, 12)):
        page = offline.open(f"kepatuhan?tahun={year}")
        expect(page.locator("path.choroplethlocation")).to_have_count(22, timeout=15_000)
        grey = page.evaluate(
            """() => [...document.querySelectorAll('path.choroplethlocation')]
                    .filter(el => getComputedStyle(el).fill === 'rgb(224, 224, 224)').length"""
        )
        assert 22 - grey == coloured, f"{year}: {22 - grey} regions with a zone colour"
    assert offline.blocked == []


def test_map_page_websocket_transfer_is_light(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    op = OfflinePage(page, server)
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    op.open("kepatuhan?tahun=2024")
    expect(page.locator("path.choroplethlocation")).to_have_count(22, timeout=15_000)
    total = sum(received)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS.parent / "kepatuhan-transfer.txt").write_text(f"{total} bytes over the websocket\n", encoding="utf-8")
    print(f"kepatuhan websocket transfer: {total / 1024:.0f} KB")
    assert 0 < total <= MAX_WS_BYTES
    assert op.blocked == []
    context.close()


def test_deep_link_on_a_fresh_server_runs_the_router(browser: Browser, built_dir: Path) -> None:
    # The first request a fresh server sees is a deep link: it must still get the router (sidebar, language).
    with serve(built_dir) as base:
        context = browser.new_context()
        op = OfflinePage(context.new_page(), base)
        page = op.open("wilayah?kode=53.04&lang=en")
        expect(page.get_by_role("heading", name="Kabupaten Belu").first).to_be_visible()
        expect(page.get_by_text("Bahasa / Language")).to_be_visible()
        expect(page.get_by_role("link", name="About the data")).to_be_visible()
        assert op.blocked == []
        context.close()
