"""Masuk staf: sign-in for Ombudsman staff (OIDC through st.login when configured, else local accounts)."""

import streamlit as st

from integritas import auth
from integritas.i18n import current_lang, t

staff = auth.current_staff()
st.title(t("lang.account") if staff else t("auth.title"))  # signed in, this is the account and sign-out page
if staff:
    st.success(t("auth.signed_in", name=staff), icon=":material/verified_user:")
    if auth.oidc_configured():
        st.button(t("auth.logout"), on_click=st.logout)
    else:
        st.caption(t("auth.session_note", hours=auth.SESSION_SECONDS // 3600))
        st.button(t("auth.logout"), on_click=auth.sign_out)  # revokes the session, then the route drops the cookie
elif auth.oidc_configured():
    if refused := auth.oidc_refused():  # signed in with the provider, but not on the [staff] allow-list
        st.error(t("auth.not_allowed", email=refused), icon=":material/block:")
        st.button(t("auth.logout"), on_click=st.logout)
    else:
        st.button(t("auth.login_oidc"), on_click=st.login)
else:
    if st.query_params.get("masuk") == "kedaluwarsa":  # the route found the token spent or too old
        st.warning(t("auth.handoff_failed"))
    st.caption(t("auth.local_note"))
    with st.form("masuk", clear_on_submit=True):  # the password does not stay in the session's widget state
        name = st.text_input(t("auth.name"))
        password = st.text_input(t("auth.password"), type="password")
        submitted = st.form_submit_button(t("auth.submit"))
    if submitted:
        # counted per account and per client (the visitor's address, see auth.client_key) before it is checked
        attempt = auth.sign_in(name, password, client=auth.client_key())
        if attempt.ok:
            # The browser gets the session as an HttpOnly cookie from a server route; this session keeps nothing.
            auth.hand_off(name.strip(), current_lang())
            st.info(t("auth.redirecting"), icon=":material/hourglass_top:")
        elif attempt.outcome == "locked":
            st.error(t("auth.locked", minutes=int(attempt.wait // 60) + 1))
        elif attempt.outcome == "busy":
            st.error(t("auth.busy"))
        else:
            st.error(t("auth.failed"))
