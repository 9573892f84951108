"""Router only: page config, language, shared sidebar and st.navigation."""

from pathlib import Path

import streamlit as st

from integritas.auth import current_staff
from integritas.i18n import DEFAULT_LANG, LANGS, t, tr
from integritas.ui import search_box, sidebar_footer, url_synced

st.set_page_config(
    page_title="Integritas NTT", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide"
)

url_synced("lang", LANGS, DEFAULT_LANG)
with st.sidebar:
    st.radio(
        " / ".join(tr("app.language", lang) for lang in LANGS),  # in both languages: findable in either
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
# Staff pages exist in the navigation only for a signed-in staff member: their URLs do not resolve otherwise.
staff_pages = [st.Page("app_pages/masuk.py", title=t("page.login"), icon=":material/login:", url_path="masuk")]
if current_staff():
    staff_pages += [
        st.Page("app_pages/unggah.py", title=t("page.upload"), icon=":material/upload_file:", url_path="unggah"),
        st.Page("app_pages/riwayat.py", title=t("page.history"), icon=":material/history:", url_path="riwayat"),
    ]
pages[t("nav.staff")] = staff_pages
page = st.navigation(pages)
search_box()
sidebar_footer()
page.run()
