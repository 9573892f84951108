"""Concurrency: two uploads at once apply one after the other; readers see the old or new state, never a mix."""

from __future__ import annotations

import threading
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
    seen: set[tuple[int, int]] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.add(_counts())
            except BaseException as err:  # any error a reader meets is a failure
                errors.append(err)

    def writer(year: int) -> None:
        try:
            load.commit(_file(year), f"uji-{year}.csv", "compliance", by=f"staf-{year}")
        except BaseException as err:
            errors.append(err)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    writers = [threading.Thread(target=writer, args=(y,)) for y in (2031, 2032)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert errors == []
    assert _counts() == (3, 3)
    assert seen <= {(0, 0), (3, 0), (0, 3), (3, 3)}, f"a reader saw a mixed state: {seen}"
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    ids = con.execute('SELECT id, "by" FROM loads WHERE "by" LIKE \'staf-%\' ORDER BY id').fetchall()
    con.close()
    assert [i for i, _ in ids] == [13, 14] and {b for _, b in ids} == {"staf-2031", "staf-2032"}
