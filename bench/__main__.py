"""`python -m bench`: every public page at 1×, 10×, 100× and 1000× today's data (build, AppTest, Chromium, search,
server memory) in one table, and a 1-million-row complaints upload against DuckDB's own read_csv on the same file."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import browser, report
from bench.pages import ENV_DATA_DIR, PAGE_NAMES, REPO
from bench.scale import measure_build, write_seed

DEFAULT_JSON = REPO / "artifacts" / "bench.json"
CHILD_TIMEOUT_S = 3600


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _apptest(data_dir: Path, reruns: int) -> dict[str, Any]:
    """bench.pages in a child: a fresh interpreter per factor, so no factor's caches or memory reach the next."""
    # a page's exception in full in the report (the app's config shows readers none)
    env = {**os.environ, ENV_DATA_DIR: str(data_dir), "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full"}
    cmd = [sys.executable, "-m", "bench.pages", str(data_dir), "--reruns", str(reruns)]
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"bench.pages failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_factor(
    factor: int, root: Path, reruns: int, browser_pages: Sequence[str], loads: int, seed: int
) -> dict[str, Any]:
    """Write the seed at `factor`×, build it, and measure every page on it; the data is removed afterwards."""
    target = root / f"x{factor}" / "data"
    try:
        t0 = time.perf_counter()
        counts = write_seed(target, factor, seed)
        log(f"[{factor}×] seed written in {time.perf_counter() - t0:.1f} s ({counts.get('agencies', 0):,} agencies)")
        built = measure_build(target)
        peak_kb = float(str(built["peak_kb"]))
        log(f"[{factor}×] etl build {float(str(built['seconds'])):.2f} s, peak {peak_kb / 1024:.0f} MB")
        out: dict[str, Any] = {
            "rows": counts,
            "build_s": built["seconds"],
            "build_peak_mb": peak_kb / 1024,
            "pages": {name: {} for name in PAGE_NAMES},
        }
        t0 = time.perf_counter()
        at = _apptest(target, reruns)
        log(f"[{factor}×] AppTest and search in {time.perf_counter() - t0:.0f} s")
        out["search_ms"] = at["search"].get("ms")
        out["search"] = at["search"]
        for name, values in at["pages"].items():
            out["pages"][name].update(values)
        if browser_pages:
            t0 = time.perf_counter()
            try:
                seen = browser.run(target, browser_pages, loads)
            except Exception as exc:  # reported in the table as missing values, and by the smoke test
                out["browser_error"] = f"{type(exc).__name__}: {exc}"[:2000]
                log(f"[{factor}×] browser failed: {out['browser_error']}")
            else:
                for name, values in seen["pages"].items():
                    out["pages"][name].update({k if k != "error" else "browser_error": v for k, v in values.items()})
                out["server_rss_mb"] = seen["server"]["rss_mb"]
                out["server_hwm_mb"] = seen["server"]["hwm_mb"]
                log(f"[{factor}×] Chromium in {time.perf_counter() - t0:.0f} s")
        return out
    finally:
        shutil.rmtree(target.parent, ignore_errors=True)


def _data_dir() -> Path:
    target = Path(tempfile.mkdtemp(prefix="bench-upload-")) / "data"
    for sub in ("seed", "geo"):
        shutil.copytree(REPO / "data" / sub, target / sub)
    os.environ[ENV_DATA_DIR] = str(target)
    return target


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


def run_upload() -> tuple[dict[str, float], str]:
    """The upload measurement on a build of today's seed in a throwaway data dir: its numbers and its line."""
    from etl.build import build

    data = _data_dir()
    try:
        build(by="bench")
        up = bench_upload(data)
    finally:
        shutil.rmtree(data.parent, ignore_errors=True)
    line = (
        f"upload: {UPLOAD_ROWS:,} complaint rows ({up['size_mb']:.0f} MB CSV): DuckDB read_csv "
        f"{up['read_csv']:.2f} s (median of 3); validate + commit {up['commit']:.2f} s = "
        f"{up['commit'] / up['read_csv']:.1f}× read_csv (target ≤ 10×); dry run {up['dry_run']:.2f} s; "
        f"undo {up['undo']:.2f} s"
    )
    return up, line


def _names(text: str) -> list[str]:
    if text in ("", "none"):
        return []
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = sorted(set(names) - set(PAGE_NAMES))
    if unknown:
        raise SystemExit(f"unknown pages {unknown}; the pages are {', '.join(PAGE_NAMES)}")
    return names


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--factors", default="1,10,100,1000", help="comma-separated (default 1,10,100,1000)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="write the table here (artifacts/bench.json)")
    parser.add_argument("--skip-upload", action="store_true", help="leave out the 1-million-row upload")
    parser.add_argument(
        "--browser-pages", default=",".join(PAGE_NAMES), help="pages to open in Chromium (default all; 'none')"
    )
    parser.add_argument("--reruns", type=int, default=5, help="AppTest reruns per page (median; default 5)")
    parser.add_argument("--loads", type=int, default=browser.LOADS, help="Chromium loads per page (median)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic data (default 0)")
    args = parser.parse_args(argv)
    factors = [int(f) for f in args.factors.split(",")]
    browser_pages = _names(args.browser_pages)
    cores = os.cpu_count()
    started = dt.datetime.now().astimezone()
    log(f"bench: factors {factors}, {cores} cores")
    root = Path(tempfile.mkdtemp(prefix="bench-"))
    results: dict[int, dict[str, Any]] = {}
    try:
        for factor in factors:
            t0 = time.perf_counter()
            results[factor] = measure_factor(factor, root, args.reruns, browser_pages, args.loads, args.seed)
            log(f"[{factor}×] done in {time.perf_counter() - t0:.0f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    table_rows = report.rows(results, browser_pages)
    header = (
        f"Integritas NTT bench, {started:%Y-%m-%d}, {cores} cores (os.cpu_count()); medians: AppTest "
        f"{args.reruns} reruns, Chromium {args.loads} loads; targets at {report.TARGET_FACTOR}×"
    )
    print(report.table(table_rows, factors, header))
    notes = []
    for name in PAGE_NAMES:
        by = {f: r["pages"][name].get("painted_by") for f, r in results.items() if name in browser_pages}
        if any(v not in (None, "chart") for v in by.values()):
            notes.append(f"{name} painted by: " + ", ".join(f"{f}× {v}" for f, v in by.items()))
        for f, r in results.items():
            for key in ("error", "browser_error"):
                if r["pages"][name].get(key):
                    notes.append(f"{name} at {f}×: {r['pages'][name][key]}")
    for f, r in results.items():
        if r.get("browser_error"):
            notes.append(f"browser at {f}×: {r['browser_error']}")
    for note in notes:
        print(f"note: {note}")
    upload = None
    if not args.skip_upload:
        upload, line = run_upload()
        print(line)
    doc = {
        "date": started.isoformat(timespec="seconds"),
        "cpu_count": cores,
        "factors": factors,
        "target_factor": report.TARGET_FACTOR,
        "browser_pages": browser_pages,
        "rows": table_rows,
        "notes": notes,
        "upload": upload,
        "raw": {str(f): r for f, r in results.items()},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    log(f"bench: wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
