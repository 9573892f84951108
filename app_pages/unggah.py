"""Unggah data (staff only): pick a dataset, get its template, upload, see every problem or the dry-run diff, commit."""

import streamlit as st

from integritas import auth, db, upload
from integritas.fmt import number, plural
from integritas.i18n import current_lang, t

lang = current_lang()
staff = auth.current_staff()
if not staff:  # the router only lists this page for staff; this guards a direct call
    st.stop()

st.title(t("page.upload"))
dataset = st.selectbox(
    t("upload.dataset"), sorted(upload.UPLOADABLE), format_func=lambda d: t(f"ds.{d}"), key="dataset"
)
c1, c2 = st.columns(2)
c1.download_button(t("upload.template_csv"), upload.template_csv(dataset), f"template-{dataset}.csv", "text/csv")
c2.download_button(t("upload.template_xlsx"), upload.template_xlsx(dataset), f"template-{dataset}.xlsx")
with st.expander(t("upload.guide")):
    st.table(upload.column_guide(dataset, lang), hide_index=True)

# The picker's own words are Streamlit's English ("Drag and drop", "200MB per file"): the instruction above says it.
st.markdown(t("upload.how", mb=upload.MAX_MB, types=", ".join(upload.FILE_TYPES)))
st.caption(upload.limits_text(lang))
file = st.file_uploader(t("upload.file"), type=list(upload.FILE_TYPES), key=f"file-{dataset}")
if file is None:
    st.stop()
raw = file.getvalue()
# The dry run of a large file takes seconds: keep it for the rerun that the commit button triggers.
plan_key = (file.file_id, dataset, db.data_version())
if st.session_state.get("upload_plan", (None, None))[0] != plan_key:
    bar = st.progress(0.0, text=t("upload.checking"))
    try:
        plan = upload.plan(raw, file.name, dataset, progress=upload.progress_reporter(bar, lang))
    except upload.LoadFailed as err:  # past a bound, or no database yet: a message, never a traceback
        bar.empty()
        st.error(err.message(lang), icon=":material/block:")
        st.stop()
    bar.empty()
    st.session_state["upload_plan"] = (plan_key, plan)
plan = st.session_state["upload_plan"][1]

if plan.sheet is not None:  # a workbook: which sheet and header row were read, so a surprise shows at once
    st.caption(t("upload.read_from", sheet=plan.sheet, row=plan.header_row))
if plan.loaded_before:
    st.warning(t("upload.same_file", ids=", ".join(map(str, plan.loaded_before))), icon=":material/content_copy:")
if plan.breaches:
    st.error(t("upload.breaks_rules", reason=upload.breach_summary(plan.breaches, lang)), icon=":material/block:")
    st.dataframe(upload.problems_table(plan.breach_problems, lang), hide_index=True, width="stretch")
    for breach in plan.breaches:
        st.dataframe(upload.breach_table(breach), hide_index=True, width="stretch")
    st.stop()
if not plan.ok:
    st.error(
        plural(plan.problem_total, lang, "upload.refused", "lang.refused_one", n=number(plan.problem_total, lang)),
        icon=":material/block:",
    )
    if plan.problem_total > len(plan.problems):
        st.caption(t("upload.first_problems", shown=number(len(plan.problems), lang)))
    st.dataframe(upload.problems_table(plan.problems, lang), hide_index=True, width="stretch")
    st.stop()

m1, m2, m3, m4 = st.columns(4)
m1.metric(t("upload.new"), number(plan.n_new, lang))
m2.metric(t("upload.changed"), number(plan.n_changed, lang))
m3.metric(t("upload.unchanged"), number(plan.unchanged, lang))
m4.metric(t("upload.new_sources"), number(plan.n_sources, lang))
if not (plan.n_new or plan.n_changed or plan.n_sources):
    st.info(t("upload.nothing"))
    st.stop()
shown = len(plan.new) + len(plan.changed)
if shown < plan.n_new + plan.n_changed:
    st.caption(t("upload.sample", shown=number(shown, lang), n=number(plan.n_new + plan.n_changed, lang)))
st.dataframe(upload.changes_table(plan, lang), hide_index=True, width="stretch")
if plan.sources:
    st.caption(t("upload.sources_added", n=number(plan.n_sources, lang)))
    st.dataframe(upload.sources_table(plan, lang), hide_index=True, width="stretch")
n_rows = plan.n_new + plan.n_changed
if st.button(plural(n_rows, lang, "upload.commit", "lang.commit_one", n=number(n_rows, lang)), type="primary"):
    by = auth.require_live_staff()  # the credential is checked again at the moment of writing
    if by is None:
        st.stop()
    bar = st.progress(0.0, text=t("upload.committing"))
    try:
        load_id, _ = upload.commit(raw, file.name, dataset, by=by, progress=upload.progress_reporter(bar, lang))
        failure = None
    except (upload.ValidationFailed, upload.LoadFailed) as err:
        failure = err
    bar.empty()
    if isinstance(failure, upload.ValidationFailed):  # the database changed between the dry run and the commit
        st.error(
            plural(failure.total, lang, "upload.refused", "lang.refused_one", n=number(failure.total, lang)),
            icon=":material/block:",
        )
        st.dataframe(upload.problems_table(failure.problems, lang), hide_index=True, width="stretch")
    elif isinstance(failure, upload.LoadFailed):
        reason = upload.breach_summary(failure.breaches, lang) or " " + failure.message(lang)
        st.error(t("upload.failed", reason=reason), icon=":material/block:")
        for breach in failure.breaches:
            st.dataframe(upload.breach_table(breach), hide_index=True, width="stretch")
    else:
        st.session_state.pop("upload_plan", None)
        st.success(t("upload.done", id=load_id, table=upload.table_of(dataset)), icon=":material/check_circle:")
