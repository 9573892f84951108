"""The upload corpus (tests/corpus): each file is refused with the expected reason and nothing written, or accepted
with exactly the expected rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl import load
from etl.build import build
from etl.validate import ValidationFailed
from integritas import paths
from tests.conftest import REPO

CORPUS = REPO / "tests" / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def test_corpus_has_at_least_30_files() -> None:
    assert len(EXPECTED) >= 30
    assert sorted(p.name for p in (CORPUS / "files").iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name: str, data_dir: Path) -> None:
    build(by="seed")
    before = paths.current_db()
    spec = EXPECTED[name]
    raw = (CORPUS / "files" / name).read_bytes()
    plan = load.plan(raw, name, spec["dataset"])
    if "refuse" in spec:
        assert sorted({p.code for p in plan.problems}) == sorted(spec["refuse"]), plan.problems
        assert all(p.message("id") and p.message("en") for p in plan.problems)
        with pytest.raises(ValidationFailed):
            load.commit(raw, name, spec["dataset"])
        assert paths.current_db() == before
    else:
        assert plan.ok, [p.message("en") for p in plan.problems]
        assert len(plan.new) == spec["accept"] and not plan.changed
        load_id, _ = load.commit(raw, name, spec["dataset"], by="corpus")
        again = load.plan(raw, name, spec["dataset"])
        assert again.loaded_before == [load_id] and again.unchanged == spec["accept"] and not again.new
