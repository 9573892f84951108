"""Agency search: case, punctuation and common abbreviations."""

from __future__ import annotations

import pandas as pd
import pytest

from integritas.search import search, tokens

INDEX = pd.DataFrame(
    [
        ("kppn-kupang", "Kantor Pelayanan Perbendaharaan Negara Kupang", "KPPN Kupang", "", "Kota Kupang"),
        (
            "kanwil-kemenkumham-ntt",
            "Kantor Wilayah Kementerian Hukum dan HAM Nusa Tenggara Timur",
            "Kanwil Kemenkumham NTT",
            "Kanwil Kemenkumham NTT",
            "Kota Kupang",
        ),
        (
            "kanwil-kemenkum-ntt",
            "Kantor Wilayah Kementerian Hukum Nusa Tenggara Timur",
            "Kanwil Kemenkum NTT",
            "",
            "Kota Kupang",
        ),
        ("pn-rote-ndao", "Pengadilan Negeri Rote Ndao Kelas II", "PN Rote Ndao", "", "Kabupaten Rote Ndao"),
        ("polres-sumba-timur", "Kepolisian Resor Sumba Timur", "Polres Sumba Timur", "", "Kabupaten Sumba Timur"),
        (
            "kejari-flores-timur",
            "Kejaksaan Negeri Flores Timur",
            "Kejari Flores Timur",
            "Kejari Flotim",
            "Kabupaten Flores Timur",
        ),
        ("kantah-kota-kupang", "Kantor Pertanahan Kota Kupang", "Kantah Kota Kupang", "", "Kota Kupang"),
        ("pta-kupang", "Pengadilan Tinggi Agama Kupang", "PTA Kupang", "PTA NTT", "Kota Kupang"),
    ],
    columns=["id", "nama", "singkatan", "aliases", "region_nama"],
)


def test_tokens_expand_abbreviations_and_drop_punctuation() -> None:
    assert tokens("Kanwil Kemenkumham, NTT!") == [
        "kantor",
        "wilayah",
        "kementerian",
        "hukum",
        "ham",
        "nusa",
        "tenggara",
        "timur",
    ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("kppn kupang", "kppn-kupang"),
        ("KPPN", "kppn-kupang"),
        ("perbendaharaan", "kppn-kupang"),
        ("Kanwil Kemenkumham", "kanwil-kemenkumham-ntt"),
        ("kanwil kemenkum ntt", "kanwil-kemenkum-ntt"),
        ("PN Rote", "pn-rote-ndao"),
        ("polres sumba-timur", "polres-sumba-timur"),
        ("Kejari Flotim", "kejari-flores-timur"),
        ("kantah kupang", "kantah-kota-kupang"),
        ("PTA NTT", "pta-kupang"),
        ("pengadilan negri rote", "pn-rote-ndao"),
    ],
)
def test_search_finds_by_name_alias_or_abbreviation(query: str, first: str) -> None:
    hits = search(query, INDEX)
    assert hits and hits[0][0] == first


def test_search_needs_every_word() -> None:
    assert search("polres kupang", INDEX) == []
    assert search("   ", INDEX) == []


def test_a_huge_query_is_cut_to_its_first_hundred_characters_and_twelve_words() -> None:
    # Anyone can type into the sidebar: 100 KB of text is read as its first 100 characters, so the word that only
    # appears far beyond them ("zzz") does not count, and a query of many words is read as its first twelve.
    assert [i for i, _ in search("kppn kupang" + " " * 100_000 + "zzz", INDEX)] == ["kppn-kupang"]
    assert [i for i, _ in search("kppn kupang " + "kupang " * 10 + "zzz", INDEX)] == ["kppn-kupang"]
    assert search("kppn kupang zzz", INDEX) == []  # within the bounds every word still has to match
