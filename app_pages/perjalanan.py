"""Perjalanan ZI: the province first (stages per year, time to WBK/WBBM, stalled), then one page of lanes."""

import streamlit as st

from integritas import fmt
from integritas.charts import clicked_key
from integritas.i18n import current_lang, t
from integritas.ui import open_agency, require_db, sources_expander, url_synced
from integritas.views import journeys

require_db()
lang = current_lang()
st.title(t("page.journeys"))
st.caption(t("journey.intro"))


METRIC_PX = 165  # four in a row on a laptop, two on a phone


def _first_page() -> None:
    st.session_state["hal"] = 1  # another filter or order: its first page, not the same page number


# ---------------------------------------------------------------- the province
# The stalled count waits for its threshold, set with the lane filters below: its slot is kept here.
# In a wrapping row, so that a phone shows the four figures two by two instead of one per screen line.
row = st.container(horizontal=True, gap="medium")
ov = journeys.overview(lang)
row.metric(t("journey.with_events"), fmt.number(ov.counts["with_events"], lang), width=METRIC_PX)
row.metric(t("journey.at_wbk"), fmt.number(ov.counts["wbk"], lang), width=METRIC_PX)
row.metric(t("journey.at_wbbm"), fmt.number(ov.counts["wbbm"], lang), width=METRIC_PX)
stalled_slot = row.empty()

url_synced("langkah", journeys.STEPS, "wbk")
url_synced("rincian", journeys.BREAKDOWNS, "tahun")
left, right = st.columns(2)
with left:
    st.subheader(t("journey.stages_title"))
    st.caption(t("journey.stages_note"))
    st.plotly_chart(journeys.stages_figure(lang), width="stretch", key="tahap-tahun", config={"displayModeBar": False})
with right:
    st.subheader(t("journey.durations_title"))
    a, b = st.columns(2)
    a.selectbox(t("journey.langkah"), journeys.STEPS, key="langkah", format_func=lambda s: t(journeys.STEP_KEYS[s]))
    b.selectbox(
        t("journey.rincian"), journeys.BREAKDOWNS, key="rincian", format_func=lambda s: t(journeys.BREAKDOWN_KEYS[s])
    )
    step, by = st.session_state["langkah"], st.session_state["rincian"]
    d = journeys.durations(lang, step, by)
    st.caption(
        t(
            "journey.durations_note",
            step=t(journeys.STEP_KEYS[step]),
            reached=fmt.number(d.reached, lang),
            measured=fmt.number(d.measured, lang),
        )
    )
    st.plotly_chart(
        journeys.durations_figure(lang, step, by), width="stretch", key="lama", config={"displayModeBar": False}
    )
# The tables under the charts (the same numbers): in a second row, so that on a phone both charts come first.
left, right = st.columns(2)
left.table(ov.table, hide_index=True)
right.table(d.table, hide_index=True)

# ---------------------------------------------------------------- the lanes, a page at a time
st.subheader(t("journey.lanes_title"))
opts = journeys.options()
jenis_opts = ["", *opts.jenis]
induk_opts = ["", *opts.induk]
wilayah_opts = ["", *opts.wilayah]
tahap_opts = ["", *journeys.STAGES]
for key, choices in (("jenis", jenis_opts), ("induk", induk_opts), ("wilayah", wilayah_opts), ("tahap", tahap_opts)):
    url_synced(key, choices, "")
url_synced("urut", journeys.SORTS, "lama")

# A selectbox shows its options as plain text, so names from data need no escaping here.
every = t("journey.all")
c1, c2, c3, c4, c5 = st.columns(5)
c1.selectbox(
    t("journey.jenis"),
    jenis_opts,
    key="jenis",
    format_func=lambda x: t(f"jenis.{x}") if x else every,
    on_change=_first_page,
)
c2.selectbox(t("journey.induk"), induk_opts, key="induk", format_func=lambda x: x or every, on_change=_first_page)
c3.selectbox(
    t("journey.wilayah"),
    wilayah_opts,
    key="wilayah",
    format_func=lambda x: opts.wilayah.get(x, every),
    on_change=_first_page,
)
c4.selectbox(
    t("journey.tahap"),
    tahap_opts,
    key="tahap",
    format_func=lambda x: t(f"step.{x}") if x else every,
    on_change=_first_page,
)
c5.selectbox(
    t("journey.urut"), journeys.SORTS, key="urut", format_func=lambda s: t(journeys.SORT_KEYS[s]), on_change=_first_page
)
c6, c7 = st.columns([1, 3], vertical_alignment="bottom")
n = c6.number_input(
    t("journey.macet_tahun"),
    min_value=1,
    max_value=10,
    value=2,
    key="macet_tahun",
    bind="query-params",
    on_change=_first_page,
)
semua = c7.checkbox(t("journey.include_empty"), key="semua", bind="query-params", on_change=_first_page)
province_stalled = journeys.overview(lang, n).counts["stalled"]
stalled_slot.metric(t("journey.stalled_count", n=n), fmt.number(province_stalled, lang), width=METRIC_PX)

f = journeys.LaneFilter(
    jenis=st.session_state["jenis"],
    induk=st.session_state["induk"],
    wilayah=st.session_state["wilayah"],
    tahap=st.session_state["tahap"],
    semua=bool(semua),
    stalled_after=n,
)
total, stalled = journeys.lane_count(f)
pages = journeys.pages(total)
info, pick = st.columns([3, 1], vertical_alignment="bottom")
hal = pick.number_input(
    t("journey.halaman", pages=fmt.number(pages, lang)),
    min_value=1,
    max_value=pages,
    key="hal",
    bind="query-params",
)
p = journeys.lane_page(lang, f, st.session_state["urut"], hal)
info.caption(
    t("journey.showing", first=fmt.number(p.first, lang), last=fmt.number(p.last, lang), total=fmt.number(total, lang))
    + " · "
    + t("journey.macet_note", n=n, count=fmt.number(stalled, lang))
)
if p.lanes.empty:
    st.info(t("journey.none"))
else:
    st.caption(t("journey.caption"))
    event = st.plotly_chart(
        journeys.lanes_figure(lang, f, st.session_state["urut"], hal),
        width="stretch",
        key="lanes",
        on_select="rerun",
        selection_mode="points",
        config={"displayModeBar": False},
    )
    if agency_id := clicked_key(event):
        open_agency(agency_id)
    st.dataframe(
        p.table,
        hide_index=True,
        width="stretch",
        column_config={t("col.page"): st.column_config.LinkColumn(display_text=t("link.open"))},
    )
sources_expander(p.source_ids)
