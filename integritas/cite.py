"""A ready citation of one view (text in Bahasa or English, BibTeX, RIS): title, publishers, data version, permalink."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from integritas import fmt
from integritas.i18n import tr

PROJECT = "Integritas NTT"


@dataclass(frozen=True)
class Citation:
    title: str  # the view's title, e.g. "Zona kepatuhan pemda NTT, 2021"
    publishers: tuple[str, ...]  # of the sources behind the rows shown, as recorded
    version: str  # the data version id, e.g. "2026-11-30-3f9a1c"
    version_day: date  # the day that version was published
    accessed: date
    url: str  # the permalink: this view, pinned to `version`


def publishers_of(values: Iterable[object]) -> tuple[str, ...]:
    """Distinct publisher names in order of first appearance (a view's sources often share one publisher)."""
    seen: dict[str, None] = {}
    for v in values:
        if isinstance(v, str) and v.strip():
            seen.setdefault(" ".join(v.split()), None)
    return tuple(seen)


MAX_NAMED = 4  # a citation names the first publishers and counts the rest: a sentence, not a list


def _joined(names: tuple[str, ...], lang: str) -> str:
    if not names:
        return tr("cite.no_publisher", lang)
    if len(names) > MAX_NAMED:
        rest = tr("cite.more", lang, n=fmt.number(len(names) - MAX_NAMED + 1, lang))
        return ", ".join(names[: MAX_NAMED - 1]) + " " + rest
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + tr("cite.and", lang) + names[-1]


def text(c: Citation, lang: str) -> str:
    """The citation as a reader pastes it into an article or a report (plain text, one paragraph)."""
    return tr(
        "cite.text",
        lang,
        project=PROJECT,
        year=c.version_day.year,
        title=c.title,
        publishers=_joined(c.publishers, lang),
        version=c.version,
        version_day=fmt.day(c.version_day, lang),
        accessed=fmt.day(c.accessed, lang),
        url=c.url,
    )


def _bibtex_value(value: str) -> str:
    # Braces and backslashes would end or escape the field; the rest of the text is kept as typed.
    return re.sub(r"([{}\\])", r"\\\1", value)


def bibtex(c: Citation, lang: str) -> str:
    """A BibTeX @misc entry (biblatex reads urldate and version too)."""
    key = "integritasntt-" + re.sub(r"[^0-9a-z]", "", c.version.lower())
    fields = {
        "author": "{" + PROJECT + "}",  # a corporate author: braces keep BibTeX from splitting it into names
        "title": c.title,
        "year": str(c.version_day.year),
        "version": c.version,
        "note": tr("cite.bib_note", lang, publishers=_joined(c.publishers, lang)),
        "url": c.url,
        "urldate": c.accessed.isoformat(),
    }
    body = ",\n".join(f"  {k} = {{{_bibtex_value(v) if k != 'author' else v}}}" for k, v in fields.items())
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(c: Citation, lang: str) -> str:
    """An RIS record (Zotero, Mendeley, EndNote) of type DATA."""

    def line(tag: str, value: str) -> str:
        return f"{tag}  - {' '.join(value.split())}"  # RIS is one value per line

    lines = [
        line("TY", "DATA"),
        line("AU", PROJECT),
        line("TI", c.title),
        line("PY", str(c.version_day.year)),
        line("DA", c.version_day.strftime("%Y/%m/%d")),
        line("ET", c.version),
        *(line("PB", p) for p in c.publishers),
        line("UR", c.url),
        line("Y2", c.accessed.strftime("%Y/%m/%d")),
        line("LA", "id" if lang == "id" else "en"),
        "ER  - ",
    ]
    return "\n".join(lines) + "\n"
