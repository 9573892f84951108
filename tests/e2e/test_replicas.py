"""Two replicas on one data directory: both serve the old database while an upload writes the new file, both switch
to the new version once CURRENT moves, and both keep serving every public page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bench.pages import PAGES
from core import paths, versions
from etl import load
from etl.build import build
from tests.conftest import copy_data
from tests.e2e.conftest import OfflinePage, serve

pytestmark = pytest.mark.e2e
# Synthetic test row: a made-up 2030 result for Kota Kupang citing an existing source (as tests/e2e/test_staff.py).
CSV = (
    "region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs\n"
    "53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36;;uji replika;\n"
)
NEW_YEAR = "Tahun 2030 memakai metode"  # Kepatuhan opens on the latest year


def _version(data: Path) -> str:
    current = paths.current_db()
    assert current is not None and current.parent == data / "db"
    return versions.of_file(current).id  # the sidebar names the version by its id


def _file(data: Path) -> str:
    current = paths.current_db()
    assert current is not None
    return current.name


def _shows(op: OfflinePage, path: str, version: str) -> None:
    """The page at `path` rendered without an error, with `version` in the sidebar."""
    page = op.open(path)
    expect(page.locator("[data-testid='stSidebar']").get_by_text(f"Versi data: {version}")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0, f"{op.base}/{path} raised"


def test_two_replicas_switch_together(browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = copy_data(tmp_path / "data")
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(data))
    build(by="seed")
    old = _version(data)
    old_file = _file(data)
    with serve(data) as base_a, serve(data) as base_b:
        context = browser.new_context(viewport={"width": 1280, "height": 1400}, locale="id-ID")
        replicas = [OfflinePage(context.new_page(), base) for base in (base_a, base_b)]
        for op in replicas:
            _shows(op, "kepatuhan", old)
            expect(op.page.get_by_text(NEW_YEAR)).to_have_count(0)

        during: list[str] = []

        def mid_commit(step: str) -> None:
            # Called inside the commit: the new file holds the row in an open transaction and CURRENT still names
            # the old one. Both replicas must go on serving the old version, untouched by the file being written.
            if step != "contracts":
                return
            files = {p.name for p in (data / "db").glob("*.duckdb")}
            assert len(files - {old_file}) >= 1, f"no new database file is being written: {files}"
            assert _version(data) == old
            for op in replicas:
                _shows(op, "kepatuhan", old)
                expect(op.page.get_by_text(NEW_YEAR)).to_have_count(0)
                during.append(op.base)

        load_id, plan = load.commit(CSV.encode(), "penilaian-2030.csv", "compliance", by="pytest", progress=mid_commit)
        assert plan.n_new == 1 and load_id > 0
        assert during == [base_a, base_b], "the commit never reached the point where its file is half-written"
        new = _version(data)
        assert new != old
        for op in replicas:
            _shows(op, "kepatuhan", new)
            expect(op.page.get_by_text(NEW_YEAR).first).to_be_visible()
        for target in PAGES:  # and every page on the new version (one replica: both run the same code)
            _shows(replicas[1], target.url, new)
        for op in replicas:
            assert op.blocked == [], f"requests left the server: {op.blocked}"
        context.close()
