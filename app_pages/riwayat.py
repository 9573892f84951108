"""Riwayat (staff only): every load, and undo of an upload, itself recorded."""

import streamlit as st

from integritas import auth, upload
from integritas.i18n import current_lang, t

staff = auth.current_staff()
if not staff:
    st.stop()

st.title(t("page.history"))
history = upload.history()
st.dataframe(history, hide_index=True, width="stretch")
undoable = history[(history["status"] == "ok") & ~history["file_name"].str.startswith("seed/")]
if undoable.empty:
    st.caption(t("history.none"))
else:
    load_id = st.selectbox(t("history.pick"), undoable["id"].tolist(), key="undo_id")  # newest first
    if st.button(t("history.undo", id=load_id)):
        try:
            undo_id = upload.undo(int(load_id), by=staff)
            st.success(t("history.undone", id=load_id, undo=undo_id))
        except upload.LoadFailed as err:
            st.error(err.message(current_lang()))
