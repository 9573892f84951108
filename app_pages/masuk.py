"""Masuk staf: sign-in for Ombudsman staff (OIDC through st.login when configured, else local accounts)."""

import streamlit as st

from integritas import auth
from integritas.i18n import t

st.title(t("auth.title"))
staff = auth.current_staff()
if staff:
    st.success(t("auth.signed_in", name=staff), icon=":material/verified_user:")
    if st.button(t("auth.logout")):
        if auth.oidc_configured():
            st.logout()
        st.session_state.pop("staff", None)
        st.rerun()
elif auth.oidc_configured():
    st.button(t("auth.login_oidc"), on_click=st.login)
else:
    st.caption(t("auth.local_note"))
    with st.form("masuk"):
        name = st.text_input(t("auth.name"))
        password = st.text_input(t("auth.password"), type="password")
        submitted = st.form_submit_button(t("auth.submit"))
    if submitted:
        if wait := auth.locked_for(name):
            st.error(t("auth.locked", minutes=int(wait // 60) + 1))
        elif auth.check_password(name, password):
            st.session_state["staff"] = name
            st.rerun()
        else:
            st.error(t("auth.failed"))
