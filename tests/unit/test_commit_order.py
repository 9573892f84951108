"""A commit keeps the uploaded file and its manifest line before it switches readers to the new database: an OS
error at any step leaves the database, the manifest and what a rebuild makes exactly as before the commit."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from core import paths
from etl import cli, load
from etl.datasets import DATASETS

C = "region_kode,year,score,zone,category,opini,method,status,source_id,source_id_2,note,refs"
FIRST = f"{C}\n53.71,2030,90.5,hijau,A,,opini,confirmed,src-c36,,uji,\n".encode()
SECOND = f"{C}\n53.01,2030,70,kuning,B,,opini,confirmed,src-c36,,uji,\n".encode()


def _content() -> dict[str, list[tuple]]:
    """Every dataset's rows, in key order: what a reader sees."""
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        return {n: con.execute(f'SELECT * FROM "{n}" ORDER BY ALL').fetchall() for n in DATASETS}
    finally:
        con.close()


def _manifest() -> str:
    m = load.manifest_file()
    return m.read_text(encoding="utf-8") if m.exists() else "<none>"


def _fail(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def _half_line(action: str, load_id: int, *_rest: object) -> None:
    # the disk fills in the middle of the manifest line
    with load.manifest_file().open("a", encoding="utf-8") as fh:
        fh.write(f"{action},{load_id},")
    raise OSError(28, "No space left on device")


STEPS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "keep the file": lambda mp: mp.setattr(load.os, "replace", _fail),
    "write the manifest line": lambda mp: mp.setattr(load, "_record", _fail),
    "half a manifest line": lambda mp: mp.setattr(load, "_record", _half_line),
    "switch the pointer": lambda mp: mp.setattr(load, "switch_pointer", _fail),
}


@pytest.mark.parametrize("step", list(STEPS))
def test_an_os_error_at_any_step_of_a_commit_changes_nothing(
    step: str, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load.commit(FIRST, "pertama.csv", "compliance", by="uji")  # a manifest with one load already
    before = (paths.current_db(), _content(), _manifest())
    with monkeypatch.context() as mp:
        STEPS[step](mp)
        with pytest.raises(OSError):
            load.commit(SECOND, "kedua.csv", "compliance", by="uji")
    assert (paths.current_db(), _content(), _manifest()) == before
    assert cli.main(["build"]) == 0  # the seed again, then the manifest replayed
    assert _content() == before[1]


def test_an_os_error_while_switching_after_an_undo_changes_nothing(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_id, _ = load.commit(FIRST, "pertama.csv", "compliance", by="uji")
    before = (paths.current_db(), _content(), _manifest())
    with monkeypatch.context() as mp:
        mp.setattr(load, "switch_pointer", _fail)
        with pytest.raises(OSError):
            load.undo(load_id, by="uji")
    assert (paths.current_db(), _content(), _manifest()) == before
    assert cli.main(["build"]) == 0
    assert _content() == before[1]
    assert os.path.exists(paths.current_db())
