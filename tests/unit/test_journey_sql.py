"""The journey model in SQL (integritas/sql/journey_model.sql) gives what the Python model gives, agency by agency."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from core import paths
from integritas import db
from integritas.journey import STEP_RANK, journey
from integritas.views import journeys

TODAY = date(2026, 11, 23)


def _sql_model(con: duckdb.DuckDBPyConnection, today: date, stalled_after: float) -> pd.DataFrame:
    sql = db._with_journey_model("journey_agencies")
    return con.execute(sql, {"today": today, "stalled_after": stalled_after, "agency_id": None}).df()


def _python_model(events: pd.DataFrame, ids: list[str], today: date, stalled_after: float) -> dict[str, tuple]:
    # the events in the order the app read them before (integritas/sql/journeys.sql: by date, then event id)
    out = {}
    cols = ["event", "menuju", "date", "date_precision", "status"]
    for agency_id in ids:
        ev = events[events["agency_id"] == agency_id].sort_values(["date", "id"])[cols]
        j = journey(agency_id, ev, today, stalled_after)
        out[agency_id] = (j.stage, j.since, j.since_precision, j.years_in_stage, j.stalled)
    return out


def _as_tuples(model: pd.DataFrame) -> dict[str, tuple]:
    def opt(v: object) -> object:
        return None if v is None or pd.isna(v) else v

    return {
        r.agency_id: (
            opt(r.stage),
            r.since.date() if not pd.isna(r.since) else None,
            opt(r.since_precision),
            opt(r.years_in_stage),
            bool(r.stalled),
        )
        for r in model.itertuples()
    }


@pytest.mark.parametrize("today", [TODAY, date.today()])
@pytest.mark.parametrize("stalled_after", [1, 2, 5])
def test_sql_model_equals_python_model_for_every_real_agency(use_built: Path, today: date, stalled_after: int) -> None:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    events = con.execute("SELECT * FROM zi_events").df()
    ids = [i for (i,) in con.execute("SELECT id FROM agencies ORDER BY id").fetchall()]
    sql = _as_tuples(_sql_model(con, today, stalled_after))
    con.close()
    assert sorted(sql) == ids  # one row per agency, with or without events
    assert sql == _python_model(events, ids, today, stalled_after)
    assert sql["kppn-kupang"][:3] == ("wbk", date(2019, 1, 1), "year")
    assert sql["pemkot-kupang"][0] == "pencanangan" and sql["pemkot-kupang"][1] == date(2020, 11, 5)


def _tricky_database() -> tuple[duckdb.DuckDBPyConnection, pd.DataFrame]:
    """400 made-up journeys with what makes the rules subtle: a pencanangan and a pakta on one day, disputed
    duplicates, scheduled or pending later steps, steps out of order, year- and month-only dates, `other` events."""
    rng = random.Random(7)
    rows = []
    for a in range(400):
        day = date(2012, 1, 1) + timedelta(days=rng.randrange(5000))
        for k in range(rng.randrange(0, 6)):
            event = rng.choice([*STEP_RANK, "other", "target"])
            status = rng.choice(["confirmed", "confirmed", "inferred", "disputed", "scheduled", "pending"])
            precision = rng.choice(["day", "day", "month", "year"])
            when = day + timedelta(days=rng.choice([0, 0, 30, 400, -200]))
            when = {"day": when, "month": when.replace(day=1), "year": when.replace(month=1, day=1)}[precision]
            rows.append((f"e{a:03d}-{k}", f"a{a:03d}", event, None, when, precision, status))
    events = pd.DataFrame(rows, columns=["id", "agency_id", "event", "menuju", "date", "date_precision", "status"])
    events["date"] = pd.to_datetime(events["date"])
    con = duckdb.connect()
    con.execute("CREATE TABLE regions AS SELECT '53.71' AS kode, 'Kota Kupang' AS nama")
    con.execute(
        "CREATE TABLE agencies AS SELECT 'a' || lpad(i::VARCHAR, 3, '0') AS id, 'Unit ' || i AS nama,"
        " NULL AS singkatan, 'vertikal' AS jenis, NULL AS induk, '53.71' AS region_kode FROM range(400) AS t(i)"
    )
    con.execute("CREATE TABLE zi_events AS SELECT * REPLACE (date::DATE AS date) FROM events")
    return con, events


@pytest.mark.parametrize("stalled_after", [1, 2, 4])
def test_sql_model_equals_python_model_on_tricky_journeys(stalled_after: int) -> None:
    con, events = _tricky_database()
    ids = [f"a{a:03d}" for a in range(400)]
    sql = _as_tuples(_sql_model(con, TODAY, stalled_after))
    assert sql == _python_model(events, ids, TODAY, stalled_after)
    assert sum(s[4] for s in sql.values()) > 20 and sum(s[0] == "pakta_integritas" for s in sql.values()) > 5


def test_journey_of_runs_the_model_for_that_agency_alone(use_built: Path) -> None:
    assert len(db.journey_model(date.today(), 2, "kppn-kupang")) == 1
    kppn = journeys.journey_of("kppn-kupang", "id")
    assert kppn is not None
    j = kppn.journey
    assert (j.stage, j.since, j.since_precision, j.stalled) == ("wbk", date(2019, 1, 1), "year", False)
    assert j.label.startswith("WBK 2019 → usulan WBBM 2025 (hasil belum diketahui)")
    assert list(kppn.events["event"]) == ["wbk", "usulan_tpn", "pencanangan"]
    assert "POS-KUPANG.COM" in set(kppn.events["publisher"])
    pemkot = journeys.journey_of("pemkot-kupang", "en")
    assert pemkot is not None and pemkot.journey.stalled and pemkot.journey.since == date(2020, 11, 5)
    assert journeys.journey_of("no-such-agency", "id") is None
