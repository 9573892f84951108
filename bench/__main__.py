"""`python -m bench`: ETL build time, the median AppTest rerun time of every page, and validating + committing a
1-million-row complaints CSV against DuckDB's own read_csv on the same file — all on a throwaway data dir."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from core import paths

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


UPLOAD_ROWS = 1_000_000


def bench_upload(data: Path, rows: int = UPLOAD_ROWS) -> dict[str, float]:
    """Side by side on one synthetic file: DuckDB read_csv into a table (median of 3) and the upload path."""
    import duckdb

    from bench.synthetic import complaints_csv
    from etl import load

    csv_path = data.parent / "complaints-1m.csv"
    size = complaints_csv(csv_path, rows, source_id="src-b1")
    read_times = []
    for _ in range(3):
        con = duckdb.connect()
        t0 = time.perf_counter()
        con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(csv_path)])
        read_times.append(time.perf_counter() - t0)
        assert con.execute("SELECT count(*) FROM t").fetchall()[0][0] == rows
        con.close()
    t0 = time.perf_counter()
    p = load.plan(csv_path.read_bytes(), csv_path.name, "complaints")
    dry = time.perf_counter() - t0
    assert p.ok and p.n_new == rows, p.problems[:3]
    t0 = time.perf_counter()
    load_id, p = load.commit(csv_path.read_bytes(), csv_path.name, "complaints", by="bench")
    committed = time.perf_counter() - t0
    assert p.n_new == rows
    t0 = time.perf_counter()
    load.undo(load_id, by="bench")
    undone = time.perf_counter() - t0
    return {
        "size_mb": size / 1e6,
        "read_csv": statistics.median(read_times),
        "dry_run": dry,
        "commit": committed,
        "undo": undone,
    }


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
    up = bench_upload(data)
    print(
        f"upload  : {UPLOAD_ROWS:,} complaint rows ({up['size_mb']:.0f} MB CSV): DuckDB read_csv "
        f"{up['read_csv']:.2f} s (median of 3); validate + commit {up['commit']:.2f} s = "
        f"{up['commit'] / up['read_csv']:.1f}× read_csv (target ≤ 10×); dry run {up['dry_run']:.2f} s; "
        f"undo {up['undo']:.2f} s"
    )
    shutil.rmtree(data.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
