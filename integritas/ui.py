"""Shared page pieces: the no-database guard, the sources expander, the sidebar footer.

Text from data is shown as text: wherever it meets Markdown (st.markdown, captions, labels) it goes through
`fmt.md_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from integritas import db, fmt
from integritas.charts import clicked_key
from integritas.i18n import current_lang, t
from integritas.search import MAX_QUERY_CHARS
from integritas.views._columns import source_md
from integritas.views.search import search_agencies


def require_db() -> None:
    """Stop the page with a clear instruction when no database has been built yet."""
    if db.data_version() is None:
        st.error(t("app.no_db"), icon=":material/database:")
        st.stop()


def sources_expander(ids: Iterable[object]) -> None:
    """Every source behind the figures on a page: publisher, title, date, link and the verbatim quote."""
    lang = current_lang()
    df = db.sources([i for i in ids if isinstance(i, str)])
    with st.expander(f"{t('sources.title')} ({len(df)})", icon=":material/format_quote:"):
        for row in df.itertuples():
            meta = [source_md(row.url, row.publisher, lang)]
            if isinstance(row.title, str):
                meta.append(f"*{fmt.md_text(row.title)}*")
            if not pd.isna(row.published_on):
                meta.append(fmt.day(row.published_on, lang))
            st.markdown(f"**{fmt.md_text(row.id)}** · " + " · ".join(meta))
            if isinstance(row.quote, str):
                st.caption(f"«{fmt.md_text(row.quote)}»")
            if isinstance(row.note, str):
                st.caption(f"{t('col.note')}: {fmt.md_text(row.note)}")


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
