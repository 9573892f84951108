"""Tentang data: every source, the assessment methods, the public schema, boundary attribution and load history."""

import streamlit as st

from integritas import db, fmt, geo
from integritas.glossary import hover_table
from integritas.i18n import current_lang, t
from integritas.labels import recorded_md
from integritas.ui import cite_box, paged_table, require_db
from integritas.views import about
from integritas.views._columns import QUOTE_PARAM

require_db()
lang = current_lang()
v = about.about(lang)

st.title(t("page.about"))
st.write(t("about.intro"))

# ?sumber=<id>: the exact quote a fact's "kutipan" link names, first; an unknown id shows the closest ids, nothing else
if wanted := st.query_params.get(QUOTE_PARAM):
    with st.container(border=True):
        if (detail := about.source_detail(lang, wanted)) is not None:
            st.markdown(f"**{t('about.source_one')}**")
            st.markdown(detail)
        else:
            st.error(t("about.source_unknown", id=fmt.md_text(wanted)), icon=":material/search_off:")
            st.markdown(about.source_suggestions(lang, wanted))

shown = db.shown_version()
if shown is not None:
    with st.container(border=True):
        st.markdown(f"**{t('about.package.title')}**")
        st.caption(t("about.package.what", version=shown.id))
        st.download_button(
            t("about.package.button"),
            data=lambda: about.data_package(shown.id),  # built on the first click for a version, then kept
            file_name=about.package_name(shown.id),
            mime="application/zip",
            on_click="ignore",
            icon=":material/folder_zip:",
            type="primary",
        )

with st.expander(t("about.glossary"), icon=":material/translate:"):
    glossary = ("gloss.zi", "gloss.wbk", "gloss.wbbm", "gloss.laporan", "gloss.akses", "gloss.zona")
    st.markdown("\n".join(f"- {t(key)}" for key in glossary))
    st.page_link("app_pages/glosarium.py", label=t("glossary.title"), icon=":material/dictionary:")

st.subheader(t("about.sources.title"))
sources = paged_table(
    "sumber-semua",
    lambda q, order, offset, limit: about.sources_page(lang, q, offset, limit, order),
    empty=t("search.none"),
    title=t("about.sources.title"),
    searchable=True,
    sorts=db.sortable("sources_page"),
    rows=lambda q, order: about.sources_rows(lang, q, order),
)

st.subheader(t("about.methods"))
st.table(hover_table(v.methods, lang), hide_index=True)
st.markdown(f"**{t('about.bands')}**")
st.table(hover_table(v.bands, lang, {"col.category": "kategori"}), hide_index=True)

st.subheader(t("about.schema.title"))
# The data version by its id: a public page never shows where the server keeps its data.
st.markdown(t("about.schema.intro", version=shown.id if shown else "–"))
st.table(v.tables, hide_index=True)
st.table(v.columns, hide_index=True)

st.subheader(t("about.boundaries.title"))
fc = geo.boundaries()
if fc is None:
    st.warning(t("about.boundaries.missing", path=geo.boundaries_file().name), icon=":material/map:")
else:
    st.write(t("about.boundaries.ok", n=len(fc["features"]), size=fmt.number(geo.boundary_size_kb(), lang)))
    # the boundary file is data too: its attribution (recorded in Bahasa) and licence note (recorded in English)
    # in the page's language while they read as the locale files have them, else as typed and marked
    st.info(recorded_md(fc.get("attribution"), "lang.geo.attribution", "id", lang), icon=":material/copyright:")
    st.caption(recorded_md(fc.get("licence"), "lang.geo.licence", "en", lang))

st.subheader(t("about.regions"))
st.table(v.regions, hide_index=True)

st.subheader(t("about.loads"))
st.table(v.loads, hide_index=True)

cite_box(t("cite.view_about"), sources.source_ids)
