"""The agency search in the sidebar of every page and the agency picker: an index built once per data version."""

from __future__ import annotations

import pandas as pd

from integritas import db
from integritas.search import SearchIndex, search
from integritas.views._cache import view


@view(max_entries=8)
def search_index() -> pd.DataFrame:
    """Every agency with its short name, other names and region, as the search reads them."""
    return db.search_index()


@view(kind="resource", max_entries=4)
def word_index() -> SearchIndex:
    """The search's word index of the current data, shared by every session (built once, then only read)."""
    return SearchIndex(db.search_index())


def search_agencies(text: str, limit: int = 8) -> list[tuple[str, str]]:
    """(id, nama) of the agencies matching `text`, best first; nothing is read for an empty box."""
    if not text.strip():
        return []
    return search(text, word_index(), limit)
