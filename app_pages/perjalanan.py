"""Perjalanan ZI: one lane per agency across time, filters, the stalled flag, and a click to the agency page."""

import streamlit as st

from integritas.charts import clicked_key
from integritas.i18n import current_lang, t
from integritas.ui import open_agency, require_db, sources_expander, url_synced
from integritas.views import journeys

require_db()
lang = current_lang()
st.title(t("page.journeys"))
st.caption(t("journey.caption"))

n = st.number_input(
    t("journey.macet_tahun"), min_value=1, max_value=10, value=2, key="macet_tahun", bind="query-params"
)
v = journeys.journeys(lang, n)
lanes = v.lanes
jenis_opts = ["", *sorted(lanes["jenis"].unique())]
induk_opts = ["", *sorted(x for x in lanes["induk"].unique() if x)]
wilayah_opts = ["", *sorted(lanes["region_kode"].unique())]
tahap_opts = ["", "pencanangan", "usulan_tpn", "wbk", "wbbm"]
region_names = dict(zip(lanes["region_kode"], lanes["region"], strict=False))
for key, opts in (("jenis", jenis_opts), ("induk", induk_opts), ("wilayah", wilayah_opts), ("tahap", tahap_opts)):
    url_synced(key, opts, "")

# A selectbox shows its options as plain text, so names from data need no escaping here.
c1, c2, c3, c4 = st.columns(4)
every = t("journey.all")
c1.selectbox(t("journey.jenis"), jenis_opts, key="jenis", format_func=lambda x: t(f"jenis.{x}") if x else every)
c2.selectbox(t("journey.induk"), induk_opts, key="induk", format_func=lambda x: x or every)
c3.selectbox(t("journey.wilayah"), wilayah_opts, key="wilayah", format_func=lambda x: region_names.get(x, every))
c4.selectbox(t("journey.tahap"), tahap_opts, key="tahap", format_func=lambda x: t(f"step.{x}") if x else every)
include_empty = st.checkbox(t("journey.include_empty"), key="semua", bind="query-params")

shown = lanes
for key, col in (("jenis", "jenis"), ("induk", "induk"), ("wilayah", "region_kode"), ("tahap", "stage")):
    if st.session_state[key]:
        shown = shown[shown[col] == st.session_state[key]]
if not include_empty:
    shown = shown[shown["has_events"]]
shown = shown.sort_values("years", ascending=False, na_position="last")

st.caption(t("journey.macet_note", n=n, count=int(shown["stalled"].sum())) + " " + t("journey.sorted"))
if shown.empty:
    st.info(t("journey.none"))
else:
    event = st.plotly_chart(
        journeys.lanes_figure(lang, shown["id"].tolist()),
        width="stretch",
        key="lanes",
        on_select="rerun",
        selection_mode="points",
        config={"displayModeBar": False},
    )
    if agency_id := clicked_key(event):
        open_agency(agency_id)
    st.dataframe(
        journeys.journey_table(shown, lang),
        hide_index=True,
        width="stretch",
        column_config={t("col.page"): st.column_config.LinkColumn(display_text=t("link.open"))},
    )
sources_expander(v.source_ids)
