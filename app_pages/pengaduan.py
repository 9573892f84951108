"""Pengaduan: the complaint series by period (measures never mixed), breakdowns, national context, sources."""

import streamlit as st

from integritas import db, glossary
from integritas.i18n import current_lang, t
from integritas.linkcheck import PENGADUAN, complaint_filters, filters_not_found
from integritas.ui import chart, cite_box, paged_table, require_db, sources_expander, url_synced, why_link
from integritas.views import complaints
from integritas.views._columns import Page

require_db()
lang = current_lang()
st.title(t("cmp.title"))
st.caption(t("cmp.caption"))
# A link whose ?rincian= or ?metrik= is no breakdown or measure: the notice and the choices, never the default
# breakdown in its place (url_synced would fall back to it and rewrite the address).
if filters_not_found(PENGADUAN, complaint_filters(lang), ":material/forum:"):
    st.stop()

base = complaints.complaints(lang, "substansi", "laporan")
# no heading above the chart: it carries its title (so that its saved image does too)
chart(complaints.series_figure(lang), name="pengaduan-per-tahun", title=t("cmp.series"), source_ids=base.source_ids)
st.caption(t("cmp.series_note") + why_link("aduan"))
series = paged_table(
    "seri",
    lambda q, order, offset, limit: complaints.series_page(lang, q, offset, limit, order),
    empty=t("cmp.no_rows"),
    title=t("cmp.series"),
    sorts=db.sortable("complaint_totals_page"),
    rows=lambda q, order: complaints.series_rows(lang, q, order),
)

st.subheader(t("cmp.breakdown"))
url_synced("rincian", base.dimensions, "substansi")
c1, c2 = st.columns(2)
dimension = c1.selectbox(
    t("cmp.dimension"),
    base.dimensions,
    key="rincian",
    format_func=lambda d: t(f"dim.{d}"),
    help=glossary.help_text(f"dim.{st.session_state['rincian']}", lang),
)
metrics = complaints.complaints(lang, dimension, "laporan").metrics
url_synced("metrik", metrics, "laporan" if "laporan" in metrics else metrics[0])
metric = c2.selectbox(
    t("cmp.metric"),
    metrics,
    key="metrik",
    format_func=lambda m: t(f"metric.{m}"),
    help=glossary.help_text(f"metric.{st.session_state['metrik']}", lang),
)
v = complaints.complaints(lang, dimension, metric)
breakdown = Page()
if v.breakdown.empty:
    st.info(t("cmp.no_rows"))
else:
    chart(
        complaints.breakdown_figure(lang, dimension, metric),
        name=f"rincian-{dimension}-{metric}",
        title=t("cmp.breakdown"),
        subtitle=f"{t(f'dim.{dimension}')} · {t(f'metric.{metric}')}",
        source_ids=v.source_ids,
    )
    st.caption(t("cmp.chart_note", periods=complaints.CHART_PERIODS, categories=complaints.CHART_CATEGORIES))
    breakdown = paged_table(
        f"rincian-{dimension}-{metric}",
        lambda q, order, offset, limit: complaints.breakdown_page(lang, dimension, metric, q, offset, limit, order),
        empty=t("cmp.no_rows"),
        title=f"{t('cmp.breakdown')}: {t(f'dim.{dimension}')}, {t(f'metric.{metric}')}",
        searchable=True,
        sorts=db.sortable("complaint_breakdown_page"),
        rows=lambda q, order: complaints.breakdown_rows(lang, dimension, metric, q, order),
    )

with st.expander(t("cmp.national"), icon=":material/public:"):
    national = paged_table(
        "nasional",
        lambda q, order, offset, limit: complaints.national_page(lang, q, offset, limit, order),
        empty=t("cmp.no_rows"),
        title=t("cmp.national"),
        searchable=True,
        sorts=db.sortable("complaints_national_page"),
        rows=lambda q, order: complaints.national_rows(lang, q, order),
    )

cited = v.source_ids + series.source_ids + breakdown.source_ids + national.source_ids
sources_expander(cited)
cite_box(t("cite.view_complaints"), cited)
