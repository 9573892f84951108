"""Wilayah: one page per kab/kota (?kode=53.71): compliance history over the bands, agencies, complaints, sources."""

import streamlit as st

from integritas import db
from integritas.fmt import md_text
from integritas.i18n import current_lang, t
from integritas.ui import require_db, sources_expander, url_synced
from integritas.views import region

require_db()
lang = current_lang()
regions = db.regions()
names = dict(zip(regions["kode"], regions["nama"], strict=True))
codes = [k for k in names if k != "53"] + ["53"]

url_synced("kode", codes, "53.71", keep_default=True)
kode = st.selectbox(t("region.pick"), codes, format_func=lambda k: f"{names[k]} ({k})", key="kode")
v = region.region(lang, kode)

st.title(md_text(v.nama))  # names are data: shown as typed
st.caption(t("region.capital", jenis=t(f"jenis.{v.jenis}"), ibukota=md_text(v.ibukota)))

st.subheader(t("region.history"))
left, right = st.columns([1, 1])
with left:
    st.plotly_chart(region.region_chart(lang, kode), width="stretch", config={"displayModeBar": False})
    st.caption(t("region.bands_note"))
with right:
    st.table(v.history_table, hide_index=True)

for title, table in (
    ("region.agencies", v.agencies),
    ("region.units", v.units),
    ("region.complaints", v.complaints),
):
    st.subheader(t(title))
    if table.empty:
        st.caption(t("region.none"))
    else:
        st.table(table, hide_index=True)

sources_expander(v.source_ids)
