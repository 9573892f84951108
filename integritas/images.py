"""Chart images made on the server (SVG, or PNG): kaleido drives Debian's Chromium, never one it downloads."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import importlib.util
import os
import threading
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go

from integritas.charts import IMAGE_HEIGHT, IMAGE_SCALE, IMAGE_WIDTH

# ---------------------------------------------------------------- SVG (and PNG) made on the server
#
# plotly's mode bar makes one format per button, so an SVG is rendered here: kaleido drives a headless Chromium
# (Debian's, never one it downloads) with the plotly.js that the plotly package ships and MathJax off, so the page
# it renders loads only local files. One browser is kept per process, started on the first request (about 3 s)
# and reused (a chart then takes well under a second).

CHROMIUM = os.environ.get("INTEGRITAS_CHROMIUM", "/usr/bin/chromium")
TOPOJSON_DIR = Path(__file__).resolve().parents[1] / "static" / "topojson"  # the app's empty world stub
RENDER_SECONDS = 20  # one image; a browser that does not answer by then is closed, and the next request starts one
START_SECONDS = 30


class ImageUnavailable(RuntimeError):
    """The server cannot render an image (no kaleido, no Chromium, or the browser failed); the page keeps the
    browser's own PNG download."""


def image_export_available() -> bool:
    """Whether figure_image can work here (kaleido installed and a Chromium present), without starting anything."""
    return importlib.util.find_spec("kaleido") is not None and Path(CHROMIUM).is_file()


def _render_page() -> Any:
    """kaleido's page: plotly.js from the plotly package, no MathJax (its default comes from a CDN)."""
    import kaleido
    import plotly

    return kaleido.PageGenerator(
        plotly=(Path(plotly.__file__).parent / "package_data" / "plotly.min.js").as_uri(), mathjax=False
    )


class _Renderer:
    """One kaleido browser on an event loop of its own. kaleido's global sync server is not used: two sessions
    calling it at once can receive each other's image, and it waits forever once its browser has died. Here one
    lock serialises the requests and every wait has a deadline; a failure closes the browser, and a new one is
    started for the retry or the next request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._browser: Any = None

    def _start(self) -> None:
        import kaleido

        loop = asyncio.new_event_loop()
        self._loop, self._thread = loop, threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
        self._thread.start()

        async def launch() -> Any:
            browser = kaleido.Kaleido(n=1, timeout=RENDER_SECONDS, page_generator=_render_page(), path=CHROMIUM)
            await browser.open()
            return browser

        self._browser = asyncio.run_coroutine_threadsafe(launch(), loop).result(timeout=START_SECONDS)

    def _stop(self) -> None:
        loop, thread, browser = self._loop, self._thread, self._browser
        self._loop, self._thread, self._browser = None, None, None
        if loop is None or thread is None:
            return
        if browser is not None:
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        if not thread.is_alive():
            loop.close()

    def render(self, fig: dict[str, Any], opts: dict[str, Any]) -> bytes:
        with self._lock:
            # A browser that died since the last image (killed, out of memory) fails at once: the request is tried
            # once more on a new one, so the reader does not see the failure of a browser nobody was using. A
            # render that ran out of time is not tried again (the reader has waited long enough).
            for attempt in (1, 2):
                try:
                    if self._browser is None:
                        self._start()
                    assert self._loop is not None
                    job = self._browser.calc_fig(fig, opts=opts, topojson=TOPOJSON_DIR.as_uri() + "/")
                    return bytes(asyncio.run_coroutine_threadsafe(job, self._loop).result(timeout=RENDER_SECONDS + 5))
                except Exception as e:
                    self._stop()
                    if attempt == 2 or isinstance(e, TimeoutError):
                        raise ImageUnavailable(f"the chart could not be rendered on the server: {e!r}") from e
            raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            self._stop()


_RENDERER = _Renderer()
atexit.register(_RENDERER.close)


def figure_image(
    fig: go.Figure, fmt: Literal["png", "svg"], width: int = IMAGE_WIDTH, height: int = IMAGE_HEIGHT
) -> bytes:
    """The figure as an SVG (or a PNG at IMAGE_SCALE) rendered on the server, for a download button that makes it
    on click only. It is drawn on white with plotly's plain template: the page's Streamlit theme exists only in the
    browser (the figure's own template holds colour placeholders that only the browser fills in). Raises
    ImageUnavailable when this server cannot render."""
    if not image_export_available():
        raise ImageUnavailable(f"server-side images need kaleido and {CHROMIUM}")
    printable = go.Figure(fig.to_dict())
    printable.update_layout(template="plotly_white")
    opts = {"format": fmt, "width": width, "height": height, "scale": IMAGE_SCALE if fmt == "png" else 1}
    return _RENDERER.render(printable.to_dict(), opts)


def stop_image_renderer() -> None:
    """Close the server's image browser (tests; it is also closed when the process exits)."""
    _RENDERER.close()
