"""A chart saved from the page carries its source, in Chromium: the mode bar's one button downloads a 2400×1350 PNG
with the title above the chart and the source line, data version and link below it, named after the chart and the
version; on a phone the button shows without hover, and no credit runs past the chart's edge or over its axes and
legend. Independent of how pages are wired: a throwaway script draws real charts.py figures from small frames.
The SVG (and PNG) that the server renders for an "Unduh SVG" button is checked here too: it needs Chromium."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, expect

from integritas import charts, images
from tests.conftest import REPO
from tests.e2e.conftest import SHOTS, OfflinePage, streamlit_server

pytestmark = pytest.mark.e2e

VERSION = "2026-11-30-3f9a1c"
CREDITS = charts.Credits(
    title="Pemda per zona kepatuhan pelayanan publik, 2017–2024",
    subtitle="Tahun 2024 · semua kabupaten/kota · pembanding 2022",
    source=charts.source_line(["Ombudsman RI Perwakilan NTT", "KemenPAN-RB"], "id"),
    version=VERSION,
    permalink=f"https://dasbor.example.org/kepatuhan?tahun=2024&banding=2022&versi={VERSION}",
)
MAP_CONFIG = {"topojsonURL": "app/static/topojson/", "displayModeBar": False, "scrollZoom": False}
CAMERA = "Unduh grafik sebagai PNG"  # the camera button's title: plotly.js's own words, in the page's Bahasa locale


def zones_figure(credits: charts.Credits = CREDITS) -> go.Figure:
    summary = pd.DataFrame(
        {
            "year": [2017] * 3 + [2021] * 3 + [2024] * 3,
            "zone": ["merah", "kuning", "hijau"] * 3,
            "named": [4, 2, 0, 3, 5, 2, 1, 8, 13],
        }
    )
    return charts.with_credits(charts.read_only(charts.zones_by_year(summary, "id")), credits, "id")


def map_figure(credits: charts.Credits = CREDITS) -> go.Figure:
    fc = json.loads((REPO / "data" / "geo" / "ntt_kabkota.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"]["kode"] for f in fc["features"]]
    classes = {"53.03": "hijau", "53.71": "hijau", "53.01": "kuning", "53.05": "merah"}
    df = pd.DataFrame({"kode": codes, "cls": [classes.get(k, charts.NO_DATA) for k in codes], "hover": codes})
    labels = {"hijau": "hijau", "kuning": "kuning", "merah": "merah", charts.NO_DATA: "tidak ada data"}
    fig = charts.class_map(fc, charts.label_points(fc), df, charts.ZONE_CLASSES, labels)
    return charts.with_credits(fig, credits, "id")


def draw() -> None:
    """The throwaway page (run by `streamlit run` from SCRIPT): the two charts as a page would draw them."""
    import streamlit as st

    st.subheader("Zona per tahun")
    st.plotly_chart(zones_figure(), width="stretch", config=charts.plot_config("zona-per-tahun", version=VERSION))
    st.subheader("Peta")
    st.plotly_chart(map_figure(), width="stretch", config=charts.plot_config("peta", MAP_CONFIG, version=VERSION))


SCRIPT = "from tests.e2e.test_chart_image import draw\n\ndraw()\n"


@pytest.fixture(scope="module")
def chart_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run` of SCRIPT in a temporary folder (with the app's static topojson stub, as the app serves it) on
    a free loopback port; yields the base URL once healthy."""
    folder = tmp_path_factory.mktemp("chart-image")
    (folder / "app.py").write_text(SCRIPT, encoding="utf-8")
    shutil.copytree(REPO / "static", folder / "static")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    with streamlit_server(folder / "app.py", folder, env, "--server.enableStaticServing", "true") as base:
        yield base


def _charts(op: OfflinePage) -> Locator:
    page = op.open()
    drawn = page.locator("[data-testid='stPlotlyChart']")
    expect(drawn).to_have_count(2, timeout=15_000)
    expect(drawn.nth(1).locator("path.choroplethlocation")).to_have_count(22, timeout=15_000)
    for i in range(2):
        expect(drawn.nth(i).locator(".legend2titletext")).to_contain_text("Sumber", timeout=15_000)
    return drawn


def _download(chart: Locator, target: Path) -> str:
    chart.hover()
    buttons = chart.locator(".modebar-btn")
    expect(buttons).to_have_count(1)  # only the camera: no zoom, pan, lasso or plotly logo
    with chart.page.expect_download(timeout=20_000) as download:
        chart.get_by_role("button", name=CAMERA).click()
    download.value.save_as(target)
    return download.value.suggested_filename


def _ink(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels of text in `box`: anything darker than the light grey of the grid lines (the credits are grey)."""
    return sum(image.crop(box).convert("L").histogram()[:200])


# Every text of a chart, by role: the credits (title block, source block) and the rest (ticks, legend, bar labels).
TEXT_BOXES = """(chart) => {
    const svg = chart.querySelector('svg.main-svg').getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect(); return {text: el.textContent, left: r.left,
        right: r.right, top: r.top, bottom: r.bottom}; };
    const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const all = [...chart.querySelectorAll('text')].filter(shown);
    const title = all.filter(t => t.closest('.g-gtitle')).map(box);
    const source = all.filter(t => t.classList.contains('legend2titletext')).map(box);
    const rest = all.filter(t => !t.closest('.g-gtitle') && !t.closest('.legend2')).map(box);
    const plot = [...chart.querySelectorAll('.cartesianlayer .plot, .geolayer .geo')].map(box);
    return {svg: {left: svg.left, right: svg.right, top: svg.top, bottom: svg.bottom}, title, source, rest, plot};
}"""


def _assert_credits_clear(chart: Locator, label: str) -> None:
    """The title block above everything else of the chart, the source block below it, no text past either edge."""
    boxes = chart.evaluate(TEXT_BOXES)
    svg = boxes["svg"]
    texts = boxes["title"] + boxes["source"] + boxes["rest"]
    cut = [t["text"] for t in texts if t["left"] < svg["left"] - 1 or t["right"] > svg["right"] + 1]
    assert cut == [], f"{label}: text past the chart's edge: {cut}"
    assert len(boxes["title"]) >= 2 and len(boxes["source"]) == 1, label
    others = boxes["rest"] + boxes["plot"]
    assert max(t["bottom"] for t in boxes["title"]) <= min(t["top"] for t in others), f"{label}: title overlaps"
    assert min(t["top"] for t in boxes["source"]) >= max(t["bottom"] for t in others), f"{label}: source overlaps"
    assert boxes["source"][0]["bottom"] <= svg["bottom"] + 1, f"{label}: source cut at the bottom"


def test_the_camera_saves_a_png_that_carries_title_source_version_and_link(
    browser: Browser, chart_server: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1800}, locale="id-ID", accept_downloads=True)
    op = OfflinePage(context.new_page(), chart_server)
    drawn = _charts(op)
    op.shot("chart-image-1280")
    for i in range(2):
        _assert_credits_clear(drawn.nth(i), f"1280 px, chart {i}")

    # what the figure holds (Python side) is what the browser draws
    fig = zones_figure()
    assert "Pemda per zona" in fig.layout.title.text and "Sumber: Ombudsman RI Perwakilan NTT" in (
        fig.layout.legend2.title.text
    )
    expect(drawn.first.locator(".gtitle")).to_contain_text("Pemda per zona kepatuhan")
    expect(drawn.first.locator(".legend2titletext")).to_contain_text(f"Versi data: {VERSION}")

    for i, name in enumerate(("zona-per-tahun", "peta")):
        saved = tmp_path / f"{name}.png"
        assert _download(drawn.nth(i), saved) == f"{name}_{VERSION}.png"
        image = Image.open(saved).convert("RGB")
        assert image.size == (2400, 1350)  # 1200×675 at twice the pixels
        assert len(image.getcolors(maxcolors=1 << 22) or []) > 20, f"{name}: a blank image"
        w, h = image.size
        # the title at the top left; the source block's last line (the link) just above the bottom edge, below
        # the legend, and nothing cut off at the edge
        assert _ink(image, (0, 0, w // 2, 80)) > 500, f"{name}: no title drawn"
        assert _ink(image, (0, h - 40, w // 2, h - 6)) > 200, f"{name}: no source lines at the bottom"
        assert _ink(image, (0, h - 6, w, h)) == 0, f"{name}: text runs off the bottom edge"
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(saved, SHOTS / f"chart-image-download-{name}.png")
    image = Image.open(tmp_path / "zona-per-tahun.png").convert("RGB")
    green = tuple(int(charts.ZONE_COLOURS["hijau"][i : i + 2], 16) for i in (1, 3, 5))
    assert any(c == green for _, c in image.getcolors(maxcolors=1 << 22) or []), "the hijau bars are missing"
    assert op.blocked == [], f"requests left the server: {op.blocked}"
    context.close()


def test_on_a_phone_the_button_shows_and_no_credit_is_cut_or_overlaps(browser: Browser, chart_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 2000}, is_mobile=True, has_touch=True)
    op = OfflinePage(context.new_page(), chart_server)
    drawn = _charts(op)
    op.shot("chart-image-390")
    for i in range(2):
        chart = drawn.nth(i)
        # a phone has no hover: the download button is there at all times, fully opaque
        group = chart.locator(".modebar-group")
        assert group.evaluate("el => getComputedStyle(el).opacity") == "1"
        expect(chart.get_by_role("button", name=CAMERA)).to_be_visible()

        _assert_credits_clear(chart, f"390 px, chart {i}")
    assert op.blocked == [], f"requests left the server: {op.blocked}"
    context.close()


# ---------------------------------------------------------------- SVG and PNG rendered on the server (kaleido)


@pytest.fixture(scope="module")
def renderer() -> Iterator[None]:
    assert images.image_export_available(), "kaleido (requirements.txt) and /usr/bin/chromium are needed"
    yield
    images.stop_image_renderer()  # the browser it started ends with the tests


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_svg_from_the_server_carries_the_credits_as_text(renderer: None) -> None:
    hostile = "<a href='javascript:x'>p</a>"
    credits = dataclasses.replace(CREDITS, source=charts.source_line(["Ombudsman RI Perwakilan NTT", hostile], "id"))
    svg = images.figure_image(map_figure(credits), "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("width") == "1200" and root.get("height") == "675"
    lines = [" ".join(t.itertext()) for t in root.iter() if t.tag.endswith("text")]  # a line is a <tspan>
    texts = _flat(" ".join(lines))
    assert "Pemda per zona kepatuhan" in texts and f"Versi data: {VERSION}" in texts
    assert hostile in texts  # the publisher reads as typed
    assert "".join(CREDITS.permalink.split()) in "".join(texts.split())
    links = [el for el in root.iter() if el.tag.split("}")[-1] == "a"]
    assert links == [] and "javascript:" not in " ".join(v for el in root.iter() for v in el.attrib.values())
    assert len([el for el in root.iter() if el.get("class") == "choroplethlocation"]) == 22  # the map is drawn


def test_png_from_the_server_is_the_chart_at_twice_the_size_quickly(renderer: None) -> None:
    images.figure_image(zones_figure(), "png")  # the first request starts the browser
    started = time.monotonic()
    png = images.figure_image(zones_figure(), "png")
    assert time.monotonic() - started < 2.0
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (2400, 1350)
    colours = image.getcolors(maxcolors=1 << 22) or []
    assert len(colours) > 20, "a blank image"
    green = tuple(int(charts.ZONE_COLOURS["hijau"][i : i + 2], 16) for i in (1, 3, 5))
    assert any(c == green for _, c in colours), "the hijau bars are missing"


def test_a_browser_that_died_is_replaced_and_the_download_still_works(renderer: None) -> None:
    # the server's image browser may be killed (out of memory, an operator): the next reader still gets the image
    images.figure_image(zones_figure(), "svg")
    browser = images._RENDERER._browser
    browser.subprocess.kill()
    browser.subprocess.wait(timeout=10)
    svg = images.figure_image(zones_figure(), "svg")
    assert f"Versi data: {VERSION}".encode() in svg
