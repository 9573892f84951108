"""Translations as data, shared by the app and the ETL: `core/locales/<lang>.toml`, read once at import.

Bahasa Indonesia is the source language: `id.toml` is the reference and `en.toml` follows it key for key. The files
group keys in TOML tables (`[home]` holding `wbk.label = "…"`); here they are flattened to dotted keys
(`home.wbk.label`), the names every caller uses. Placeholders are `str.format` names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

LANGS = ("id", "en")
DEFAULT_LANG = "id"
LOCALES_DIR = Path(__file__).parent / "locales"


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in table.items():
        key = prefix + name
        if isinstance(value, Mapping):
            out |= _flatten(value, key + ".")
        elif isinstance(value, str):
            out[key] = value
        else:
            raise TypeError(f"{key}: a translation is a string, not {type(value).__name__}")
    return out


def load_locale(path: Path) -> dict[str, str]:
    """Every string of one locale file by its dotted key, in file order."""
    with path.open("rb") as fh:
        return _flatten(tomllib.load(fh))


_TABLES: dict[str, Mapping[str, str]] = {
    lang: MappingProxyType(load_locale(LOCALES_DIR / f"{lang}.toml")) for lang in LANGS
}


def strings(lang: str) -> Mapping[str, str]:
    """The read-only table of `lang` (dotted key -> text), e.g. for tests that compare the languages."""
    return _TABLES[lang]


def tr(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    """Translate `key` into `lang` (Bahasa Indonesia for an unknown language); a missing key shows itself so that
    it is noticed, never crashes a page."""
    text = _TABLES.get(lang, _TABLES[DEFAULT_LANG]).get(key)
    if text is None:
        return key
    return text.format(**kwargs) if kwargs else text
