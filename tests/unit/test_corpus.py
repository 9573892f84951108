"""The upload corpus (tests/corpus): each file is refused with the expected reason and nothing written, or accepted
with exactly the expected rows; plus a 100 MB file, generated at test time, refused for its one bad cell or accepted
whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from bench.synthetic import complaints_csv
from core import paths
from etl import cli, load
from etl.build import build, sha256_file
from etl.validate import ValidationFailed
from tests.conftest import REPO

CORPUS = REPO / "tests" / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def test_corpus_has_at_least_30_files() -> None:
    assert len(EXPECTED) >= 30
    assert sorted(p.name for p in (CORPUS / "files").iterdir()) == sorted(EXPECTED)


def _fingerprint() -> tuple[str | None, str, str]:
    """What a refused file must leave untouched: the database CURRENT names, its bytes, and the upload manifest."""
    db = paths.current_db()
    manifest = load.manifest_file()
    return (
        db.name if db else None,
        sha256_file(db) if db else "",
        manifest.read_text(encoding="utf-8") if manifest.exists() else "",
    )


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name: str, seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = EXPECTED[name]
    raw = (CORPUS / "files" / name).read_bytes()
    plan = load.plan(raw, name, spec["dataset"])
    path = tmp_path / name
    path.write_bytes(raw)
    if "refuse" in spec:
        assert sorted({p.code for p in plan.problems}) == sorted(spec["refuse"]), plan.problems
        for expected in spec.get("problems", []):
            got = [[p.row, p.column, p.value, p.code, p.detail][: len(expected)] for p in plan.problems]
            assert expected in got, got
        for p in plan.problems:
            for lang in ("id", "en"):
                text = p.message(lang)  # "Baris 2, kolom score (nilai «90,525»): …" — where, what, why
                assert (str(p.row) in text if p.row is not None else True) and (p.column or "–") in text
                assert p.value is None or p.value in text
        before = _fingerprint()
        code, out, err = _cli(["load", str(path), "--dataset", spec["dataset"], "--by", "corpus"], capsys)
        assert code == 1 and "Traceback" not in out + err
        assert err.startswith("DITOLAK, tidak ada yang ditulis / REFUSED, nothing written.")
        assert plan.problems[0].message("id") in err and plan.problems[0].message("en") in err
        with pytest.raises(ValidationFailed):
            load.commit(raw, name, spec["dataset"])
        assert _fingerprint() == before  # nothing written: same database file, same bytes, same manifest
    else:
        assert plan.ok, [p.message("en") for p in plan.problems]
        assert plan.n_new == spec["accept"] and not plan.n_changed
        assert plan.n_sources == spec.get("sources", 0)
        code, out, err = _cli(["load", str(path), "--dataset", spec["dataset"], "--by", "corpus"], capsys)
        assert code == 0 and "committed as load" in out and not err
        (load_id,) = (r for r in load.history()["id"] if r == load.history()["id"].max())
        if "stored" in spec:
            table, where, values = spec["stored"]
            con = duckdb.connect(str(paths.current_db()), read_only=True)
            try:
                cols = ", ".join(f"{c}::VARCHAR" for c in values)
                assert con.execute(f"SELECT {cols} FROM {table} WHERE {where}").fetchall() == [tuple(values.values())]
            finally:
                con.close()
        again = load.plan(raw, name, spec["dataset"])
        assert again.loaded_before == [load_id] and again.unchanged == spec["accept"] and not again.new


BIG_ROWS = 800_000  # about 102 MB of CSV: the corpus's 100 MB file, generated here rather than committed


@pytest.fixture
def big_csv(tmp_path: Path) -> Callable[[int | None], bytes]:
    def make(bad_line: int | None = None) -> bytes:
        path = tmp_path / "pengaduan-besar.csv"
        assert complaints_csv(path, BIG_ROWS, source_id="src-b1", bad_line=bad_line) >= 100_000_000
        return path.read_bytes()

    return make


@pytest.mark.slow
def test_100_mb_file_with_one_bad_cell_is_refused_naming_it(data_dir: Path, big_csv: Callable) -> None:
    build(by="seed")
    before = paths.current_db()
    raw = big_csv(bad_line=654_321)
    plan = load.plan(raw, "pengaduan-besar.csv", "complaints")
    assert [(p.row, p.column, p.value, p.code) for p in plan.problems] == [(654_321, "value", "-5", "range")]
    assert plan.problem_total == 1
    with pytest.raises(ValidationFailed):
        load.commit(raw, "pengaduan-besar.csv", "complaints")
    assert paths.current_db() == before


@pytest.mark.slow
def test_100_mb_file_is_accepted_whole(data_dir: Path, big_csv: Callable) -> None:
    build(by="seed")
    load_id, plan = load.commit(big_csv(), "pengaduan-besar.csv", "complaints", by="uji")
    assert plan.n_new == BIG_ROWS
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        count = con.execute("SELECT count(*) FROM complaints WHERE id LIKE 'sintetis-%'").fetchall()[0][0]
        # line 3 of the file: "sintetis-0000001,01/01/2015,…,2.919,…" (day-first date, thousands dot)
        row = con.execute(
            "SELECT period_start::VARCHAR, value FROM complaints WHERE id = 'sintetis-0000001'"
        ).fetchall()
        added = con.execute("SELECT added FROM loads WHERE id = ?", [load_id]).fetchall()
    finally:
        con.close()
    assert count == BIG_ROWS and added == [(BIG_ROWS,)]
    assert row == [("2015-01-01", Decimal("2919.00"))]
