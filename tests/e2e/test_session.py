"""Staff sessions and the public server in Chromium: a signed-in staff member survives a reload through an HttpOnly
cookie and is gone after signing out; a sign-in token works once; a tampered, expired or signed-out cookie is not
staff; every response carries the security headers; /_stcore/metrics is closed; no page violates the CSP."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from core import accounts, paths
from etl.build import build
from integritas import auth
from tests.conftest import copy_data
from tests.e2e.conftest import CSP_LISTENER, SHOTS, OfflinePage, serve, wait_for_app

pytestmark = pytest.mark.e2e
PASSWORD = "kata-sandi-uji-123"
UPLOAD_TEXT = {"id": "Berkas (CSV, XLSX, XLS atau ODS)", "en": "File (CSV, XLSX, XLS or ODS)"}
NAV = {"id": ("Unggah data", "Riwayat"), "en": ("Upload data", "History")}
PUBLIC_PAGES = ["", "kepatuhan", "perjalanan", "pengaduan", "wilayah?kode=53.71", "instansi", "tentang"]


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over its own built data directory with the staff account "staf"; this process points at the same
    directory, so it can make cookies with the server's secret."""
    data = copy_data(tmp_path_factory.mktemp("session") / "data")
    mp = pytest.MonkeyPatch()
    mp.setenv(paths.ENV_DATA_DIR, str(data))
    build(by="seed")
    accounts.add_staff("staf", PASSWORD)
    with serve(data) as base:
        yield base
    mp.undo()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 1400})
    ctx.add_init_script(CSP_LISTENER)
    yield ctx
    ctx.close()


def _open(page: Page, base: str, path: str) -> Page:
    page.goto(f"{base}/{path}")
    wait_for_app(page)
    return page


def _sign_in(page: Page, base: str, lang: str = "id") -> str:
    """Sign in on the sign-in page; returns the one-time hand-off URL the browser was sent to."""
    handoffs: list[str] = []
    page.on("request", lambda r: handoffs.append(r.url) if f"/{auth.HANDOFF_PATH}?" in r.url else None)
    _open(page, base, "masuk" + ("?lang=en" if lang == "en" else ""))
    page.get_by_label("Nama akun" if lang == "id" else "Account name").fill("staf")
    page.get_by_label("Kata sandi" if lang == "id" else "Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Masuk" if lang == "id" else "Sign in").click()
    page.wait_for_url("**/unggah*", timeout=45_000)  # argon2 and the redirect, on a busy machine
    wait_for_app(page)
    assert len(handoffs) == 1, handoffs
    return handoffs[0]


def _is_staff(page: Page, lang: str = "id") -> bool:
    nav = page.locator("[data-testid='stSidebarNav']")
    expect(nav.get_by_role("link").first).to_be_visible()
    return nav.get_by_role("link", name=NAV[lang][0]).count() == 1


def _staff_cookie(context: BrowserContext) -> dict[str, object] | None:
    return next((dict(c) for c in context.cookies() if c["name"] == auth.COOKIE_NAME), None)


def test_sign_in_survives_a_reload_and_signing_out_removes_the_staff_pages(
    context: BrowserContext, staff_server: str
) -> None:
    page = context.new_page()
    _sign_in(page, staff_server)
    expect(page.get_by_text(UPLOAD_TEXT["id"])).to_be_visible()
    cookie = _staff_cookie(context)
    assert cookie is not None
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert 7.9 * 3600 < float(str(cookie["expires"])) - time.time() <= 8 * 3600
    assert page.evaluate("document.cookie").find(auth.COOKIE_NAME) == -1  # scripts cannot read it

    page.reload()
    wait_for_app(page)
    expect(page.get_by_text(UPLOAD_TEXT["id"])).to_be_visible()  # still signed in, still on the upload page
    assert _is_staff(page)

    _open(page, staff_server, "masuk")
    expect(page.get_by_text("Masuk sebagai staf.", exact=True)).to_be_visible()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk", timeout=45_000)
    wait_for_app(page)
    assert _staff_cookie(context) is None
    assert not _is_staff(page)
    expect(page.get_by_label("Kata sandi")).to_be_visible()
    _open(page, staff_server, "unggah")  # the URL no longer resolves to the upload page
    expect(page.get_by_text(UPLOAD_TEXT["id"])).to_have_count(0)

    # the old cookie value, presented again, is refused: signing out revoked it on the server
    context.add_cookies([{"name": auth.COOKIE_NAME, "value": str(cookie["value"]), "url": staff_server}])
    _open(page, staff_server, "unggah")
    assert not _is_staff(page)
    assert page.evaluate("window.__csp") == []


def test_a_sign_in_token_works_once(context: BrowserContext, browser: Browser, staff_server: str) -> None:
    handoff = _sign_in(context.new_page(), staff_server)
    other = browser.new_context()
    try:
        response = other.request.get(handoff, max_redirects=0)
        assert response.status == 303
        assert response.headers["location"].startswith("../masuk?masuk=kedaluwarsa")
        assert "set-cookie" not in response.headers
        page = _open(other.new_page(), staff_server, handoff.removeprefix(staff_server + "/"))
        expect(page.get_by_text("Tautan masuk sudah dipakai atau kedaluwarsa")).to_be_visible()
        assert not _is_staff(page)
        assert _staff_cookie(other) is None
    finally:
        other.close()


def _page_with_cookie(browser: Browser, base: str, value: str) -> tuple[BrowserContext, Page]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 1400})
    ctx.add_init_script(CSP_LISTENER)
    ctx.add_cookies([{"name": auth.COOKIE_NAME, "value": value, "url": base, "httpOnly": True, "sameSite": "Strict"}])
    return ctx, _open(ctx.new_page(), base, "unggah")


def test_tampered_expired_and_unknown_account_cookies_are_not_staff(browser: Browser, staff_server: str) -> None:
    good = auth.make_cookie("staf")
    version, body, mac = good.split(".")
    forged = auth.make_cookie("staf").split(".")[1]  # a valid body with another cookie's signature
    bad = {
        "tampered signature": f"{version}.{body}.{mac[:-2]}{'AA' if mac[-2:] != 'AA' else 'BB'}",
        "swapped body": f"{version}.{forged}.{mac}",
        "expired": auth.make_cookie("staf", now=time.time() - auth.SESSION_SECONDS - 1),
        "unknown account": auth.make_cookie("bukan-staf"),
        "garbage": "v1.bm90LWpzb24.c2ln",
    }
    ctx, page = _page_with_cookie(browser, staff_server, good)  # the control: a right cookie is staff
    expect(page.get_by_text(UPLOAD_TEXT["id"])).to_be_visible()
    ctx.close()
    for why, value in bad.items():
        ctx, page = _page_with_cookie(browser, staff_server, value)
        assert not _is_staff(page), why
        expect(page.get_by_text(UPLOAD_TEXT["id"])).to_have_count(0)
        ctx.close()


def _get(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}


def test_every_response_carries_the_security_headers_and_metrics_is_closed(staff_server: str) -> None:
    for path in ("", "kepatuhan", "_stcore/health", "app/static/topojson/world_110m.json", "_integritas/keluar"):
        status, headers = _get(f"{staff_server}/{path}")
        assert status in (200, 404), path  # urllib follows the sign-out redirect to the sign-in page
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
    for path in ("_stcore/metrics", "_stcore/metrics/"):
        status, headers = _get(f"{staff_server}/{path}")
        assert status == 404, path
        assert "x-frame-options" in headers


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_page_violates_the_content_security_policy(context: BrowserContext, staff_server: str, path: str) -> None:
    console: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    op = OfflinePage(page, staff_server)
    op.open(path)
    expect(page.locator("[data-testid='stMain'] h1").first).to_be_visible()
    if path in ("", "kepatuhan"):  # the plotly maps draw under the policy
        expect(page.locator("path.choroplethlocation").first).to_be_attached(timeout=15_000)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__csp") == [] and console == [], (path, console)
    assert op.blocked == []


def test_the_upload_page_does_not_violate_the_content_security_policy(browser: Browser, staff_server: str) -> None:
    ctx, page = _page_with_cookie(browser, staff_server, auth.make_cookie("staf"))
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    expect(page.get_by_text(UPLOAD_TEXT["id"])).to_be_visible()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text(UPLOAD_TEXT["id"])).to_be_visible()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__csp") == [] and console == [], console
    ctx.close()


@pytest.mark.parametrize(("width", "lang"), [(1280, "id"), (390, "en")])
def test_screenshots_of_sign_in_and_upload(browser: Browser, staff_server: str, lang: str, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    try:
        page = ctx.new_page()
        query = "?lang=en" if lang == "en" else ""
        _open(page, staff_server, f"masuk{query}")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"masuk-{lang}-{width}.png"), full_page=True)
        _sign_in(page, staff_server, lang)
        expect(page.get_by_text(UPLOAD_TEXT[lang])).to_be_visible()
        page.screenshot(path=str(SHOTS / f"unggah-{lang}-{width}.png"), full_page=True)
        _open(page, staff_server, f"masuk{query}")
        expect(page.get_by_role("button", name="Keluar" if lang == "id" else "Sign out")).to_be_visible()
        page.screenshot(path=str(SHOTS / f"masuk-staf-{lang}-{width}.png"), full_page=True)
    finally:
        ctx.close()
