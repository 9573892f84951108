"""`python -m bench`: ETL build time and the median AppTest rerun time of every page, on a throwaway data dir."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from integritas import paths

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "beranda": None,
    "kepatuhan": "app_pages/kepatuhan.py",
    "wilayah": "app_pages/wilayah.py",
    "perjalanan": "app_pages/perjalanan.py",
    "instansi": "app_pages/instansi.py",
    "pengaduan": "app_pages/pengaduan.py",
    "tentang": "app_pages/tentang.py",
}
RERUNS = 5


def _data_dir() -> Path:
    target = Path(tempfile.mkdtemp(prefix="bench-")) / "data"
    for sub in ("seed", "geo"):
        shutil.copytree(REPO / "data" / sub, target / sub)
    os.environ[paths.ENV_DATA_DIR] = str(target)
    return target


def bench_build(runs: int = 3) -> list[float]:
    from etl.build import build

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        build(by="bench")
        times.append(time.perf_counter() - t0)
    return times


def bench_pages() -> dict[str, list[float]]:
    from streamlit.testing.v1 import AppTest

    out = {}
    for name, page in PAGES.items():
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
        at.run()
        if page:
            at.switch_page(page).run()
        at.run()  # warm-up: caches filled
        times = []
        for _ in range(RERUNS):
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
        out[name] = times
    return out


def main() -> None:
    data = _data_dir()
    build_times = bench_build()
    print(
        f"etl build: median {statistics.median(build_times) * 1000:.0f} ms over {len(build_times)} builds "
        f"({', '.join(f'{t * 1000:.0f}' for t in build_times)} ms)"
    )
    for name, times in bench_pages().items():
        print(
            f"page {name:<8}: median AppTest rerun {statistics.median(times) * 1000:.1f} ms over {RERUNS} reruns "
            f"(target ≤ 50 ms; {', '.join(f'{t * 1000:.1f}' for t in times)})"
        )
    shutil.rmtree(data.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
