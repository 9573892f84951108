"""Numbers, dates and periods in id-ID or English form (Babel), and text from data made safe for Markdown and plotly."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from core.i18n import tr

_LOCALES = {"id": "id_ID", "en": "en_US"}


def _loc(lang: str) -> str:
    return _LOCALES.get(lang, "id_ID")


def babel_locale(lang: str) -> Locale:
    """The Babel locale of `lang` (CLDR month names, number signs, plural rules)."""
    return Locale.parse(_loc(lang))


def plural(count: float, lang: str, other: str, one: str, /, **kwargs: object) -> str:
    """The text of key `one` where the language's plural rule calls `count` singular (English 1), else of `other`:
    'CSV (1 row)' but 'CSV (2 rows)'; Bahasa has one form, so both keys read the same there. Positional-only, so
    that a placeholder may be called {n}."""
    return tr(one if babel_locale(lang).plural_form(abs(count)) == "one" else other, lang, **kwargs)


def plain_number(x: Decimal | float, lang: str) -> str:
    """A stored number with exactly the digits it has and the language's decimal sign, without grouping (a diff
    shows what is stored): Decimal('80.93') -> '80,93' (id) / '80.93' (en); '86.00' -> '86,00'; 2024 -> '2024'."""
    d = Decimal(str(x))
    places = max(0, -int(d.as_tuple().exponent))
    return format_decimal(d, format="0" + ("." + "0" * places if places else ""), locale=_loc(lang))


def _as_date(d: date | datetime | pd.Timestamp) -> date:
    return d.date() if isinstance(d, datetime | pd.Timestamp) else d


def number(x: float | int | None, lang: str = "id", decimals: int = 0, trim: bool = False) -> str:
    """1106 -> '1.106' (id) / '1,106' (en); 80.93 with decimals=2 -> '80,93' / '80.93'. None -> '–'.

    With `trim`, at most `decimals` and no trailing zeros: 4.47 -> '4,47', 42.5 -> '42,5', 42 -> '42'."""
    if x is None or pd.isna(x):
        return "–"
    pattern = "#,##0" + ("." + ("#" if trim else "0") * decimals if decimals else "")
    return format_decimal(x, format=pattern, locale=_loc(lang))


def day(d: date | datetime | pd.Timestamp, lang: str = "id") -> str:
    """date(2026, 2, 6) -> '6 Februari 2026' / 'February 6, 2026'."""
    return format_date(_as_date(d), format="long", locale=_loc(lang))


def date_at(d: date | datetime | pd.Timestamp, precision: str, lang: str = "id") -> str:
    """A date at its known precision: a year-only date reads '2019', never '1 Januari 2019'."""
    dd = _as_date(d)
    if precision == "year":
        return str(dd.year)
    if precision == "month":
        return format_date(dd, format="LLLL y", locale=_loc(lang))
    return day(dd, lang)


def is_full_years(start: date, end: date) -> bool:
    return (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)


def period(start: date | datetime | pd.Timestamp, end: date | datetime | pd.Timestamp, lang: str = "id") -> str:
    """'2018' for a calendar year, '2021–2025' for whole years, else '1 Januari – 31 Mei 2025'."""
    s, e = _as_date(start), _as_date(end)
    if is_full_years(s, e):
        return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
    if s.year == e.year:
        start = format_date(s, format="MMMM d" if lang == "en" else "d MMMM", locale=_loc(lang))
        return f"{start} – {day(e, lang)}"
    return f"{day(s, lang)} – {day(e, lang)}"


# ---------------------------------------------------------------- text from data, shown as text

# Every ASCII character Markdown, GFM or Streamlit's extensions read as syntax: emphasis, code, links and images,
# raw HTML, headings, lists, tables, strikethrough, entities (&), LaTeX ($), directives and shortcodes (:red[…],
# :material/x:), setext underlines (=) and the slash of ':material/' that Streamlit rewrites before parsing.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:=&@/^])")
# Streamlit also rewrites *text* after parsing, where a backslash no longer shows: GFM autolinks (http://, www.,
# name@host), :shortcodes: (:smile:, :material_x:, :streamlit:) and typographic arrows (->, --, >=). A word joiner
# (U+2060: invisible, zero width) at each of those points keeps the text as typed and stops the rewrite.
WORD_JOINER = "\u2060"
_MD_REWRITES = re.compile(r"(?i)(?=https?://|www\.)|(?<=@)|(?<=:)(?=[\w+-]+:)|(?<=[<>~-])(?=[>=-])")


def md_text(value: object) -> str:
    """Text from data, made safe to put into Markdown: it shows literally, never as a link, image, HTML, formula,
    icon or colour. `**b** [c](http://x)` becomes `\\*\\*b\\*\\* \\[c\\]\\(` + WORD_JOINER + `http\\:\\/\\/x\\)`."""
    return _MD_SPECIAL.sub(r"\\\1", _MD_REWRITES.sub(WORD_JOINER, str(value)))


def plot_text(value: object) -> str:
    """Text from data for plotly labels and hover text, which read <b>, <br>, <a href> and entities as markup.

    Only &, < and > are escaped: plotly decodes &amp; &lt; &gt; but would show &quot; as typed."""
    return html.escape(str(value), quote=False)


def http_url(value: object) -> str | None:
    """The URL when it is an http(s) URL, else None: only these may become a link (never javascript:, data:…)."""
    if isinstance(value, str) and re.match(r"(?i)https?://[^\s]+$", value.strip()):
        return value.strip()
    return None


def md_url(url: str) -> str:
    """An http(s) URL as a Markdown link destination: spaces, parentheses and angle brackets percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
