"""Hostile text in the data, on every public page in Chromium: shown as typed, never a link, an image or a request."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page, Request

from core import paths
from etl.build import build
from integritas.fmt import WORD_JOINER
from tests.conftest import copy_data
from tests.e2e.conftest import SHOTS, serve, wait_for_app

pytestmark = pytest.mark.e2e

# Markdown and HTML that would fetch or link an outside host, a javascript: link, a Streamlit colour directive, an
# icon, LaTeX and two autolinks: a reader must see every character of it, and the browser must do nothing with it.
HOSTILE = (
    "**tebal** [tautan](http://evil.example/a) ![gambar](http://evil.example/i.png)"
    ' <img src="http://evil.example/h.png"> <a href="javascript:alert(1)">j</a> :red[merah] :material/home: $x$'
    " javascript:alert(1) www.evil.example/w u@evil.example"
)


def hostile(tag: str) -> str:
    """The hostile text with a tag in front, so each field can be found where its row is shown."""
    return f"{tag} {HOSTILE}"


# Every text column a public page shows, in rows the pages below show: the agency kppn-kupang, the sources it and
# Kota Kupang cite (src-s1, src-c29), region 53.71 and its compliance rows, complaint rows of each table, methods.
# Categories (A–E) and URLs (http/https) keep the values their CHECK constraints allow.
POISON: list[tuple[str, list[str]]] = [
    (
        "UPDATE agencies SET nama = ?, singkatan = ?, induk = ?, note = ? WHERE id = 'kppn-kupang'",
        [hostile("nama"), hostile("singkatan"), hostile("induk"), hostile("catatan")],
    ),
    ("INSERT INTO agency_aliases (agency_id, alias) VALUES ('kppn-kupang', ?)", [hostile("alias")]),
    (
        "UPDATE sources SET publisher = ?, title = ?, quote = ?, note = ? WHERE id = 'src-s1'",
        [hostile("penerbit"), hostile("judul"), hostile("kutipan"), hostile("catatan-sumber")],
    ),
    (
        "UPDATE sources SET publisher = ?, quote = ? WHERE id = 'src-c29'",
        [hostile("penerbit-c29"), hostile("kutipan-c29")],
    ),
    ("UPDATE zi_events SET note = ? WHERE agency_id = 'kppn-kupang'", [hostile("catatan-zi")]),
    ("UPDATE regions SET ibukota = ? WHERE kode = '53.71'", [hostile("ibukota")]),
    (
        "UPDATE compliance SET note = ?, opini = ? WHERE region_kode = '53.71'",
        [hostile("catatan-kep"), hostile("opini")],
    ),
    ("UPDATE unit_compliance SET note = ? WHERE agency_id = 'polres-kupang-kota'", [hostile("catatan-unit")]),
    ("UPDATE compliance_counts SET note = ?", [hostile("catatan-hitungan")]),
    ("UPDATE complaints SET note = ? WHERE id = 'c-b1'", [hostile("catatan-aduan")]),
    (
        "UPDATE complaints SET dimension_value = ?, note = ? WHERE id = 'c-b24-1'",
        [hostile("substansi"), hostile("catatan-substansi")],
    ),
    ("UPDATE complaints SET dimension_value = ? WHERE id = 'c-b33-1'", [hostile("nasional")]),
    ("UPDATE methods SET nama = ?, note = ?", [hostile("metode"), hostile("catatan-metode")]),
]

# Each public page (with the parameters that show the poisoned rows) and the fields a reader must see on it as typed.
PAGES: dict[str, tuple[str, list[str]]] = {
    "beranda": ("", ["nama", "singkatan", "catatan-zi", "penerbit", "judul", "kutipan", "catatan-sumber"]),
    "kepatuhan": ("kepatuhan?tahun=2022", ["penerbit-c29", "kutipan-c29"]),
    "wilayah": ("wilayah?kode=53.71", ["wilayah", "ibukota", "nama", "induk", "penerbit-c29", "kutipan-c29"]),
    "perjalanan": ("perjalanan", ["kutipan", "judul"]),
    "instansi": (
        "instansi?id=kppn-kupang",
        ["nama", "singkatan", "induk", "wilayah", "alias", "catatan", "catatan-zi", "penerbit", "kutipan"],
    ),
    "pengaduan": ("pengaduan", ["catatan-aduan", "substansi", "catatan-substansi", "nasional"]),
    "tentang": ("tentang", ["catatan-metode"]),
}
# Attributes through which a page would link or load something.
_URL_ATTRIBUTES = """() => {
    const names = ['href', 'src', 'srcset', 'xlink:href', 'action', 'formaction', 'poster', 'data', 'background'];
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const name of names) {
            const value = el.getAttribute(name);
            if (value && /evil\\.example|^\\s*javascript:/i.test(value)) found.push(`${el.tagName} ${name}=${value}`);
        }
        const style = el.getAttribute('style') || '';
        if (/evil\\.example/i.test(style)) found.push(`${el.tagName} style=${style}`);
    }
    return found;
}"""


def _rename_region(db: Path, kode: str, nama: str) -> Path:
    """A copy of `db` in which region `kode` is called `nama`, made the database the app reads.

    A region's name has a unique index and its code is referred to by other tables, and DuckDB cannot update such a
    row in place (it deletes and re-inserts it); the seed route is closed too (the build refuses HTML in a cell).
    So the database is exported, the name changed in the export, and imported into a new file."""
    export = db.parent / "export"
    with duckdb.connect(str(db)) as con:
        con.execute(f"EXPORT DATABASE '{export}'")
    regions = export / "regions.csv"
    with regions.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["kode"] == kode:
            row["nama"] = nama
    with regions.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    renamed = db.parent / "warehouse-hostile.duckdb"
    with duckdb.connect(str(renamed)) as con:
        con.execute(f"IMPORT DATABASE '{export}'")
    paths.pointer_file().write_text(renamed.name, encoding="utf-8")
    return renamed


_OVERFLOW = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const page = document.documentElement.scrollWidth - window.innerWidth;
    return Math.max(page, main ? main.scrollWidth - main.clientWidth : 0);
}"""
# Streamlit scrolls inside its own container, so a full-page screenshot is the window: grow the window to the page.
_PAGE_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
    ...[...document.querySelectorAll("[data-testid='stMain'], [data-testid='stAppViewContainer']")]
        .map(e => e.scrollHeight))"""


def _shot(page: Page, name: str) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 1280
    page.set_viewport_size({"width": width, "height": min(int(page.evaluate(_PAGE_HEIGHT)), 20_000)})
    page.wait_for_timeout(500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A seed build whose text columns hold the hostile text, served by `streamlit run`: (base URL, data dir)."""
    target = copy_data(tmp_path_factory.mktemp("hostile"))
    mp = pytest.MonkeyPatch()
    mp.setenv(paths.ENV_DATA_DIR, str(target))
    try:
        build(by="seed")
        db = paths.current_db()
        assert db is not None
        with duckdb.connect(str(db)) as con:
            for sql, params in POISON:
                con.execute(sql, params)
        _rename_region(db, "53.71", hostile("wilayah"))
        assert paths.current_db() == db.parent / "warehouse-hostile.duckdb"
        with serve(target) as base:
            yield base, target
    finally:
        mp.undo()


class Visit:
    """A browser tab that records every request and reads the page as a reader sees it."""

    def __init__(self, browser: Browser, base: str, width: int, lang: str):
        height = 1400 if width > 600 else 844
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
        self.page: Page = self.context.new_page()
        self.base, self.width, self.lang = base, width, lang
        self.requests: list[str] = []
        self.page.on("request", self._record)

    def _record(self, request: Request) -> None:
        self.requests.append(request.url)

    def outside(self) -> list[str]:
        local = (self.base, "data:", "blob:")
        return [u for u in self.requests if not u.startswith(local)]

    def open(self, path: str) -> Page:
        joiner = "&" if "?" in path else "?"
        self.page.goto(f"{self.base}/{path}{joiner}lang={self.lang}" if self.lang != "id" else f"{self.base}/{path}")
        wait_for_app(self.page)
        # The sources lists (and the national context) are in expanders: open every one.
        closed = self.page.locator("[data-testid='stExpander'] details:not([open]) > summary")
        for _ in range(closed.count()):
            closed.first.click()
        wait_for_app(self.page)
        return self.page

    def text(self) -> str:
        # The word joiner md_text puts before an autolink or a shortcode is invisible and zero-width: not read.
        return self.page.locator("[data-testid='stApp']").inner_text().replace(WORD_JOINER, "")

    def close(self) -> None:
        self.context.close()


def _check_page(visit: Visit, name: str, data_dir: Path) -> None:
    path, fields = PAGES[name]
    page = visit.open(path)
    assert page.locator("[data-testid='stException']").count() == 0, f"{name}: the page raised"
    text = visit.text()
    missing = [f for f in fields if hostile(f) not in text]
    if missing:  # a long page on a loaded machine may still be drawing its last tables: read it once more
        page.wait_for_timeout(3000)
        wait_for_app(page)
        text = visit.text()
        missing = [f for f in fields if hostile(f) not in text]
    assert not missing, f"{name} ({visit.lang}): these fields do not read as typed: {missing}"
    assert page.locator("a[href*='evil.example']").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("img[src*='evil.example']").count() == 0
    assert page.evaluate(_URL_ATTRIBUTES) == [], f"{name}: an element links or loads the hostile URL"
    assert str(data_dir) not in text, f"{name}: the server's data path is on a public page"
    # The text wraps inside the page: neither the page nor its main column is wider than the window.
    overflow = page.evaluate(_OVERFLOW)
    assert overflow <= 1, f"{name} at {visit.width} px: the page is {overflow} px wider than the window"


# Every page in Bahasa; in English the two whose texts differ most (an agency's names, the sources list): the
# escaping is the same code in both languages, and CI has a time budget.
@pytest.mark.parametrize(("name", "lang"), [*((n, "id") for n in PAGES), ("instansi", "en"), ("tentang", "en")])
def test_hostile_text_reads_as_typed_on_every_page(
    browser: Browser, hostile_site: tuple[str, Path], name: str, lang: str
) -> None:
    base, data_dir = hostile_site
    visit = Visit(browser, base, 1280, lang)
    try:
        _check_page(visit, name, data_dir)
        _shot(visit.page, f"hostile-{name}-{lang}-1280")
        assert visit.outside() == [], f"requests left the server: {visit.outside()}"
    finally:
        visit.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_text_wraps_on_a_phone(browser: Browser, hostile_site: tuple[str, Path], name: str) -> None:
    base, data_dir = hostile_site
    visit = Visit(browser, base, 390, "id")
    try:
        _check_page(visit, name, data_dir)
        _shot(visit.page, f"hostile-{name}-id-390")
        assert visit.outside() == [], f"requests left the server: {visit.outside()}"
    finally:
        visit.close()


def _hover_texts(page: Page, selector: str) -> str:
    """Hover each drawn point of the first chart matching `selector` and gather what its tooltips say."""
    seen = []
    for point in page.locator(selector).all():
        if not point.is_visible():  # a chart's other form (the phone's lane on a wide screen), hidden by CSS
            continue
        point.hover(force=True)
        page.wait_for_timeout(150)
        seen.append(page.locator(".hoverlayer").first.text_content() or "")
    return "\n".join(seen)


def test_chart_tooltips_and_axis_labels_read_as_typed(browser: Browser, hostile_site: tuple[str, Path]) -> None:
    base, _ = hostile_site
    visit = Visit(browser, base, 1280, "id")
    try:
        page = visit.open("instansi?id=kppn-kupang")
        chart = page.locator("[data-testid='stPlotlyChart']").first
        chart.scroll_into_view_if_needed()
        lanes = chart.locator(".ytick").all_text_contents()
        # The lane is named by the short name, cut to fit beside the chart; the tooltip has it whole.
        assert any(t.startswith(hostile("singkatan")[:40]) and t.endswith("…") for t in lanes), lanes
        tips = _hover_texts(page, "[data-testid='stPlotlyChart'] .scatterlayer .point")
        for field in ("singkatan", "catatan-zi", "penerbit"):
            assert hostile(field) in tips, tips
        assert page.evaluate(_URL_ATTRIBUTES) == []

        page = visit.open("kepatuhan?tahun=2022")
        page.evaluate(
            """() => document.querySelectorAll('path.choroplethlocation').forEach(el => {
                   if (el.__data__ && el.__data__.loc === '53.71') el.setAttribute('data-kode', '53.71'); })"""
        )
        page.locator("path[data-kode='53.71']").hover(force=True)
        page.wait_for_timeout(300)
        tip = page.locator(".hoverlayer").first.text_content() or ""
        assert hostile("wilayah") in tip and hostile("penerbit-c29") in tip, tip
        assert page.evaluate(_URL_ATTRIBUTES) == []
        assert visit.outside() == [], f"requests left the server: {visit.outside()}"
    finally:
        visit.close()


def test_sidebar_search_results_read_as_typed(browser: Browser, hostile_site: tuple[str, Path]) -> None:
    base, _ = hostile_site
    visit = Visit(browser, base, 1280, "id")
    try:
        page = visit.open("")
        box = page.locator("[data-testid='stSidebar'] input[type='text']").first
        box.fill("tebal")
        box.press("Enter")
        wait_for_app(page)
        links = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']").all_inner_texts()
        assert any(hostile("nama") in t.replace(WORD_JOINER, "") for t in links), links
        assert page.evaluate(_URL_ATTRIBUTES) == []
        _shot(page, "hostile-search-id-1280")
        assert visit.outside() == [], f"requests left the server: {visit.outside()}"
    finally:
        visit.close()
