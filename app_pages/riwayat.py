"""Riwayat (staff only): every load, and undo of an upload, itself recorded."""

import streamlit as st

from etl import load
from integritas import auth
from integritas.i18n import t

staff = auth.current_staff()
if not staff:
    st.stop()

st.title(t("page.history"))
history = load.history()
st.dataframe(history, hide_index=True, width="stretch")
undoable = history[(history["status"] == "ok") & ~history["file_name"].str.startswith("seed/")]
if undoable.empty:
    st.caption(t("history.none"))
else:
    load_id = st.selectbox(t("history.pick"), undoable["id"].tolist()[::-1], key="undo_id")
    if st.button(t("history.undo", id=load_id)):
        try:
            undo_id = load.undo(int(load_id), by=staff)
            st.success(t("history.undone", id=load_id, undo=undo_id))
        except load.LoadFailed as err:
            st.error(str(err))
