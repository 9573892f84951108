"""Read what Indonesian offices produce (CSV in UTF-8, UTF-8 with BOM or Windows-1252; `,` `;` or tab; XLSX) into
a DuckDB table of trimmed text cells with their line numbers, refusing files that are not tables.

CSV goes straight through DuckDB's own reader (a million rows in well under a second); XLSX through openpyxl.
Both end in the same relation, `raw_cells` (`_line`, `_extra`, then one VARCHAR column per header cell), which
etl.validate checks in one SQL pass.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

import duckdb
import pandas as pd

from etl.sqlutil import ident
from etl.validate import MAX_PROBLEMS, Problem, Staged, ValidationFailed

MAX_BYTES = 200 * 1024 * 1024  # Streamlit's default upload limit
# Python's str.strip() whitespace that spreadsheets leave behind (incl. the no-break space)
_TRIM = " \t\r\n\x0b\x0c\u00a0"
_EDGE_SPACE = r"^[\s\x{a0}]|[\s\x{a0}]$"


def _trimmed(col: str) -> str:
    # trim() with a character set is slow; most cells need none, and the regex finds the few that do
    return (
        f"CASE WHEN {col} = '' THEN NULL WHEN regexp_matches({col}, '{_EDGE_SPACE}') "
        f"THEN nullif(trim({col}, '{_TRIM}'), '') ELSE {col} END AS {col}"
    )


def _decode(raw: bytes) -> tuple[str, bool]:
    """The text, and whether `raw` already was UTF-8 (so DuckDB can read the bytes as they are)."""
    try:
        return raw.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), False
    except UnicodeDecodeError:
        return raw.decode("latin-1"), False


def _delimiter(lines: list[str]) -> str:
    """`,` `;` or tab, sniffed from the first lines that hold anything; else the one the header uses most."""
    filled = [line for line in lines if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(filled), delimiters=",;\t").delimiter
    except csv.Error:
        header = filled[0] if filled else ""
        return max(",;\t", key=header.count)


def _cell_text(v: object) -> str:
    if hasattr(v, "date") and hasattr(v, "hour"):  # datetime from Excel: keep the date
        return str(v.date().isoformat())
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _rows_from_xlsx(raw: bytes, name: str) -> list[list[str]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged workbook
        raise ValidationFailed(name, [Problem(None, None, None, "broken_xlsx", str(err)[:120])]) from err
    sheet = wb.worksheets[0]
    rows = [["" if v is None else _cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)]
    wb.close()
    return rows


def _fail(name: str, code: str, detail: str = "") -> ValidationFailed:
    return ValidationFailed(name, [Problem(None, None, None, code, detail)])


def _blank_line_offsets(data: bytes) -> list[int]:
    """For each empty line inside the data (DuckDB skips them), how many data rows come before it."""
    starts = []
    for m in re.finditer(rb"\n(?=\r?\n)", data):
        starts.append(m.start() + 1)
    if not starts:
        return []
    offsets, line, pos = [], 1, 0
    for i, start in enumerate(starts):
        line += data.count(b"\n", pos, start)
        pos = start
        offsets.append(line - 2 - i)  # data rows before this blank line (header is line 1)
    return offsets


def _cells(line: str | None, delim: str) -> int:
    return len(next(csv.reader([line or ""], delimiter=delim), []))


def _stage_csv(con: duckdb.DuckDBPyConnection, raw: bytes, name: str) -> list[str]:
    if b"\x00" in raw[:4096]:
        raise _fail(name, "not_a_table", "binary")
    text, is_utf8 = _decode(raw)
    head_lines = text[:65536].splitlines()[:20]
    delim = _delimiter(head_lines)
    header = next(csv.reader(io.StringIO(head_lines[0] if head_lines else ""), delimiter=delim), [])
    if not any(h.strip() for h in header):
        raise _fail(name, "empty")
    data = raw if is_utf8 else text.encode("utf-8")
    if b"\r" in data:  # DuckDB's reader stops on mixed line endings, which hand-edited exports have
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    # one column more than the header: a row with a single extra cell (even an empty one: "…,dua,") fills it
    cols = {f"c{i}": "VARCHAR" for i in range(len(header) + 1)}
    fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="integritas-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            # trimmed while read: the table keeps file order, so rowid still numbers the rows
            trimmed = ", ".join(_trimmed(f"c{i}") for i in range(len(header)))
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE raw_read AS SELECT {trimmed}, c{len(header)} IS NOT NULL AS _extra "
                "FROM read_csv(?, delim = ?, quote = '\"', "
                "escape = '\"', header = false, skip = 1, auto_detect = false, null_padding = true, "
                f"store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_scans', nullstr = '\x01', "
                f"columns = {cols})",
                [tmp, delim],
            )
        except duckdb.Error as err:
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
        problems = [
            Problem(int(line), None, None, "cell_count", f"{_cells(text_line, delim)}/{named}")
            if kind in ("TOO MANY COLUMNS", "MISSING COLUMNS")
            else Problem(int(line), None, None, "csv_error", str(message)[:120])
            for line, kind, message, text_line in rejects
        ]
        total = con.execute("SELECT count(*) FROM csv_rejects").fetchall()[0][0]
        raise ValidationFailed(name, problems, total)
    # The table keeps file order, so a row's rowid counts the rows before it: from 0, or from a large offset when
    # staged inside a transaction (uncommitted rows), hence relative to the first. DuckDB skips empty lines; put
    # their line numbers back.
    first = con.execute("SELECT min(rowid) FROM raw_read").fetchall()[0][0] or 0
    line = f"r.rowid - {first} + 2"
    offsets = _blank_line_offsets(data)
    if offsets:
        con.execute("CREATE OR REPLACE TEMP TABLE blank_lines (after_rows BIGINT)")
        con.executemany("INSERT INTO blank_lines VALUES (?)", [(o,) for o in offsets])
        line += f" + (SELECT count(*) FROM blank_lines AS b WHERE b.after_rows <= r.rowid - {first})"
    cells = ", ".join(f"c{i}" for i in range(len(header)))
    con.execute(f"CREATE OR REPLACE TEMP VIEW raw_cells AS SELECT {line} AS _line, _extra, {cells} FROM raw_read AS r")
    return header


def _stage_rows(con: duckdb.DuckDBPyConnection, rows: list[list[str]], name: str) -> list[str]:
    while rows and not any(str(c).strip() for c in rows[-1]):
        rows.pop()
    if not rows or not any(str(c).strip() for c in rows[0]):
        raise _fail(name, "empty")
    header = [str(c) for c in rows[0]]
    width = max(len(r) for r in rows)
    header += [""] * (width - len(header))
    frame = pd.DataFrame(
        {f"c{i}": [(str(r[i]) if i < len(r) else "") for r in rows[1:]] for i in range(width)}, dtype=object
    )
    frame.insert(0, "_line", range(2, len(rows) + 1))
    con.register("xlsx_rows", frame)
    trimmed = ", ".join(_trimmed(f"c{i}") for i in range(width))
    con.execute("DROP VIEW IF EXISTS raw_cells")
    con.execute(f"CREATE TEMP TABLE raw_cells AS SELECT _line, false AS _extra, {trimmed} FROM xlsx_rows")
    con.unregister("xlsx_rows")
    return header


def stage(con: duckdb.DuckDBPyConnection, raw: bytes, name: str) -> Staged:
    """Read `raw` into the temp table `raw_cells` on `con`, or raise ValidationFailed with the reasons to show."""
    if len(raw) == 0:
        raise _fail(name, "empty_file")
    if len(raw) > MAX_BYTES:
        raise _fail(name, "too_large", f"{MAX_BYTES // (1024 * 1024)} MB")
    if raw[:4] == b"%PDF":
        raise _fail(name, "not_a_table", "PDF")
    if raw[:4] == b"PK\x03\x04":
        if not zipfile.is_zipfile(io.BytesIO(raw)):
            raise _fail(name, "broken_xlsx", "zip")
        header = _stage_rows(con, _rows_from_xlsx(raw, name), name)
    else:
        header = _stage_csv(con, raw, name)
    header = [h.strip() for h in header]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1  # trailing empty header cells: columns nobody named
    named = tuple((header[i].lower(), f"c{i}") for i in range(width))
    return Staged("raw_cells", named, tuple(f"c{i}" for i in range(width, len(header))))


def read_table(raw: bytes, name: str) -> pd.DataFrame:
    """Text cells of the first table in `raw` (empty cells NA), for tests and tools that want a frame."""
    con = duckdb.connect()
    try:
        staged = stage(con, raw, name)
        cols = ", ".join(f"{c} AS {ident(label or c)}" for label, c in staged.columns)
        nonempty = " OR ".join(f"{c} IS NOT NULL" for _, c in staged.columns) or "false"
        df = con.execute(f"SELECT {cols} FROM {staged.table} WHERE {nonempty} ORDER BY _line").df()
    finally:
        con.close()
    return df.astype(object).where(df.notna(), pd.NA)


def read_path(path: Path) -> pd.DataFrame:
    return read_table(path.read_bytes(), path.stem)
