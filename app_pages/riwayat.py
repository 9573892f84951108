"""Riwayat (staff only): every load, newest first; the undo of an upload says what it changes and asks first."""

import streamlit as st

from integritas import auth, upload
from integritas.i18n import current_lang, t

lang = current_lang()
staff = auth.current_staff()
if not staff:
    st.stop()

st.title(t("page.history"))
if done := st.session_state.pop("undo_done", None):
    st.success(done, icon=":material/check_circle:")
uploads, seed = upload.history_tables(lang)
st.subheader(t("history.uploads"))
if uploads.empty:
    st.caption(t("history.none"))
else:
    st.dataframe(uploads, hide_index=True, width="stretch")
with st.expander(t("history.seed", n=len(seed))):
    st.dataframe(seed, hide_index=True, width="stretch")

choices = upload.undoable(lang)
if choices:
    st.subheader(t("history.pick"))
    load_id = st.selectbox(t("history.pick"), list(choices), format_func=choices.__getitem__, key="undo_id")
    row = uploads[uploads[t("col.id")] == load_id].iloc[0]
    st.info(t("history.effect", id=load_id, added=row[t("col.added")], changed=row[t("col.changed")]))
    sure = st.checkbox(t("history.confirm", id=load_id), key=f"undo_sure_{load_id}")
    if st.button(t("history.undo", id=load_id), disabled=not sure, type="primary"):
        by = auth.require_live_staff()  # the credential is checked again at the moment of writing
        if by is None:
            st.stop()
        try:
            undo_id = upload.undo(int(load_id), by=by)
        except upload.LoadFailed as err:
            st.error(err.message(lang), icon=":material/block:")
        else:  # show the history as it is now, with the message above it
            st.session_state["undo_done"] = t("history.undone", id=load_id, undo=undo_id)
            st.rerun()
