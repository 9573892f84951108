"""Cell parsers shared by the seed build and uploads: Indonesian numbers and dates, booleans, region names."""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS_ID = {
    "januari": 1,
    "februari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "desember": 12,
}
_INT_RE = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+)")
_DEC_RE = re.compile(r"-?\d+([.,]\d+)?")


def parse_int(text: str) -> int:
    """'1106' or '1.106' (Indonesian thousands dot) -> 1106. Raises ValueError."""
    s = text.strip()
    if not _INT_RE.fullmatch(s):
        raise ValueError(text)
    return int(s.replace(".", ""))


_THOUSANDS_RE = re.compile(r"-?\d{1,3}(\.\d{3})+")
_ID_DECIMAL_RE = re.compile(r"-?\d{1,3}(\.\d{3})*,\d+|-?\d+,\d+")


def parse_decimal(text: str) -> float:
    """'80,93' or '80.93' -> 80.93; '1.106' (Indonesian thousands) -> 1106; '1.106,5' -> 1106.5. Raises ValueError."""
    s = text.strip()
    if _ID_DECIMAL_RE.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if _THOUSANDS_RE.fullmatch(s):
        return float(s.replace(".", ""))
    if not _DEC_RE.fullmatch(s):
        raise ValueError(text)
    return float(s)


def parse_date(text: str) -> date:
    """'2026-02-06', '06/02/2026' (day first) or '6 Februari 2026' -> date(2026, 2, 6). Raises ValueError."""
    s = " ".join(text.strip().split())
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    parts = s.lower().split(" ")
    if len(parts) == 3 and parts[1] in _MONTHS_ID and parts[0].isdigit() and parts[2].isdigit():
        return date(int(parts[2]), _MONTHS_ID[parts[1]], int(parts[0]))
    raise ValueError(text)


def parse_bool(text: str) -> bool:
    s = text.strip().lower()
    if s in {"true", "ya", "yes", "1"}:
        return True
    if s in {"false", "tidak", "no", "0"}:
        return False
    raise ValueError(text)


PARSERS = {"int": parse_int, "decimal": parse_decimal, "date": parse_date, "bool": parse_bool, "str": str.strip}


def parses(kind: str, text: str) -> bool:
    try:
        PARSERS[kind](text)
    except (ValueError, KeyError):
        return False
    return True
