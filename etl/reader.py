"""Read what offices send (CSV/tab text in UTF-8, Windows-1252 or UTF-16; XLSX, XLS, ODS) into DuckDB text cells.

Every cell is staged as the person saw it: numbers as their exact decimal text, percentages as "40.02%", dates as
ISO dates; rows keep the spreadsheet's own row numbers. The table may sit below title rows or on another sheet
(`locate`). Reading is bounded (LIMITS) before anything large is built, so a small hostile file cannot exhaust the
server. CSV goes straight through DuckDB's reader; workbooks are streamed. Both end in the relation `raw_cells`
(`_line`, `_extra`, then one VARCHAR column per header cell), which etl.validate checks in one SQL pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

import duckdb
import pandas as pd

from etl.sqlutil import ident
from etl.validate import MAX_PROBLEMS, Problem, Staged, ValidationFailed

MAX_BYTES = 200 * 1024 * 1024  # Streamlit's default upload limit
MAX_COLUMNS = 100  # the widest dataset has 14 columns
MAX_ROWS = 2_000_000  # the generated 800 000-row complaints file must pass
MAX_CELLS = 30_000_000  # rows × header cells; 800 000 × 15 is 12 million
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_UNZIPPED_MB = 1024  # a workbook's parts, as their zip declares them
MAX_ZIP_RATIO = 200  # real sheets compress 5–50×; a part above this (and above 10 MB) is a zip bomb
HEADER_SEARCH_ROWS = 20  # how far down each sheet the header row is looked for
LIMITS: dict[str, int] = {
    "bytes": MAX_BYTES,
    "columns": MAX_COLUMNS,
    "rows": MAX_ROWS,
    "cells": MAX_CELLS,
    "cell_chars": MAX_CELL_CHARS,
    "unzipped_mb": MAX_UNZIPPED_MB,
    "zip_ratio": MAX_ZIP_RATIO,
    "header_search_rows": HEADER_SEARCH_ROWS,
}
# Python's str.strip() whitespace that spreadsheets leave behind (incl. the no-break space)
_TRIM = " \t\r\n\x0b\x0c\u00a0"
_EDGE_SPACE = r"^[\s\x{a0}]|[\s\x{a0}]$"
# C0 controls other than tab, LF and CR, and DEL: invisible, and NUL truncates text in many tools
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Located:
    """Where the table is: the sheet (None for CSV) and the spreadsheet row number of its header."""

    sheet: str | None
    header_row: int


def _trimmed(col: str) -> str:
    # trim() with a character set is slow; most cells need none, and the regex finds the few that do
    return (
        f"CASE WHEN {col} = '' THEN NULL WHEN regexp_matches({col}, '{_EDGE_SPACE}') "
        f"THEN nullif(trim({col}, '{_TRIM}'), '') ELSE {col} END AS {col}"
    )


def _fail(name: str, code: str, detail: str = "") -> ValidationFailed:
    return ValidationFailed(name, [Problem(None, None, None, code, detail)])


@dataclass
class _Sink:
    """Problems found in cells while reading: (row, column index, shown value, code, detail), the first few kept."""

    first_row: int = 1  # rows above the header (titles) are not loaded, so what they hold does not matter
    found: list[tuple[int, int, str | None, str, str]] = field(default_factory=list)
    total: int = 0

    def add(self, row: int, col: int, value: str | None, code: str, detail: str = "") -> None:
        if row < self.first_row:
            return
        self.total += 1
        if len(self.found) < MAX_PROBLEMS:
            self.found.append((row, col, value, code, detail))


def _shown(text: str) -> str:
    # the cell as the person can find it on screen: control characters drawn as the replacement sign
    short = text if len(text) <= 60 else text[:57] + "…"
    return _CONTROL.sub("\ufffd", short)


def _check_text(text: str, row: int, col: int, sink: _Sink) -> str:
    """`text`, or "" after noting why the cell cannot be taken (too long, control characters)."""
    if len(text) > MAX_CELL_CHARS:
        sink.add(row, col, _shown(text), "cell_too_long", str(MAX_CELL_CHARS))
        return ""
    bad = _CONTROL.search(text)
    if bad:
        sink.add(row, col, _shown(text), "control_char", f"U+{ord(bad.group()):04X}")
        return ""
    return text


# ---------------------------------------------------------------------------------------------------------------
# Values as shown


def _number_text(value: float | str, percent: bool = False) -> str:
    """The exact decimal the cell holds, as Excel shows it at full precision: no float artefacts, no exponent."""
    x = float(value)
    if x != x or x in (float("inf"), float("-inf")):
        return str(value)
    # Excel shows (and types back) 15 significant digits: =0.1+0.2 is stored as 0.30000000000000004, shown as 0.3
    d = Decimal(format(x, ".15g"))
    if percent:
        d *= 100
    text = format(d.normalize(), "f") if d else "0"
    if re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
        # 1.106 written as text reads as a thousand one hundred and six in Bahasa: say the fraction with a comma
        text = text.replace(".", ",")
    return text + "%" if percent else text


def _when_text(value: dt.datetime | dt.date | dt.time | dt.timedelta) -> str:
    """A date at midnight as an ISO date; with a time part as ISO date-time (which the validator refuses)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------------------------------------------
# Workbooks: each sheet streams its rows, only as wide as asked


# (spreadsheet row number, cells[:width], 1 + last filled column) of each row holding anything, up to row `until`
Rows = Iterator[tuple[int, list[str], int]]


@dataclass(frozen=True)
class _Sheet:
    name: str
    rows: Callable[[int, _Sink, int], Rows]


def _row_out(row: int, cells: dict[int, str], width: int, last: int) -> tuple[int, list[str], int]:
    out = [""] * width
    for i, text in cells.items():
        out[i] = text
    return row, out, last


def _check_zip(z: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip whose parts would unpack to far more than any real workbook, before reading any of them."""
    # zipfile never returns more than a part's declared size, so these declared sizes bound what is read
    infos = z.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_MB * 1024 * 1024:
        raise _fail(name, "zip_bomb", f"{MAX_UNZIPPED_MB} MB")
    for i in infos:
        if i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_ZIP_RATIO * max(i.compress_size, 1):
            raise _fail(name, "zip_bomb", f"1:{MAX_ZIP_RATIO}")


_M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_X_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how OOXML writes characters XML cannot hold, e.g. _x0000_


def _ooxml_text(el: ET.Element | None) -> str:
    """Text of a shared or inline string: its <t>, or its rich-text runs, never the phonetic guide (<rPh>)."""
    if el is None:
        return ""
    parts = []
    for child in el:
        if child.tag == _M + "t":
            parts.append(child.text or "")
        elif child.tag == _M + "r":
            parts += [t.text or "" for t in child.iter(_M + "t")]
    return _X_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), "".join(parts))


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, part path) for `part`."""
    folder = PurePosixPath(part).parent
    rels_path = str(folder / "_rels" / (PurePosixPath(part).name + ".rels"))
    if rels_path not in z.namelist():
        return {}
    out = {}
    for rel in ET.fromstring(z.read(rels_path)).iter(_PR + "Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else os.path.normpath(str(folder / target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), path.replace(os.sep, "/"))
    return out


def _xlsx_formats(z: zipfile.ZipFile, path: str | None) -> list[str]:
    """Each cell style's number format code, by style index."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    if path is None or path not in z.namelist():
        return []
    root = ET.fromstring(z.read(path))
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in root.iter(_M + "numFmt")}
    xfs = root.find(_M + "cellXfs")
    ids = [int(x.get("numFmtId", "0")) for x in (xfs if xfs is not None else [])]
    return [custom.get(i, BUILTIN_FORMATS.get(i, "General")) for i in ids]


def _xlsx_book(raw: bytes, name: str) -> list[_Sheet]:
    from openpyxl.formula.translate import Translator
    from openpyxl.styles.numbers import is_date_format
    from openpyxl.utils.cell import column_index_from_string
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    z = zipfile.ZipFile(io.BytesIO(raw))
    _check_zip(z, name)
    book = next((p for t, p in _rels(z, "").values() if t.endswith("/officeDocument")), "xl/workbook.xml")
    root = ET.fromstring(z.read(book))
    pr = root.find(_M + "workbookPr")
    epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in ("1", "true") else CALENDAR_WINDOWS_1900
    rels = _rels(z, book)
    by_type = {t.rsplit("/", 1)[-1]: p for t, p in rels.values()}
    formats = _xlsx_formats(z, by_type.get("styles"))
    percent = {i for i, f in enumerate(formats) if "%" in f}
    dates = {i for i, f in enumerate(formats) if is_date_format(f)}
    strings: list[str] = []
    if by_type.get("sharedStrings") in z.namelist():
        with z.open(by_type["sharedStrings"]) as fh:
            for _, el in ET.iterparse(fh):
                if el.tag == _M + "si":
                    strings.append(_ooxml_text(el))
                    el.clear()

    def cell_text(c: ET.Element, row: int, col: int, sink: _Sink, shared: dict[str, Translator]) -> str:
        kind = c.get("t", "n")
        f, v = c.find(_M + "f"), c.find(_M + "v")
        if kind == "inlineStr":
            return _ooxml_text(c.find(_M + "is"))
        if v is None or (not v.text and kind != "str"):
            if f is not None:  # a formula the workbook never calculated (written by a program, not Excel)
                formula = "=" + (f.text or "")
                si, ref = f.get("si"), c.get("r", "")
                if f.get("t") == "shared" and si is not None:
                    if f.text:
                        shared[si] = Translator(formula, ref or "A1")
                    elif si in shared and ref:
                        formula = shared[si].translate_formula(ref)
                sink.add(row, col, formula, "formula_no_value")
            return ""
        text = v.text or ""
        if kind == "s":
            return strings[int(text)] if text.isdigit() and int(text) < len(strings) else ""
        if kind == "b":
            return "true" if text == "1" else "false"
        if kind == "d":
            return _when_text(dt.datetime.fromisoformat(text))
        if kind != "n" or not text:
            return _X_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        style = int(c.get("s", "0") or 0)
        if style in dates:
            return _when_text(from_excel(float(text), epoch))
        return _number_text(text, style in percent)

    def reader(path: str) -> Callable[[int, _Sink, int], Rows]:
        def rows(width: int, sink: _Sink, until: int) -> Rows:
            shared: dict[str, Translator] = {}
            with z.open(path) as fh:
                it = ET.iterparse(fh, events=("start", "end"))
                data: ET.Element | None = None
                row = 0
                for event, el in it:
                    if event == "start":
                        if el.tag == _M + "sheetData":
                            data = el
                        continue
                    if el.tag != _M + "row":
                        continue
                    r = el.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                    if row > until:
                        return
                    cells: dict[int, str] = {}
                    last, col = 0, -1
                    for c in el:
                        ref = c.get("r")
                        letters = ref.rstrip("0123456789") if ref else ""
                        col = column_index_from_string(letters) - 1 if letters else col + 1
                        if not len(c):
                            continue  # an empty (formatted) cell: no value, formula or text inside
                        try:
                            text = _check_text(cell_text(c, row, col, sink, shared), row, col, sink)
                        except (ValueError, OverflowError, KeyError):
                            text = c.findtext(_M + "v") or ""  # an unreadable date or number: shown as stored
                        if text.strip():
                            last = col + 1
                            if col < width:
                                cells[col] = text
                    if data is not None:
                        data.clear()  # keep memory flat: the parser would otherwise hold every row read
                    if last:
                        yield _row_out(row, cells, width, last)

            return

        return rows

    sheets = []
    for s in root.iter(_M + "sheet"):
        rel = rels.get(s.get(_R + "id", ""))
        if rel and rel[1] in z.namelist():
            sheets.append(_Sheet(s.get("name", ""), reader(rel[1])))
    if not sheets:
        raise _fail(name, "broken_xlsx", "no sheet")
    return sheets


_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TX = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _ods_text(el: ET.Element) -> str:
    """A cell's paragraphs as the person sees them: <text:s> spaces, tabs and line breaks included."""

    def walk(node: ET.Element) -> str:
        out = [node.text or ""]
        for child in node:
            if child.tag == _TX + "s":
                out.append(" " * int(child.get(_TX + "c", "1")))
            elif child.tag == _TX + "tab":
                out.append("\t")
            elif child.tag == _TX + "line-break":
                out.append("\n")
            elif child.tag != _O + "annotation":
                out.append(walk(child))
            out.append(child.tail or "")
        return "".join(out)

    return "\n".join(walk(p) for p in el if p.tag == _TX + "p")


def _ods_cell(c: ET.Element, row: int, col: int, sink: _Sink) -> str:
    kind = c.get(_O + "value-type")
    if kind is None:
        if c.get(_T + "formula"):
            sink.add(row, col, c.get(_T + "formula"), "formula_no_value")
        return _ods_text(c)
    if kind in ("float", "currency"):
        return _number_text(c.get(_O + "value", "0"))
    if kind == "percentage":
        return _number_text(c.get(_O + "value", "0"), percent=True)
    if kind == "date":
        return _when_text(dt.datetime.fromisoformat(c.get(_O + "date-value", "")))
    if kind == "boolean":
        return c.get(_O + "boolean-value", "false")
    return _ods_text(c)


def _ods_walk(z: zipfile.ZipFile) -> Iterator[tuple[ET.Element, int]]:
    """Each table (at its start) and each finished table row of content.xml, with the table's index."""
    with z.open("content.xml") as fh:
        stack: list[ET.Element] = []
        table = -1
        for event, el in ET.iterparse(fh, events=("start", "end")):
            if event == "start":
                stack.append(el)
                if el.tag == _T + "table":
                    table += 1
                    yield el, table
                continue
            stack.pop()
            if el.tag == _T + "table-row":
                yield el, table
                if stack:
                    stack[-1].remove(el)  # keep memory flat: the parser would otherwise hold every row read


def _ods_book(raw: bytes, name: str) -> list[_Sheet]:
    z = zipfile.ZipFile(io.BytesIO(raw))
    _check_zip(z, name)
    if "content.xml" not in z.namelist():
        raise _fail(name, "broken_workbook", "content.xml")
    names = [el.get(_T + "name", "") for el, _ in _ods_walk(z) if el.tag == _T + "table"]

    def reader(index: int) -> Callable[[int, _Sink, int], Rows]:
        def rows(width: int, sink: _Sink, until: int) -> Rows:
            row = 0
            for el, table in _ods_walk(z):
                if el.tag != _T + "table-row" or table != index:
                    if table > index:
                        return
                    continue
                if row >= until:
                    return
                repeat = min(int(el.get(_T + "number-rows-repeated", "1")), MAX_ROWS + 1)
                cells: dict[int, str] = {}
                last, col = 0, 0
                for c in el:
                    span = min(int(c.get(_T + "number-columns-repeated", "1")), 1 << 20)
                    if c.tag == _T + "table-cell" and (len(c) or c.get(_O + "value-type") or c.get(_T + "formula")):
                        try:
                            text = _check_text(_ods_cell(c, row + 1, col, sink), row + 1, col, sink)
                        except ValueError:
                            text = _ods_text(c)
                        if text.strip():
                            last = col + span
                            for i in range(col, min(col + span, width)):
                                cells[i] = text
                    col += span
                for _ in range(repeat if last else 0):
                    row += 1
                    yield _row_out(row, cells, width, last)
                row += 0 if last else repeat

        return rows

    return [_Sheet(n, reader(i)) for i, n in enumerate(names)]


def _xls_book(raw: bytes, name: str) -> list[_Sheet]:
    import xlrd

    try:
        # ragged rows: a row is only as long as its last cell, so a stray cell in column IV costs one row
        book = xlrd.open_workbook(
            file_contents=raw, formatting_info=True, on_demand=True, ragged_rows=True, logfile=io.StringIO()
        )
    except Exception as err:  # xlrd raises many types for a damaged or foreign OLE file
        raise _fail(name, "broken_workbook", str(err)[:120]) from err

    def fmt(xf: int) -> str:
        try:
            return str(book.format_map[book.xf_list[xf].format_key].format_str)
        except (IndexError, KeyError):
            return "General"

    def text_of(sheet: xlrd.sheet.Sheet, r: int, c: int) -> str:
        kind, value = sheet.cell_type(r, c), sheet.cell_value(r, c)
        if kind == xlrd.XL_CELL_NUMBER:
            return _number_text(value, "%" in fmt(sheet.cell_xf_index(r, c)))
        if kind == xlrd.XL_CELL_DATE:
            return _when_text(xlrd.xldate.xldate_as_datetime(value, book.datemode))
        if kind == xlrd.XL_CELL_BOOLEAN:
            return "true" if value else "false"
        if kind == xlrd.XL_CELL_ERROR:
            return str(xlrd.error_text_from_code.get(value, "#ERR"))
        return str(value)

    def reader(index: int) -> Callable[[int, _Sink, int], Rows]:
        def rows(width: int, sink: _Sink, until: int) -> Rows:
            sheet = book.sheet_by_index(index)
            for r in range(min(sheet.nrows, until)):
                cells: dict[int, str] = {}
                last = 0
                for c in range(sheet.row_len(r)):
                    if sheet.cell_type(r, c) in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    try:
                        text = _check_text(text_of(sheet, r, c), r + 1, c, sink)
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        text = str(sheet.cell_value(r, c))
                    if text.strip():
                        last = c + 1
                        if c < width:
                            cells[c] = text
                if last:
                    yield _row_out(r + 1, cells, width, last)

        return rows

    return [_Sheet(n, reader(i)) for i, n in enumerate(book.sheet_names())]


# ---------------------------------------------------------------------------------------------------------------
# Where the table is


def _score(cells: Sequence[str], wanted: set[str]) -> int:
    return len({c.strip().lower() for c in cells if c.strip()} & wanted)


def _best(candidates: Iterator[tuple[int, Sequence[str]]], wanted: set[str]) -> tuple[int, int]:
    """(matches, row) of the first row among `candidates` whose filled cells match most of `wanted`."""
    best = (0, 0)
    for row, cells in candidates:
        score = _score(cells, wanted)
        if score > best[0]:
            best = (score, row)
    return best


def _locate_book(sheets: list[_Sheet], columns: Sequence[str] | None) -> tuple[_Sheet, int]:
    if columns:
        wanted = {c.lower() for c in columns}
        found: tuple[int, int, int] = (0, 0, 0)
        for i, sheet in enumerate(sheets):
            head = ((r, cells) for r, cells, _ in sheet.rows(MAX_COLUMNS, _Sink(), HEADER_SEARCH_ROWS))
            score, row = _best(head, wanted)
            if score > found[0]:
                found = (score, i, row)
        if found[0]:
            return sheets[found[1]], found[2]
    return sheets[0], 1


def _csv_records(text: str, delim: str) -> Iterator[list[str]]:
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    except csv.Error:
        return


def _csv_locate(text: str, columns: Sequence[str] | None) -> tuple[str, int]:
    """(delimiter, header record number) for CSV text: the pair whose header best matches `columns`."""
    head = text[:65536]
    if columns:
        wanted = {c.lower() for c in columns}
        found = (0, ",", 1)
        for delim in ",;\t":
            records = enumerate(_csv_records(head, delim), start=1)
            score, row = _best(((n, r) for n, r in records if n <= HEADER_SEARCH_ROWS), wanted)
            if score > found[0]:
                found = (score, delim, row)
        if found[0]:
            return found[1], found[2]
    return _delimiter(head.splitlines()[:HEADER_SEARCH_ROWS]), 1


def locate(raw: bytes, name: str, columns: Sequence[str] | None = None) -> Located:
    """The sheet and header row of the table in `raw`: the row among each sheet's first 20 whose cells name most
    of `columns`; the first sheet's first row when none does (or without `columns`). Raises ValidationFailed for a
    file that cannot be read at all."""
    kind = _kind(raw, name)
    if kind == "csv":
        text, _ = _decode(raw)
        return Located(None, _csv_locate(_lines(text), columns)[1])
    sheet, row = _locate_book(_book(kind, raw, name), columns)
    return Located(sheet.name, row)


# ---------------------------------------------------------------------------------------------------------------
# CSV


def _decode(raw: bytes) -> tuple[str, bool]:
    """The text, and whether `raw` already was UTF-8 (so DuckDB can read the bytes as they are)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode Text": UTF-16 with a byte order mark
        try:
            return raw.decode("utf-16"), False
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), False
    except UnicodeDecodeError:
        return raw.decode("latin-1"), False


def _lines(text: str) -> str:
    # DuckDB's reader stops on mixed line endings, which hand-edited exports have
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _delimiter(lines: list[str]) -> str:
    """`,` `;` or tab, sniffed from the first lines that hold anything; else the one the header uses most."""
    filled = [line for line in lines if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(filled), delimiters=",;\t").delimiter
    except csv.Error:
        header = filled[0] if filled else ""
        return max(",;\t", key=header.count)


def _cells(line: str | None, delim: str) -> int:
    return len(next(csv.reader([(line or "").lstrip("\n")], delimiter=delim), []))


def _control_problems(text: str, delim: str, first_row: int, header: list[str], name: str) -> ValidationFailed:
    sink = _Sink()
    for n, record in enumerate(_csv_records(text, delim), start=1):
        for i, cell in enumerate(record):
            bad = _CONTROL.search(cell)
            if bad:
                sink.add(n, i, _shown(cell), "control_char", f"U+{ord(bad.group()):04X}")
    return _sink_failure(name, sink, header, first_row)


def _sink_failure(name: str, sink: _Sink, header: list[str], first_row: int = 1) -> ValidationFailed:
    named = [h.strip() for h in header]
    problems = [
        Problem(row, (named[col] or None) if row >= first_row and col < len(named) else None, value, code, detail)
        for row, col, value, code, detail in sink.found
    ]
    return ValidationFailed(name, problems or [Problem(None, None, None, "not_a_table", "")], sink.total)


def _stage_csv(con: duckdb.DuckDBPyConnection, raw: bytes, name: str, columns: Sequence[str] | None) -> list[str]:
    text, is_utf8 = _decode(raw)
    head = text[:4096]
    controls = len(_CONTROL.findall(head))
    if controls > max(4, len(head) // 50):
        raise _fail(name, "not_a_table", "binary")
    text = _lines(text)
    delim, header_row = _csv_locate(text, columns)
    reader = csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delim)
    header: list[str] = []
    try:
        for _ in range(header_row):
            header = next(reader, [])
    except csv.Error:
        header = []
    after_header = reader.line_num  # lines up to the header's end: a title or header cell may hold a line break
    if len(header) > MAX_COLUMNS:
        raise _fail(name, "too_wide", str(MAX_COLUMNS))
    if not any(h.strip() for h in header):
        raise _fail(name, "empty")
    if controls or _CONTROL.search(text):
        raise _control_problems(text, delim, header_row, header, name)
    del text
    # UTF-8 goes to DuckDB as it came (a 100 MB file is not copied through Python strings)
    data = (raw[3:] if raw[:3] == b"\xef\xbb\xbf" else raw) if is_utf8 else _decode(raw)[0].encode("utf-8")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    pos = 0
    for _ in range(after_header):
        pos = data.find(b"\n", pos) + 1 or len(data)
    data = data[pos:]
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    if lines > MAX_ROWS:
        raise _fail(name, "too_many_rows", str(MAX_ROWS))
    if lines * (len(header) + 1) > MAX_CELLS:
        raise _fail(name, "too_many_cells", str(MAX_CELLS))
    # one column more than the header: a row with a single extra cell (even an empty one: "…,dua,") fills it
    cols = {f"c{i}": "VARCHAR" for i in range(len(header) + 1)}
    trimmed = ", ".join(_trimmed(f"c{i}") for i in range(len(header)))
    fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="integritas-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # DuckDB's parallel reader cannot pad rows when a quoted cell holds a line break (Alt+Enter), and an error
        # inside a load's transaction would abort it: a line with an odd number of quotes opens such a cell
        quoted_break = b'"' in data and _ODD_QUOTES.search(data) is not None
        for parallel in ("false",) if quoted_break else ("true", "false"):
            try:
                # trimmed while read: the table keeps file order, so rowid still numbers the rows
                con.execute(
                    f"CREATE OR REPLACE TEMP TABLE raw_read AS SELECT {trimmed}, c{len(header)} IS NOT NULL AS _extra "
                    "FROM read_csv(?, delim = ?, quote = '\"', "
                    "escape = '\"', header = false, auto_detect = false, null_padding = true, "
                    f"parallel = {parallel}, store_rejects = true, rejects_table = 'csv_rejects', "
                    f"rejects_scan = 'csv_scans', nullstr = '\x01', columns = {cols})",
                    [tmp, delim],
                )
                break
            except duckdb.Error as err:
                # DuckDB's parallel reader cannot pad rows when a quoted cell holds a line break (Alt+Enter)
                if parallel == "true" and "quoted new lines" in str(err):
                    continue
                raise _fail(name, "not_a_table", str(err).splitlines()[0][:120]) from err
        rejects = con.execute(
            "SELECT line, error_type, error_message, csv_line FROM csv_rejects ORDER BY line LIMIT ?", [MAX_PROBLEMS]
        ).fetchall()
    finally:
        os.unlink(tmp)
    if rejects:
        named = len(header)
        while named and not header[named - 1].strip():
            named -= 1
        # DuckDB's `line` counts records (blank ones too) from the first after the header
        problems = [
            Problem(header_row + int(line), None, None, "cell_count", f"{_cells(text_line, delim)}/{named}")
            if kind in ("TOO MANY COLUMNS", "MISSING COLUMNS")
            else Problem(header_row + int(line), None, None, "csv_error", str(message)[:120])
            for line, kind, message, text_line in rejects
        ]
        total = con.execute("SELECT count(*) FROM csv_rejects").fetchall()[0][0]
        raise ValidationFailed(name, problems, total)
    _number_csv_rows(con, data, delim, header_row, len(header))
    _refuse_long_cells(con, data, header, name)
    return header


_ODD_QUOTES = re.compile(rb'^[^"\n]*(?:"[^"\n]*"[^"\n]*)*"[^"\n]*$', re.M)


def _blank_offsets(data: bytes) -> list[int]:
    """For each empty line of `data` (DuckDB skips them), how many non-empty lines come before it."""
    offsets: list[int] = []
    line = pos = 0
    for m in re.finditer(rb"(?<![^\n])\n", data):  # a line break at the start or right after another
        line += data.count(b"\n", pos, m.start())
        pos = m.start()
        offsets.append(line - len(offsets))
    return offsets


def _number_csv_rows(con: duckdb.DuckDBPyConnection, data: bytes, delim: str, header_row: int, width: int) -> None:
    """The view raw_cells: each row read with its spreadsheet row number (blank rows counted, as Excel shows them)."""
    # The table keeps file order, so a row's rowid counts the rows before it: from 0, or from a large offset when
    # staged inside a transaction (uncommitted rows), hence relative to the first.
    first, rows = con.execute("SELECT coalesce(min(rowid), 0), count(*) FROM raw_read").fetchall()[0]
    offsets = _blank_offsets(data)
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    if rows + len(offsets) != lines:
        # a quoted cell holds a line break (Alt+Enter): count records, not lines
        offsets, seen = [], 0
        for record in _csv_records(data.decode("utf-8"), delim):
            if not record:
                offsets.append(seen)
            else:
                seen += 1
    line = f"r.rowid - {first} + {header_row + 1}"
    if offsets:
        con.execute("CREATE OR REPLACE TEMP TABLE blank_lines (after_rows BIGINT)")
        con.executemany("INSERT INTO blank_lines VALUES (?)", [(o,) for o in offsets])
        line += f" + (SELECT count(*) FROM blank_lines AS b WHERE b.after_rows <= r.rowid - {first})"
    cells = ", ".join(f"c{i}" for i in range(width))
    con.execute(f"CREATE OR REPLACE TEMP VIEW raw_cells AS SELECT {line} AS _line, _extra, {cells} FROM raw_read AS r")


def _refuse_long_cells(con: duckdb.DuckDBPyConnection, data: bytes, header: list[str], name: str) -> None:
    if len(data) <= MAX_CELL_CHARS or not header:
        return
    found = " UNION ALL ".join(
        f"SELECT _line, {i} AS col, left(c{i}, 60) AS v FROM raw_cells WHERE length(c{i}) > {MAX_CELL_CHARS}"
        for i in range(len(header))
    )
    rows = con.execute(f"SELECT * FROM ({found}) ORDER BY _line, col LIMIT {MAX_PROBLEMS}").fetchall()
    if rows:
        sink = _Sink()
        for line, col, value in rows:
            sink.add(int(line), int(col), str(value) + "…", "cell_too_long", str(MAX_CELL_CHARS))
        raise _sink_failure(name, sink, header)


# ---------------------------------------------------------------------------------------------------------------
# Workbooks into DuckDB


def _kind(raw: bytes, name: str) -> str:
    if len(raw) == 0:
        raise _fail(name, "empty_file")
    if len(raw) > MAX_BYTES:
        raise _fail(name, "too_large", f"{MAX_BYTES // (1024 * 1024)} MB")
    if raw[:4] == b"%PDF":
        raise _fail(name, "not_a_table", "PDF")
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # the OLE container of old Excel (.xls)
        return "xls"
    if raw[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except Exception as err:  # zipfile raises several types for a damaged archive
            raise _fail(name, "broken_xlsx", "zip") from err
        if "content.xml" in names and "xl/workbook.xml" not in names:
            return "ods"
        return "xlsx"
    return "csv"


def _book(kind: str, raw: bytes, name: str) -> list[_Sheet]:
    try:
        if kind == "xls":
            return _xls_book(raw, name)
        if kind == "ods":
            return _ods_book(raw, name)
        return _xlsx_book(raw, name)
    except ValidationFailed:
        raise
    except Exception as err:  # a damaged workbook raises many types (zip, XML, index errors)
        code = "broken_xlsx" if kind == "xlsx" else "broken_workbook"
        raise _fail(name, code, str(err)[:120]) from err


def _stage_book(
    con: duckdb.DuckDBPyConnection, raw: bytes, kind: str, name: str, columns: Sequence[str] | None
) -> list[str]:
    sheets = _book(kind, raw, name)
    try:
        sheet, header_row = _locate_book(sheets, columns)
        rows = sheet.rows(MAX_COLUMNS + 1, _Sink(), header_row)
        header: list[str] = []
        for r, cells, last in rows:
            if r < header_row:
                continue
            if r == header_row:
                if last > MAX_COLUMNS:
                    raise _fail(name, "too_wide", str(MAX_COLUMNS))
                header = cells[:last]
            break
        if not any(h.strip() for h in header):
            raise _fail(name, "empty")
        width = len(header)
        sink = _Sink(header_row)
        body = sheet.rows(width, sink, 1 << 31)
        lines: list[int] = []
        extra: list[bool] = []
        columns_out: list[list[str]] = [[] for _ in range(width)]
        cells_read = 0
        for r, cells, last in body:
            if r <= header_row:
                continue
            lines.append(r)
            extra.append(last > width)
            for i in range(width):
                columns_out[i].append(cells[i])
            cells_read += width
            if len(lines) > MAX_ROWS:
                raise _fail(name, "too_many_rows", str(MAX_ROWS))
            if cells_read > MAX_CELLS:
                raise _fail(name, "too_many_cells", str(MAX_CELLS))
    except ValidationFailed:
        raise
    except Exception as err:  # damage found only while streaming the sheet
        code = "broken_xlsx" if kind == "xlsx" else "broken_workbook"
        raise _fail(name, code, str(err)[:120]) from err
    if sink.total:
        raise _sink_failure(name, sink, header, header_row)
    frame = pd.DataFrame({f"c{i}": columns_out[i] for i in range(width)}, dtype=object)
    frame.insert(0, "_extra", extra)
    frame.insert(0, "_line", lines)
    con.register("xlsx_rows", frame)
    trimmed = ", ".join(_trimmed(f"c{i}") for i in range(width))
    con.execute("DROP VIEW IF EXISTS raw_cells")
    con.execute(f"CREATE OR REPLACE TEMP TABLE raw_cells AS SELECT _line, _extra, {trimmed} FROM xlsx_rows")
    con.unregister("xlsx_rows")
    return header


def stage(con: duckdb.DuckDBPyConnection, raw: bytes, name: str, columns: Sequence[str] | None = None) -> Staged:
    """Read `raw` into the temp table `raw_cells` on `con`, or raise ValidationFailed with the reasons to show.

    `columns`, the dataset's column names, lets the header be found below title rows or on another sheet."""
    kind = _kind(raw, name)
    header = _stage_csv(con, raw, name, columns) if kind == "csv" else _stage_book(con, raw, kind, name, columns)
    header = [h.strip() for h in header]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1  # trailing empty header cells: columns nobody named
    named = tuple((header[i].lower(), f"c{i}") for i in range(width))
    return Staged("raw_cells", named, tuple(f"c{i}" for i in range(width, len(header))))


def read_table(raw: bytes, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Text cells of the table in `raw` (empty cells NA), for tests and tools that want a frame."""
    con = duckdb.connect()
    try:
        staged = stage(con, raw, name, columns)
        cols = ", ".join(f"{c} AS {ident(label or c)}" for label, c in staged.columns)
        nonempty = " OR ".join(f"{c} IS NOT NULL" for _, c in staged.columns) or "false"
        df = con.execute(f"SELECT {cols} FROM {staged.table} WHERE {nonempty} ORDER BY _line").df()
    finally:
        con.close()
    return df.astype(object).where(df.notna(), pd.NA)


def read_path(path: Path) -> pd.DataFrame:
    return read_table(path.read_bytes(), path.stem)
