"""Sidebar search view: the agencies a reader finds by name, abbreviation or alias (seed: agencies, agency_aliases)."""

from __future__ import annotations

from pathlib import Path

from integritas.views import search


def test_finds_agencies_by_abbreviation_and_alias(use_built: Path) -> None:
    assert search.search_agencies("kanwil kemenkumham")[0] == (
        "kanwil-kemenkumham-ntt",
        "Kantor Wilayah Kementerian Hukum dan HAM Nusa Tenggara Timur",
    )
    assert search.search_agencies("KPPN Kupang")[0] == ("kppn-kupang", "Kantor Pelayanan Perbendaharaan Negara Kupang")
    assert search.search_agencies("kejari flotim")[0][0] == "kejari-flores-timur"  # an alias


def test_nothing_found_is_an_empty_list(use_built: Path) -> None:
    assert search.search_agencies("zzzz qqqq") == []


def test_index_has_one_row_per_agency(use_built: Path) -> None:
    index = search.search_index()
    assert index["id"].is_unique and "polres-belu" in set(index["id"])
