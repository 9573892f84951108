"""The current-language helpers of the app over the shared translations in `core.i18n` (`core/locales/*.toml`)."""

from __future__ import annotations

import streamlit as st

from core.i18n import DEFAULT_LANG, LANGS, tr

__all__ = ["DEFAULT_LANG", "LANGS", "current_lang", "t", "tr"]


def current_lang() -> str:
    """The language chosen in the sidebar (bound to ?lang=), Bahasa Indonesia by default."""
    lang = st.session_state.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, **kwargs: object) -> str:
    """Translate `key` into the current language."""
    return tr(key, current_lang(), **kwargs)
