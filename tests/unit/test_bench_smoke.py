"""`make bench` at 1× and 10× as a smoke test: the table has every page and every measure as a number.

No time bound is asserted (timings on a shared machine are not a test); what is held is that the benchmark runs
end to end, so it cannot break silently. Chromium opens one page, to stay within about a minute."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.pages import PAGE_NAMES
from bench.report import BROWSER_KEYS, GLOBAL_MEASURES, PAGE_MEASURES
from tests.conftest import REPO

pytestmark = [pytest.mark.e2e, pytest.mark.slow]  # Chromium and tens of seconds: `make test`, not `make test-fast`
FACTORS = ("1", "10")
BROWSED = "beranda"


def test_bench_smoke_every_page_and_measure_is_a_number(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    cmd = [sys.executable, "-m", "bench", "--factors", ",".join(FACTORS), "--skip-upload", "--json", str(out)]
    cmd += ["--browser-pages", BROWSED, "--reruns", "2", "--loads", "1"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["cpu_count"] == os.cpu_count() and f"{os.cpu_count()} cores" in done.stdout
    assert [str(f) for f in doc["factors"]] == list(FACTORS)

    rows = {(r["page"], r["measure"]): r for r in doc["rows"]}
    expected = {(None, m.key) for m in GLOBAL_MEASURES}
    expected |= {(p, m.key) for p in PAGE_NAMES for m in PAGE_MEASURES if m.key not in BROWSER_KEYS or p == BROWSED}
    assert set(rows) == expected
    for key, row in rows.items():
        for factor in FACTORS:
            value = row["values"][factor]
            assert isinstance(value, int | float) and value > 0, f"{key} at {factor}×: {value!r}"
    for factor in FACTORS:
        for name, page in doc["raw"][factor]["pages"].items():
            assert not page.get("error") and not page.get("browser_error"), f"{name} at {factor}×: {page}"
    # the printed table: a line per row, each page named
    for name in PAGE_NAMES:
        assert any(line.startswith(name) for line in done.stdout.splitlines()), name
