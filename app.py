"""Router only: page config, language, shared sidebar and st.navigation."""

from pathlib import Path

import streamlit as st

from integritas.i18n import DEFAULT_LANG, LANGS, t
from integritas.ui import search_box, sidebar_footer, url_synced

st.set_page_config(
    page_title="Integritas NTT", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide"
)

url_synced("lang", LANGS, DEFAULT_LANG)
with st.sidebar:
    st.radio(
        "Bahasa / Language",
        LANGS,
        key="lang",
        horizontal=True,
        format_func={"id": "Bahasa Indonesia", "en": "English"}.__getitem__,
    )

pages = {
    t("nav.overview"): [
        st.Page("app_pages/beranda.py", title=t("page.home"), icon=":material/home:", default=True),
    ],
    t("nav.explore"): [
        st.Page("app_pages/kepatuhan.py", title=t("page.compliance"), icon=":material/map:", url_path="kepatuhan"),
        st.Page("app_pages/perjalanan.py", title=t("page.journeys"), icon=":material/route:", url_path="perjalanan"),
        st.Page("app_pages/pengaduan.py", title=t("page.complaints"), icon=":material/forum:", url_path="pengaduan"),
    ],
    t("nav.detail"): [
        st.Page("app_pages/wilayah.py", title=t("page.region"), icon=":material/location_on:", url_path="wilayah"),
        st.Page("app_pages/instansi.py", title=t("page.agency"), icon=":material/apartment:", url_path="instansi"),
    ],
    t("nav.about"): [
        st.Page("app_pages/tentang.py", title=t("page.about"), icon=":material/menu_book:", url_path="tentang"),
    ],
}
page = st.navigation(pages)
search_box()
sidebar_footer()
page.run()
