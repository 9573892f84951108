"""Pages in Chromium against `streamlit run serve.py`: time to the painted main chart, websocket bytes, server RSS."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.pages import ENV_DATA_DIR, PAGES, REPO, Page

CHROMIUM = "/usr/bin/chromium"
# as tests/e2e/conftest.py launches it: no sandbox in containers, nothing fetched in the background
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
LOADS = 3
PAINT_TIMEOUT_MS = 120_000
# A page without a chart is only known once its script has finished and no chart came for SETTLE_MS. Plotly's code
# loads lazily: until it has, a chart is only its empty element container (class stPrintGraphic, as other graphics
# have), seconds after the script finished on a first load; such a pending graphic is waited for up to GRAPHIC_MS.
SETTLE_MS = 1_500
GRAPHIC_MS = 30_000

# Polled on every animation frame from the navigation on; returns once the page is "painted", with
# performance.now() (ms since the navigation started) at that moment. Painted: the first plotly chart in the main
# area has its SVG with at least one trace drawn; for a page without a chart, the moment its first table or data
# grid appeared ("table"), else its first list item (the leader's brief is lists: "list"), or nothing ("none").
# Only Streamlit's test ids and print classes and plotly's classes are used, so the pages can change freely.
PAINTED_JS = """
([settleMs, graphicMs]) => {
    const app = document.querySelector("[data-testid='stApp']");
    const main = document.querySelector("[data-testid='stMain']");
    if (!app || !main) return null;
    const now = performance.now();
    const chart = main.querySelector("[data-testid='stPlotlyChart']");
    if (chart && chart.querySelector(
            ".main-svg .trace, .main-svg path.choroplethlocation, .main-svg .point, .main-svg .bars path")) {
        return {kind: "chart", ms: now};
    }
    const table = main.querySelector(
        "[data-testid='stTable'] tr, [data-testid='stDataFrame'] canvas, [data-testid='stDataFrame'] [role='grid']");
    if (table && window.__benchTable === undefined) window.__benchTable = now;
    const list = main.querySelector("[data-testid='stMarkdownContainer'] li");
    if (list && window.__benchList === undefined) window.__benchList = now;
    const idle = app.getAttribute("data-test-script-state") === "notRunning"
        && app.getAttribute("data-test-connection-state") === "CONNECTED";
    if (!idle) { window.__benchIdle = undefined; return null; }
    if (main.querySelector("[data-testid='stException']")) return {kind: "error", ms: null};
    window.__benchIdle = window.__benchIdle || now;
    const pending = chart || main.querySelector(".stPrintGraphic");
    if (now - window.__benchIdle < (pending ? graphicMs : settleMs)) return null;
    if (table) return {kind: "table", ms: window.__benchTable};
    return list ? {kind: "list", ms: window.__benchList} : {kind: "none", ms: null};
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    base: str
    proc: subprocess.Popen[bytes]

    def rss_mb(self) -> dict[str, float]:
        """The server process's resident memory now (VmRSS) and at its peak (VmHWM), in MB."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text().splitlines()
        kb = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("VmRSS", "VmHWM"))}
        return {"rss_mb": kb["VmRSS"] / 1024, "hwm_mb": kb["VmHWM"] / 1024}


@contextmanager
def serve(data_dir: Path, log: Path) -> Iterator[Server]:
    """`streamlit run serve.py` on a free loopback port against `data_dir` (as tests/e2e/conftest.py starts it),
    its output to `log` (a pipe nobody reads would stall the server once full); yields it once healthy."""
    port = free_port()
    env = {**os.environ, ENV_DATA_DIR: str(data_dir)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO / "serve.py"), "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start:\n{log.read_text()[-4000:]}") from None
                time.sleep(0.3)
        yield Server(base, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_idle(page: Any, timeout: float = PAINT_TIMEOUT_MS) -> None:
    """Connected and the script not running, twice 300 ms apart (as Streamlit's own e2e harness waits)."""
    for _ in range(2):
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
        page.wait_for_timeout(300)


def measure_page(page: Any, base: str, target: Page, received: list[int], loads: int) -> dict[str, Any]:
    """`loads` fresh navigations to the page: ms from navigation to painted, and websocket bytes received until
    the script finished (`received[0]` is summed by the websocket listener)."""
    painted: list[float] = []
    ws_bytes: list[int] = []
    kinds: list[str] = []
    errors = 0
    for _ in range(loads):
        page.goto("about:blank")  # the previous page's websocket is closed before counting starts
        received[0] = 0
        page.goto(f"{base}/{target.url}", wait_until="commit")
        result = page.wait_for_function(
            PAINTED_JS, arg=[SETTLE_MS, GRAPHIC_MS], polling="raf", timeout=PAINT_TIMEOUT_MS
        ).json_value()
        _wait_idle(page)
        kinds.append(result["kind"])
        if result["ms"] is not None:
            painted.append(float(result["ms"]))
        errors += page.locator("[data-testid='stException']").count()
        ws_bytes.append(received[0])
    return {
        "painted_ms": statistics.median(painted) if painted else None,
        "painted_all_ms": painted,
        "painted_by": max(set(kinds), key=kinds.count),
        "ws_kb": statistics.median(ws_bytes) / 1024,
        "ws_all_bytes": ws_bytes,
        "errors": errors,
    }


def run(data_dir: Path, names: Sequence[str], loads: int = LOADS) -> dict[str, Any]:
    """Serve `data_dir`, open each page of `names` `loads` times in Chromium, then read the server's memory."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium (make browser)")
    out: dict[str, Any] = {"pages": {}}
    with serve(data_dir, data_dir.parent / "server.log") as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1400}, locale="id-ID")
            page = context.new_page()
            received = [0]

            def on_websocket(ws: Any) -> None:
                def count(payload: str | bytes) -> None:
                    received[0] += len(payload.encode() if isinstance(payload, str) else payload)

                ws.on("framereceived", count)

            page.on("websocket", on_websocket)
            for target in PAGES:
                if target.name in names:
                    try:
                        out["pages"][target.name] = measure_page(page, server.base, target, received, loads)
                    except Exception as exc:  # a page that never paints is a result, not the end of the run
                        out["pages"][target.name] = {"painted_ms": None, "ws_kb": None, "error": str(exc)[:500]}
            out["server"] = server.rss_mb()
            context.close()
        finally:
            browser.close()
    return out
