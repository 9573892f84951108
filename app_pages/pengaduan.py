"""Pengaduan: the complaint series by period (measures never mixed), breakdowns, national context, sources."""

import streamlit as st

from integritas.i18n import current_lang, t
from integritas.ui import require_db, sources_expander, url_synced
from integritas.views import complaints

require_db()
lang = current_lang()
st.title(t("cmp.title"))
st.caption(t("cmp.caption"))

base = complaints.complaints(lang, "substansi", "laporan")
st.subheader(t("cmp.series"))
st.plotly_chart(complaints.series_figure(lang), width="stretch", config={"displayModeBar": False})
st.caption(t("cmp.series_note"))
st.table(base.series_table, hide_index=True)

st.subheader(t("cmp.breakdown"))
url_synced("rincian", base.dimensions, "substansi")
c1, c2 = st.columns(2)
dimension = c1.selectbox(t("cmp.dimension"), base.dimensions, key="rincian", format_func=lambda d: t(f"dim.{d}"))
metrics = complaints.complaints(lang, dimension, "laporan").metrics
url_synced("metrik", metrics, "laporan" if "laporan" in metrics else metrics[0])
metric = c2.selectbox(t("cmp.metric"), metrics, key="metrik", format_func=lambda m: t(f"metric.{m}"))
v = complaints.complaints(lang, dimension, metric)
if v.breakdown.empty:
    st.info(t("cmp.no_rows"))
else:
    st.plotly_chart(
        complaints.breakdown_figure(lang, dimension, metric), width="stretch", config={"displayModeBar": False}
    )
    st.table(v.breakdown_table, hide_index=True)

with st.expander(t("cmp.national"), icon=":material/public:"):
    st.table(v.national, hide_index=True)

sources_expander(v.source_ids)
