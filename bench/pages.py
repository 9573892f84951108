"""The public pages, and `python -m bench.pages DATA_DIR`: AppTest first run and reruns per page, and search time."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ENV_DATA_DIR = "INTEGRITAS_DATA_DIR"  # core.paths.ENV_DATA_DIR, set before anything of ours is imported
SEARCH_QUERY = "kppn"
TIMEOUT_S = 300


@dataclass(frozen=True)
class Page:
    """A public page: its name, the URL a reader opens (path and query) and the file st.navigation runs."""

    name: str
    url: str
    file: str
    params: tuple[tuple[str, str], ...] = ()


PAGES: tuple[Page, ...] = (
    Page("beranda", "", "app_pages/beranda.py"),
    Page("ringkasan", "ringkasan", "app_pages/ringkasan.py"),
    Page("kepatuhan", "kepatuhan", "app_pages/kepatuhan.py"),
    Page("perjalanan", "perjalanan", "app_pages/perjalanan.py"),
    Page("pengaduan", "pengaduan", "app_pages/pengaduan.py"),
    Page("wilayah", "wilayah?kode=53.71", "app_pages/wilayah.py", (("kode", "53.71"),)),
    Page("instansi", "instansi?id=kppn-kupang", "app_pages/instansi.py", (("id", "kppn-kupang"),)),
    Page("tentang", "tentang", "app_pages/tentang.py"),
)
PAGE_NAMES = tuple(p.name for p in PAGES)


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def measure_page(page: Page, reruns: int) -> dict[str, Any]:
    """AppTest through app.py as a reader arrives: the page's first run on empty caches (a new data version, the
    first visitor), then `reruns` reruns (a widget touched); times in ms, and the exception if the page raised."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT_S)
    for k, v in page.params:
        at.query_params[k] = v
    # the router must run once before a page can be switched to (Beranda too, so that the first import of our
    # modules is no page's cost); then the caches are emptied, as after a new data version
    at.run()
    at.switch_page(page.file)
    _clear_caches()
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    times = []
    for _ in range(reruns):
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    error = "; ".join(str(e.value) for e in at.exception) if at.exception else None
    return {
        "first_ms": first * 1000,
        "rerun_ms": statistics.median(times) * 1000 if times else None,
        "reruns_ms": [t * 1000 for t in times],
        "error": error,
    }


def measure_search(query: str = SEARCH_QUERY, runs: int = 7) -> dict[str, Any]:
    """The sidebar's search as it calls it (views.search.search_agencies): the first call builds the cached
    index; the median of the next `runs` calls is what a reader typing waits for."""
    import logging

    # outside a Streamlit runtime its caches work ("bare mode") and warn on every call
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from integritas.views.search import search_agencies

    t0 = time.perf_counter()
    hits = search_agencies(query)
    first = time.perf_counter() - t0
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        search_agencies(query)
        times.append(time.perf_counter() - t0)
    return {"first_ms": first * 1000, "ms": statistics.median(times) * 1000, "hits": len(hits), "query": query}


def run(data_dir: Path, reruns: int, names: Sequence[str] = PAGE_NAMES) -> dict[str, Any]:
    """Every page of `names` and the search against the database of `data_dir`."""
    os.environ[ENV_DATA_DIR] = str(data_dir)
    pages = {}
    for page in PAGES:
        if page.name in names:
            try:
                pages[page.name] = measure_page(page, reruns)
            except Exception as exc:  # a broken page is a result to report, not the end of the benchmark
                pages[page.name] = {"first_ms": None, "rerun_ms": None, "error": f"{type(exc).__name__}: {exc}"}
    try:
        search = measure_search()
    except Exception as exc:
        search = {"ms": None, "error": f"{type(exc).__name__}: {exc}"}
    return {"pages": pages, "search": search}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("data_dir", type=Path, help="a built data directory")
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGE_NAMES), help="comma-separated page names")
    args = parser.parse_args(argv)
    result = run(args.data_dir, args.reruns, args.pages.split(","))
    # the last line is the result; Streamlit may have printed above it
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
