"""Wilayah: one page per kab/kota (?kode=53.71): compliance history over the bands, agencies, complaints, sources."""

import streamlit as st

from integritas import db, glossary
from integritas.fmt import md_text
from integritas.i18n import current_lang, t
from integritas.linkcheck import asked, region_not_found
from integritas.ui import chart, cite_box, downloads, paged_table, require_db, sources_expander, url_synced
from integritas.views import region

require_db()
lang = current_lang()
regions = db.regions()
names = dict(zip(regions["kode"], regions["nama"], strict=True))
codes = [k for k in names if k != "53"] + ["53"]

# A link whose ?kode= names no region: the notice, the closest regions and the picker with nothing picked (the
# address untouched); never the default region, which a reader could take for the one the link names.
if (typed_kode := asked("kode")) is not None and region_not_found(typed_kode):
    st.selectbox(
        t("region.pick"),
        codes,
        format_func=lambda k: f"{names[k]} ({k})",
        index=None,
        key="kode",
        placeholder=t("notfound.region_placeholder"),
    )
    st.stop()
url_synced("kode", codes, "53.71", keep_default=True)
kode = st.selectbox(t("region.pick"), codes, format_func=lambda k: f"{names[k]} ({k})", key="kode")
v = region.region(lang, kode)

st.title(md_text(v.nama))  # names are data: shown as typed
kind = glossary.linked(f"jenis.{v.jenis}", lang, t(f"jenis.{v.jenis}"))  # 'Kabupaten', explained on hover
st.caption(t("region.capital", jenis=kind, ibukota=md_text(v.ibukota)))

# no heading above the chart: it carries its title (so that its saved image does too)
left, right = st.columns([1, 1])
with left:
    chart(
        region.region_chart(lang, kode),
        name=f"kepatuhan-{kode}",
        title=t("region.history"),
        subtitle=v.nama,
        source_ids=v.source_ids,
    )
    st.caption(t("region.bands_note"))
with right:
    st.table(glossary.hover_table(v.history_table, lang, {"col.category": "kategori"}), hide_index=True)
    downloads(f"kepatuhan-{kode}", f"{v.nama}: {t('region.history')}", lambda: v.history_rows, len(v.history_table))

# Long tables a page at a time (filtered and cut in DuckDB), each with a download of every matching row.
source_ids = list(v.source_ids)
for title, key, fetch, rows, query, searchable in (
    ("region.agencies", "instansi", region.agencies_page, region.agencies_rows, "region_agencies_page", True),
    ("region.units", "unit", region.units_page, region.units_rows, "region_units_page", True),
    ("region.complaints", "aduan", region.complaints_page, region.complaints_rows, "region_complaints_page", False),
):
    st.subheader(t(title))
    page = paged_table(
        f"{key}-{kode}",
        lambda q, order, offset, limit, fetch=fetch: fetch(lang, kode, q, offset, limit, order),
        empty=t("region.none"),
        title=f"{v.nama}: {t(title)}",
        searchable=searchable,
        sorts=db.sortable(query),
        rows=lambda q, order, rows=rows: rows(lang, kode, q, order),
    )
    source_ids += page.source_ids

sources_expander(source_ids)
cite_box(t("cite.view_region", region=v.nama), source_ids)
