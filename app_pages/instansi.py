"""Instansi: one page per agency (?id=kppn-kupang): identity, lineage, journey, flags, complaints, region, sources."""

import streamlit as st

from integritas import glossary
from integritas.fmt import md_text
from integritas.i18n import current_lang, t
from integritas.labels import as_recorded
from integritas.linkcheck import agency_not_found, asked
from integritas.search import MAX_QUERY_CHARS
from integritas.ui import (
    chart,
    cite_box,
    downloads,
    narrow_only,
    require_db,
    sources_expander,
    url_synced,
    wide_only,
)
from integritas.views import agency

DEFAULT = "kppn-kupang"

require_db()
lang = current_lang()
# A link whose ?id= names no agency: the notice and the closest agencies, then only the picker (nothing picked,
# the address untouched). Never the default agency, which a reader could take for the one the link names.
if (typed_id := asked("id")) is not None and agency_not_found(typed_id):
    typed = st.text_input(
        t("search.label"), key="instansi-cari", max_chars=MAX_QUERY_CHARS, placeholder=t("search.pick_placeholder")
    )
    hits = agency.picker_options(typed_id, typed)
    hits.pop(typed_id, None)  # the unknown id itself is no option
    st.selectbox(
        t("agency.pick"),
        list(hits),
        format_func=hits.get,
        index=None,
        key="id",
        placeholder=t("notfound.agency_placeholder"),
    )
    st.stop()
# The picker offers the agency shown and the search hits for what is typed above it, never all the agencies:
# at a province's scale a list of every agency was tens of thousands of options sent on every rerun.
shown = st.session_state.get("id") or st.query_params.get("id") or DEFAULT
if agency.agency_name(str(shown)) is None:
    shown = DEFAULT
typed = st.text_input(
    t("search.label"), key="instansi-cari", max_chars=MAX_QUERY_CHARS, placeholder=t("search.pick_placeholder")
)
names = agency.picker_options(str(shown), typed)
url_synced("id", list(names), DEFAULT, keep_default=True)
agency_id = st.selectbox(t("agency.pick"), list(names), format_func=names.get, key="id")
v = agency.agency(lang, agency_id)

# Names, aliases and the note are data: escaped wherever they meet Markdown (titles, captions, labels).
st.title(md_text(v.nama))
meta = [md_text(x) for x in (v.singkatan, v.induk) if x]
meta.insert(1 if v.singkatan else 0, glossary.linked(f"jenis.{v.jenis}", lang, t(f"jenis.{v.jenis}")))
st.caption(" · ".join(meta))
st.page_link(
    "app_pages/wilayah.py",
    label=md_text(v.region_nama),
    query_params={"kode": v.region_kode},
    icon=":material/location_on:",
)
if v.aliases:
    st.markdown(f"**{t('agency.aliases')}:** " + ", ".join(md_text(a) for a in v.aliases))
if v.is_group:
    st.info(t("agency.group"), icon=":material/groups:")
if v.note:
    st.caption(as_recorded(md_text(v.note), lang))  # the project's note, in Bahasa: marked so in English

if not v.lineage.empty:
    st.subheader(t("agency.lineage"))
    st.table(glossary.hover_table(v.lineage, lang), hide_index=True)
    for line in v.family_awards:
        st.warning(line, icon=":material/call_split:")

st.subheader(t("agency.journey"))
st.markdown(
    f"{t('agency.stage', stage=glossary.linked(v.stage, lang))} · {md_text(v.label)}"
    + (f" · **{glossary.linked('journey.macet', lang, t('journey.macet'))}**" if v.stalled else "")
)
if (lane := agency.lane_figure(lang, agency_id)) is not None:
    # the browser keeps one form: the name beside the lane, or on a phone above it, with the years on top
    for phone, box in ((False, wide_only("lane")), (True, narrow_only("lane"))):
        with box:
            chart(
                agency.lane_figure(lang, agency_id, phone) or lane,
                name=f"jalur-{agency_id}",
                title=v.nama,
                subtitle=t("agency.journey"),
                source_ids=v.source_ids,
                key="lane-phone" if phone else "lane",
            )
    st.table(glossary.hover_table(v.events, lang), hide_index=True)
    downloads(f"tahap-{agency_id}", f"{v.nama}: {t('agency.journey')}", lambda: v.event_rows, len(v.events))

st.subheader(t("agency.flags.title"))
for flag in v.flags:
    st.error(flag, icon=":material/flag:")
if not v.flags:
    st.caption(t("agency.flags.none"))

if not v.complaints.empty:
    st.subheader(t("agency.complaints"))
    st.table(glossary.hover_table(v.complaints, lang), hide_index=True)
    downloads(
        f"pengaduan-{agency_id}", f"{v.nama}: {t('agency.complaints')}", lambda: v.complaint_rows, len(v.complaints)
    )
if not v.units.empty:
    st.subheader(t("agency.units"))
    st.table(glossary.hover_table(v.units, lang, {"col.category": "kategori"}), hide_index=True)

st.subheader(t("agency.region", region=md_text(v.region_nama)))
if v.region_history.empty:
    st.caption(t("region.none"))
else:
    st.table(glossary.hover_table(v.region_history, lang), hide_index=True)

sources_expander(v.source_ids)
cite_box(t("cite.view_agency", agency=v.nama), v.source_ids)
