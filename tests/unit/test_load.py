"""Uploads: a dry run writes nothing, a commit is all or nothing and audited, undo restores exactly."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import openpyxl
import pytest

from core import paths, versions
from etl import load
from etl.build import build
from etl.cli import main
from etl.validate import ValidationFailed

HEADER = "region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs"
# Synthetic rows for tests only: a made-up 2030 assessment citing an existing source.
NEW_YEAR = (
    HEADER + "\n53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36;;uji;\n"
    "53.04;2030;;kuning;;;opini;confirmed;src-c36;;uji;\n"
).encode("cp1252")


def _rows(sql: str) -> list[tuple]:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def built(data_dir: Path) -> Path:
    build(by="seed")
    return data_dir


def test_dry_run_lists_new_rows_and_writes_nothing(built: Path) -> None:
    before = paths.current_db()
    p = load.plan(NEW_YEAR, "penilaian-2030.csv", "compliance")
    assert p.ok and p.n_new == 2 and not p.n_changed and p.unchanged == 0
    assert {r["region_kode"] for r in p.new} == {"53.71", "53.04"}
    assert paths.current_db() == before
    assert _rows("SELECT count(*) FROM compliance WHERE year = 2030") == [(0,)]


def test_commit_adds_rows_records_the_load_and_keeps_the_file(built: Path) -> None:
    load_id, _ = load.commit(NEW_YEAR, "penilaian-2030.csv", "compliance", by="staf-1")
    assert _rows("SELECT region_kode, score::VARCHAR, zone FROM compliance WHERE year = 2030 ORDER BY 1") == [
        ("53.04", None, "kuning"),
        ("53.71", "90.50", "hijau"),
    ]
    (row,) = _rows(f'SELECT "by", file_name, dataset, added, changed, status, sha256 FROM loads WHERE id = {load_id}')
    assert row[:6] == ("staf-1", "penilaian-2030.csv", "compliance", 2, 0, "ok")
    assert (built / "uploads" / f"{row[6]}.csv").read_bytes() == NEW_YEAR
    again = load.plan(NEW_YEAR, "penilaian-2030.csv", "compliance")
    assert again.loaded_before == [load_id] and again.unchanged == 2 and not again.new


SCHEMA = (
    "SELECT t.sql, t.comment, list(c.comment ORDER BY c.column_index) FROM duckdb_tables() AS t "
    "JOIN duckdb_columns() AS c USING (database_name, table_name) WHERE t.table_name = 'compliance' "
    "GROUP BY t.sql, t.comment"
)


def test_changed_rows_show_before_and_after_and_undo_restores_exactly(built: Path) -> None:
    original = _rows("SELECT * FROM compliance ORDER BY ALL")
    schema = _rows(SCHEMA)  # undo rebuilds the table: constraints and comments must come back as they were
    fix = (
        HEADER + "\n53.71;2024;86,00;hijau;B;Kualitas Tinggi;penilaian;confirmed;src-c36;;koreksi uji;C36\n"
    ).encode()
    p = load.plan(fix, "koreksi.csv", "compliance")
    ((before, after),) = p.changed
    assert (before["score"], after["score"]) == ("86.62", "86.00")
    load_id, _ = load.commit(fix, "koreksi.csv", "compliance")
    assert _rows("SELECT score::VARCHAR FROM compliance WHERE region_kode = '53.71' AND year = 2024") == [("86.00",)]
    undo_id = load.undo(load_id, by="staf-2")
    assert _rows("SELECT * FROM compliance ORDER BY ALL") == original
    assert _rows(SCHEMA) == schema and "PRIMARY KEY" in schema[0][0] and schema[0][1]
    assert _rows(f"SELECT status FROM loads WHERE id IN ({load_id}, {undo_id}) ORDER BY id") == [("undone",), ("undo",)]
    with pytest.raises(load.LoadFailed):
        load.undo(load_id)


def test_bad_file_is_refused_and_nothing_changes(built: Path) -> None:
    before = paths.current_db()
    bad = (
        HEADER + '\n53.71;2030;=HYPERLINK("x");hijau;A;;opini;confirmed;src-c36;;;\n'
        "53.99;2030;120;biru;A;;opini;confirmed;src-zzz;;;\n"
    ).encode()
    p = load.plan(bad, "salah.csv", "compliance")
    codes = {(pr.row, pr.column, pr.code) for pr in p.problems}
    assert (2, "score", "formula") in codes
    with pytest.raises(ValidationFailed) as err:  # checked again inside the commit's transaction: same lines
        load.commit(bad, "salah.csv", "compliance")
    assert {(pr.row, pr.column, pr.code) for pr in err.value.problems} == codes
    assert paths.current_db() == before
    assert not (built / "uploads").exists()


def test_upload_breaking_a_data_contract_is_refused_whole(built: Path) -> None:
    # 91,82 is in the 2024 green band; calling it merah breaks zones_match_bands, which only the contracts see.
    # The commit checks again even after a dry run (the database may have changed in between).
    before = paths.current_db()
    bad = (HEADER + "\n53.03;2024;91,82;merah;A;;penilaian;confirmed;src-c34;;uji;\n").encode()
    p = load.plan(bad, "zona-salah.csv", "compliance")  # the dry run rehearses the commit, contracts included
    assert not p.problems and not p.ok and {c.name for c in p.breaches} >= {"zones_match_bands"}
    assert paths.current_db() == before and not list(paths.db_dir().glob(".dry-run-*"))
    with pytest.raises(load.LoadFailed, match="zones_match_bands"):
        load.commit(bad, "zona-salah.csv", "compliance")
    assert paths.current_db() == before
    assert _rows("SELECT zone FROM compliance WHERE region_kode = '53.03' AND year = 2024") == [("hijau",)]


def test_xlsx_is_read_like_csv(built: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.split(";"))
    ws.append(["53.71", 2030, 90.5, "hijau", "A", None, "opini", "confirmed", "src-c36", None, "uji", None])
    ws.append([None] * 12)  # a trailing empty row, as Excel leaves them
    buf = io.BytesIO()
    wb.save(buf)
    p = load.plan(buf.getvalue(), "penilaian-2030.xlsx", "compliance")
    assert p.ok and [r["score"] for r in p.new] == ["90.50"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [(b"", "empty_file"), (b"%PDF-1.7\n...", "not_a_table"), (b"PK\x03\x04broken", "broken_xlsx")],
)
def test_not_a_table_is_refused_with_a_reason(built: Path, raw: bytes, code: str) -> None:
    p = load.plan(raw, "x.csv", "compliance")
    assert [pr.code for pr in p.problems] == [code]


def test_command_line_load_history_undo(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    f = tmp_path / "penilaian-2030.csv"
    f.write_bytes(NEW_YEAR)
    assert main(["load", str(f), "--dataset", "compliance", "--dry-run"]) == 0
    assert "2 new, 0 changed, 0 unchanged" in capsys.readouterr().out
    assert main(["load", str(f), "--dataset", "compliance", "--by", "staf"]) == 0
    assert main(["history"]) == 0
    assert "penilaian-2030.csv" in capsys.readouterr().out
    load_id = _rows("SELECT max(id) FROM loads")[0][0]
    assert main(["undo", str(load_id)]) == 0
    assert _rows("SELECT count(*) FROM compliance WHERE year = 2030") == [(0,)]
    assert main(["check"]) == 0


def test_regions_by_name_and_suggestions_for_near_misses(built: Path) -> None:
    names = (
        HEADER + "\nKota Kupang;2030;90,5;hijau;A;;opini;confirmed;src-c36;;;\n"
        "Kab. Kupang;2030;;kuning;;;opini;confirmed;src-c36;;;\nBelu;2030;;kuning;;;opini;confirmed;src-c36;;;\n"
    ).encode()
    p = load.plan(names, "nama.csv", "compliance")
    assert p.ok and sorted(r["region_kode"] for r in p.new) == ["53.01", "53.04", "53.71"]
    typo = (
        HEADER + "\nKota Kupng;2030;;kuning;;;opini;confirmed;src-c36;;;\n"
        "Kupang;2031;;kuning;;;opini;confirmed;src-c36;;;\n"
        "Kupang Kota;2032;;kuning;;;opini;confirmed;src-c36;;;\n"
    ).encode()
    problems = load.plan(typo, "salah.csv", "compliance").problems
    assert [(pr.row, pr.code) for pr in problems] == [(2, "unknown_ref"), (3, "unknown_ref"), (4, "unknown_ref")]
    assert "kota kupang (53.71)" in problems[0].message("en")  # a suggestion, never a silent guess
    # words in another order: the closest name comes first
    assert "not found in regions; ≈ kota kupang (53.71)" in problems[2].message("en")


def test_build_replays_accepted_uploads_and_undos_in_order(built: Path) -> None:
    ((seed_loads,),) = _rows("SELECT max(id) FROM loads")
    kept_id, _ = load.commit(NEW_YEAR, "penilaian-2030.csv", "compliance", by="staf-1")
    fix = (
        HEADER + "\n53.71;2024;86,00;hijau;B;Kualitas Tinggi;penilaian;confirmed;src-c36;;koreksi uji;C36\n"
    ).encode()
    undone_id, _ = load.commit(fix, "koreksi.csv", "compliance", by="staf-2")
    load.undo(undone_id, by="staf-2")
    before = _rows("SELECT * FROM compliance ORDER BY ALL")
    times = _rows(f'SELECT id, epoch_us("at") FROM loads WHERE id > {seed_loads} ORDER BY id')
    assert main(["build"]) == 0
    assert _rows("SELECT * FROM compliance ORDER BY ALL") == before
    # each replayed load and undo keeps the time it happened (the brief dates uploaded data by it), not the rebuild's
    assert _rows(f'SELECT id, epoch_us("at") FROM loads WHERE id > {seed_loads} ORDER BY id') == times
    # the rebuilt seed takes the same ids, so the replayed loads keep theirs (and the undo names its load)
    assert _rows(f"SELECT id, file_name, status FROM loads WHERE id > {seed_loads} ORDER BY id") == [
        (kept_id, "penilaian-2030.csv", "ok"),
        (undone_id, "koreksi.csv", "undone"),
        (undone_id + 1, f"undo of load {undone_id}", "undo"),
    ]


def _six_commits() -> None:
    for year in range(2031, 2037):  # six commits, each writing a new database file
        load.commit(
            (HEADER + f"\n53.71;{year};90,50;hijau;A;;opini;confirmed;src-c36;;uji;\n").encode(),
            f"{year}.csv",
            "compliance",
        )


def test_every_published_version_is_kept_and_named(built: Path) -> None:
    _six_commits()
    files = sorted(paths.db_dir().glob("warehouse-*.duckdb"))
    assert len(files) == 7 and paths.current_db() == files[-1]  # the build and six loads: a pinned link finds each
    kept = versions.kept()
    assert [v.file for v in kept] == [f.name for f in reversed(files)]
    assert len({v.id for v in kept}) == 7 and all(versions.ID_PATTERN.match(v.id) for v in kept)
    assert _rows("SELECT count(*) FROM compliance WHERE year > 2030") == [(6,)]


def test_a_server_short_of_disk_keeps_only_the_newest_versions(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEGRITAS_KEEP_VERSIONS", "3")
    _six_commits()
    files = sorted(paths.db_dir().glob("warehouse-*.duckdb"))
    assert len(files) == 3 and paths.current_db() == files[-1]
    assert versions.find(versions.registry()[0].id) is None  # the first build's version: no longer kept


def test_line_numbers_count_empty_lines_inside_the_file(built: Path) -> None:
    # DuckDB skips empty lines and stops on mixed line endings; the problem must still name the line an editor
    # shows (line 6 here).
    rows = (
        HEADER + "\n53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36;;;\n\n"
        "53.04;2030;;kuning;;;opini;confirmed;src-c36;;;\n\r\n53.01;2030;120;hijau;A;;opini;confirmed;src-c36;;;\n"
    ).encode()
    problems = load.plan(rows, "kosong-di-tengah.csv", "compliance").problems
    assert [(p.row, p.column, p.code) for p in problems] == [(6, "score", "range")]
