"""A table a page shows as downloadable CSV and XLSX files of machine values, carrying its sources and data version.

What a journalist gets:

- **CSV** (`to_csv`): the table and nothing else, so every program parses it: UTF-8 with a BOM (spreadsheets read
  the accents), comma-separated, RFC 4180 quoting, CRLF line ends, one header row whose cells read
  "Label (schema_name)" (the page's language and the database's column name at once). The CSV carries its
  provenance without breaking that shape: every row keeps its own `source_id` (and `source_id_2`) column, added
  after the caller's columns when the rows hold it and the caller did not list it, and the data version is in the
  file name (`file_name`). `sources_csv` gives the cited sources as a second CSV of the same shape.
- **XLSX** (`to_xlsx`): the full package. Sheet 1 the table (headers in the page's language, the schema name as
  each header's comment, real numbers, dates and booleans); sheet 2 every cited source with its URL (a hyperlink
  only when it is http(s)) and verbatim quote; sheet 3 the title, citation, permalink, data version and the day
  the file was made.

Machine values: numbers stay numbers (never rounded, never "80,93"), a whole float is written as the integer it
is (a count column with a gap comes out of pandas as float: 1106.0 is written 1106), dates are ISO (YYYY-MM-DD),
booleans are true/false, and an unknown value (None, NaN, NaT, pd.NA) is an empty cell, never "–" or "nan".

Every text cell of either file (headers, data, sources, quotes, citation) that a spreadsheet would run as a
formula (=, +, -, @, tab or CR first, also after leading whitespace) is prefixed with a single quote (OWASP CSV
injection); a real number is never prefixed, so -5 stays a number. No Streamlit here: pages wire the downloads.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from numbers import Integral, Real
from typing import Any, TypeAlias

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.i18n import tr

__all__ = ["SOURCE_FIELDS", "Column", "Export", "file_name", "neutralise", "sources_csv", "to_csv", "to_xlsx"]

CREATOR = "Integritas NTT"
# The day a file was made is NTT's day (WITA, UTC+8, no daylight saving), whatever the server's clock zone is.
WITA = timezone(timedelta(hours=8), "WITA")


@dataclass(frozen=True)
class Column:
    """One column of the file: its schema name (the key in `Export.rows`) and its header in the page's language."""

    name: str
    label: str


# The sources sheet (and sources_csv): the `sources` table's columns, each with its header key.
SOURCE_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "export.source.id"),
    ("publisher", "export.source.publisher"),
    ("title", "export.source.title"),
    ("url", "export.source.url"),
    ("published_on", "export.source.published_on"),
    ("quote", "export.source.quote"),
    ("note", "export.source.note"),
)
# A row's own source columns: kept in the table even when the caller did not list them, so the CSV, which cannot
# hold the sources, still says where each row comes from.
_ROW_SOURCES: tuple[tuple[str, str], ...] = (
    ("source_id", "export.col.source_id"),
    ("source_id_2", "export.col.source_id_2"),
)


@dataclass(frozen=True, eq=False)  # eq=False: frames have no equality or hash to compare by
class Export:
    """A table as a page shows it, with what it takes to cite it.

    `rows` holds machine values in columns named by `Column.name` (extra columns are ignored, except a row's
    `source_id`/`source_id_2`, which are always kept); `sources` holds every source the rows cite, with the
    columns of `SOURCE_FIELDS` (id, publisher, title, url, published_on, quote, note)."""

    title: str
    columns: Sequence[Column]
    rows: pd.DataFrame
    sources: pd.DataFrame
    citation: str
    permalink: str
    version: str
    lang: str = "id"
    # The columns written: `columns` plus the row's source columns the caller did not list.
    table_columns: tuple[Column, ...] = field(init=False)

    def __post_init__(self) -> None:
        # A misspelt column name is a programming error: say so when the export is built, not in a half-written file.
        missing = [c.name for c in self.columns if c.name not in self.rows.columns]
        if missing:
            raise ValueError(f"Export.rows has no column {missing}")
        if len(self.sources):
            missing = [name for name, _ in SOURCE_FIELDS if name not in self.sources.columns]
            if missing:
                raise ValueError(f"Export.sources has no column {missing}")
        listed = {c.name for c in self.columns}
        extra = [Column(n, tr(k, self.lang)) for n, k in _ROW_SOURCES if n in self.rows.columns and n not in listed]
        object.__setattr__(self, "table_columns", (*self.columns, *extra))


# ---------------------------------------------------------------- machine values

Value: TypeAlias = None | bool | int | float | date | datetime | str


def _is_unknown(v: object) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(pd.api.types.is_scalar(v) and pd.isna(v))
    except (TypeError, ValueError):
        return False


def _machine(v: object) -> Value:
    """One cell as a plain Python value: numbers as numbers, dates as date/datetime, unknown as None."""
    if _is_unknown(v):
        return None
    if isinstance(v, bool | np.bool_):  # numpy's bool is no bool subclass (nor an Integral)
        return bool(v)
    if isinstance(v, Integral):
        return int(v)
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, Real):
        x = float(v)
        if not math.isfinite(x):  # neither CSV readers nor Excel hold an infinity; validated data has none
            return None
        return int(x) if x.is_integer() else x
    if isinstance(v, pd.Timestamp):
        stamp: datetime = v.to_pydatetime()
        return stamp
    if isinstance(v, date):  # datetime is a date too
        return v
    return str(v)


def _column_values(series: pd.Series) -> list[Value]:
    values = [_machine(v) for v in series.tolist()]
    # DuckDB gives a DATE column to pandas as midnight timestamps: a column whose every time is midnight is a date
    # column (written 2021-03-04); a real timestamp column keeps its times, also one that happens to be midnight.
    times = [v for v in values if isinstance(v, datetime)]
    if times and all(t.tzinfo is None and t.time() == datetime.min.time() for t in times):
        values = [v.date() if isinstance(v, datetime) else v for v in values]
    return values


# A spreadsheet runs a cell starting with these as a formula (OWASP CSV injection); tab and CR also hide one.
_FORMULA_START = re.compile(r"^(?:[\t\r]|\s*[=+\-@])")


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, prefixed with ' so it reads as typed: '=1+1' -> "'=1+1"."""
    return "'" + text if _FORMULA_START.match(text) else text


def _iso(v: date | datetime) -> str:
    if isinstance(v, datetime):
        return v.isoformat(sep=" ", timespec="seconds" if not v.microsecond else "microseconds")
    return v.isoformat()


def _csv_text(v: Value) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)  # the shortest text that reads back as the same number: 80.93, never 80.93000000000001
    if isinstance(v, date):
        return _iso(v)
    return neutralise(v)


# ---------------------------------------------------------------- CSV


def _csv(header: list[str], columns: list[list[Value]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180: CRLF, quotes only where needed, "" inside quotes
    writer.writerow(header)
    for row in zip(*columns, strict=True):
        writer.writerow([_csv_text(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def _csv_header(columns: Sequence[Column]) -> list[str]:
    return [neutralise(f"{c.label} ({c.name})") for c in columns]


def to_csv(e: Export) -> bytes:
    """The table as CSV: one header row "Label (schema_name)", then one line per row of machine values."""
    cols = e.table_columns
    return _csv(_csv_header(cols), [_column_values(e.rows[c.name]) for c in cols])


def _source_columns(lang: str) -> list[Column]:
    return [Column(name, tr(key, lang)) for name, key in SOURCE_FIELDS]


def _source_values(e: Export) -> list[list[Value]]:
    n = len(e.sources)
    return [_column_values(e.sources[name]) if n else [] for name, _ in SOURCE_FIELDS]


def sources_csv(e: Export) -> bytes:
    """The sources the rows cite as CSV of the same shape as `to_csv` (id, publisher, title, url, published_on,
    quote, note): the companion of a CSV download, whose rows name these ids in `source_id`."""
    return _csv(_csv_header(_source_columns(e.lang)), _source_values(e))


# ---------------------------------------------------------------- XLSX

_REPLACEMENT = "\ufffd"
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def _xml_safe(text: str) -> str:
    """Control characters XML cannot hold (openpyxl refuses them) become a visible U+FFFD, never a crash."""
    safe: str = ILLEGAL_CHARACTERS_RE.sub(_REPLACEMENT, text)
    return safe


def _sheet_text(text: str) -> str:
    # XML reads a CR as a line feed anyway (openpyxl writes it raw): say so here rather than leave it to the parser.
    return _xml_safe(neutralise(text)).replace("\r\n", "\n").replace("\r", "\n")


def _put(ws: Any, row: int, col: int, v: Value) -> Any:
    """Write one machine value as a typed cell: number, boolean, date, or text that is never a formula."""
    cell = ws.cell(row=row, column=col)
    if isinstance(v, datetime) and v.tzinfo is not None:
        v = _iso(v)  # Excel has no time zones: the exact instant as ISO text rather than a shifted clock time
    if isinstance(v, str):
        cell.value = _sheet_text(v)
        cell.data_type = "s"  # openpyxl stores a string starting with "=" as a formula; text stays text
    else:
        cell.value = v
        if isinstance(v, datetime):
            cell.number_format = "yyyy-mm-dd hh:mm:ss"
        elif isinstance(v, date):
            cell.number_format = "yyyy-mm-dd"
    return cell


def _width(v: Value) -> int:
    if v is None:
        return 0
    if isinstance(v, date):
        return len(_iso(v))
    return max(len(line) for line in _csv_text(v).split("\n"))


def _table_sheet(
    ws: Any,
    columns: Sequence[Column],
    values: list[list[Value]],
    link: Callable[[str, Value], str | None] = lambda _n, _v: None,
) -> None:
    """A table on `ws`: bold, frozen header in the page's language with the schema name as each header's comment,
    typed cells below, a filter on the header and widths that fit the content (long text wraps)."""
    bold = Font(bold=True)
    for j, c in enumerate(columns, start=1):
        head = _put(ws, 1, j, c.label)
        head.font = bold
        head.comment = Comment(_xml_safe(c.name), CREATOR, width=160, height=40)
        widest = _width(c.label)
        for i, v in enumerate(values[j - 1], start=2):
            cell = _put(ws, i, j, v)
            if (url := link(c.name, v)) is not None:
                cell.hyperlink = url
                cell.style = "Hyperlink"
            widest = max(widest, _width(v))
            if isinstance(v, str) and ("\n" in v or len(v) > _MAX_WIDTH):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH)
    ws.freeze_panes = "A2"
    if columns:
        n_rows = len(values[0]) if values else 0
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n_rows + 1}"


def _http_url(value: Value) -> str | None:
    """Only an http(s) URL becomes a hyperlink: never javascript:, data:, file: or a relative path."""
    if isinstance(value, str) and re.fullmatch(r"(?i)https?://\S+", value.strip()):
        return _xml_safe(value.strip())
    return None


def to_xlsx(e: Export, made: datetime | None = None) -> bytes:
    """The workbook: the table, every cited source, and how to cite it (title, citation, permalink, data version,
    the day the file was made: `made`, by default now in NTT's time zone)."""
    made = made or datetime.now(UTC).astimezone(WITA)
    wb = openpyxl.Workbook()
    wb.properties.title = _xml_safe(e.title)
    wb.properties.creator = CREATOR
    wb.properties.version = _xml_safe(e.version)
    wb.properties.identifier = _xml_safe(e.permalink)
    wb.properties.language = e.lang

    data = wb.active
    data.title = tr("export.sheet.data", e.lang)
    cols = e.table_columns
    _table_sheet(data, cols, [_column_values(e.rows[c.name]) for c in cols])

    sources = wb.create_sheet(tr("export.sheet.sources", e.lang))
    _table_sheet(
        sources,
        _source_columns(e.lang),
        _source_values(e),
        link=lambda name, v: _http_url(v) if name == "url" else None,
    )

    cite = wb.create_sheet(tr("export.sheet.citation", e.lang))
    permalink = tr("export.cite.permalink", e.lang)
    lines: list[tuple[str, Value]] = [
        (tr("export.cite.title", e.lang), e.title),
        (tr("export.cite.citation", e.lang), e.citation),
        (permalink, e.permalink),
        (tr("export.cite.version", e.lang), e.version),
        (tr("export.cite.made", e.lang), made.date()),
    ]
    bold = Font(bold=True)
    for i, (label, value) in enumerate(lines, start=1):
        _put(cite, i, 1, label).font = bold
        cell = _put(cite, i, 2, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if label == permalink and (url := _http_url(value)) is not None:
            cell.hyperlink = url
            cell.style = "Hyperlink"
    cite.column_dimensions["A"].width = max(_width(label) for label, _ in lines) + 2
    cite.column_dimensions["B"].width = 100

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- file name

_UNSAFE = re.compile(r"[^a-z0-9]+")
# Windows refuses these as a file's base name, whatever follows the dot.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _slug(text: str, limit: int) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", ascii_text.lower())[:limit].strip("-")


def file_name(stem: str, version: str, ext: str) -> str:
    """A download's name: `stem` and `version` reduced to a-z, 0-9 and '-', joined by '_', then '.ext':
    file_name("Kepatuhan 2021", "2026-11-30-3f9a1c", "csv") == "kepatuhan-2021_2026-11-30-3f9a1c.csv".

    Safe on every system: no path separator, no leading dot, no reserved name, no control or non-ASCII character."""
    base = "_".join(p for p in (_slug(stem, 60) or "integritas", _slug(version, 40)) if p)
    if base in _RESERVED:
        base = "integritas-" + base
    suffix = _slug(ext, 10).replace("-", "") or "bin"
    return f"{base}.{suffix}"
