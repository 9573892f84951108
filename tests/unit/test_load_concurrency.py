"""Concurrency: two uploads at once apply one after the other; readers see the old or new state, never a mix."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb

from core import paths
from etl import load
from etl.build import build

HEADER = "region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs\n"


def _file(year: int) -> bytes:
    # Synthetic test rows: made-up years citing an existing source.
    rows = "".join(f"{k};{year};80,00;hijau;B;;opini;confirmed;src-c36;;uji;\n" for k in ("53.01", "53.02", "53.03"))
    return (HEADER + rows).encode()


def _ids(sql: str) -> list:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _counts() -> tuple[int, int]:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        return tuple(
            con.execute(
                "SELECT count(*) FILTER (WHERE year = 2031), count(*) FILTER (WHERE year = 2032) FROM compliance"
            ).fetchall()[0]
        )
    finally:
        con.close()


def test_two_uploads_at_once_and_readers_meanwhile(data_dir: Path) -> None:
    build(by="seed")
    ((seed_loads,),) = _ids("SELECT count(*) FROM loads")
    seen: set[tuple[int, int]] = set()
    reads_while_writing = 0
    errors: list[BaseException] = []
    writing, read_once, stop = threading.Event(), threading.Event(), threading.Event()
    load_ids: list[int] = []

    def reader() -> None:
        nonlocal reads_while_writing
        while not stop.is_set():
            try:
                during = writing.is_set()
                state = _counts()
                seen.add(state)
                if during and writing.is_set():  # the whole read fell inside the loads
                    reads_while_writing += 1
                read_once.set()
            except BaseException as err:  # any error a reader meets is a failure
                errors.append(err)
                read_once.set()
                return

    def writer(year: int) -> None:
        try:
            load_ids.append(load.commit(_file(year), f"uji-{year}.csv", "compliance", by=f"staf-{year}")[0])
        except BaseException as err:
            errors.append(err)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    writers = [threading.Thread(target=writer, args=(y,)) for y in (2031, 2032)]
    for t in readers:
        t.start()
    assert read_once.wait(30), "no reader got a first read in"
    writing.set()
    for t in writers:
        t.start()
    for t in writers:
        t.join()
    writing.clear()
    # let the readers see the final state before they stop, so both ends of the loads were observed
    deadline = time.monotonic() + 30
    while (3, 3) not in seen and not errors and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    for t in readers:
        t.join()
    assert errors == []
    assert reads_while_writing > 0, "no reader read while the loads were running"
    assert {(0, 0), (3, 3)} <= seen, f"readers did not see the state before and after both loads: {seen}"
    assert seen <= {(0, 0), (3, 0), (0, 3), (3, 3)}, f"a reader saw a mixed state: {seen}"
    # both loads landed, one after the other, with the ids their commits returned
    assert _counts() == (3, 3)
    rows = _ids('SELECT id, "by", added, status FROM loads WHERE "by" LIKE \'staf-%\' ORDER BY id')
    assert sorted(load_ids) == [i for i, *_ in rows] == [seed_loads + 1, seed_loads + 2]
    assert {(b, added, status) for _, b, added, status in rows} == {("staf-2031", 3, "ok"), ("staf-2032", 3, "ok")}
