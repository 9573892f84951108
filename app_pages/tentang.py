"""Tentang data: every source, the assessment methods, the public schema, boundary attribution and load history."""

import streamlit as st

from integritas import fmt, geo
from integritas.i18n import current_lang, t
from integritas.ui import data_file_name, paged_table, require_db
from integritas.views import about

require_db()
lang = current_lang()
v = about.about(lang)

st.title(t("page.about"))
st.write(t("about.intro"))

with st.expander(t("about.glossary"), icon=":material/translate:"):
    glossary = ("gloss.zi", "gloss.wbk", "gloss.wbbm", "gloss.laporan", "gloss.akses", "gloss.zona")
    st.markdown("\n".join(f"- {t(key)}" for key in glossary))

st.subheader(t("about.sources.title"))
paged_table(
    "sumber-semua",
    lambda q, offset, limit: about.sources_page(lang, q, offset, limit),
    empty=t("search.none"),
    searchable=True,
    export=about.sources_csv,
)

st.subheader(t("about.methods"))
st.table(v.methods, hide_index=True)
st.markdown(f"**{t('about.bands')}**")
st.table(v.bands, hide_index=True)

st.subheader(t("about.schema.title"))
# The data version by its file name: a public page never shows where the server keeps its data.
st.markdown(t("about.schema.intro", path=data_file_name()))
st.table(v.tables, hide_index=True)
st.dataframe(v.columns, hide_index=True, width="stretch")

st.subheader(t("about.boundaries.title"))
fc = geo.boundaries()
if fc is None:
    st.warning(t("about.boundaries.missing", path=geo.boundaries_file().name), icon=":material/map:")
else:
    st.write(t("about.boundaries.ok", n=len(fc["features"]), size=fmt.number(geo.boundary_size_kb(), lang)))
    # the boundary file is data too: its attribution and licence are shown as typed
    st.info(fmt.md_text(fc.get("attribution", "")), icon=":material/copyright:")
    st.caption(fmt.md_text(fc.get("licence", "")))

st.subheader(t("about.regions"))
st.dataframe(v.regions, hide_index=True, width="stretch")

st.subheader(t("about.loads"))
st.dataframe(v.loads, hide_index=True, width="stretch")
