"""About view: every source with URL and quote, the methods and their published bands, the schema, load history.

Expected values from the seed (data/seed/*.csv) and the research facts: C3 (Belu 37,86 quote), D17 (bands 0–50,
51–80, 81–100 for 2018–2019).
"""

from __future__ import annotations

import csv
from pathlib import Path

from integritas.fmt import md_text
from integritas.views import about


def _rows(built: Path, name: str) -> list[dict[str, str]]:
    with (built / "seed" / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_source_with_its_url_and_quote(use_built: Path) -> None:
    everything = about.sources_page("id", limit=1000)
    assert everything.total == len(everything.table) == len(_rows(use_built, "sources"))
    page = about.sources_page("id", "src-c3 ")  # filtered in SQL: the id, publisher, title or quote
    c3 = page.table.set_index("ID").loc[md_text("src-c3")]
    assert "(https://kupang.antaranews.com/" in c3["Sumber"]  # the publisher, linked
    assert "Belu dengan nilai 37,86" in c3["Kutipan"]


def test_methods_and_bands_in_both_languages(use_built: Path) -> None:
    methods = about.about("id").methods
    assert list(methods["Tahun"]) == ["2016–2021", "2022–2024", "2025–"]  # opini: no end year yet
    en = about.about("en").bands
    d17 = en[en["Source"] == md_text("src-d17")].set_index("Zone")["Value"]  # a Markdown cell: the id escaped
    assert d17.to_dict() == {"green": "81.00 – 100.00", "yellow": "51.00 – 80.00", "red": "0.00 – 50.00"}
    bands = about.about("id").bands
    assert "0,00 – 50,00" in list(bands["Nilai"])


def test_schema_tables_with_their_row_counts(use_built: Path) -> None:
    v = about.about("id")
    tables = v.tables.set_index(v.tables.columns[0])
    counts = tables[tables.columns[0]].to_dict()
    for name in ("compliance", "sources", "zi_events", "complaints"):
        assert counts[name] == f"{len(_rows(use_built, name)):,}".replace(",", ".")
    assert {"zi_events", "complaints", "loads"} <= set(v.columns.iloc[:, 0])
    assert len(v.regions) == len(_rows(use_built, "regions")) == 23


def test_load_history_lists_the_seed_build(use_built: Path) -> None:
    loads = about.about("en").loads
    assert set(loads["By"]) == {"seed data"}  # built by "pytest", but a public page names no one
    assert md_text("seed/zi_events.csv") in list(loads["File"])  # a file name is data: shown as typed
    assert loads["sha256"].str.len().eq(12).all()
