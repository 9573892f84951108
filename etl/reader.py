"""Read what Indonesian offices produce (CSV in UTF-8, UTF-8 with BOM or Windows-1252; `,` `;` or tab; XLSX) into
text cells, refusing files that are not tables and cells that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from etl.validate import Problem, ValidationFailed

MAX_BYTES = 200 * 1024 * 1024  # Streamlit's default upload limit
_FORMULA = re.compile(r"^[=+\-@].")  # a lone "=" (a comparator) is not a formula
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)*$")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _rows_from_xlsx(raw: bytes, name: str) -> list[list[str]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged workbook
        raise ValidationFailed(name, [Problem(None, None, None, "broken_xlsx", str(err)[:120])]) from err
    sheet = wb.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else _cell_text(v) for v in values])
    wb.close()
    return rows


def _cell_text(v: object) -> str:
    if hasattr(v, "date") and hasattr(v, "hour"):  # datetime from Excel: keep the date
        return v.date().isoformat()  # type: ignore[union-attr]
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_table(raw: bytes, name: str) -> pd.DataFrame:
    """Text cells of the first table in `raw` (empty cells NA). Raises ValidationFailed with a reason to show."""
    if len(raw) == 0:
        raise ValidationFailed(name, [Problem(None, None, None, "empty_file")])
    if len(raw) > MAX_BYTES:
        raise ValidationFailed(name, [Problem(None, None, None, "too_large", f"{MAX_BYTES // (1024 * 1024)} MB")])
    if raw[:4] == b"%PDF":
        raise ValidationFailed(name, [Problem(None, None, None, "not_a_table", "PDF")])
    if raw[:4] == b"PK\x03\x04":
        if not zipfile.is_zipfile(io.BytesIO(raw)):
            raise ValidationFailed(name, [Problem(None, None, None, "broken_xlsx", "zip")])
        rows = _rows_from_xlsx(raw, name)
    else:
        if b"\x00" in raw[:4096]:
            raise ValidationFailed(name, [Problem(None, None, None, "not_a_table", "binary")])
        text = _decode(raw)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    return _to_frame(rows, name)


def _to_frame(rows: list[list[str]], name: str) -> pd.DataFrame:
    rows = [[c.strip() for c in r] for r in rows]
    while rows and not any(rows[-1]):
        rows.pop()  # trailing empty rows
    if not rows or not any(rows[0]):
        raise ValidationFailed(name, [Problem(None, None, None, "empty")])
    header = rows[0]
    raw_width = len(header)
    while header and not header[-1]:
        header = header[:-1]  # trailing empty columns
    width = len(header)
    problems: list[Problem] = []
    body = []
    for line, r in enumerate(rows[1:], start=2):
        if not any(r):
            continue
        # more cells than the header line had (even empty ones) means a stray delimiter shifted the row
        if any(r[width:]) or len(r) > raw_width:
            problems.append(Problem(line, None, None, "cell_count", f"{len(r)}/{width}"))
        cells = (r + [""] * width)[:width]
        for col, cell in zip(header, cells, strict=True):
            if _FORMULA.match(cell) and not _NUMBER.match(cell):
                problems.append(Problem(line, col, cell, "formula"))
            elif _MARKUP.search(cell):
                problems.append(Problem(line, col, cell, "markup"))
        body.append(cells)
    if problems:
        raise ValidationFailed(name, problems)
    df = pd.DataFrame(body, columns=[h.lower() for h in header], dtype=object)
    return df.replace({"": pd.NA})


def read_path(path: Path) -> pd.DataFrame:
    return read_table(path.read_bytes(), path.stem)
