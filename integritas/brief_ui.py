"""The leader's brief drawn on a page: on Ringkasan pimpinan, and first on Beranda on a narrow screen."""

from __future__ import annotations

from datetime import date

import streamlit as st

from integritas import fmt
from integritas.i18n import current_lang, t
from integritas.ui import narrow_only
from integritas.views import brief


def since_from_url(today: date) -> tuple[date, str | None]:
    """The ?sejak= date (default: the last 90 days), and the value as typed when it is not a date we can use."""
    raw = st.query_params.get(brief.SINCE_PARAM)
    if raw is None:
        return brief.default_since(today), None
    since = brief.parse_since(raw, today)
    return (since, None) if since is not None else (brief.default_since(today), raw)


def _section(s: brief.Section, level: str = "#####") -> None:
    st.markdown(f"{level} {s.title}")
    lines = [*s.lines, *([s.more] if s.more else [])]
    # one Markdown list: compact on a phone, each line one item with its link and source
    st.markdown("\n".join(f"- {line}" for line in lines) if lines else s.empty)


def show(b: brief.Brief, compact: bool = False) -> None:
    """The four parts of the brief; `compact` (Beranda) draws them under a link to the full brief."""
    _section(b.changes)
    if b.changes.lines and not compact:
        st.caption(t("brief.basis"))
    _section(b.stalled)
    _section(b.red)
    _section(b.figures)


def phone_section() -> None:
    """Beranda's first section on a narrow screen: the brief of the last 90 days, and a link to the full page."""
    lang = current_lang()
    today = date.today()
    # Streamlit cannot know the screen's width on the server: Beranda draws the brief and a wide screen hides it
    with narrow_only("ringkasan"):
        st.page_link("app_pages/ringkasan.py", label=t("brief.open_brief"), icon=":material/summarize:")
        show(brief.brief(lang, brief.default_since(today)), compact=True)
        st.divider()


def since_line(b: brief.Brief) -> str:
    return t("brief.lead", today=fmt.day(b.today, current_lang()))
