"""Entry point of the public server (`streamlit run serve.py`): the router app.py inside Integritas's st.App."""

import streamlit as st

from integritas import server

server.redact_session_ids()
# Streamlit finds this st.App by name when `streamlit run serve.py` reads the file; app.py stays the router.
app = st.App("app.py", routes=server.routes(), middleware=server.middleware(), on_script_error=server.on_script_error)
