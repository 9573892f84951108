"""Faults: a load killed with SIGKILL at random points leaves a database that opens, passes its contracts, and holds
the load wholly or not at all. Property tests: the reader and validator never fail with an unhandled exception, and a
bad cell is reported on its line whatever empty lines and line endings surround it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import paths
from etl.build import build
from etl.contracts import run_contracts
from etl.datasets import DATASETS
from etl.reader import read_table, stage
from etl.validate import ValidationFailed, check, validate
from tests.conftest import REPO

ROWS = 3000
TRIALS = 20


def _synthetic_complaints(path: Path) -> None:
    # Synthetic rows for the fault test only; they cite an existing source and never reach data/.
    header = ",".join(DATASETS["complaints"].columns)
    lines = [header] + [
        f"fault-{i},2030-01-01,2030-12-31,ntt,unit,unit uji {i},laporan,=,{i % 50},confirmed,src-b1,,uji,"
        for i in range(ROWS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _state() -> tuple[int, int]:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        assert not [c.name for c in run_contracts(con) if c.breached]
        rows = con.execute("SELECT count(*) FROM complaints WHERE id LIKE 'fault-%'").fetchall()[0][0]
        loads = con.execute("SELECT count(*) FROM loads WHERE file_name = 'fault.csv'").fetchall()[0][0]
        return rows, loads
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_at_random_points_never_leaves_a_partial_load(data_dir: Path, tmp_path: Path) -> None:
    build(by="seed")
    source = tmp_path / "fault.csv"
    _synthetic_complaints(source)
    env = {**os.environ, paths.ENV_DATA_DIR: str(data_dir)}
    cmd = [sys.executable, "-m", "etl", "load", str(source), "--dataset", "complaints", "--by", "fault"]
    rng = random.Random(20261123)
    t0 = time.monotonic()
    full = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, check=True)
    duration = time.monotonic() - t0
    assert b"committed" in full.stdout
    assert _state() == (ROWS, 1)
    outcomes = set()
    for _ in range(TRIALS):
        # undo the last successful load (if any) so that each trial starts from the same state
        con = duckdb.connect(str(paths.current_db()), read_only=True)
        ok = con.execute("SELECT max(id) FROM loads WHERE file_name = 'fault.csv' AND status = 'ok'").fetchall()[0][0]
        con.close()
        if ok:
            subprocess.run(
                [sys.executable, "-m", "etl", "undo", str(ok)], cwd=REPO, env=env, check=True, capture_output=True
            )
        assert _state()[0] == 0
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        rows, _ = _state()
        assert rows in (0, ROWS), f"partial load: {rows} rows"
        outcomes.add(rows)
    print(f"SIGKILL trials: {TRIALS}, outcomes seen (rows present): {sorted(outcomes)}")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_reader_never_crashes_on_any_bytes(raw: bytes) -> None:
    try:
        df = read_table(raw, "acak")
    except ValidationFailed as err:
        assert err.problems and all(p.message("id") and p.message("en") for p in err.problems)
    else:
        assert isinstance(df, pd.DataFrame)


CELLS = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["53.71", "2024", "80,93", "hijau", "B", "src-c36"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.fixed_dictionaries({c: CELLS for c in DATASETS["compliance"].columns}), max_size=5))
def test_validator_never_crashes_on_any_cells(rows: list[dict]) -> None:
    df = pd.DataFrame(rows, columns=DATASETS["compliance"].columns, dtype=object)
    known = {"regions": {("53.71",)}, "methods": {("penilaian",)}, "sources": {("src-c36",)}}
    try:
        validate(df, DATASETS["compliance"], known)
    except ValidationFailed as err:
        assert all(p.message("en") for p in err.problems)


GOOD_ROW = "53.71;{year};90,50;hijau;A;;opini;confirmed;src-c36;;;"
COMPLIANCE_HEADER = ";".join(DATASETS["compliance"].columns)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["row", "blank", "spaces"]), min_size=1, max_size=30),
    st.sampled_from(["\n", "\r\n", "mixed"]),
    st.data(),
)
def test_a_bad_cell_is_reported_on_the_line_an_editor_shows(
    layout: list[str], ending: str, data: st.DataObject
) -> None:
    lines = [COMPLIANCE_HEADER]
    rows = []
    for kind in layout:
        if kind == "row":
            rows.append(len(lines) + 1)  # the editor's line number of this row
            lines.append(GOOD_ROW.format(year=2030 + len(rows)))
        else:
            lines.append("" if kind == "blank" else "   ")
    if not rows:
        rows.append(len(lines) + 1)
        lines.append(GOOD_ROW.format(year=2030))
    bad = data.draw(st.sampled_from(rows))
    lines[bad - 1] = lines[bad - 1].replace("90,50", "120")
    eols = ["\r\n" if ending == "\r\n" or (ending == "mixed" and i % 2) else "\n" for i in range(len(lines))]
    raw = "".join(line + eol for line, eol in zip(lines, eols, strict=True)).encode()
    con = duckdb.connect()
    try:
        staged = stage(con, raw, "baris")
        known = {"regions": {("53.71",)}, "methods": {("opini",)}, "sources": {("src-c36",)}}
        try:
            check(con, staged, DATASETS["compliance"], known)
        except ValidationFailed as err:
            assert [(p.row, p.column, p.code) for p in err.problems] == [(bad, "score", "range")]
        else:
            raise AssertionError("the out-of-range score was not reported")
    finally:
        con.close()
