"""Human labels for coded values (events, statuses, zones, measures), built from the translation table."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from core.i18n import strings
from integritas.fmt import md_text, plot_text
from integritas.i18n import tr

ZONE_MARK = {"hijau": "●", "kuning": "◆", "merah": "▲"}  # a shape per zone, so zones are never told by colour alone
ZONE_BADGE = {"hijau": "green", "kuning": "orange", "merah": "red"}


def event_label(event: str, menuju: object, status: str, lang: str) -> str:
    """'Usulan ke TPN menuju WBBM (hasil belum diketahui)'."""
    text = tr(f"event.{event}", lang)
    if isinstance(menuju, str) and menuju and event not in ("wbk", "wbbm"):
        text += " " + tr(f"menuju.{menuju}", lang)
    if status == "pending" and event in ("usulan_tpn", "target"):
        text += f" ({tr('outcome.unknown', lang)})"
    return text


def status_label(status: str, lang: str) -> str:
    return tr(f"status.{status}", lang)


def zone_label(zone: object, lang: str) -> str:
    if not isinstance(zone, str) or pd.isna(zone):
        return tr("zone.none", lang)
    return f"{ZONE_MARK[zone]} {tr('zone.' + zone, lang)}"


def zone_badge(zone: str, text: str) -> str:
    """Markdown badge with the zone's shape and name in the text, so it reads without colour."""
    return f":{ZONE_BADGE[zone]}-badge[{ZONE_MARK[zone]} {text}]"


# ---------------------------------------------------------------- text recorded in Bahasa, on an English page
#
# Complaint categories and the notes of the data are recorded in Bahasa Indonesia (the language of the sources and
# of the project's research). An English page shows a category's translation where the locale files hold one, and
# otherwise the text as recorded with a visible marker, so that Bahasa never passes for English UI text. Downloads
# keep the recorded value.


def category_label(value: object, lang: str, *, markdown: bool = False) -> str:
    """A complaint category as recorded ('penundaan berlarut') in `lang` ('undue delay'); a category the locale
    files do not know (a new one from an upload) as recorded, marked so on an English page. Plain text for plotly
    unless `markdown` (then the value is escaped for Markdown)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    key = "lang.cat." + value.strip().casefold()
    if key in strings(lang):
        text = tr(f"lang.cat.{value.strip().casefold()}", lang)
        return md_text(text) if markdown else text
    return as_recorded(md_text(value) if markdown else value, lang, markdown=markdown)


def category_labels(values: Iterable[object], lang: str, *, markdown: bool = False) -> list[str]:
    return [category_label(v, lang, markdown=markdown) for v in values]


def as_recorded(text: str, lang: str, *, markdown: bool = True) -> str:
    """Text recorded in Bahasa (already escaped when `markdown`), marked 'Indonesian, as recorded' on an English
    page; unchanged on a Bahasa page."""
    if not text:
        return text
    return tr("lang.as_recorded" if markdown else "lang.as_recorded_plain", lang, text=text)


def note_md(note: object, lang: str) -> str:
    """A note of the data as Markdown (escaped), marked as recorded in Indonesian on an English page; '' where
    there is none."""
    if not isinstance(note, str) or not note.strip():
        return ""
    return as_recorded(md_text(note), lang)


def notes_md(values: Iterable[object], lang: str) -> list[str]:
    """A column of notes as Markdown cells (see note_md)."""
    return [note_md(v, lang) for v in values]


def method_note_md(note: object, method: str, lang: str) -> str:
    """A method's note (the project's own description of an assessment method) as Markdown: translated by the
    method's id where the locale files' Bahasa text is exactly this note (a changed note is never shown under an
    old translation, but as recorded and marked)."""
    if isinstance(note, str) and note == tr(f"lang.method_note.{method}", "id"):
        return md_text(tr(f"lang.method_note.{method}", lang))
    return note_md(note, lang)


def note_plain(note: object, lang: str) -> str:
    """A note as plain text for plotly hover (escaped for plotly), marked on an English page. '' where none."""
    if not isinstance(note, str) or not note.strip():
        return ""
    return as_recorded(plot_text(note), lang, markdown=False)


def recorded_md(text: object, key: str, recorded_in: str, lang: str) -> str:
    """A text of the data recorded in one language (`recorded_in`) whose translation the locale files hold under
    `key`, as Markdown in `lang`: the translation while the locale file's `recorded_in` text is exactly this text;
    else the text as recorded, marked on a page of the other language ('' where there is none)."""
    if not isinstance(text, str) or not text.strip():
        return ""
    if text == tr(key, recorded_in):
        return md_text(tr(key, lang))
    if lang == recorded_in:
        return md_text(text)
    return tr("lang.as_recorded" if recorded_in == "id" else "lang.as_recorded_en", lang, text=md_text(text))
