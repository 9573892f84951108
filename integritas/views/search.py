"""The agency search in the sidebar of every page."""

from __future__ import annotations

import pandas as pd

from integritas import db
from integritas.search import search
from integritas.views._cache import view


@view(max_entries=8)
def search_index() -> pd.DataFrame:
    """Every agency with its short name, other names and region, as the search reads them."""
    return db.search_index()


def search_agencies(text: str) -> list[tuple[str, str]]:
    """(id, nama) of the agencies matching `text`, best first."""
    return search(text, search_index())
