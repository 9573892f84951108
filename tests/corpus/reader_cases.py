"""Upload corpus cases for the file reader (etl/reader.py), in make_corpus.corpus()'s format, built in code.

Synthetic rows only (years 2030+, citing existing sources), like make_corpus. Also the file makers the reader's
unit tests use: hand-made XLSX and ODS parts, and XLS written with xlwt.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

import openpyxl

from tests.corpus.make_corpus import ROW, C, K, Z

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx_parts(sheets: dict[str, str], compresslevel: int = 6) -> bytes:
    """A minimal XLSX whose sheets hold the given <sheetData> inner XML (rows written by hand)."""
    names = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(sheets, start=1))
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_DOC}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>{names}</sheets></workbook>')
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for i, data in enumerate(sheets.values(), start=1):
            sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{data}</sheetData></worksheet>'
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheet)
    return out.getvalue()


def inline_row(row: int, cells: Sequence[str | None]) -> str:
    """<row> XML of inline strings (None: no cell)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = "".join(
        f'<c r="{letters[i]}{row}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
        for i, v in enumerate(cells)
        if v is not None
    )
    return f'<row r="{row}">{out}</row>'


def ods(sheets: dict[str, list[str]]) -> bytes:
    """An ODS spreadsheet whose tables hold the given <table:table-row> XML."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    tables = "".join(f'<table:table table:name="{n}">{"".join(rows)}</table:table>' for n, rows in sheets.items())
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        # the mimetype comes first and stored, as the ODF standard asks
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ods_text_row(cells: Sequence[str]) -> str:
    return "<table:table-row>" + "".join(ods_cell(c) for c in cells) + "</table:table-row>"


def ods_cell(text: str, kind: str = "string", value: str | None = None, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if not text and value is None:
        return f"<table:table-cell{rep}/>"
    attr = {
        "string": ' office:value-type="string"',
        "date": f' office:value-type="date" office:date-value="{value}"',
    }.get(kind, f' office:value-type="{kind}" office:value="{value}"')
    return f"<table:table-cell{attr}{rep}><text:p>{escape(text)}</text:p></table:table-cell>"


def xls(rows: list[list[object]], formats: dict[int, str] | None = None, sheet: str = "data") -> bytes:
    """An .xls (BIFF8) written by xlwt; `formats` gives a column's number format, e.g. {2: "0.00%"}."""
    import xlwt

    book = xlwt.Workbook()
    ws = book.add_sheet(sheet)
    styles = {c: xlwt.easyxf(num_format_str=f) for c, f in (formats or {}).items()}
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v, styles[c]) if c in styles and r else ws.write(r, c, v)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_COMPLIANCE = ["53.71", 2030, 0.9050, "hijau", "A", None, "opini", "confirmed", "src-c36", None, "uji", None]


def _percent_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(C.split(","))
    ws.append(_COMPLIANCE)
    ws["C2"].number_format = "0.00%"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _formula_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(C.split(","))
    ws.append([*_COMPLIANCE[:2], "=80+10.5", *_COMPLIANCE[3:]])  # openpyxl stores the formula, never its result
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _title_rows_second_sheet_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = "catatan"
    wb.active.append(["Lembar ini hanya catatan"])
    ws = wb.create_sheet("data")
    ws.append(["Laporan kepatuhan 2030"])
    ws.append([])
    ws.append(C.split(","))
    ws.append(["53.71", 2030, 90.5, *_COMPLIANCE[3:]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _zi_date_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(Z.split(","))
    ws.append(["zi-uji-9", "kppn-kupang", "other", None, dt.datetime(2030, 2, 6), "day", "confirmed", "src-s1"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _ods_percent() -> bytes:
    header = ods_text_row(C.split(","))
    cells = [ods_cell("53.71"), ods_cell("2030", "float", "2030"), ods_cell("90,50%", "percentage", "0.905")]
    rest = [ods_cell(v or "") for v in ROW.split(",")[3:]]
    return ods({"data": [header, "<table:table-row>" + "".join(cells + rest) + "</table:table-row>"]})


def _xls_percent() -> bytes:
    return xls([C.split(","), _COMPLIANCE], {2: "0.00%"})


def cases() -> dict[str, tuple[str, bytes, dict]]:
    """name -> (dataset, content, expected) where expected is {"accept": n_new} or {"refuse": [codes]}; a cell
    shown as 40,02% is a score of 40,02 whichever program wrote it."""
    ok = f"{C}\n{ROW}\n"
    # a cell holding 0,905 formatted as a percentage shows 90,50%: the score is 90,50
    percent = {"accept": 1, "stored": ["compliance", "region_kode = '53.71' AND year = 2030", {"score": "90.50"}]}
    typed = {"accept": 1, "stored": ["compliance", "region_kode = '53.71' AND year = 2030", {"score": "40.02"}]}
    located = {"accept": 1}  # the header is found below title rows and on another sheet
    return {
        "reader_percent_score.xlsx": ("compliance", _percent_xlsx(), percent),
        "reader_percent_score.ods": ("compliance", _ods_percent(), percent),
        "reader_percent_score.xls": ("compliance", _xls_percent(), percent),
        "reader_percent_score_comma.csv": (
            "compliance",
            (C + "\n" + ROW.replace("90.5", '"40,02%"') + "\n").encode(),
            typed,
        ),
        "reader_date_cell.xlsx": ("zi_events", _zi_date_xlsx(), {"accept": 1}),
        "reader_formula_without_result.xlsx": ("compliance", _formula_xlsx(), {"refuse": ["formula_no_value"]}),
        "reader_unicode_text_utf16_tab.txt": (
            "compliance",
            ok.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"),
            {"accept": 1},
        ),
        "reader_line_break_in_cell.csv": (
            "compliance",
            (C + "\n" + ROW.replace(",uji,", ',"uji\nbaris dua",') + "\n").encode(),
            {"accept": 1},
        ),
        "reader_title_rows.csv": ("compliance", f"Laporan kepatuhan 2030\n\n{ok}".encode(), located),
        "reader_title_rows_second_sheet.xlsx": ("compliance", _title_rows_second_sheet_xlsx(), located),
        "reader_nul_in_cell.csv": (
            "compliance",
            (C + "\n" + ROW.replace(",uji,", ",u\x00ji,") + "\n").encode(),
            {"refuse": ["control_char"]},
        ),
        "reader_empty_header_cells.csv": ("compliance", ("," * 50_000 + "\n").encode(), {"refuse": ["too_wide"]}),
        "reader_wide_xlsx.xlsx": (
            "complaints",
            xlsx_parts(
                {
                    "data": inline_row(1, K.split(","))
                    + "".join(
                        f'<row r="{i}"><c r="XFD{i}" t="inlineStr"><is><t>x</t></is></c></row>' for i in range(2, 99)
                    )
                }
            ),
            {"refuse": ["cell_count", "required"]},
        ),
        "reader_whitespace_xlsx.xlsx": (
            "compliance",
            xlsx_parts({"data": inline_row(1, C.split(",")) + " " * 20_000_000}, compresslevel=9),
            {"refuse": ["zip_bomb"]},
        ),
    }
