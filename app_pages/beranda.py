"""Beranda: headline figures from the database, each with its source."""

import streamlit as st

from integritas import db, glossary
from integritas.brief_ui import phone_section
from integritas.i18n import current_lang, t
from integritas.labels import status_label
from integritas.ui import chart, cite_box, downloads, map_chart, open_region, paged_table, require_db, sources_expander
from integritas.views import compliance, home

require_db()
lang = current_lang()
v = home.home(lang)

st.title(t("app.title"))
st.caption(t("app.tagline"))
phone_section()  # a leader's first questions, answered first on a phone (hidden on a wider screen)

c1, c2, c3 = st.columns(3)
with c1:
    st.metric(
        t("home.wbk.label"), v.wbk, help=f"{t('home.wbk.help')}\n\n{glossary.help_text('wbk', lang)}", border=True
    )
    if v.disputed:
        st.caption(f"{v.disputed} {glossary.linked('status.disputed', lang, status_label('disputed', lang))}")
with c2:
    st.metric(
        t("home.wbbm.label"), v.wbbm, help=f"{t('home.wbbm.help')}\n\n{glossary.help_text('wbbm', lang)}", border=True
    )
    st.caption(v.pending)
with c3, st.container(border=True):
    st.markdown(f"**{t('home.zones.title', year=v.latest_year)}**")
    st.markdown(v.zone_badges)
    st.caption(v.zones_caption)
    st.caption(glossary.legend_line([t(f"zone.{z}") for z in ("hijau", "kuning", "merah")], lang) or "")

# A small latest-year map and a region picker: both open the region's page.
# No heading above a chart: the chart carries its title (so that its saved image does too).
m1, m2 = st.columns([2, 1])
with m1:
    fig = compliance.compliance_map(lang, v.latest_year, height=360)
    latest = compliance.compliance(lang, v.latest_year)
    if fig is not None and (
        kode := map_chart(
            fig,
            key="peta-beranda",
            name=f"peta-kepatuhan-{v.latest_year}",
            title=t("home.map.title", year=v.latest_year),
            source_ids=latest.source_ids,
        )
    ):
        open_region(kode)
with m2:
    regions = db.regions()
    names = dict(zip(regions["kode"], regions["nama"], strict=True))  # selectbox options are plain text
    picked = st.selectbox(t("home.pick"), [None, *names], format_func=lambda k: "—" if k is None else names[k])
    if picked:
        open_region(picked)
    st.page_link("app_pages/kepatuhan.py", label=t("home.map.open"), icon=":material/map:")

st.subheader(t("home.complaints.title"))
for col, card in zip(st.columns(len(v.complaints) or 1), v.complaints, strict=False):
    with col, st.container(border=True):
        st.metric(card.label, card.value, help=glossary.help_text(card.label, lang))
        st.caption(card.period)
        if card.note:
            st.caption(card.note)
        st.caption(card.source)

st.subheader(t("home.awards.title"))
st.caption(t("home.awards.caption"))
awards = paged_table(
    "penghargaan",
    lambda q, order, offset, limit: home.awards_page(lang, q, offset, limit, order),
    empty=t("region.none"),
    title=t("home.awards.title"),
    sorts=db.sortable("awards_page"),
    rows=lambda q, order: home.awards_rows(lang, q, order),
)
for note in home.award_notes(awards.offset, order=awards.order, lang=lang):
    st.caption(note)

# The chart and, beside it, the same numbers as a table (the accessible alternative).
st.caption(t("home.years.caption"))
left, right = st.columns([1, 1])
with left:
    chart(home.zones_figure(lang), name="zona-per-tahun", title=t("home.years.title"), source_ids=v.source_ids)
with right:
    st.table(glossary.hover_table(v.coverage, lang), hide_index=True)
    downloads("cakupan", t("home.years.title"), lambda: v.coverage_rows, len(v.coverage))

sources_expander(v.source_ids + awards.source_ids)
cite_box(t("cite.view_home"), v.source_ids + awards.source_ids)
