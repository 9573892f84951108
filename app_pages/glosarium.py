"""Glosarium: each term the pages use, its definition and source, and the Metode notes on why years differ."""

from collections.abc import Iterable

import streamlit as st

from integritas import db, fmt, glossary
from integritas.i18n import DEFAULT_LANG, LANGS, current_lang, t
from integritas.ui import cite_box, require_db, url_synced

# Under the router the sidebar has set the language already; run on its own, the page reads ?lang= the same way.
if "lang" not in st.session_state:
    url_synced("lang", LANGS, DEFAULT_LANG)
require_db()
lang = current_lang()

QUERY_CHARS = 100
GROUP_TITLES = {
    "zi": t("glossary.group.zi"),
    "penilaian": t("glossary.group.penilaian"),
    "aduan": t("glossary.group.aduan"),
    "data": t("glossary.group.data"),
}
bands = db.zone_bands().to_dict("records")
sections = glossary.method_sections(lang, db.methods().to_dict("records"), bands)
everything = glossary.entries(lang)
band_ids = sorted({i for e in everything for i in glossary.entry_band_sources(e, bands)})
wanted_ids = sorted(band_ids + [i for s in sections for i in s.source_ids])
db_sources = {s.source_id: s for s in glossary.sources_of(db.sources(wanted_ids).to_dict("records"))}
section_param = st.query_params.get(glossary.SECTION_PARAM)
linked = glossary.section_of(section_param)


def _sources(own: Iterable[glossary.Source], from_db: Iterable[glossary.Source] = ()) -> None:
    # A page the glossary already quotes stands for the database's row of it (the glossary picked the passage that
    # says what the entry says); each passage once.
    items = list(dict.fromkeys(own))
    cited = {s.url for s in items}
    items += [s for s in dict.fromkeys(from_db) if s.url not in cited]
    if items:
        st.caption(t("glossary.sources"))
        st.markdown("\n".join(glossary.source_markdown(s, lang) for s in items))


def _show_all() -> None:
    st.session_state[glossary.TERM_PARAM] = ""


def terms() -> None:
    query = (
        st.text_input(
            t("glossary.search"),
            key=glossary.TERM_PARAM,
            max_chars=QUERY_CHARS,
            placeholder=t("glossary.search_placeholder"),
            icon=":material/search:",
            bind="query-params",
        )
        or ""
    ).strip()[:QUERY_CHARS]  # a link may carry more than the box takes: read only what the box would hold
    found = glossary.search(query, lang)
    if query and not found:
        st.info(t("glossary.none", query=fmt.md_text(query)), icon=":material/search_off:")
    if query:
        left, right = st.columns([2, 1], vertical_alignment="center")
        left.caption(t("glossary.count", shown=fmt.number(len(found), lang), total=fmt.number(len(everything), lang)))
        right.button(t("glossary.show_all"), on_click=_show_all, icon=":material/list:")
    for group, title in GROUP_TITLES.items():
        shown = [e for e in found if e.group == group]
        if not shown:
            continue
        st.header(title, anchor=f"kelompok-{group}")
        for e in shown:
            with st.container(border=True, key=f"istilah-{e.anchor}"):
                st.subheader(fmt.md_text(e.term), anchor=e.anchor)
                st.markdown(fmt.md_text(e.definition))
                if lines := glossary.entry_bands(e, bands, lang):
                    st.markdown(f"**{t('glossary.bands')}**\n\n" + "\n".join(f"- {fmt.md_text(x)}" for x in lines))
                if e.sourced:
                    _sources(e.sources, (db_sources[i] for i in glossary.entry_band_sources(e, bands)))
                else:
                    mark = f":gray-badge[:material/edit_note: {t('glossary.unsourced')}]"
                    st.markdown(mark, help=t("glossary.unsourced_note"))


def method(s: glossary.MethodSection) -> None:
    with st.container(border=True, key=f"bagian-{s.anchor}"):
        if s.name == linked:
            st.markdown(f":blue-badge[:material/link: {t('glossary.linked')}]")
        st.subheader(fmt.md_text(s.title), anchor=s.anchor)
        st.markdown(fmt.md_text(s.text))
        st.warning(f"**{t('glossary.compare')}:** {fmt.md_text(s.compare)}", icon=":material/compare_arrows:")
        if s.assessment:  # a method of the Ombudsman's assessments: its published bands, or that there are none
            st.markdown(f"**{t('glossary.bands')}**")
            if s.bands:
                st.markdown("\n".join(f"- {fmt.md_text(x)}" for x in s.bands))
            else:
                st.caption(t("glossary.no_bands"))
        _sources(s.sources, (db_sources[i] for i in s.source_ids))


def methods() -> None:
    st.header(t("glossary.methods"), anchor="metode")
    st.write(t("glossary.methods_intro"))
    for s in sections:
        if s.name != linked:
            method(s)


st.title(t("glossary.title"))
if section_param and linked is None:  # a link to a section that does not exist says so where the reader lands
    shown_param = fmt.md_text(section_param[:QUERY_CHARS])
    st.warning(t("glossary.no_section", value=shown_param), icon=":material/link_off:")
# The paragraph a warning elsewhere links to (?bagian=metode-penilaian) comes right under the title, marked, so a
# reader who followed the link sees it on the first screen, also on a phone; the rest of the page follows.
for s in sections:
    if s.name == linked:
        method(s)
st.write(t("glossary.intro"))
if linked:
    methods()
    terms()
else:
    terms()
    methods()
cite_box(t("glossary.cite_view"), wanted_ids)
