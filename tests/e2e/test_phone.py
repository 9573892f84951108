"""Every public page on a phone (390 × 844, Chromium): nothing wider than the screen, no legend over an axis, ZI
lanes a thumb can read, a visible cue on a table that scrolls sideways; a screenshot of each page to look at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import OfflinePage, wait_for_app

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
PAGES = {  # shot name: path
    "beranda": "",
    "kepatuhan": "kepatuhan",
    "perjalanan": "perjalanan",
    "pengaduan": "pengaduan",
    "wilayah": "wilayah?kode=53.71",
    "instansi": "instansi?id=kppn-kupang",
    "tentang": "tentang",
    "glosarium": "glosarium",
}
# English too for the two pages with lanes, and Kepatuhan's comparison (the map's longest legend)
ENGLISH = {
    "kepatuhan-banding": "kepatuhan?tahun=2024&banding=2022&lang=en",
    "perjalanan": "perjalanan?lang=en",
    "instansi": "instansi?id=kppn-kupang&lang=en",
}

# What a reader sees of every chart, table and the page's width (only elements on screen: a page draws the lanes
# twice and the browser hides the wide form on a phone).
MEASURE = r"""
() => {
  const box = e => {
    const b = e.getBoundingClientRect();
    return {x: b.left, y: b.top + scrollY, w: b.width, h: b.height};
  };
  const keys = c => {  // the st-key-… classes of the chart and its containers
    const k = [];
    for (let e = c; e; e = e.parentElement) k.push(...(String(e.className).match(/st-key-[\w-]+/g) || []));
    return k;
  };
  const texts = (svg, sel) => [...svg.querySelectorAll(sel)].filter(shown).map(t => ({...box(t), text: t.textContent}));
  // on screen: not hidden by CSS (the other form of the lanes), nor folded in a closed expander
  const shown = e => e.checkVisibility({contentVisibilityAuto: true}) && e.getBoundingClientRect().width > 0;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(shown).map(c => {
    const svg = c.querySelector('.js-plotly-plot');
    const legend = svg && svg.querySelector('g.legend');
    return {
      keys: keys(c),
      map: !!(svg && svg.querySelector('.choroplethlayer')),
      title: svg ? (svg.querySelector('.gtitle') || {textContent: ''}).textContent : '',
      box: box(c),
      legend: legend ? box(legend) : null,
      legendTexts: legend ? [...legend.querySelectorAll('.legendtext')].map(box) : [],
      xticks: svg ? texts(svg, '.xtick text') : [],
      names: svg ? texts(svg, '.annotation-text') : [],
      markers: svg ? [...svg.querySelectorAll('.scatterlayer .points path')].filter(shown).map(box) : [],
      plot: svg && svg.querySelector('.draglayer .nsewdrag') ? box(svg.querySelector('.draglayer .nsewdrag')) : null,
    };
  });
  const tables = [...document.querySelectorAll('[data-testid="stTable"], [data-testid="stDataFrame"]')]
    .filter(shown).map(t => {
      const scroller = t.matches('[data-testid="stTable"]') ? t.firstElementChild : t.querySelector('.dvn-scroller');
      const hint = getComputedStyle(t, '::after');
      const style = getComputedStyle(scroller);
      return {
        head: t.textContent.slice(0, 40),
        overflows: scroller.scrollWidth > scroller.clientWidth,
        fadeRight: parseFloat(style.getPropertyValue('--cue-r')) || 0,
        fadeLeft: parseFloat(style.getPropertyValue('--cue-l')) || 0,
        hint: hint.content, hintHeight: parseFloat(hint.height) || 0,
      };
    });
  return {width: document.documentElement.scrollWidth, charts, tables};
}
"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    )


CHARTLESS = ("tentang", "glosarium")


# The page has settled: the page-wide CSS is in (it hides one form of the lanes, marks tables), every data grid has
# its scroller, and the main area's elements have stopped changing for 0.7 s (on a loaded machine the browser draws
# after the script ends).
SETTLED = """() => {
  if (getComputedStyle(document.documentElement).getPropertyValue('--cue-text') === '') return false;
  // a data grid on screen draws its scroller after its frame
  if ([...document.querySelectorAll('[data-testid="stDataFrame"]')]
        .some(t => t.getClientRects().length > 0 && !t.querySelector('.dvn-scroller'))) return false;
  const n = document.querySelectorAll('[data-testid="stMain"] *').length, now = performance.now();
  if (window.__settleN !== n) { window.__settleN = n; window.__settleT = now; return false; }
  return now - window.__settleT > 700;
}"""


def _load(op: OfflinePage, path: str) -> dict[str, Any]:
    page = op.open(path)
    page.wait_for_function(SETTLED, timeout=30_000)
    if not path.startswith(CHARTLESS):
        # the first page a fresh browser opens loads plotly first: its charts come after the script has finished
        page.locator("[data-testid='stPlotlyChart'] .main-svg").filter(visible=True).first.wait_for(timeout=20_000)
    # plotly draws after the script has run: wait until every chart on screen has its picture, and every map its
    # regions (a map draws them once its boundaries have loaded, after the rest of the chart)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                 .filter(c => c.getClientRects().length > 0)
                 .every(c => c.querySelector('.main-svg')
                             && (!c.querySelector('.geolayer g.geo') || c.querySelector('.choroplethlayer path')))""",
        timeout=20_000,
    )
    page.wait_for_timeout(200)
    result: dict[str, Any] = page.evaluate(MEASURE)
    return result


def _shot(op: OfflinePage, name: str) -> None:
    """The whole page, not only its first screen: Streamlit scrolls its main pane, not the document, so the
    viewport is made as tall as the page for the picture (at most 16,000 px), then set back."""
    tall = op.page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    op.page.set_viewport_size({"width": PHONE["width"], "height": min(max(tall, PHONE["height"]), 16_000)})
    op.page.wait_for_timeout(300)
    op.shot(name)
    op.page.set_viewport_size(PHONE)


@pytest.fixture(scope="module")
def phone(browser: Browser, server: str) -> Iterator[tuple[OfflinePage, dict[str, dict[str, Any]]]]:
    """Every page opened once at 390 px in Bahasa (and a few in English), measured and photographed."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, locale="id-ID")
    op = OfflinePage(context.new_page(), server)
    seen: dict[str, dict[str, Any]] = {}
    for name, path in ENGLISH.items():
        seen[f"{name}-en"] = _load(op, path)
        _shot(op, f"phone-{name}-en-390")
    for name, path in PAGES.items():
        seen[name] = _load(op, path)
        _shot(op, f"phone-{name}-id-390")
    yield op, seen
    violations = op.csp_violations()
    context.close()
    assert op.blocked == [], op.blocked
    assert violations == [], violations


def test_no_page_is_wider_than_the_phone(phone: tuple[OfflinePage, dict[str, dict[str, Any]]]) -> None:
    _, seen = phone
    assert {name: m["width"] for name, m in seen.items() if m["width"] > PHONE["width"]} == {}


def test_no_legend_sits_on_an_axis_and_every_legend_is_whole(
    phone: tuple[OfflinePage, dict[str, dict[str, Any]]],
) -> None:
    _, seen = phone
    charts = [(name, c) for name, m in seen.items() for c in m["charts"]]
    assert len(charts) >= 12  # the maps, the lanes, the complaint series…: the pages did draw their charts
    under = [
        (name, c["title"]) for name, c in charts if c["legend"] and any(_overlap(c["legend"], t) for t in c["xticks"])
    ]
    assert under == []
    # every legend entry on the chart (none cut at the screen's edge) and apart from the others
    for name, c in charts:
        right = c["box"]["x"] + c["box"]["w"]
        texts = c["legendTexts"]
        assert all(t["x"] >= c["box"]["x"] and t["x"] + t["w"] <= right + 1 for t in texts), (name, c["title"])
        assert not any(_overlap(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :]), (name, c["title"])
    maps = [(name, c) for name, c in charts if c["map"]]
    assert {name for name, _ in maps} >= {"beranda", "kepatuhan", "kepatuhan-banding-en"}
    for name, c in maps:  # the map's legend stays inside the map, in type a reader can read
        assert c["legendTexts"] and all(t["h"] >= 10 for t in c["legendTexts"]), name


def test_a_table_wider_than_the_phone_says_so(phone: tuple[OfflinePage, dict[str, dict[str, Any]]]) -> None:
    _, seen = phone
    tables = [(name, t) for name, m in seen.items() for t in m["tables"]]
    wide = [(name, t) for name, t in tables if t["overflows"]]
    narrow = [(name, t) for name, t in tables if not t["overflows"]]
    # Beranda's awards, Instansi's events, Kepatuhan's sortable table… are wider than 390 px; the coverage tables fit
    assert {"beranda", "instansi", "kepatuhan", "pengaduan"} <= {name for name, _ in wide}
    assert narrow
    for name, t in wide:  # its hidden side fades out, and a hint says to swipe
        assert t["fadeRight"] >= 16 and t["fadeLeft"] == 0, (name, t)
        assert t["hintHeight"] >= 12 and t["hint"] == ('"scroll →"' if name.endswith("-en") else '"geser →"'), (name, t)
    for name, t in narrow:  # a table that fits carries no cue
        assert t["fadeRight"] == 0 and t["hintHeight"] == 0, (name, t)


def test_the_cue_follows_the_hidden_side(phone: tuple[OfflinePage, dict[str, dict[str, Any]]]) -> None:
    op, _ = phone
    page = op.page
    page.goto(f"{op.base}/instansi?id=kppn-kupang")
    wait_for_app(page)
    scroller = page.locator("[data-testid='stTable'] > div").first
    scroller.evaluate("s => { s.scrollLeft = s.scrollWidth; }")
    page.wait_for_timeout(200)
    fades = scroller.evaluate(
        "s => [getComputedStyle(s).getPropertyValue('--cue-l'), getComputedStyle(s).getPropertyValue('--cue-r')]"
    )
    assert [float(f.removesuffix("px")) for f in fades][1] == 0 and float(fades[0].removesuffix("px")) >= 16, fades


def test_the_lanes_read_on_a_phone(phone: tuple[OfflinePage, dict[str, dict[str, Any]]]) -> None:
    op, seen = phone
    for name in ("perjalanan", "perjalanan-en", "instansi"):
        (lanes,) = [c for c in seen[name]["charts"] if any("lane" in k for k in c["keys"])]
        assert any("narrow" in k for k in lanes["keys"]), (name, lanes["keys"])  # the phone's form, the wide one hidden
        names, ticks, markers, plot = lanes["names"], lanes["xticks"], lanes["markers"], lanes["plot"]
        assert names and markers and plot
        # the markers have the chart's whole width, not what names beside them would leave
        assert plot["w"] >= 0.9 * lanes["box"]["w"], (name, plot, lanes["box"])
        # the years stand above the first lane, so they are on the chart's first screen
        years = [t for t in ticks if t["text"].isdigit()]
        assert len(years) >= 3 and max(t["y"] + t["h"] for t in years) <= min(n["y"] for n in names), name
        assert max(t["y"] for t in years) - lanes["box"]["y"] < PHONE["height"] / 2, name
        # each lane's name on a line of its own: whole on screen, clear of every marker and of the next name
        right = lanes["box"]["x"] + lanes["box"]["w"]
        assert all(n["x"] >= lanes["box"]["x"] and n["x"] + n["w"] <= right for n in names), name
        assert not any(_overlap(n, m) for n in names for m in markers), (name, names, markers, plot)
        tops = sorted(n["y"] for n in names)
        assert all(b - a >= 40 for a, b in zip(tops, tops[1:], strict=False)), name
        if name.startswith("perjalanan"):
            assert len(names) == 35, name  # every lane of the page is named (35 agencies have ZI data)
    # the same page on a wider screen shows the lanes with their names beside them, and hides the phone's form
    page = op.open("perjalanan")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_timeout(300)
    shown = page.evaluate(
        """() => [...document.querySelectorAll('[class*="st-key-wide-"], [class*="st-key-narrow-"]')]
                 .map(e => [e.className.match(/st-key-(wide|narrow)-/)[1], e.getClientRects().length > 0])"""
    )
    page.set_viewport_size(PHONE)
    assert shown and all(visible == (form == "wide") for form, visible in shown), shown
