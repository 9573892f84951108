"""Validation against the declared schemas: every problem names the row, column and value, in Bahasa and English."""

import pandas as pd
import pytest

from etl.datasets import DATASETS
from etl.validate import ValidationFailed, validate


def _compliance(**overrides: str) -> pd.DataFrame:
    row = {
        "region_kode": "53.71",
        "year": "2024",
        "score": "86.62",
        "zone": "hijau",
        "category": "B",
        "opini": pd.NA,
        "method": "penilaian",
        "status": "confirmed",
        "source_id": "src-c36",
        "source_id_2": pd.NA,
        "note": pd.NA,
        "refs": "C36",
    }
    row.update(overrides)
    return pd.DataFrame([row])


KNOWN = {"regions": {("53.71",), ("53.01",)}, "methods": {("penilaian",)}, "sources": {("src-c36",)}}


def _problems(df: pd.DataFrame) -> list:
    with pytest.raises(ValidationFailed) as err:
        validate(df, DATASETS["compliance"], KNOWN)
    return err.value.problems


def test_valid_row_passes_and_is_canonical() -> None:
    out = validate(_compliance(score="86,62"), DATASETS["compliance"], KNOWN)
    assert out.loc[0, "score"] == "86.62"
    assert out.loc[0, "year"] == "2024"


def test_out_of_range_score_names_row_column_value() -> None:
    (p,) = _problems(_compliance(score="120"))
    assert (p.row, p.column, p.value, p.code) == (2, "score", "120", "range")
    assert p.message("id") == "Baris 2, kolom score (nilai «120»): di luar rentang 0–100"
    assert p.message("en") == "Row 2, column score (value «120»): out of range 0–100"


def test_unknown_zone_lists_the_choices() -> None:
    (p,) = _problems(_compliance(zone="biru"))
    assert p.code == "choice" and "merah, kuning, hijau" in p.message("en")


def test_non_numeric_score_is_one_type_problem() -> None:
    (p,) = _problems(_compliance(score="delapan puluh"))
    assert p.code == "type_decimal"


def test_unknown_region_and_source_are_reported() -> None:
    problems = _problems(_compliance(region_kode="53.99", source_id="src-zzz"))
    assert {(p.column, p.code) for p in problems} == {("region_kode", "unknown_ref"), ("source_id", "unknown_ref")}


def test_missing_required_and_duplicate_key() -> None:
    df = pd.concat([_compliance(), _compliance(zone=pd.NA)], ignore_index=True)
    problems = _problems(df)
    assert {(p.row, p.column, p.code) for p in problems} == {
        (3, "zone", "required"),
        (3, "region_kode, year", "duplicate_key"),
    }


def test_missing_and_extra_columns() -> None:
    df = _compliance().drop(columns=["zone"]).assign(warna="hijau")
    problems = _problems(df)
    assert {(p.column, p.code) for p in problems} == {("zone", "missing_column"), ("warna", "extra_column")}
