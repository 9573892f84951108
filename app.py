"""Router only: page config, language, shared sidebar and st.navigation."""

from functools import partial
from pathlib import Path

import streamlit as st

from integritas.auth import current_staff
from integritas.i18n import DEFAULT_LANG, LANGS, t, tr
from integritas.linkcheck import missing_page, page_not_found
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
        # url_path "": the home page answers at / only, so /beranda is free to be a page that does not exist
        st.Page("app_pages/beranda.py", title=t("page.home"), icon=":material/home:", default=True, url_path=""),
        st.Page("app_pages/ringkasan.py", title=t("brief.page"), icon=":material/summarize:", url_path="ringkasan"),
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
        st.Page(
            "app_pages/glosarium.py", title=t("glossary.title"), icon=":material/dictionary:", url_path="glosarium"
        ),
    ],
}
# Staff pages exist in the navigation only for a signed-in staff member: their URLs do not resolve otherwise.
# Signed in, the same page is the account and sign-out page: its title says so, not "sign in".
signed_in = bool(current_staff())
staff_pages = [
    st.Page(
        "app_pages/masuk.py",
        title=t("lang.account") if signed_in else t("page.login"),
        icon=":material/account_circle:" if signed_in else ":material/login:",
        url_path="masuk",
    )
]
if signed_in:
    staff_pages += [
        st.Page("app_pages/unggah.py", title=t("page.upload"), icon=":material/upload_file:", url_path="unggah"),
        st.Page("app_pages/riwayat.py", title=t("page.history"), icon=":material/history:", url_path="riwayat"),
    ]
pages[t("nav.staff")] = staff_pages
# A path no page has (/halaman-tidak-ada, or /unggah for someone not signed in): Streamlit would run the home page
# under an English "Page not found" dialog and rewrite the address to /. A hidden page at exactly that path says
# so in the reader's language instead, and the address stays as typed.
listed = [p for section in pages.values() for p in section]
if missing := missing_page({p.url_path for p in listed}):
    lost = partial(page_not_found, missing, listed)
    pages[t("nav.about")].append(
        st.Page(lost, title=t("notfound.page_title"), icon=":material/link_off:", url_path=missing, visibility="hidden")
    )
page = st.navigation(pages)
search_box()
sidebar_footer()
page.run()
