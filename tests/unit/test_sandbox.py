"""The dry run and the commit of the upload page run in a bounded child process: a file past the memory bound is
refused naming the bound, the server process never holds the file's expansion, and a normal upload works as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import paths
from etl import sandbox
from integritas import upload

C = "region_kode,year,score,zone,category,opini,method,status,source_id,source_id_2,note,refs"
ROW = "53.71,2030,90.5,hijau,A,,opini,confirmed,src-c36,,uji,"


def test_a_dry_run_and_commit_in_the_child_report_as_before(seeded: Path) -> None:
    steps: list[str] = []
    plan = upload.plan(f"{C}\n{ROW}\n".encode(), "a.csv", "compliance", progress=steps.append)
    assert plan.ok and plan.n_new == 1
    assert steps[:2] == ["read", "check"] and "contracts" in steps
    bad = upload.plan(f"{C}\n{ROW.replace('90.5', '190')}\n".encode(), "b.csv", "compliance")
    assert [(p.row, p.column, p.code) for p in bad.problems] == [(2, "score", "range")]
    load_id, committed = upload.commit(f"{C}\n{ROW}\n".encode(), "a.csv", "compliance", by="uji")
    assert committed.n_new == 1 and load_id in list(upload.history()["id"])
    with pytest.raises(upload.LoadFailed) as err:
        upload.commit(b"a,b\n1,2\n", "c.csv", "tidak-ada", by="uji")
    assert "tidak dapat diunggah" in err.value.message("id")


def test_a_file_past_the_memory_bound_is_refused_naming_it(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MEMORY_MB", 60)  # below what the child needs to read any file at all
    before = paths.current_db()
    with pytest.raises(upload.LoadFailed) as err:
        upload.commit(f"{C}\n{ROW}\n".encode(), "a.csv", "compliance", by="uji")
    assert err.value.message("id").startswith("pemeriksaan berkas ini memerlukan lebih dari 60 MB memori")
    assert err.value.message("en").startswith("checking this file needed more than 60 MB of memory")
    assert paths.current_db() == before


def test_a_dry_run_past_the_time_bound_is_refused_naming_it(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "SECONDS", 0)
    with pytest.raises(upload.LoadFailed) as err:
        upload.plan(f"{C}\n{ROW}\n".encode(), "a.csv", "compliance")
    assert "lebih dari 0 detik" in err.value.message("id")
