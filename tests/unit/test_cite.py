"""The citation a journalist or an academic copies: its words in both languages, BibTeX and RIS."""

from __future__ import annotations

import re
from datetime import date

from integritas import cite

C = cite.Citation(
    title="Zona kepatuhan pemda NTT, 2021",
    publishers=("Ombudsman RI", "KemenPAN-RB"),
    version="2026-02-06-3f9a1c",
    version_day=date(2026, 2, 6),
    accessed=date(2026, 11, 30),
    url="https://integritas.example/kepatuhan?tahun=2021&versi=2026-02-06-3f9a1c",
)


def test_the_bahasa_citation_names_title_publishers_version_dates_and_link() -> None:
    text = cite.text(C, "id")
    assert text == (
        "Integritas NTT (2026). Zona kepatuhan pemda NTT, 2021. Data dari Ombudsman RI dan KemenPAN-RB. "
        "Versi data 2026-02-06-3f9a1c (6 Februari 2026). Diakses 30 November 2026. "
        "https://integritas.example/kepatuhan?tahun=2021&versi=2026-02-06-3f9a1c"
    )


def test_the_english_citation_reads_english_dates() -> None:
    text = cite.text(C, "en")
    assert "Data from Ombudsman RI and KemenPAN-RB." in text
    assert "(February 6, 2026)" in text and "Accessed November 30, 2026." in text


def test_three_publishers_are_listed_with_commas_and_one_conjunction() -> None:
    three = cite.Citation(**{**C.__dict__, "publishers": ("A", "B", "C")})
    assert "Data dari A, B dan C." in cite.text(three, "id")
    many = cite.Citation(**{**C.__dict__, "publishers": ("A", "B", "C", "D", "E", "F")})
    assert "Data dari A, B, C dan 3 penerbit lain." in cite.text(many, "id")
    assert "Data from A, B, C and 3 other publishers." in cite.text(many, "en")
    none = cite.Citation(**{**C.__dict__, "publishers": ()})
    assert "Data dari sumber tercatat di Integritas NTT." in cite.text(none, "id")


def test_publishers_are_distinct_in_order_of_first_appearance() -> None:
    got = cite.publishers_of(["Ombudsman RI", None, "  Ombudsman   RI ", "KemenPAN-RB", float("nan"), "Ombudsman RI"])
    assert got == ("Ombudsman RI", "KemenPAN-RB")


def test_bibtex_is_one_misc_entry_whose_fields_cannot_be_broken_by_data() -> None:
    hostile = cite.Citation(**{**C.__dict__, "title": "Zona } @misc{evil, title={x"})
    entry = cite.bibtex(hostile, "id")
    assert entry.startswith("@misc{integritasntt-202602063f9a1c,\n")
    assert "title = {Zona \\} @misc\\{evil, title=\\{x}," in entry  # the data's "@misc" is text inside a field
    # every brace from data is escaped: the entry's own braces balance
    unescaped = re.sub(r"\\[{}]", "", entry)
    assert unescaped.count("{") == unescaped.count("}")
    assert "  urldate = {2026-11-30}" in entry and "  author = {{Integritas NTT}}" in entry


def test_ris_is_one_data_record_with_one_value_per_line() -> None:
    record = cite.ris(cite.Citation(**{**C.__dict__, "title": "Dua\nbaris"}), "en")
    lines = record.rstrip("\n").split("\n")
    assert lines[0] == "TY  - DATA" and lines[-1] == "ER  - "
    assert "TI  - Dua baris" in lines and "PB  - KemenPAN-RB" in lines and "ET  - 2026-02-06-3f9a1c" in lines
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)
