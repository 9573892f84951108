"""Beranda: headline figures from the database, each with its source."""

import pandas as pd
import streamlit as st

from integritas import charts, db, fmt
from integritas.i18n import current_lang, t
from integritas.labels import event_label, status_label, zone_badge
from integritas.ui import require_db, source_link, sources_expander

require_db()
lang = current_lang()
awards, zones, complaints = db.awards(), db.zone_summary(), db.latest_complaints()
used_sources: list[object] = []

st.title(t("app.title"))
st.caption(t("app.tagline"))

# Headline figures
won = awards[awards["event"].isin(["wbk", "wbbm"])]
wbk, wbbm = won[won["event"] == "wbk"], won[won["event"] == "wbbm"]
pending = awards[(awards["event"] == "usulan_tpn") & (awards["menuju"] == "wbbm")]
used_sources += awards["source_id"].tolist()

c1, c2, c3 = st.columns(3)
with c1:
    st.metric(t("home.wbk.label"), fmt.number(len(wbk), lang), help=t("home.wbk.help"), border=True)
    disputed = int((wbk["status"] == "disputed").sum())
    if disputed:
        st.caption(f"{disputed} {status_label('disputed', lang)}")
with c2:
    st.metric(t("home.wbbm.label"), fmt.number(len(wbbm), lang), help=t("home.wbbm.help"), border=True)
    st.caption(t("home.wbbm.pending", n=fmt.number(len(pending), lang)))

latest_year = int(zones["year"].max())
latest = zones[zones["year"] == latest_year].set_index("zone")
with c3, st.container(border=True):
    st.markdown(f"**{t('home.zones.title', year=latest_year)}**")
    badges = []
    for zone in ("hijau", "kuning", "merah"):
        row = latest.loc[zone]
        n = row["published"] if not pd.isna(row["published"]) else row["named"]
        badges.append(zone_badge(zone, f"{t('zone.' + zone)} {fmt.number(n, lang)}"))
    st.markdown(" ".join(badges))
    st.caption(t("home.zones.caption", named=fmt.number(int(latest["named"].sum()), lang)))
used_sources += zones["published_source_id"].tolist()
used_sources += [i for ids in zones["source_ids"].dropna() for i in ids]

st.subheader(t("home.complaints.title"))
cols = st.columns(len(complaints) or 1)
for col, row in zip(cols, complaints.itertuples(), strict=False):
    with col, st.container(border=True):
        partial = not fmt.is_full_years(row.period_start.date(), row.period_end.date())
        st.metric(t(f"metric.{row.metric}"), fmt.number(row.value, lang))
        period = fmt.period(row.period_start, row.period_end, lang)
        st.caption(f"{t('col.period')}: {period}" + (f" · {t('home.complaints.partial')}" if partial else ""))
        if isinstance(row.note, str):
            st.caption(row.note)
        st.caption(f"{t('col.source')}: {source_link(row.url, row.publisher)}")
    used_sources.append(row.source_id)

# Awards and proposals
st.subheader(t("home.awards.title"))
st.caption(t("home.awards.caption"))
st.table(
    pd.DataFrame(
        {
            t("col.agency"): awards["nama"],
            t("col.event"): [
                event_label(e, m, s, lang) for e, m, s in awards[["event", "menuju", "status"]].itertuples(index=False)
            ],
            t("col.date"): [fmt.date_at(d, p, lang) for d, p in awards[["date", "date_precision"]].itertuples(index=False)],
            t("col.status"): [status_label(s, lang) for s in awards["status"]],
            t("col.source"): [source_link(u, p) for u, p in awards[["url", "publisher"]].itertuples(index=False)],
        }
    ),
    hide_index=True,
)
for row in awards[awards["status"].isin(["disputed", "pending", "scheduled"])].itertuples():
    st.caption(f"**{row.singkatan if isinstance(row.singkatan, str) else row.nama}** — {row.note}")

# Assessment coverage by year: chart with its table beside it
st.subheader(t("home.years.title"))
st.caption(t("home.years.caption"))
left, right = st.columns([1, 1])
with left:
    st.plotly_chart(charts.zones_by_year(zones, lang), width="stretch", config={"displayModeBar": False})
with right:
    wide = zones.pivot_table(index=["year", "method"], columns="zone", values="named", aggfunc="sum").reset_index()
    published = {
        y: " · ".join(f"{t('zone.' + r.zone)} {fmt.number(r.published, lang)}" for r in g.itertuples())
        for y, g in zones.dropna(subset=["published"]).groupby("year")
    }
    st.table(
        pd.DataFrame(
            {
                t("col.year"): wide["year"].astype(str),
                t("col.method"): [t(f"method.short.{m}") for m in wide["method"]],
                t("col.hijau"): wide["hijau"].astype(int),
                t("col.kuning"): wide["kuning"].astype(int),
                t("col.merah"): wide["merah"].astype(int),
                t("col.published"): [published.get(y, "–") for y in wide["year"]],
            }
        ),
        hide_index=True,
    )

sources_expander(used_sources)
