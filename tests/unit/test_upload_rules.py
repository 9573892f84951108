"""Loads that are refused as a whole (a data rule across rows, an undo that a later load depends on) say why in both
languages and change nothing; sources written inline are added once and go with their load."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from core import paths
from etl import load
from integritas import upload

A = "id,nama,singkatan,jenis,induk,region_kode,is_group,note"
C = (
    "region_kode,year,score,zone,category,opini,method,status,source_id,source_id_2,note,refs,"
    "source_url,source_publisher,source_date,source_quote"
)
INLINE = 'https://example.org/hasil-2030,Contoh Pos,6 Februari 2030,"Kota Kupang meraih 90,5"'


def _rows(sql: str) -> list[tuple]:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_two_new_agencies_with_one_name_break_the_rule_and_nothing_is_written(seeded: Path) -> None:
    raw = f"{A}\nuji-satu,Dinas Uji Coba,,pemda,,53.71,false,\nuji-dua,Dinas  Uji-Coba,,pemda,,53.71,false,\n"
    plan = load.plan(raw.encode(), "instansi.csv", "agencies")
    assert [b.name for b in plan.breaches] == ["agency_names_unique"]
    assert plan.breaches[0].rows == [("dinas uji coba", "uji-dua, uji-satu")]
    (problem,) = plan.breach_problems  # the rule in both languages, naming both agencies
    assert problem.column == "nama" and problem.value == "name_key=dinas uji coba, agencies=uji-dua, uji-satu"
    assert problem.message("en").endswith(
        "this row would break a data rule: No two agencies share a name or an "
        "alias, so a name in a file or a search points at exactly one agency."
    )
    before = paths.current_db()
    with pytest.raises(load.LoadFailed) as err:
        load.commit(raw.encode(), "instansi.csv", "agencies", by="uji")
    text = err.value.bilingual()
    assert "Dua instansi tidak pernah berbagi nama" in text and "No two agencies share a name" in text
    assert paths.current_db() == before


def test_a_source_written_inline_is_added_once_reused_and_undone_with_its_load(seeded: Path) -> None:
    first = f'{C}\n53.71,2030,"90,5",hijau,A,,opini,confirmed,,,uji,,{INLINE}\n'.encode()
    load_1, plan = load.commit(first, "hasil-2030.csv", "compliance", by="uji")
    assert plan.n_new == 1 and plan.n_sources == 1
    ((source_id, quote),) = _rows("SELECT id, quote FROM sources WHERE publisher = 'Contoh Pos'")
    assert source_id.startswith("src-") and quote == "Kota Kupang meraih 90,5"
    assert _rows("SELECT source_id, score::VARCHAR FROM compliance WHERE year = 2030") == [(source_id, "90.50")]
    # a second file quoting the same source reuses it
    second = f"{C}\n53.01,2030,70,kuning,B,,opini,confirmed,,,uji,,{INLINE}\n".encode()
    load_2, plan_2 = load.commit(second, "hasil-2030-b.csv", "compliance", by="uji")
    assert plan_2.n_sources == 0
    assert _rows("SELECT count(*) FROM sources WHERE publisher = 'Contoh Pos'") == [(1,)]
    # the first load cannot go while the second cites its source: the message names the second
    with pytest.raises(load.LoadFailed) as err:
        load.undo(load_1, by="uji")
    assert err.value.message("id") == (
        f"muatan {load_1} tidak dapat dibatalkan: baris compliance dari muatan {load_2} merujuk baris yang "
        "ditambahkannya; batalkan muatan itu lebih dahulu"
    )
    assert f"compliance rows of load {load_2} cite rows it added" in err.value.message("en")
    load.undo(load_2, by="uji")
    load.undo(load_1, by="uji")
    assert _rows("SELECT count(*) FROM sources WHERE publisher = 'Contoh Pos'") == [(0,)]
    assert _rows("SELECT count(*) FROM compliance WHERE year = 2030") == [(0,)]


def test_history_lists_uploads_newest_first_and_folds_the_seed(seeded: Path) -> None:
    first = f'{C}\n53.71,2030,"90,5",hijau,A,,opini,confirmed,,,uji,,{INLINE}\n'.encode()
    load_id, _ = load.commit(first, "hasil-2030.csv", "compliance", by="Budi")
    undo_id = load.undo(load_id, by="Budi")
    uploads, seed = upload.history_tables("id")
    assert list(uploads["ID"]) == [undo_id, load_id]
    assert list(uploads["Status"]) == ["pembatalan", "dibatalkan"]
    assert uploads.loc[1, "Dataset"] == "Penilaian kepatuhan pemda" and uploads.loc[1, "Ditambah"] == 2
    assert len(seed) == 12 and all(f.startswith("seed/") for f in seed["Berkas"])
    assert upload.undoable("id") == {}  # the upload is undone already
    load_id_2, _ = load.commit(first, "hasil-2030.csv", "compliance", by="Budi")
    (label,) = upload.undoable("en").values()
    assert label.startswith(f"Load {load_id_2} · ") and "hasil-2030.csv · +2 rows, 0 changed" in label
