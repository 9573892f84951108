"""Indonesian numbers and dates in (parsers) and out (Babel formatters)."""

from datetime import date

import pytest

from etl.parse import parse_cell
from integritas import fmt


@pytest.mark.parametrize(("text", "value"), [("1106", 1106), ("1.106", 1106), ("1.234.567", 1234567), ("0", 0)])
def test_parse_int_accepts_thousands_dot(text: str, value: int) -> None:
    assert int(parse_cell("int", text)) == value


@pytest.mark.parametrize("text", ["1,106", "12.34", "abc", "", "1.10"])
def test_parse_int_rejects(text: str) -> None:
    assert parse_cell("int", text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("80,93", 80.93), ("80.93", 80.93), ("100", 100.0), ("1.106", 1106.0), ("1.106,5", 1106.5), ("0,5", 0.5)],
)
def test_parse_decimal_accepts_comma_or_dot(text: str, value: float) -> None:
    assert float(parse_cell("decimal", text)) == value


@pytest.mark.parametrize("text", ["80,9,3", "delapan", "80.93.1", "1,5,0"])
def test_parse_decimal_rejects(text: str) -> None:
    assert parse_cell("decimal", text) is None


@pytest.mark.parametrize("text", ["2026-02-06", "06/02/2026", "6/2/2026", "6 Februari 2026", " 6  februari 2026 "])
def test_parse_date_forms(text: str) -> None:
    assert parse_cell("date", text) == "2026-02-06"


@pytest.mark.parametrize("text", ["2026-13-01", "31/02/2026", "6 Febuari 2026", "kemarin", "06/02/26"])
def test_parse_date_rejects(text: str) -> None:
    assert parse_cell("date", text) is None


@pytest.mark.parametrize(("text", "value"), [("ya", "true"), ("Tidak", "false"), ("TRUE", "true"), ("mungkin", None)])
def test_parse_bool(text: str, value: str | None) -> None:
    assert parse_cell("bool", text) == value


def test_numbers_in_id_and_en() -> None:
    assert fmt.number(1106, "id") == "1.106"
    assert fmt.number(1106, "en") == "1,106"
    assert fmt.number(80.93, "id", 2) == "80,93"
    assert fmt.number(80.93, "en", 2) == "80.93"
    assert fmt.number(None, "id") == "–"


def test_dates_at_their_precision() -> None:
    assert fmt.day(date(2026, 2, 6), "id") == "6 Februari 2026"
    assert fmt.day(date(2026, 2, 6), "en") == "February 6, 2026"
    assert fmt.date_at(date(2019, 1, 1), "year", "id") == "2019"
    assert fmt.date_at(date(2025, 2, 1), "month", "id") == "Februari 2025"
    assert fmt.date_at(date(2021, 12, 20), "day", "id") == "20 Desember 2021"


def test_periods_keep_partial_years_visible() -> None:
    assert fmt.period(date(2018, 1, 1), date(2018, 12, 31), "id") == "2018"
    assert fmt.period(date(2021, 1, 1), date(2025, 12, 31), "id") == "2021–2025"
    assert fmt.period(date(2025, 1, 1), date(2025, 5, 31), "id") == "1 Januari – 31 Mei 2025"
    assert fmt.period(date(2016, 10, 1), date(2017, 9, 30), "en") == "October 1, 2016 – September 30, 2017"
