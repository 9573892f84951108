"""Unggah data (staff only): pick a dataset, get its template, upload, see every problem or the dry-run diff, commit."""

import streamlit as st

from etl import load
from etl.datasets import DATASETS
from integritas import auth, upload
from integritas.i18n import current_lang, t

lang = current_lang()
staff = auth.current_staff()
if not staff:  # the router only lists this page for staff; this guards a direct call
    st.stop()

st.title(t("page.upload"))
dataset = st.selectbox(t("upload.dataset"), sorted(load.UPLOADABLE), format_func=lambda d: t(f"ds.{d}"), key="dataset")
c1, c2 = st.columns(2)
c1.download_button(t("upload.template_csv"), upload.template_csv(dataset), f"template-{dataset}.csv", "text/csv")
c2.download_button(t("upload.template_xlsx"), upload.template_xlsx(dataset), f"template-{dataset}.xlsx")
with st.expander(t("upload.guide")):
    st.table(upload.column_guide(dataset, lang), hide_index=True)

file = st.file_uploader(t("upload.file"), type=["csv", "xlsx", "txt"], key=f"file-{dataset}")
if file is None:
    st.stop()
raw = file.getvalue()
with st.spinner(t("upload.checking")):
    plan = load.plan(raw, file.name, dataset)
if plan.loaded_before:
    st.warning(t("upload.same_file", ids=", ".join(map(str, plan.loaded_before))), icon=":material/content_copy:")
if not plan.ok:
    st.error(t("upload.refused", n=len(plan.problems)), icon=":material/block:")
    st.dataframe(upload.problems_table(plan.problems), hide_index=True, width="stretch")
    st.stop()

m1, m2, m3, m4 = st.columns(4)
m1.metric(t("upload.new"), len(plan.new))
m2.metric(t("upload.changed"), len(plan.changed))
m3.metric(t("upload.unchanged"), plan.unchanged)
m4.metric(t("upload.rejected"), 0)
if plan.new or plan.changed:
    st.dataframe(upload.changes_table(plan, lang), hide_index=True, width="stretch")
    if st.button(t("upload.commit", n=len(plan.new) + len(plan.changed)), type="primary"):
        with st.spinner(t("upload.committing")):
            load_id, _ = load.commit(raw, file.name, dataset, by=staff)
        st.success(t("upload.done", id=load_id, table=DATASETS[dataset].table), icon=":material/check_circle:")
else:
    st.info(t("upload.nothing"))
