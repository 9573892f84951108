"""Writes the upload test corpus (tests/corpus/files/*) and its expected outcomes (expected.json).

Every row here is synthetic test data (made-up years 2030+ citing an existing source); it never reaches data/.
Run `python -m tests.corpus.make_corpus` after changing it, and commit the files.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
FILES = HERE / "files"
C = "region_kode,year,score,zone,category,opini,method,status,source_id,source_id_2,note,refs"
ROW = "53.71,2030,90.5,hijau,A,,opini,confirmed,src-c36,,uji,"
Z = "id,agency_id,event,menuju,date,date_precision,status,source_id,source_id_2,note,refs"
K = (
    "id,period_start,period_end,scope,dimension,dimension_value,metric,comparator,value,status,source_id,"
    "source_id_2,note,refs"
)


def _row(**changes: str) -> str:
    cells = dict(zip(C.split(","), ROW.split(","), strict=True)) | changes
    return ",".join(cells.values())


def corpus() -> dict[str, tuple[str, bytes, dict]]:
    """name -> (dataset, content, expected) where expected is {"accept": n_new} or {"refuse": [codes]}."""
    xlsx = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(C.split(","))
    wb.active.append(["53.71", 2030, 90.5, "hijau", "A", None, "opini", "confirmed", "src-c36", None, "uji", None])
    wb.save(xlsx)
    ok = f"{C}\n{ROW}\n"
    return {
        "ok_utf8.csv": ("compliance", ok.encode(), {"accept": 1}),
        "ok_utf8_bom.csv": ("compliance", ok.encode("utf-8-sig"), {"accept": 1}),
        "ok_windows1252.csv": ("compliance", f"{C}\n{_row(note='catatan café')}\n".encode("cp1252"), {"accept": 1}),
        "ok_semicolon_decimal_comma.csv": (
            "compliance",
            (C.replace(",", ";") + "\n" + ROW.replace(",", ";").replace("90.5", "90,5") + "\n").encode(),
            {"accept": 1},
        ),
        "ok_tab.csv": (
            "compliance",
            (C.replace(",", "\t") + "\n" + ROW.replace(",", "\t") + "\n").encode(),
            {"accept": 1},
        ),
        "ok_trailing_empty_rows_and_columns.csv": (
            "compliance",
            f"{C},,\n{ROW},,\n,,,,,,,,,,,,,\n\n".encode(),
            {"accept": 1},
        ),
        "ok_region_names.csv": (
            "compliance",
            (
                f"{C}\n{_row(region_kode='Kota Kupang')}\n"
                f"{_row(region_kode='Kab. Kupang', score='', zone='kuning', category='')}\n"
            ).encode(),
            {"accept": 2},
        ),
        "ok.xlsx": ("compliance", xlsx.getvalue(), {"accept": 1}),
        "ok_date_dayfirst.csv": (
            "zi_events",
            f"{Z}\nzi-uji-1,kppn-kupang,other,,06/02/2030,day,confirmed,src-s1,,uji,\n".encode(),
            {"accept": 1},
        ),
        "ok_date_bahasa.csv": (
            "zi_events",
            f"{Z}\nzi-uji-2,kppn-kupang,other,,6 Februari 2030,day,confirmed,src-s1,,uji,\n".encode(),
            {"accept": 1},
        ),
        "ok_complaints_thousands_dot.csv": (
            "complaints",
            f'{K}\nc-uji-1,2030-01-01,2030-12-31,ntt,total,,akses,=,"1.106",confirmed,src-b27,,uji,\n'.encode(),
            {"accept": 1},
        ),
        "pipe_delimiter.csv": (
            "compliance",
            (C.replace(",", "|") + "\n" + ROW.replace(",", "|") + "\n").encode(),
            {"refuse": ["extra_column", "missing_column"]},
        ),
        "missing_column.csv": (
            "compliance",
            (C.replace(",zone", "") + "\n" + ROW.replace(",hijau", "") + "\n").encode(),
            {"refuse": ["missing_column"]},
        ),
        "extra_column.csv": ("compliance", (C + ",warna\n" + ROW + ",hijau\n").encode(), {"refuse": ["extra_column"]}),
        "bad_date.csv": (
            "zi_events",
            f"{Z}\nzi-uji-3,kppn-kupang,other,,31/02/2030,day,confirmed,src-s1,,,\n".encode(),
            {"refuse": ["type_date"]},
        ),
        "negative_count.csv": (
            "complaints",
            f"{K}\nc-uji-2,2030-01-01,2030-12-31,ntt,total,,laporan,=,-5,confirmed,src-b1,,,\n".encode(),
            {"refuse": ["range"]},
        ),
        "non_numeric_count.csv": (
            "complaints",
            f"{K}\nc-uji-3,2030-01-01,2030-12-31,ntt,total,,laporan,=,banyak,confirmed,src-b1,,,\n".encode(),
            {"refuse": ["type_decimal"]},
        ),
        "score_out_of_range.csv": ("compliance", f"{C}\n{_row(score='120')}\n".encode(), {"refuse": ["range"]}),
        "unknown_region.csv": (
            "compliance",
            f"{C}\n{_row(region_kode='53.99')}\n".encode(),
            {"refuse": ["unknown_ref"]},
        ),
        "unknown_source.csv": (
            "compliance",
            f"{C}\n{_row(source_id='src-tidak-ada')}\n".encode(),
            {"refuse": ["unknown_ref"]},
        ),
        "unknown_agency_near_miss.csv": (
            "zi_events",
            f"{Z}\nzi-uji-4,kppn kupng,other,,2030-01-01,day,confirmed,src-s1,,,\n".encode(),
            {"refuse": ["unknown_ref"]},
        ),
        "duplicate_key.csv": (
            "compliance",
            f"{C}\n{ROW}\n{_row(score='91')}\n".encode(),
            {"refuse": ["duplicate_key"]},
        ),
        "bad_zone.csv": ("compliance", f"{C}\n{_row(zone='biru')}\n".encode(), {"refuse": ["choice"]}),
        "zone_missing.csv": ("compliance", f"{C}\n{_row(zone='')}\n".encode(), {"refuse": ["required"]}),
        "formula_equals.csv": ("compliance", f"{C}\n{_row(note='=1+1')}\n".encode(), {"refuse": ["formula"]}),
        "formula_plus.csv": ("compliance", f"{C}\n{_row(note='+SUM(A1:A9)')}\n".encode(), {"refuse": ["formula"]}),
        "formula_minus.csv": ("compliance", f"{C}\n{_row(note='-2+3')}\n".encode(), {"refuse": ["formula"]}),
        "formula_at.csv": ("compliance", f"{C}\n{_row(note='@cmd')}\n".encode(), {"refuse": ["formula"]}),
        "html_script_in_name.csv": (
            "agencies",
            b"id,nama,singkatan,jenis,induk,region_kode,is_group,note\nuji-1,<script>alert(1)</script>,,pemda,,53.71,false,\n",
            {"refuse": ["markup"]},
        ),
        "stray_comma.csv": ("compliance", f"{C}\n{_row(note='satu, dua')}\n".encode(), {"refuse": ["cell_count"]}),
        "header_only.csv": ("compliance", f"{C}\n".encode(), {"refuse": ["empty"]}),
        "zero_bytes.csv": ("compliance", b"", {"refuse": ["empty_file"]}),
        "utf16.csv": ("compliance", ok.encode("utf-16"), {"refuse": ["not_a_table"]}),
        "renamed_pdf.csv": ("compliance", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", {"refuse": ["not_a_table"]}),
        "broken.xlsx": ("compliance", xlsx.getvalue()[:300], {"refuse": ["broken_xlsx"]}),
        "change_of_a_source_row.csv": (
            "sources",
            b"id,url,publisher,title,published_on,quote,refs,note\nsrc-c36,https://example.org,x,,,y,,\n",
            {"refuse": ["not_updatable"]},
        ),
    }


def main() -> None:
    FILES.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (dataset, content, outcome) in corpus().items():
        (FILES / name).write_bytes(content)
        expected[name] = {"dataset": dataset, **outcome}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(expected)} files in {FILES}")


if __name__ == "__main__":
    main()
