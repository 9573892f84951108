"""Journeys in Chromium: from the lanes to KPPN Kupang's page, whose journey shows WBK 2019 and the pending proposal."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OfflinePage, wait_for_app

pytestmark = pytest.mark.e2e


def test_lane_click_opens_kppn_kupang(offline: OfflinePage) -> None:
    page = offline.open("perjalanan")
    expect(page.locator(".scatterlayer .trace .points path").first).to_be_attached(timeout=15_000)
    # plotly binds each marker to its trace; tag KPPN Kupang's WBK star so Playwright can click it (in the lanes on
    # screen: the page also draws the phone's form, which the browser hides on a wide screen).
    found = page.evaluate(
        """() => { let n = 0; document.querySelectorAll('.scatterlayer .trace .points path').forEach(el => {
               if (!el.checkVisibility()) return;
               const cd = el.parentNode.parentNode.__data__[0].trace.customdata;
               if (cd && cd[el.__data__.i] && cd[el.__data__.i][0] === 'kppn-kupang') {
                   el.setAttribute('data-agency', 'kppn-kupang'); n += 1; } }); return n; }"""
    )
    assert found == 3  # WBK 2019, usulan WBBM 2025, pencanangan 2025
    offline.shot("perjalanan-lanes")
    page.locator("path[data-agency='kppn-kupang']").first.click(force=True)
    page.wait_for_url("**/instansi?*id=kppn-kupang*", timeout=15_000)
    wait_for_app(page)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_role("heading", name="Kantor Pelayanan Perbendaharaan Negara Kupang")).to_be_visible()
    expect(main.get_by_text("WBK 2019 → usulan WBBM 2025 (hasil belum diketahui)").first).to_be_visible()
    expect(main.get_by_text("Usulan ke TPN menuju WBBM (hasil belum diketahui)").first).to_be_visible()
    expect(main.get_by_text("Predikat WBBM")).to_have_count(0)
    offline.shot("instansi-kppn-kupang")
    assert offline.blocked == []


def test_sidebar_search_leads_to_the_agency(offline: OfflinePage) -> None:
    page = offline.open("pengaduan")
    box = page.get_by_label("Cari instansi")
    box.fill("pn rote ndao")
    box.press("Enter")
    wait_for_app(page)
    page.get_by_role("link", name="Pengadilan Negeri Rote Ndao Kelas II").click()
    page.wait_for_url("**/instansi?*id=pn-rote-ndao*", timeout=15_000)
    wait_for_app(page)
    expect(page.get_by_text("20 Desember 2021").first).to_be_visible()
    assert offline.blocked == []


def test_a_phone_shows_the_answer_and_its_chart_on_the_first_screen(offline_mobile: OfflinePage) -> None:
    # "How many agencies reached WBK each year, and how long did it take them?" at 390 × 844, without scrolling:
    # the answer in words, then the time to WBK per award year (a count over each year's box), axis included.
    page = offline_mobile.open("perjalanan")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("Median 0,3 tahun dari pencanangan ke WBK")).to_be_in_viewport()
    chart = main.locator("[data-testid='stPlotlyChart']").first
    expect(chart.locator(".boxlayer .trace")).to_be_attached(timeout=15_000)
    expect(chart.locator(".xtick").first).to_have_text("2019")
    box = chart.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    offline_mobile.shot("perjalanan-390")
