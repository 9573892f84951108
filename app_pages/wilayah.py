"""Wilayah: one page per kab/kota (?kode=53.71): compliance history over the bands, agencies, complaints, sources."""

import streamlit as st

from integritas import db
from integritas.fmt import md_text
from integritas.i18n import current_lang, t
from integritas.ui import paged_table, require_db, sources_expander, url_synced
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

# Long tables a page at a time (filtered and cut in DuckDB), each with a download of every matching row.
source_ids = list(v.source_ids)
for title, key, fetch, export, searchable in (
    ("region.agencies", "instansi", region.agencies_page, region.agencies_csv, True),
    ("region.units", "unit", region.units_page, region.units_csv, True),
    ("region.complaints", "aduan", region.complaints_page, region.complaints_csv, False),
):
    st.subheader(t(title))
    page = paged_table(
        f"{key}-{kode}",
        lambda q, offset, limit, fetch=fetch: fetch(lang, kode, q, offset, limit),
        empty=t("region.none"),
        searchable=searchable,
        export=lambda q, export=export: export(kode, q),
    )
    source_ids += page.source_ids

sources_expander(source_ids)
