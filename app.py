"""Router only: page config, language, shared sidebar and st.navigation."""

from pathlib import Path

import streamlit as st

from integritas.i18n import DEFAULT_LANG, LANGS, t
from integritas.ui import sidebar_footer

st.set_page_config(
    page_title="Integritas NTT", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide"
)

# `lang` is synced by hand rather than with bind="query-params": a bound radio would write its display label
# (?lang=English) into the URL, and the public contract is ?lang=en.
if "lang" not in st.session_state:
    st.session_state["lang"] = st.query_params.get("lang") if st.query_params.get("lang") in LANGS else DEFAULT_LANG
with st.sidebar:
    st.radio(
        "Bahasa / Language",
        LANGS,
        key="lang",
        horizontal=True,
        format_func={"id": "Bahasa Indonesia", "en": "English"}.__getitem__,
    )
if st.session_state["lang"] == DEFAULT_LANG:
    st.query_params.pop("lang", None)
else:
    st.query_params["lang"] = st.session_state["lang"]

pages = {
    t("nav.overview"): [
        st.Page("pages/beranda.py", title=t("page.home"), icon=":material/home:", default=True),
    ],
    t("nav.about"): [
        st.Page("pages/tentang.py", title=t("page.about"), icon=":material/menu_book:", url_path="tentang"),
    ],
}
page = st.navigation(pages)
sidebar_footer()
page.run()
