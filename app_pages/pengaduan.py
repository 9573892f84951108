"""Pengaduan: the complaint series by period (measures never mixed), breakdowns, national context, sources."""

import streamlit as st

from integritas.i18n import current_lang, t
from integritas.ui import paged_table, require_db, sources_expander, url_synced
from integritas.views import complaints
from integritas.views._columns import Page

require_db()
lang = current_lang()
st.title(t("cmp.title"))
st.caption(t("cmp.caption"))

base = complaints.complaints(lang, "substansi", "laporan")
st.subheader(t("cmp.series"))
st.plotly_chart(complaints.series_figure(lang), width="stretch", config={"displayModeBar": False})
st.caption(t("cmp.series_note"))
series = paged_table(
    "seri",
    lambda q, offset, limit: complaints.series_page(lang, q, offset, limit),
    empty=t("cmp.no_rows"),
    export=complaints.series_csv,
)

st.subheader(t("cmp.breakdown"))
url_synced("rincian", base.dimensions, "substansi")
c1, c2 = st.columns(2)
dimension = c1.selectbox(t("cmp.dimension"), base.dimensions, key="rincian", format_func=lambda d: t(f"dim.{d}"))
metrics = complaints.complaints(lang, dimension, "laporan").metrics
url_synced("metrik", metrics, "laporan" if "laporan" in metrics else metrics[0])
metric = c2.selectbox(t("cmp.metric"), metrics, key="metrik", format_func=lambda m: t(f"metric.{m}"))
v = complaints.complaints(lang, dimension, metric)
breakdown = Page()
if v.breakdown.empty:
    st.info(t("cmp.no_rows"))
else:
    st.plotly_chart(
        complaints.breakdown_figure(lang, dimension, metric), width="stretch", config={"displayModeBar": False}
    )
    st.caption(t("cmp.chart_note", periods=complaints.CHART_PERIODS, categories=complaints.CHART_CATEGORIES))
    breakdown = paged_table(
        f"rincian-{dimension}-{metric}",
        lambda q, offset, limit: complaints.breakdown_page(lang, dimension, metric, q, offset, limit),
        empty=t("cmp.no_rows"),
        searchable=True,
        export=lambda q: complaints.breakdown_csv(dimension, metric, q),
    )

with st.expander(t("cmp.national"), icon=":material/public:"):
    national = paged_table(
        "nasional",
        lambda q, offset, limit: complaints.national_page(lang, q, offset, limit),
        empty=t("cmp.no_rows"),
        searchable=True,
        export=complaints.national_csv,
    )

sources_expander(v.source_ids + series.source_ids + breakdown.source_ids + national.source_ids)
