"""Shared page pieces: the no-database guard, the sources expander, the sidebar footer."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from integritas import db, fmt
from integritas.i18n import current_lang, t
from integritas.views import source_md


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
                meta.append(f"*{row.title}*")
            if not pd.isna(row.published_on):
                meta.append(fmt.day(row.published_on, lang))
            st.markdown(f"**`{row.id}`** · " + " · ".join(meta))
            if isinstance(row.quote, str):
                st.caption(f"«{row.quote}»")
            if isinstance(row.note, str):
                st.caption(f"{t('col.note')}: {row.note}")


def sidebar_footer() -> None:
    version = db.data_version()
    if version:
        st.sidebar.caption(t("app.data_version", version=version.rsplit("/", 1)[-1]))
