"""Perjalanan ZI: the province first (the answer in words, time to WBK/WBBM, stages per year), then one page of
lanes."""

from datetime import date

import streamlit as st

from integritas import fmt, glossary
from integritas.charts import clicked_key
from integritas.i18n import current_lang, t
from integritas.linkcheck import check_journey_link
from integritas.ui import (
    chart,
    cite_box,
    downloads,
    narrow_only,
    open_agency,
    require_db,
    sources_expander,
    url_synced,
    wide_only,
)
from integritas.views import journeys

require_db()
lang = current_lang()
st.title(t("page.journeys"))
st.caption(t("journey.intro"))
check_journey_link()  # a filter value in the link that no choice has: say so and stop (integritas/linkcheck.py)


def _first_page() -> None:
    st.session_state["hal"] = 1  # another filter or order: its first page, not the same page number


def _wbk_answer() -> str:
    """The first screen's answer in words: how many reached WBK, how many in the latest year, the median time."""
    a = journeys.wbk_answer()
    if not a.reached:
        return t("journeyphone.none")
    today = date.today()
    year = (
        t("journeyphone.so_far", year=a.last_year, day=fmt.day(today, lang))
        if a.last_year == today.year
        else a.last_year
    )
    reached = t(
        "journeyphone.reached",
        total=fmt.number(a.reached, lang),
        first=a.first_year,
        last=fmt.number(a.last, lang),
        year=year,
    )
    if a.median is None:
        return f"{reached} {t('journeyphone.no_median')}"
    median = t(
        "journeyphone.median",
        median=fmt.number(a.median, lang, 1),
        measured=fmt.number(a.measured, lang),
        total=fmt.number(a.reached, lang),
    )
    return f"{reached} {median}"


# ---------------------------------------------------------------- the province
# The counts in one line and the answer in words, then the charts: a phone's first screen holds the answer and the
# time-to-WBK chart (four metrics one under another filled it). The stalled count waits for its threshold, set with
# the lane filters below: the line's slot is kept here.
counts_slot = st.empty()
ov = journeys.overview(lang)
st.markdown(_wbk_answer())

url_synced("langkah", journeys.STEPS, "wbk")
url_synced("rincian", journeys.BREAKDOWNS, "tahun")
step, by = st.session_state["langkah"], st.session_state["rincian"]
d = journeys.durations(lang, step, by)
# The time to WBK per award year first: its boxes answer both "how many each year" (the count over each box) and
# "how long". Its choices come under it, so that on a phone the chart itself is on the first screen.
left, right = st.columns(2)
with left:
    # no heading above: the chart carries its title (so that its saved image does too)
    chart(
        journeys.durations_figure(lang, step, by),
        name=f"lama-{step}-{by}",
        title=t("journey.durations_title"),
        subtitle=f"{t(journeys.STEP_KEYS[step])} · {t(journeys.BREAKDOWN_KEYS[by])}",
        publishers=journeys.publishers(),
        key="lama",
    )
    a, b = st.columns(2)
    a.selectbox(
        t("journey.langkah"),
        journeys.STEPS,
        key="langkah",
        format_func=lambda s: t(journeys.STEP_KEYS[s]),
        help=glossary.help_text(step, lang),  # "wbk" or "wbbm": the step is the term
    )
    b.selectbox(
        t("journey.rincian"), journeys.BREAKDOWNS, key="rincian", format_func=lambda s: t(journeys.BREAKDOWN_KEYS[s])
    )
    st.caption(
        t(
            "journey.durations_note",
            step=t(journeys.STEP_KEYS[step]),
            reached=fmt.number(d.reached, lang),
            measured=fmt.number(d.measured, lang),
        )
    )
with right:
    chart(
        journeys.stages_figure(lang),
        name="tahap-per-tahun",
        title=t("journey.stages_title"),
        publishers=journeys.publishers(),
        key="tahap-tahun",
    )
    st.caption(t("journey.stages_note"))
# The tables under the charts (the same numbers): in a second row, so that on a phone both charts come first.
left, right = st.columns(2)
with left:
    st.table(glossary.hover_table(d.table, lang), hide_index=True)
    downloads("lama", t("journey.durations_title"), lambda: journeys.durations_rows(lang, step, by), len(d.table))
with right:
    st.table(glossary.hover_table(ov.table, lang), hide_index=True)
    downloads("tahap", t("journey.stages_title"), lambda: journeys.stages_rows(lang), len(ov.table))

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
    help=glossary.help_text(f"step.{st.session_state['tahap']}" if st.session_state["tahap"] else "zi", lang),
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
    help=glossary.help_text("macet", lang),
)
semua = c7.checkbox(t("journey.include_empty"), key="semua", bind="query-params", on_change=_first_page)
province_stalled = journeys.overview(lang, n).counts["stalled"]
counts_slot.markdown(
    " · ".join(
        f"{glossary.linked(term, lang, label)}: **{fmt.number(value, lang)}**"  # each label explained on hover
        for term, label, value in (
            ("zi", t("journey.with_events"), ov.counts["with_events"]),
            ("wbk", t("journey.at_wbk"), ov.counts["wbk"]),
            ("wbbm", t("journey.at_wbbm"), ov.counts["wbbm"]),
            ("macet", t("journey.stalled_count", n=n), province_stalled),
        )
    )
)

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
info_text = (
    fmt.plural(
        total,
        lang,
        "journey.showing",
        "lang.showing_one",  # "of 1 agency"
        first=fmt.number(p.first, lang),
        last=fmt.number(p.last, lang),
        total=fmt.number(total, lang),
    )
    + " · "
    + t("journey.macet_note", n=n, count=fmt.number(stalled, lang))
)
info.caption(info_text)
if p.lanes.empty:
    st.info(t("journey.none"))
else:
    st.caption(t("journey.caption"))
    # Two forms of the same lanes, the browser keeps one: names beside the lanes on a wide screen; on a phone each
    # name on a line above its lane and the years on top, so the markers have the screen's whole width.
    events = []
    for phone, box in ((False, wide_only("lanes")), (True, narrow_only("lanes"))):
        with box:
            events.append(
                chart(
                    journeys.lanes_figure(lang, f, st.session_state["urut"], hal, phone),
                    name=f"jalur-{hal}",
                    title=t("journey.lanes_title"),
                    subtitle=info_text,
                    source_ids=p.source_ids,
                    key="lanes-phone" if phone else "lanes",
                    selectable=True,
                )
            )
    if agency_id := next((a for a in map(clicked_key, events) if a), None):
        open_agency(agency_id)
    st.dataframe(
        p.table,
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.Column(help=h) for c, h in glossary.header_help(p.table, lang).items()}
        | {t("col.page"): st.column_config.LinkColumn(display_text=t("link.open"))},
    )
    # every agency the filters keep, not only this page of lanes
    downloads("jalur", t("journey.lanes_title"), lambda: journeys.lane_rows(lang, f, st.session_state["urut"]), total)
sources_expander(p.source_ids)
cite_box(t("cite.view_journeys"), p.source_ids)
