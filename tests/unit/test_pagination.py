"""Long tables a page at a time: the rows shown, their exact total, and a download holding every matching row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from core import paths
from integritas import db, export
from integritas.views import about, region
from integritas.views._columns import Rows


def _csv_rows(rows: Rows) -> list[dict[str, str]]:
    """The rows as a reader's CSV download holds them, keyed by schema name (headers read "Label (name)")."""
    e = export.Export(
        title="uji",
        columns=[export.Column(n, label) for n, label in rows.columns],
        rows=rows.frame,
        sources=pd.DataFrame(),
        citation="",
        permalink="",
        version="2026-01-01-000000",
    )
    read = list(csv.DictReader(io.StringIO(export.to_csv(e).decode("utf-8-sig"))))
    return [{k.rsplit("(", 1)[-1].rstrip(")"): v for k, v in r.items()} for r in read]


def test_a_page_shows_its_rows_and_the_exact_total(use_built: Path) -> None:
    first = about.sources_page("id", "", 0, 50)
    assert (len(first.table), first.total) == (50, 169)
    last = about.sources_page("id", "", 150, 50)
    assert (len(last.table), last.total, last.offset) == (19, 169, 150)
    assert set(first.table["ID"]).isdisjoint(set(last.table["ID"]))


def test_the_download_holds_every_matching_row_not_only_the_page(use_built: Path) -> None:
    rows = _csv_rows(about.sources_rows("id"))
    assert len(rows) == 169 and "total_rows" not in rows[0]
    belu = region.agencies_page("id", "53.04", "pengadilan", 0, 1)  # a one-row page of a filtered table
    assert len(belu.table) == 1 and belu.total >= 1
    download = _csv_rows(region.agencies_rows("id", "53.04", "pengadilan"))
    assert len(download) == belu.total
    assert all("pengadilan" in r["nama"].lower() for r in download)


def _seed(name: str) -> list[dict[str, str]]:
    with (paths.seed_dir() / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_sort_runs_over_every_row_not_only_the_page(use_built: Path) -> None:
    newest = max(r["published_on"] for r in _seed("sources") if r["published_on"])
    by_date = about.sources_rows("id", "", ("published_on", True))
    assert by_date.frame["published_on"].iloc[0].date().isoformat() == newest
    by_publisher = about.sources_rows("id", "", ("publisher", True)).frame["publisher"].tolist()
    assert by_publisher == sorted((r["publisher"] for r in _seed("sources")), reverse=True)
    # the second page starts where the sorted whole continues: the sort ran before the cut, in SQL
    second = about.sources_page("id", "", 50, 50, ("publisher", True))
    assert by_publisher[50] in second.table["Sumber"].iloc[0].replace("\\", "").replace("\u2060", "")


def test_only_a_declared_column_can_sort() -> None:
    with pytest.raises(ValueError):
        db._ordered_sql("sources_page", ("quote; DROP TABLE sources", False))
