"""The translation table: every string in both languages with the same placeholders."""

import string

from integritas.i18n import STRINGS, tr


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_key_has_both_languages_and_same_placeholders() -> None:
    for key, (id_text, en_text) in STRINGS.items():
        assert id_text.strip() and en_text.strip(), key
        assert _fields(id_text) == _fields(en_text), key


def test_tr_switches_language_and_fills_placeholders() -> None:
    assert tr("home.wbk.label", "id") == "Unit berpredikat WBK"
    assert tr("home.wbk.label", "en") == "Units awarded WBK"
    assert tr("home.zones.title", "en", year=2024) == "Pemda compliance zones, 2024 assessment"


def test_unknown_key_is_visible_not_fatal() -> None:
    assert tr("no.such.key", "en") == "no.such.key"
