"""Browser fixtures: `streamlit run serve.py` on a free loopback port against a built throwaway DB; Debian Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from core import paths
from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
SHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(script: Path, cwd: Path, env: dict[str, str], *extra: str) -> Iterator[str]:
    """`streamlit run script` on a free loopback port; yields the base URL once healthy, stops it afterwards."""
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen([*cmd, *extra], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    raise RuntimeError(f"streamlit did not start:\n{out}") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def serve(data_dir: Path) -> Iterator[str]:
    """`streamlit run serve.py` (the public server: app.py with its routes, headers and error handler, as `make run`
    starts it) on a free loopback port against `data_dir`; yields the base URL once healthy."""
    env = {**os.environ, paths.ENV_DATA_DIR: str(data_dir)}
    with streamlit_server(REPO / "serve.py", REPO, env) as base:
        yield base


@pytest.fixture(scope="session")
def server(built_dir: Path) -> Iterator[str]:
    with serve(built_dir) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does this)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Records every Content-Security-Policy violation a page reports (also those before Playwright's listeners attach).
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


class OfflinePage:
    """A page whose requests outside the server are aborted and recorded, so a test can assert there were none;
    `csp_violations()` lists what the server's Content-Security-Policy blocked on it."""

    def __init__(self, page: Page, base: str):
        self.page, self.base, self.blocked = page, base, []
        page.route("**/*", self._route)
        page.add_init_script(CSP_LISTENER)
        # the console keeps the reports of pages navigated away from, which window.__csp forgets
        self.csp_console: list[str] = []
        page.on("console", lambda m: self.csp_console.append(m.text) if "Content Security Policy" in m.text else None)

    def csp_violations(self) -> list[str]:
        current = [] if self.page.is_closed() else list(self.page.evaluate("window.__csp || []"))
        return self.csp_console + current

    def _route(self, route: Route) -> None:
        url = route.request.url
        local = (self.base, self.base.replace("127.0.0.1", "localhost"), "data:", "blob:")
        if url.startswith(local):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: str = "") -> Page:
        self.page.goto(f"{self.base}/{path}")
        wait_for_app(self.page)
        return self.page

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        return target


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait as Streamlit's own e2e harness does: connected, then the script not running."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


@pytest.fixture
def offline(browser: Browser, server: str) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, locale="id-ID")
    page = context.new_page()
    op = OfflinePage(page, server)
    yield op
    violations = op.csp_violations()
    context.close()
    assert violations == [], f"the Content-Security-Policy blocked something on this page: {violations}"


@pytest.fixture
def offline_mobile(browser: Browser, server: str) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    op = OfflinePage(page, server)
    yield op
    violations = op.csp_violations()
    context.close()
    assert violations == [], f"the Content-Security-Policy blocked something on this page: {violations}"
