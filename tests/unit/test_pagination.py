"""Long tables a page at a time: the rows shown, their exact total, and a download holding every matching row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from integritas.views import about, region


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_page_shows_its_rows_and_the_exact_total(use_built: Path) -> None:
    first = about.sources_page("id", "", 0, 50)
    assert (len(first.table), first.total) == (50, 169)
    last = about.sources_page("id", "", 150, 50)
    assert (len(last.table), last.total, last.offset) == (19, 169, 150)
    assert set(first.table["ID"]).isdisjoint(set(last.table["ID"]))


def test_the_download_holds_every_matching_row_not_only_the_page(use_built: Path) -> None:
    rows = _csv_rows(about.sources_csv())
    assert len(rows) == 169 and "total_rows" not in rows[0]
    belu = region.agencies_page("id", "53.04", "pengadilan", 0, 1)  # a one-row page of a filtered table
    assert len(belu.table) == 1 and belu.total >= 1
    assert len(_csv_rows(region.agencies_csv("53.04", "pengadilan"))) == belu.total
    assert all("pengadilan" in r["nama"].lower() for r in _csv_rows(region.agencies_csv("53.04", "pengadilan")))
