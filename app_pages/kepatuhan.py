"""Kepatuhan: the compliance-zone map of the 22 kab/kota by year, a compare mode, coverage and the table beside it."""

import streamlit as st

from integritas import db, geo, glossary
from integritas.i18n import current_lang, t
from integritas.linkcheck import asked, years_not_found
from integritas.ui import cite_box, downloads, map_chart, open_region, require_db, sources_expander, why_link
from integritas.views import compliance

# the table's 'Kategori 2024' is an assessment's category A–E
SCORES = {"col.category": "kategori"}
require_db()
lang = current_lang()
years = [int(y) for y in db.compliance_years()["year"]]
# A link with a ?tahun= or ?banding= that is no assessment year: the notice and the years there are, as links;
# never the map of another year (the bound widgets would fall back to the latest and rewrite the address).
if years_not_found(asked("tahun"), asked("banding")):
    st.stop()

st.title(t("page.compliance"))
st.caption(t("kep.caption"))

c1, c2 = st.columns([3, 2])
with c1:
    year = st.select_slider(t("kep.year"), years, value=years[-1], key="tahun", bind="query-params")
with c2:
    compare = st.selectbox(
        t("kep.compare.label"),
        [0, *[y for y in years if y != year]],
        format_func=lambda y: t("kep.compare.none") if y == 0 else str(y),
        key="banding",
        bind="query-params",
    )
v = compliance.compliance(lang, year, compare)
link = {"tahun": year}  # the year even at its default (the latest): a citation names the year it shows
view_title = (
    t("cite.view_compliance_compare", year=year, compare=compare) if compare else t("cite.view_compliance", year=year)
)

st.info(v.method_note, icon=":material/rule:")
if v.published:
    st.caption(v.published)
if v.crosses_method:
    # the later year's method is the change the reader crosses: its paragraph says what may not be compared
    st.warning(
        t("kep.crosses") + why_link(v.method if year > compare else v.compare_method), icon=":material/compare_arrows:"
    )

left, right = st.columns([3, 1])
with left:
    fig = compliance.compliance_map(lang, year, compare)
    if fig is None:
        # the file's name, not its path: a public page never shows where the server keeps its data
        st.warning(t("kep.no_map", path=geo.boundaries_file().name), icon=":material/map:")
    elif kode := map_chart(
        fig,
        key=f"peta-{year}-{compare}",
        name=f"peta-kepatuhan-{year}" + (f"-{compare}" if compare else ""),
        title=view_title,
        subtitle=v.method_note,
        source_ids=v.source_ids,
        link=link,
    ):
        open_region(kode)
with right, st.container(border=True):
    st.markdown(f"**{t('kep.province')} · {year}**")
    st.markdown(v.province)
    if v.province_source:
        st.caption(f"{t('col.source')}: {v.province_source}")

st.subheader(t("kep.table"))
# each year's source a link (both years' when comparing, so either side of a change can be checked)
sources = [f"{t('col.source')} {y}" for y in (year, compare) if y]
st.dataframe(
    v.table,
    hide_index=True,
    width="stretch",
    column_config={c: st.column_config.Column(help=h) for c, h in glossary.header_help(v.table, lang, SCORES).items()}
    | {c: st.column_config.LinkColumn(display_text=t("source.link")) for c in sources},
)
downloads(f"kepatuhan-{year}" + (f"-{compare}" if compare else ""), view_title, lambda: v.rows, len(v.table), link)

st.subheader(t("kep.coverage"))
st.table(glossary.hover_table(v.coverage, lang), hide_index=True)
sources_expander(v.source_ids)
cite_box(view_title, v.source_ids, link)
