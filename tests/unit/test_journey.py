"""The journey model: stage, time in stage, the stalled flag, date precision in labels; the two data-backed flags."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from integritas.journey import journey, lane_label, red_zone_awards, rising_complaints

TODAY = date(2026, 11, 23)


def _events(*rows: tuple) -> pd.DataFrame:
    cols = ["event", "menuju", "date", "date_precision", "status"]
    return pd.DataFrame(
        [dict(zip(cols, (e, m, pd.Timestamp(d), p, s), strict=True)) for e, m, d, p, s in rows], columns=cols
    )


KPPN = _events(
    ("wbk", None, "2019-01-01", "year", "confirmed"),
    ("usulan_tpn", "wbbm", "2025-01-01", "year", "pending"),
    ("pencanangan", "wbbm", "2025-02-27", "day", "scheduled"),
)
PEMKOT = _events(
    ("pencanangan", None, "2020-11-05", "day", "disputed"),
    ("pencanangan", None, "2021-11-05", "day", "disputed"),
    ("other", None, "2022-09-05", "day", "confirmed"),
)


def test_kppn_kupang_holds_wbk_with_a_pending_wbbm_proposal() -> None:
    j = journey("kppn-kupang", KPPN, TODAY)
    assert (j.stage, j.since, j.since_precision) == ("wbk", date(2019, 1, 1), "year")
    assert j.years_in_stage == pytest.approx(7.9, abs=0.1)
    assert not j.stalled
    assert j.label.startswith("WBK 2019 → usulan WBBM 2025 (hasil belum diketahui)")


def test_kppn_label_in_english() -> None:
    assert journey("kppn-kupang", KPPN, TODAY, lang="en").label.startswith(
        "WBK 2019 → proposed for WBBM 2025 (outcome not yet known)"
    )


def test_pemkot_kupang_is_stalled_after_its_disputed_declaration() -> None:
    j = journey("pemkot-kupang", PEMKOT, TODAY)
    assert j.stage == "pencanangan" and j.stalled
    assert j.since == date(2020, 11, 5)  # the earlier of the two disputed dates
    assert j.label == "pencanangan 2020/2021 (diperdebatkan)"


def test_stalled_threshold_is_adjustable() -> None:
    recent = _events(("pencanangan", None, "2025-06-01", "day", "confirmed"))
    assert not journey("x", recent, TODAY, stalled_after_years=2).stalled
    assert journey("x", recent, TODAY, stalled_after_years=1).stalled
    assert journey("x", recent, date(2027, 12, 1), stalled_after_years=2).stalled


def test_a_next_step_ends_the_stall() -> None:
    moved = _events(
        ("pencanangan", None, "2018-01-01", "year", "confirmed"), ("wbk", None, "2021-12-20", "day", "confirmed")
    )
    assert not journey("x", moved, TODAY).stalled


def test_scheduled_and_pending_steps_are_not_reached() -> None:
    only_planned = _events(("pencanangan", None, "2026-03-01", "day", "scheduled"))
    j = journey("x", only_planned, TODAY)
    assert j.stage is None and j.years_in_stage is None and not j.stalled


def test_no_events_reads_as_no_steps() -> None:
    assert lane_label(_events()) == ("belum ada tahap ZI dalam data")


def test_red_zone_flag_needs_a_red_year_after_the_award() -> None:
    award = _events(("wbk", None, "2019-01-01", "year", "confirmed"))
    zones = pd.DataFrame({"year": [2018, 2021, 2024], "zone": ["merah", "merah", "hijau"]})
    assert red_zone_awards(award, zones) == [(2021, "wbk")]
    assert red_zone_awards(award, zones[zones["year"] != 2021]) == []
    pending = _events(("wbbm", None, "2019-01-01", "year", "pending"))
    assert red_zone_awards(pending, zones) == []


def test_rising_complaints_flag_needs_two_periods_after_the_award() -> None:
    award = _events(("wbk", None, "2019-01-01", "year", "confirmed"))
    rising = pd.DataFrame(
        {"period_end": pd.to_datetime(["2018-12-31", "2020-12-31", "2021-12-31"]), "value": [9, 3, 5]}
    )
    assert rising_complaints(award, rising)
    falling = rising.assign(value=[9, 5, 3])
    assert not rising_complaints(award, falling)
    assert not rising_complaints(award, rising.iloc[:2])
    assert not rising_complaints(_events(), rising)
