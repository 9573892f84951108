"""Agency view: identity, journey events, lineage after the 2024 Kemenkumham split, flags, units, region history.

Expected values from the research facts: S1–S3 (KPPN Kupang), A2/S5 (the 2024 WBK of Kanwil Kemenkumham NTT, claimed
by both successors), S6 (Kanwil Ditjen Imigrasi NTT pencanangan 6 Feb 2026), P2-C13 (Polres Belu 2022 81,34).
"""

from __future__ import annotations

from pathlib import Path

from integritas.views import agency


def test_kppn_kupang_events_in_order_with_their_precision(use_built: Path) -> None:
    v = agency.agency("id", "kppn-kupang")
    assert v is not None
    assert (v.nama, v.singkatan, v.region_nama) == (
        "Kantor Pelayanan Perbendaharaan Negara Kupang",
        "KPPN Kupang",
        "Kota Kupang",
    )
    assert list(v.events["Tanggal"]) == ["2019", "2025", "27 Februari 2025"]
    assert list(v.events["Tahap"]) == [
        "Predikat WBK",
        "Usulan ke TPN menuju WBBM (hasil belum diketahui)",
        "Pencanangan ZI menuju WBBM",
    ]
    assert list(v.events["Status"]) == ["terkonfirmasi", "menunggu hasil", "dijadwalkan"]
    assert v.stage == "WBK" and not v.stalled and v.flags == []
    assert "KPPN Kupang" in v.aliases
    assert {"src-s1", "src-s2", "src-s3"} <= set(v.source_ids)
    en = agency.agency("en", "kppn-kupang")
    assert en is not None and list(en.events["Date"]) == ["2019", "2025", "February 27, 2025"]


def test_split_shows_the_award_once_never_as_a_second_award(use_built: Path) -> None:
    v = agency.agency("en", "kanwil-imigrasi-ntt")
    assert v is not None
    assert list(v.lineage["Relation"]) == ["predecessor"]
    assert "(instansi?id=kanwil-kemenkumham-ntt)" in v.lineage["Agency"].iloc[0]
    (award,) = v.family_awards
    assert "WBK award 2024 held by Kantor Wilayah Kementerian Hukum dan HAM" in award and "not counted again" in award
    assert "WBK award" not in list(v.events["Milestone"])
    assert list(v.events["Date"]) == ["February 6, 2026"]
    predecessor = agency.agency("id", "kanwil-kemenkumham-ntt")
    assert predecessor is not None
    assert list(predecessor.lineage["Hubungan"]) == ["penerus", "penerus"]


def test_units_and_region_history(use_built: Path) -> None:
    v = agency.agency("id", "polres-belu")
    assert v is not None
    units = v.units.set_index("Tahun")
    assert (units.loc["2022", "Zona"], units.loc["2022", "Skor"]) == ("● hijau", "81,34")
    hist = v.region_history.set_index("Tahun")
    assert hist.loc["2017", "Skor"] == "37,86"  # Kabupaten Belu, C3


def test_unknown_agency_is_none(use_built: Path) -> None:
    assert agency.agency("id", "no-such-agency") is None
