"""Shared page pieces: the no-database guard, paged tables, the sources expander, the sidebar search and footer.

Text from data is shown as text: wherever it meets Markdown (st.markdown, captions, labels) it goes through
`fmt.md_text`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import streamlit as st

from integritas import db, fmt
from integritas.charts import clicked_key
from integritas.i18n import current_lang, t
from integritas.search import MAX_QUERY_CHARS
from integritas.views._columns import Page, sources_markdown
from integritas.views.search import search_agencies

PAGE_ROWS = 50  # rows of a long table sent at once: enough to read on a phone, small over the websocket
SOURCES_PER_PAGE = 50


def require_db() -> None:
    """Stop the page with a clear instruction when no database has been built yet."""
    if db.data_version() is None:
        st.error(t("app.no_db"), icon=":material/database:")
        st.stop()


def _first_page(key: str) -> None:
    st.session_state[key] = 1


def _pager(key: str, total: int, per_page: int) -> int:
    """The page number kept in session state under `key` (1 when it is past the last page, e.g. after a filter)."""
    n = st.session_state.get(key, 1)
    n = n if isinstance(n, int) and 1 <= n <= max(1, math.ceil(total / per_page)) else 1
    st.session_state[key] = n
    return n


def paged_table(
    key: str,
    fetch: Callable[[str, int, int], Page],
    *,
    empty: str,
    searchable: bool = False,
    export: Callable[[str], bytes] | None = None,
) -> Page:
    """A long table one page at a time: `fetch(filter, offset, limit)` runs the query in DuckDB and returns only the
    rows shown and the exact total. With `searchable`, a filter box narrows the rows (in SQL); `export(filter)` gives
    every matching row as CSV, made only when the reader downloads it. Returns the page shown (for its sources)."""
    text = ""
    # A filter box only where there is more than a page to filter (or a filter is already typed).
    if searchable and (st.session_state.get(f"{key}-q") or fetch("", 0, PAGE_ROWS).total > PAGE_ROWS):
        text = st.text_input(
            t("search.filter"),
            key=f"{key}-q",
            max_chars=MAX_QUERY_CHARS,
            placeholder=t("search.filter_placeholder"),
            on_change=_first_page,
            args=(f"{key}-p",),
        ).strip()
    n = st.session_state.get(f"{key}-p", 1)
    n = n if isinstance(n, int) and n >= 1 else 1
    page = fetch(text, (n - 1) * PAGE_ROWS, PAGE_ROWS)
    if page.table.empty and n > 1:  # past the end (the rows changed since): back to the first page
        n, page = 1, fetch(text, 0, PAGE_ROWS)
    if page.total == 0:
        st.caption(empty)
        return page
    st.table(page.table, hide_index=True)
    lang = current_lang()
    pages = math.ceil(page.total / PAGE_ROWS)
    first, last = page.offset + 1, page.offset + len(page.table)
    info, pick, save = st.columns([2, 1, 1], vertical_alignment="bottom")
    info.caption(
        t(
            "search.range",
            first=fmt.number(first, lang),
            last=fmt.number(last, lang),
            total=fmt.number(page.total, lang),
        )
    )
    if pages > 1:
        st.session_state[f"{key}-p"] = n
        pick.number_input(t("search.page", pages=fmt.number(pages, lang)), 1, pages, step=1, key=f"{key}-p")
    if export is not None:
        save.download_button(
            t("search.download", total=fmt.number(page.total, lang)),
            data=lambda: export(text),  # made on click only: the rows never travel with the page
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}-csv",
            on_click="ignore",
            icon=":material/download:",
        )
    return page


def sources_expander(ids: Iterable[object], key: str = "sumber") -> None:
    """The sources behind the rows shown on a page, as one Markdown list (a page of them at a time): publisher,
    title, date, link and the verbatim quote."""
    lang = current_lang()
    wanted = sorted({i for i in ids if isinstance(i, str)})
    with st.expander(f"{t('sources.title')} ({fmt.number(len(wanted), lang)})", icon=":material/format_quote:"):
        n = _pager(f"{key}-p", len(wanted), SOURCES_PER_PAGE)
        chunk = wanted[(n - 1) * SOURCES_PER_PAGE : n * SOURCES_PER_PAGE]
        st.markdown(sources_markdown(db.sources(chunk), lang))
        pages = math.ceil(len(wanted) / SOURCES_PER_PAGE)
        if pages > 1:
            st.number_input(t("search.page", pages=fmt.number(pages, lang)), 1, pages, step=1, key=f"{key}-p")


def data_file_name() -> str | None:
    """The data version as the public sees it: the database file's name, never its directory on the server."""
    version = db.data_version()
    return Path(version).name if version else None


def sidebar_footer() -> None:
    name = data_file_name()
    if name:
        st.sidebar.caption(t("app.data_version", version=fmt.md_text(name)))


def url_synced(key: str, options: Sequence[object], default: object, keep_default: bool = False) -> None:
    """Keep st.session_state[key] and ?key= in step, using the raw option value in the URL.

    `bind="query-params"` writes a widget's *display label* into the URL (?lang=English, ?kode=Kota Kupang); the
    public links are ?lang=en and ?kode=53.71, so these widgets are synced here instead. Call before the widget.
    `keep_default` keeps the parameter in the URL even at its default (a region link always names its region).
    """
    if key not in st.session_state or st.session_state[key] not in options:
        raw = st.query_params.get(key)
        st.session_state[key] = next((o for o in options if str(o) == raw), default)
    if st.session_state[key] == default and not keep_default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(st.session_state[key])


def map_chart(fig: object, key: str) -> str | None:
    """Draw a map offline (local topojson stub, no CDN) and return the region code a click selected, if any."""
    event = st.plotly_chart(
        fig,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="points",
        config={"topojsonURL": "app/static/topojson/", "displayModeBar": False, "scrollZoom": False},
    )
    return clicked_key(event)


def open_region(kode: str) -> None:
    st.switch_page("app_pages/wilayah.py", query_params={"kode": kode})


def open_agency(agency_id: str) -> None:
    st.switch_page("app_pages/instansi.py", query_params={"id": agency_id})


def search_box() -> None:
    """The agency search, in the sidebar of every page: results link to the agency page."""
    text = st.sidebar.text_input(
        t("search.label"), key="cari", placeholder=t("search.placeholder"), max_chars=MAX_QUERY_CHARS
    )
    if not text or db.data_version() is None:
        return
    hits = search_agencies(text)
    if not hits:
        st.sidebar.caption(t("search.none"))
    for agency_id, nama in hits:
        st.sidebar.page_link(  # a page link's label is Markdown
            "app_pages/instansi.py",
            label=fmt.md_text(nama),
            query_params={"id": agency_id},
            icon=":material/apartment:",
        )
