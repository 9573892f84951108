"""The file reader as an office worker meets it: cells read as the spreadsheet shows them, problems named by the
row and column the person sees, and hostile files refused quickly in little memory."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from etl import reader
from etl.datasets import DATASETS
from etl.reader import LIMITS, Located, locate, read_table, stage
from etl.validate import Problem, ValidationFailed, check
from tests.conftest import REPO
from tests.corpus import reader_cases
from tests.corpus.make_corpus import ROW, C
from tests.corpus.reader_cases import inline_row, ods, ods_cell, ods_text_row, xls, xlsx_parts

COMPLIANCE = DATASETS["compliance"]
KNOWN = {"regions": {("53.71",)}, "methods": {("opini",)}, "sources": {("src-c36",)}}


def _xlsx(rows: list[list[object]], formats: dict[str, str] | None = None) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    for ref, fmt in (formats or {}).items():
        wb.active[ref].number_format = fmt
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _refused(raw: bytes, columns: list[str] | None = None) -> list[Problem]:
    with pytest.raises(ValidationFailed) as err:
        read_table(raw, "uji", columns)
    return err.value.problems


def _checked(raw: bytes, columns: list[str] | None = None) -> list[tuple[int | None, str | None, str]]:
    """(row, column, code) of each problem the reader and validator find in a compliance file."""
    con = duckdb.connect()
    try:
        staged = stage(con, raw, "uji", columns)
        check(con, staged, COMPLIANCE, KNOWN)
    except ValidationFailed as err:
        return [(p.row, p.column, p.code) for p in err.problems]
    finally:
        con.close()
    return []


# -- numbers, percentages, dates as shown -------------------------------------------------------------------------


def test_xlsx_numbers_read_as_the_decimals_excel_shows() -> None:
    raw = _xlsx(
        [
            ["a", "b", "c", "d", "e", "f"],
            [0.4002, 40.02, 1106.0, 0.1 + 0.2, 1e20, 0.0000001],
            [1.0, 0.5, None, None, None, None],
        ],
        {"A2": "0.00%", "A3": "0%", "B3": "0.0%"},
    )
    df = read_table(raw, "angka")
    assert list(df.iloc[0]) == ["40.02%", "40.02", "1106", "0.3", "100000000000000000000", "0.0000001"]
    assert list(df.iloc[1, :2]) == ["100%", "50%"]


def test_xlsx_dates_booleans_and_times() -> None:
    raw = _xlsx(
        [
            ["tanggal", "waktu", "benar", "salah"],
            [dt.datetime(2026, 2, 6), dt.datetime(2026, 2, 6, 10, 30), True, False],
        ]
    )
    assert list(read_table(raw, "t").iloc[0]) == ["2026-02-06", "2026-02-06T10:30:00", "true", "false"]


def test_formula_without_a_stored_result_is_refused_naming_the_cell() -> None:
    raw = _xlsx([["id", "note"], ["a", "=1+1"], ["b", "teks"]])
    [p] = _refused(raw)
    assert (p.row, p.column, p.value, p.code) == (2, "note", "=1+1", "formula_no_value")
    assert "simpan ulang berkas di Excel agar hasil rumus tersimpan" in p.message("id")
    assert "save the file again in Excel" in p.message("en")


def test_formula_with_a_stored_result_is_read_as_its_result() -> None:
    row = (
        '<row r="2"><c r="A2"><f>SUM(B2:C2)</f><v>40.020000000000003</v></c>'
        '<c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>'
    )
    raw = xlsx_parts({"data": inline_row(1, ["jumlah", "teks"]) + row})
    assert list(read_table(raw, "f").iloc[0]) == ["40.02", "ab"]


def test_shared_formula_without_results_names_each_cell_with_its_formula() -> None:
    rows = (
        '<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">B2*2</f></c><c r="B2"><v>1</v></c></row>'
        '<row r="3"><c r="A3"><f t="shared" si="0"/></c><c r="B3"><v>2</v></c></row>'
    )
    raw = xlsx_parts({"data": inline_row(1, ["dua_kali", "angka"]) + rows})
    assert [(p.row, p.column, p.value) for p in _refused(raw)] == [(2, "dua_kali", "=B2*2"), (3, "dua_kali", "=B3*2")]


# -- more formats ----------------------------------------------------------------------------------------------------


def test_ods_cells_read_as_shown() -> None:
    row = "".join(
        [
            ods_cell("40,02%", "percentage", "0.4002"),
            ods_cell("1.106", "float", "1106"),
            ods_cell("06/02/26", "date", "2026-02-06"),
            ods_cell("06/02/26 10:30", "date", "2026-02-06T10:30:00"),
            '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>BENAR</text:p>'
            "</table:table-cell>",
            ods_cell("uji", repeat=2),
        ]
    )
    header = ods_text_row(["p", "n", "d", "t", "b", "s1", "s2"])
    raw = ods({"data": [header, f"<table:table-row>{row}</table:table-row>"]})
    assert list(read_table(raw, "o").iloc[0]) == [
        "40.02%",
        "1106",
        "2026-02-06",
        "2026-02-06T10:30:00",
        "true",
        "uji",
        "uji",
    ]


def test_ods_repeated_empty_rows_keep_the_row_numbers() -> None:
    header = ods_text_row(C.split(","))
    gap = '<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>'
    bad = ods_text_row(ROW.replace("90.5", "120").split(","))
    raw = ods({"data": [header, gap, bad]})
    assert _checked(raw) == [(5, "score", "range")]


def test_xls_numbers_percentages_and_dates() -> None:
    import xlwt

    book = xlwt.Workbook()
    ws = book.add_sheet("data")
    for c, h in enumerate(["persen", "angka", "tanggal", "teks"]):
        ws.write(0, c, h)
    ws.write(1, 0, 0.4002, xlwt.easyxf(num_format_str="0.00%"))
    ws.write(1, 1, 40.02)
    ws.write(1, 2, dt.date(2026, 2, 6), xlwt.easyxf(num_format_str="dd/mm/yyyy"))
    ws.write(1, 3, "uji")
    out = io.BytesIO()
    book.save(out)
    assert list(read_table(out.getvalue(), "x").iloc[0]) == ["40.02%", "40.02", "2026-02-06", "uji"]


def test_xls_title_rows_and_row_numbers() -> None:
    raw = xls([["Laporan 2030"], [], C.split(","), ROW.replace("90.5", "120").split(",")])
    assert locate(raw, "x", COMPLIANCE.columns) == Located("data", 3)
    assert _checked(raw, COMPLIANCE.columns) == [(4, "score", "range")]


def test_excel_unicode_text_reads_like_a_tab_csv() -> None:
    raw = f"{C}\r\n{ROW}\r\n".replace(",", "\t").encode("utf-16")
    assert raw[:2] == b"\xff\xfe"
    df = read_table(raw, "unicode")
    assert list(df.columns) == C.split(",") and df.loc[0, "score"] == "90.5" and df.loc[0, "region_kode"] == "53.71"


# -- row numbers after a line break inside a cell ---------------------------------------------------------------------


@pytest.mark.parametrize("inside", ["baris satu\nbaris dua", "sebelum\n\nsesudah", "\n"])
def test_a_problem_after_a_multiline_cell_names_the_spreadsheet_row(inside: str) -> None:
    rows = [
        ROW.replace(",uji,", f',"{inside}",'),
        "",
        ROW.replace("2030", "2031"),
        ROW.replace("2030", "2032").replace("90.5", "120"),
    ]
    raw = (C + "\n" + "\n".join(rows) + "\n").encode()
    # header row 1; the multi-line cell is row 2; an empty row 3; row 5 holds the bad score
    assert _checked(raw) == [(5, "score", "range")]
    note = read_table(raw, "uji").loc[0, "note"]
    assert note == inside if inside.strip() else pd.isna(note)


def test_stray_cell_after_a_multiline_cell_names_the_spreadsheet_row() -> None:
    multiline = ROW.replace(",uji,", ',"a\nb",')
    raw = f"{C}\n{multiline}\n\n{ROW},x,y\n".encode()
    assert [(r, code) for r, _, code in _checked(raw)] == [(4, "cell_count")]


# -- where the table is ----------------------------------------------------------------------------------------------


def test_title_rows_and_a_second_sheet_are_found_with_their_row_numbers() -> None:
    raw = reader_cases.cases()["reader_title_rows_second_sheet.xlsx"][1]
    assert locate(raw, "x", COMPLIANCE.columns) == Located("data", 3)
    df = read_table(raw, "x", COMPLIANCE.columns)
    assert df.loc[0, "region_kode"] == "53.71" and df.loc[0, "score"] == "90.5"
    bad = openpyxl.load_workbook(io.BytesIO(raw))
    bad["data"]["C4"] = 120
    out = io.BytesIO()
    bad.save(out)
    assert _checked(out.getvalue(), COMPLIANCE.columns) == [(4, "score", "range")]


def test_csv_title_rows_are_skipped_and_rows_keep_their_numbers() -> None:
    raw = f"Laporan kepatuhan;;\nTriwulan I\n\n{C}\n{ROW}\n{ROW.replace('2030', '2031').replace('90.5', '120')}\n"
    assert locate(raw.encode(), "x", COMPLIANCE.columns) == Located(None, 4)
    assert _checked(raw.encode(), COMPLIANCE.columns) == [(6, "score", "range")]
    semicolons = raw.replace(",", ";").replace("90.5", "90,5")
    assert _checked(semicolons.encode(), COMPLIANCE.columns) == [(6, "score", "range")]


def test_without_a_matching_header_the_first_row_is_the_header() -> None:
    raw = _xlsx([["Judul"], C.split(",")])
    assert locate(raw, "x", ["tidak", "ada"]) == Located("Sheet", 1)
    assert locate(raw, "x") == Located("Sheet", 1)
    assert ("score" in {c for _, c, _ in _checked(raw)}) and _checked(raw)[0][2] == "missing_column"


# -- control characters ----------------------------------------------------------------------------------------------


def test_one_nul_in_a_csv_cell_is_named_not_called_binary() -> None:
    raw = f"{C}\n{ROW}\n{ROW.replace(',uji,', ',u' + chr(0) + 'ji,')}\n".encode()
    [p] = _refused(raw)
    assert (p.row, p.column, p.code, p.detail) == (3, "note", "control_char", "U+0000")
    assert p.value == "u\ufffdji"
    assert "karakter kontrol" in p.message("id") and "U+0000" in p.message("id")
    assert "control character" in p.message("en")


def test_a_control_character_in_an_xlsx_cell_is_named() -> None:
    raw = xlsx_parts({"data": inline_row(1, ["id", "note"]) + inline_row(2, ["a", "bel_x0007_"])})
    [p] = _refused(raw)
    assert (p.row, p.column, p.code, p.detail) == (2, "note", "control_char", "U+0007")


def test_binary_files_are_still_not_tables() -> None:
    assert [p.code for p in _refused(bytes(range(256)) * 20)] == ["not_a_table"]


# -- bounded reading -------------------------------------------------------------------------------------------------


def test_limits_are_named_for_the_column_guide() -> None:
    assert LIMITS["columns"] >= max(len(d.columns) for d in DATASETS.values())
    assert LIMITS["rows"] >= 800_000 and LIMITS["cell_chars"] == 32_767
    assert {"cells", "unzipped_mb", "zip_ratio"} <= set(LIMITS)


def test_a_cell_longer_than_excel_allows_is_refused() -> None:
    long = "x" * (LIMITS["cell_chars"] + 1)
    [p] = _refused(f"id,note\na,{long}\n".encode())
    assert (p.row, p.column, p.code, p.detail) == (2, "note", "cell_too_long", "32767")
    [p] = _refused(xlsx_parts({"data": inline_row(1, ["id", "note"]) + inline_row(2, ["a", long])}))
    assert (p.row, p.column, p.code) == (2, "note", "cell_too_long")


def test_too_many_rows_and_cells_name_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    many = f"{C}\n" + "\n".join([ROW] * 4) + "\n"
    [p] = _refused(many.encode())
    assert (p.code, p.detail) == ("too_many_rows", "3")
    assert "3" in p.message("id") and "3" in p.message("en")
    [p] = _refused(_xlsx([C.split(",")] + [ROW.split(",")] * 4))
    assert (p.code, p.detail) == ("too_many_rows", "3")
    monkeypatch.setattr(reader, "MAX_ROWS", 100)
    monkeypatch.setattr(reader, "MAX_CELLS", 20)
    assert [p.code for p in _refused(many.encode())] == ["too_many_cells"]


def test_a_header_wider_than_the_limit_is_refused() -> None:
    assert [(p.code, p.detail) for p in _refused(("a," * 150 + "b\n1\n").encode())] == [("too_wide", "100")]
    assert [p.code for p in _refused(_xlsx([[f"k{i}" for i in range(150)], [1]]))] == ["too_wide"]


def test_a_zip_declaring_a_huge_part_is_refused_before_reading() -> None:
    raw = xlsx_parts({"data": inline_row(1, ["id"]) + " " * 30_000_000}, compresslevel=9)
    [p] = _refused(raw)
    assert (p.code, p.detail) == ("zip_bomb", "1:200")
    assert "1:200" in p.message("id")


def _wide_xlsx() -> bytes:
    rows = "".join(f'<row r="{i}"><c r="XFD{i}" t="inlineStr"><is><t>x</t></is></c></row>' for i in range(2, 100_000))
    return xlsx_parts({"data": inline_row(1, ["id", "note"]) + rows}, compresslevel=9)


def _deep_xlsx() -> bytes:
    rows = "".join(f'<row r="{i}" ht="20" customHeight="1"><c r="A{i}" s="0"/></row>' for i in range(2, 1_000_001))
    return xlsx_parts({"data": inline_row(1, ["id", "note"]) + rows}, compresslevel=9)


def _whitespace_xlsx() -> bytes:
    return xlsx_parts({"data": inline_row(1, ["id", "note"]) + " " * 500_000_000}, compresslevel=9)


def _empty_header_csv() -> bytes:
    return ("," * 50_000 + "\n" + "," * 50_000 + "\n").encode()


CHILD = """
import re, resource, sys
import duckdb
from etl.reader import stage
from etl.validate import ValidationFailed
raw = open(sys.argv[1], "rb").read()
usage = resource.getrusage(resource.RUSAGE_SELF)
before = usage.ru_utime + usage.ru_stime
con = duckdb.connect()
try:
    staged = stage(con, raw, "bom")
    rows, extra = con.execute("SELECT count(*), count(*) FILTER (_extra) FROM raw_cells").fetchall()[0]
    out = f"rows={rows},extra={extra}"
except ValidationFailed as err:
    out = ",".join(sorted({p.code for p in err.problems}))
usage = resource.getrusage(resource.RUSAGE_SELF)  # CPU seconds: a busy machine does not make them longer
seconds = usage.ru_utime + usage.ru_stime - before
# VmHWM is this process image's own peak; ru_maxrss would also count the test process it was started from
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024
print(out, seconds, peak)
"""


def _measure(raw: bytes, tmp_path: Path) -> tuple[str, float, float]:
    """(outcome, CPU seconds, peak MB) of staging `raw` in a fresh child process."""
    path = tmp_path / "bom.bin"
    path.write_bytes(raw)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    outcome, seconds, peak = done.stdout.split()
    return outcome, float(seconds), float(peak)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "outcome"),
    [
        # read only as wide as the header: each far cell only flags its row (the validator says cell_count)
        (_wide_xlsx, "rows=99998,extra=99998"),
        (_deep_xlsx, "rows=0,extra=0"),  # no data rows: the validator says the file is empty
        (_whitespace_xlsx, "zip_bomb"),
        (_empty_header_csv, "too_wide"),
    ],
)
def test_bombs_are_refused_quickly_in_little_memory(make: Callable[[], bytes], outcome: str, tmp_path: Path) -> None:
    raw = make()
    assert len(raw) < 6_000_000
    got, seconds, peak_mb = _measure(raw, tmp_path)
    assert got == outcome
    assert seconds < 8, seconds
    assert peak_mb < 400, peak_mb


def test_a_large_ordinary_csv_is_still_read_whole() -> None:
    rows = "\n".join(f"{i},{i % 7}" for i in range(200_000))
    df = read_table(f"id,n\n{rows}\n".encode(), "besar")
    assert len(df) == 200_000 and df.iloc[-1].tolist() == ["199999", "2"]


def test_reader_cases_are_well_formed() -> None:
    cases = reader_cases.cases()
    assert len(cases) >= 12
    for dataset, raw, outcome in cases.values():
        assert dataset in DATASETS and raw and ("accept" in outcome or "refuse" in outcome)
