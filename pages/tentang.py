"""Tentang data: every source, the assessment methods, the public schema, boundary attribution and load history."""

import pandas as pd
import streamlit as st

from integritas import db, fmt, geo, paths
from integritas.i18n import current_lang, t
from integritas.ui import require_db

require_db()
lang = current_lang()

st.title(t("page.about"))
st.write(t("about.intro"))

with st.expander(t("about.glossary"), icon=":material/translate:"):
    for key in ("zi", "wbk", "wbbm", "laporan", "akses", "zona"):
        st.markdown(f"- {t('gloss.' + key)}")

st.subheader(t("about.sources"))
src = db.sources()
st.caption(t("about.sources.count", n=fmt.number(len(src), lang)))
st.dataframe(
    pd.DataFrame(
        {
            t("col.id"): src["id"],
            t("col.publisher"): src["publisher"],
            t("col.title"): src["title"],
            t("col.published_on"): [fmt.day(d, lang) if not pd.isna(d) else "" for d in src["published_on"]],
            t("col.url"): src["url"],
            t("col.quote"): src["quote"],
            t("col.refs"): src["refs"],
            t("col.note"): src["note"],
        }
    ),
    hide_index=True,
    width="stretch",
    column_config={t("col.url"): st.column_config.LinkColumn(), t("col.quote"): st.column_config.TextColumn(width="large")},
)

st.subheader(t("about.methods"))
methods = db.methods()
st.dataframe(
    pd.DataFrame(
        {
            t("col.method"): [t(f"method.{m}") for m in methods["id"]],
            t("col.year"): [f"{a}–{b if not pd.isna(b) else ''}" for a, b in methods[["year_from", "year_to"]].itertuples(index=False)],
            t("col.note"): methods["note"],
            t("col.source"): methods["url"],
        }
    ),
    hide_index=True,
    width="stretch",
    column_config={t("col.source"): st.column_config.LinkColumn(display_text=t("source.link"))},
)
st.markdown(f"**{t('about.bands')}**")
bands = db.zone_bands()
st.dataframe(
    pd.DataFrame(
        {
            t("col.method"): [t(f"method.{m}") for m in bands["method"]],
            t("col.year"): [f"{a}–{b}" for a, b in bands[["year_from", "year_to"]].itertuples(index=False)],
            "Zona / Zone": [t(f"zone.{z}") for z in bands["zone"]],
            "Kategori / Category": bands["category"].fillna("–"),
            t("col.value"): [f"{fmt.number(a, lang, 2)} – {fmt.number(b, lang, 2)}" for a, b in bands[["min_score", "max_score"]].itertuples(index=False)],
            t("col.source"): bands["source_id"],
        }
    ),
    hide_index=True,
    width="stretch",
)

st.subheader(t("about.schema"))
st.markdown(t("about.schema.intro", path=db.data_version()))
counts = db.table_counts().set_index("table_name")["n"]
columns = db.schema_columns()
for table, cols in columns.groupby("table_name", sort=False):
    n = counts.get(table, 0)
    with st.expander(f"`{table}` · {fmt.number(n, lang)} {t('col.rows').lower()}"):
        st.caption(cols["table_comment"].iloc[0] or "")
        st.dataframe(
            cols[["column_name", "data_type", "column_comment"]].rename(
                columns={"column_name": t("col.column"), "data_type": t("col.type"), "column_comment": t("col.description")}
            ),
            hide_index=True,
            width="stretch",
        )

st.subheader(t("about.boundaries"))
fc = geo.boundaries()
if fc is None:
    st.warning(t("about.boundaries.missing", path=paths.boundaries_file()), icon=":material/map:")
else:
    st.write(t("about.boundaries.ok", n=len(fc["features"]), size=fmt.number(geo.boundary_size_kb(), lang)))
    st.info(fc.get("attribution", ""), icon=":material/copyright:")
    st.caption(fc.get("licence", ""))

st.subheader(t("about.regions"))
st.dataframe(db.regions(), hide_index=True, width="stretch")

st.subheader(t("about.loads"))
loads = db.loads()
st.dataframe(
    pd.DataFrame(
        {
            t("col.id"): loads["id"],
            t("col.at"): [fmt.day(a, lang) for a in loads["at"]],
            t("col.by"): loads["by"],
            t("col.file"): loads["file_name"],
            t("col.dataset"): loads["dataset"],
            t("col.added"): loads["added"],
            "sha256": loads["sha256"].str.slice(0, 12),
        }
    ),
    hide_index=True,
    width="stretch",
)
