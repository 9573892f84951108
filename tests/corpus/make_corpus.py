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
        # Excel's "Unicode Text": UTF-16 with a BOM (here with commas; Excel's own uses tabs)
        "ok_utf16.csv": ("compliance", ok.encode("utf-16"), {"accept": 1}),
        "renamed_pdf.csv": ("compliance", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", {"refuse": ["not_a_table"]}),
        "broken.xlsx": ("compliance", xlsx.getvalue()[:300], {"refuse": ["broken_xlsx"]}),
        "change_of_a_source_row.csv": (
            "sources",
            b"id,url,publisher,title,published_on,quote,refs,note\nsrc-c36,https://example.org,x,,,y,,\n",
            {"refuse": ["not_updatable"]},
        ),
    }


A = "id,nama,singkatan,jenis,induk,region_kode,is_group,note"
INLINE = ",source_url,source_publisher,source_date,source_quote"
HOSTILE = "**tebal** [tautan](http://evil.example/a) ![gambar](http://evil.example/i.png) :red[merah] $x$"


def _complaint(**changes: str) -> str:
    cells = dict(
        zip(
            K.split(","),
            [
                "c-uji-9",
                "2030-01-01",
                "2030-12-31",
                "ntt",
                "total",
                "",
                "laporan",
                "=",
                "5",
                "confirmed",
                "src-b1",
                "",
                "",
                "",
            ],
            strict=True,
        )
    )
    cells |= changes
    return ",".join(f'"{v}"' if "," in v else v for v in cells.values())


def rule_cases() -> dict[str, tuple[str, bytes, dict]]:
    """Values that a quiet reader would change, rules across columns, names and invisible characters, sources
    written inline: each stored exactly as the person saw it, or refused naming row, column and value."""
    inline_row = _row(source_id="") + ',https://example.org/berita-2030,Contoh Pos,6 Februari 2030,"skor 90,5"'
    return {
        "ok_score_percent_sign.csv": (
            "compliance",
            (C + "\n" + _row(score='"90,5%"') + "\n").encode(),
            {"accept": 1, "stored": ["compliance", "region_kode = '53.71' AND year = 2030", {"score": "90.50"}]},
        ),
        "score_more_decimals_than_kept.csv": (
            "compliance",
            (C + "\n" + _row(score='"90,525"') + "\n").encode(),
            {"refuse": ["decimals"], "problems": [[2, "score", "90,525", "decimals"]]},
        ),
        "count_with_english_thousands.csv": (
            "complaints",
            f"{K}\n{_complaint(value='1,106')}\n".encode(),
            {"refuse": ["thousands_comma"], "problems": [[2, "value", "1,106", "thousands_comma"]]},
        ),
        "count_not_whole.csv": (
            "complaints",
            f"{K}\n{_complaint(value='12,5')}\n".encode(),
            {"refuse": ["rule.count_whole"], "problems": [[2, "value", "12,5", "rule.count_whole"]]},
        ),
        "count_with_percent_sign.csv": (
            "complaints",
            f"{K}\n{_complaint(value='5%')}\n".encode(),
            {"refuse": ["percent_sign"]},
        ),
        "percentage_above_100.csv": (
            "complaints",
            f"{K}\n{_complaint(metric='persen', value='120')}\n".encode(),
            {"refuse": ["rule.percent_max"], "problems": [[2, "value", "120", "rule.percent_max"]]},
        ),
        "period_ends_before_it_starts.csv": (
            "complaints",
            f"{K}\n{_complaint(period_start='2030-12-31', period_end='2030-01-01')}\n".encode(),
            {"refuse": ["rule.period_in_order"], "problems": [[2, "period_end", "2030-01-01", "rule.period_in_order"]]},
        ),
        "breakdown_without_value.csv": (
            "complaints",
            f"{K}\n{_complaint(dimension='kanal')}\n".encode(),
            {"refuse": ["rule.breakdown_value"]},
        ),
        "ok_asal_region_name.csv": (
            "complaints",
            f"{K}\n{_complaint(dimension='asal', dimension_value='Kota Kupang')}\n".encode(),
            {"accept": 1, "stored": ["complaints", "id = 'c-uji-9'", {"dimension_value": "53.71"}]},
        ),
        "asal_unknown_region.csv": (
            "complaints",
            f"{K}\n{_complaint(dimension='asal', dimension_value='Kota Atlantis')}\n".encode(),
            {"refuse": ["unknown_ref"]},
        ),
        "method_not_in_force.csv": (
            "compliance",
            f"{C}\n{_row(year='2031', method='kepatuhan', zone='hijau', category='')}\n".encode(),
            {"refuse": ["rule.method_year"], "problems": [[2, "method", "kepatuhan", "rule.method_year"]]},
        ),
        "region_code_excel_dropped_zero.csv": (
            "compliance",
            f"{C}\n{_row(region_kode='53.1')}\n".encode(),
            {"refuse": ["unknown_ref"], "problems": [[2, "region_kode", "53.1", "unknown_ref", "regions; ≈ 53.10"]]},
        ),
        "zero_width_space_in_key.csv": (
            "compliance",
            (C + "\n" + _row(region_kode="53.71\u200b") + "\n").encode(),
            {
                "refuse": ["invisible_char"],
                "problems": [[2, "region_kode", "53.71\u200b", "invisible_char", "U+200B, #6"]],
            },
        ),
        "bidi_control_in_note.csv": (
            "compliance",
            (C + "\n" + _row(note="uji \u202egnp.exe") + "\n").encode(),
            {"refuse": ["invisible_char"]},
        ),
        "agency_name_of_another.csv": (
            "agencies",
            f"{A}\nkppn-kupang-2,Kantor Pelayanan Perbendaharaan Negara  Kupang,,vertikal,,53.71,false,\n".encode(),
            {"refuse": ["rule.name_taken"]},
        ),
        "alias_of_another_agency.csv": (
            "agency_aliases",
            b"agency_id,alias\nbpolbf,KPPN Kupang\n",
            {"refuse": ["rule.name_taken"]},
        ),
        "ok_source_written_inline.csv": (
            "compliance",
            f"{C}{INLINE}\n{inline_row}\n".encode(),
            {"accept": 1, "sources": 1},
        ),
        "inline_source_without_quote.csv": (
            "compliance",
            f"{C}{INLINE}\n{_row(source_id='')},https://example.org/b,Contoh Pos,,\n".encode(),
            {"refuse": ["rule.source_quote"]},
        ),
        "inline_source_beside_source_id.csv": (
            "compliance",
            f"{C}{INLINE}\n{_row()},https://example.org/b,Contoh Pos,,kutipan\n".encode(),
            {"refuse": ["rule.source_both"]},
        ),
        "inline_source_javascript_url.csv": (
            "compliance",
            f"{C}{INLINE}\n{_row(source_id='')},javascript:alert(1),Contoh Pos,,kutipan\n".encode(),
            {"refuse": ["pattern"]},
        ),
        "source_with_data_url.csv": (
            "sources",
            b"id,url,publisher,title,published_on,quote,refs,note\nsrc-uji-1,data:text/html;base64;PHNjcmlwdD4=,x,,,y,,\n",
            {"refuse": ["pattern"]},
        ),
        "ok_markdown_in_note_is_text.csv": (
            "compliance",
            f"{C}\n{_row(note=HOSTILE)}\n".encode(),
            {"accept": 1, "stored": ["compliance", "region_kode = '53.71' AND year = 2030", {"note": HOSTILE}]},
        ),
    }


def main() -> None:
    from tests.corpus.reader_cases import cases as reader_cases  # it builds on the rows above: import it last

    FILES.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (dataset, content, outcome) in {**corpus(), **rule_cases(), **reader_cases()}.items():
        (FILES / name).write_bytes(content)
        expected[name] = {"dataset": dataset, **outcome}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(expected)} files in {FILES}")


if __name__ == "__main__":
    main()
