"""Ringkasan pimpinan: what changed since a date, who stalled, who is red now, the headline figures — phone first."""

from datetime import date

import streamlit as st

from integritas import fmt
from integritas.brief_ui import show, since_from_url, since_line
from integritas.i18n import current_lang, t
from integritas.ui import cite_box, require_db, sources_expander
from integritas.views import brief

require_db()
lang = current_lang()
today = date.today()

since, bad = since_from_url(today)
if bad is not None:
    st.warning(t("brief.since_bad", value=fmt.md_text(bad), days=brief.DEFAULT_DAYS), icon=":material/event_busy:")

st.title(t("brief.title"))
picked = st.date_input(
    t("brief.since"), value=since, max_value=today, format="DD/MM/YYYY", key=f"sejak-{since.isoformat()}"
)
if picked != since:
    since = picked
# the date is always in the address: a copied link shows the same window tomorrow
st.query_params[brief.SINCE_PARAM] = since.isoformat()

b = brief.brief(lang, since)
st.caption(since_line(b))
show(b)
sources_expander(b.source_ids)
cite_box(t("brief.cite_view", day=fmt.day(since, lang)), b.source_ids, link={brief.SINCE_PARAM: since.isoformat()})
