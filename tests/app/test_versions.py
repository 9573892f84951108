"""Versioned permalinks: a citation's ?versi= reopens the rows it cited, says when newer data exists, and a version
that is not kept shows no data at all."""

from __future__ import annotations

from pathlib import Path

from core import versions
from etl import load
from integritas.fmt import md_text
from tests.conftest import open_page

# Synthetic rows for tests only: a made-up 2030 assessment of Kota Kupang citing an existing source.
NEW_YEAR = (
    "region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs\n"
    "53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36;;uji;\n"
)


def _history_years(at: object) -> list[str]:
    table = at.table[0].value  # type: ignore[attr-defined]
    return [str(y) for y in table.iloc[:, 0]]


def _codes(at: object) -> str:
    return "\n".join(c.value for c in at.code)  # type: ignore[attr-defined]


def test_a_pinned_link_shows_its_version_and_says_the_data_changed(seeded: Path) -> None:
    (first,) = versions.kept()
    load.commit(NEW_YEAR.encode(), "2030.csv", "compliance")
    latest = versions.kept()[0]
    assert latest.id != first.id

    now = open_page("app_pages/wilayah.py", kode="53.71")
    assert "2030" in _history_years(now) and not now.warning
    assert any(latest.id in c.value for c in now.sidebar.caption)
    assert f"versi={latest.id}" in _codes(now)  # the citation's permalink pins the version shown

    pinned = open_page("app_pages/wilayah.py", kode="53.71", versi=first.id)
    assert "2030" not in _history_years(pinned)  # the rows the citation saw, not today's
    notice = pinned.warning[0].value
    assert "Data telah diperbarui sejak versi ini" in notice and first.id in notice and latest.id in notice
    assert any(first.id in c.value for c in pinned.sidebar.caption)
    assert f"versi={first.id}" in _codes(pinned) and first.id in pinned.code[0].value


def test_a_version_not_kept_shows_no_data_and_lists_the_kept_ones(seeded: Path) -> None:
    (kept,) = versions.kept()
    at = open_page("app_pages/wilayah.py", lang="en", kode="53.71", versi="2020-01-01-abcdef")
    assert f"“{md_text('2020-01-01-abcdef')}” not found" in at.error[0].value  # typed input: shown as text
    assert not at.title and not at.table  # no region, no rows: nothing that could be taken for that version
    assert any(kept.id in m.value for m in at.markdown)
