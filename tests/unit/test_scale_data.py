"""Synthetic seed data for the scale benchmark (bench/scale.py): builds with every contract kept, grows, repeats."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from bench.scale import PUBLISHER, REAL_DATA, write_seed
from core import paths
from etl.build import BuildResult, build
from etl.datasets import DATASETS

# the tables that grow with the factor; compliance has one row per pemda and year, so it fills up instead
GROWING = ("sources", "agencies", "agency_aliases", "agency_lineage", "zi_events", "unit_compliance", "complaints")
CITING = [name for name, ds in DATASETS.items() if ds.fact or name == "agency_lineage"]


@dataclass
class Built:
    counts: dict[str, int]
    result: BuildResult


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Built]]:
    """The seed written and built at 1× and 10× (a build raises BuildFailed when any contract is breached)."""
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        for factor in (1, 10):
            target = tmp_path_factory.mktemp(f"scale{factor}")
            counts = write_seed(target, factor, seed=0)
            mp.setenv(paths.ENV_DATA_DIR, str(target))
            out[factor] = Built(counts, build(by="pytest"))
    yield out


def _query(result: BuildResult, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(result.path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_1x_is_todays_seed_and_builds(built: dict[int, Built]) -> None:
    one = built[1]
    assert one.counts == {name: _rows(REAL_DATA / "seed" / f"{name}.csv") for name in DATASETS}
    assert one.result.rows == one.counts
    assert not any(c.breached for c in one.result.contracts)


def test_10x_builds_with_every_contract_kept_and_grows_tenfold(built: dict[int, Built]) -> None:
    one, ten = built[1], built[10]
    assert ten.result.rows == ten.counts, "the build loads every generated row"
    assert not any(c.breached for c in ten.result.contracts)
    for name in GROWING:
        assert ten.counts[name] == 10 * one.counts[name], name
    assert ten.counts["compliance"] > one.counts["compliance"]
    # the real regions, methods and bands stay as they are
    for name in ("regions", "methods", "zone_bands"):
        assert ten.counts[name] == one.counts[name], name
    real_ids = {r[0] for r in _query(one.result, "SELECT id FROM agencies")}
    assert real_ids <= {r[0] for r in _query(ten.result, "SELECT id FROM agencies")}


def test_synthetic_rows_cite_synthetic_sources_and_spread_over_the_regions(built: dict[int, Built]) -> None:
    ten = built[10].result
    for name in CITING:
        cited = _query(
            ten,
            f"SELECT DISTINCT s.publisher, s.url LIKE 'https://example.invalid/%', s.quote IS NOT NULL "
            f"FROM {name} AS f JOIN sources AS s ON s.id = f.source_id WHERE s.id LIKE 'src-sint-%'",
        )
        assert cited == [(PUBLISHER, True, True)], name
    regions = _query(ten, "SELECT DISTINCT region_kode FROM agencies WHERE id LIKE 'sint-%' ORDER BY 1")
    assert [r[0] for r in regions] == sorted(["53.71"] + [f"53.{i:02d}" for i in range(1, 22)])


def test_zi_journeys_start_with_pencanangan_and_move_forward(built: dict[int, Built]) -> None:
    ten = built[10].result
    events = _query(
        ten,
        "SELECT agency_id, event, date, status FROM zi_events WHERE id LIKE 'zi-sint-%' ORDER BY agency_id, id",
    )
    journeys: dict[str, list[tuple[object, ...]]] = {}
    for agency, *rest in events:
        journeys.setdefault(str(agency), []).append(tuple(rest))
    assert len(journeys) > 100
    for agency, steps in journeys.items():
        assert steps[0][0] == "pencanangan", agency
        dates = [s[1] for s in steps]
        assert dates == sorted(set(dates)), f"{agency}: events out of order {dates}"
        awards = [s[0] for s in steps if s[0] in ("wbk", "wbbm")]
        assert awards in ([], ["wbk"], ["wbk", "wbbm"]), agency
    kinds = {e[1] for e in events}
    assert {"pencanangan", "usulan_tpn", "wbk", "wbbm"} <= kinds
    assert {e[3] for e in events} >= {"confirmed", "inferred", "disputed"}


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    first, again, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_seed(first, 3, seed=7)
    write_seed(again, 3, seed=7)
    write_seed(other, 3, seed=8)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for f in files:
        assert (first / f).read_bytes() == (again / f).read_bytes(), f
    assert (first / "seed/agencies.csv").read_bytes() != (other / "seed/agencies.csv").read_bytes()


def test_nothing_is_written_under_the_repos_data(tmp_path: Path) -> None:
    inside = REAL_DATA / "scale-test"
    with pytest.raises(ValueError, match="never written"):
        write_seed(inside, 2)
    with pytest.raises(ValueError, match="never written"):
        write_seed(REAL_DATA.parent, 2)
    assert not inside.exists()
    write_seed(tmp_path / "data", 2)
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["geo", "seed"]
    for sub in ("seed", "geo"):
        for f in (REAL_DATA / sub).rglob("*"):
            if f.is_file():
                assert b"src-sint-" not in f.read_bytes(), f


def test_generated_files_keep_each_files_line_ending_and_read_as_plain_csv(tmp_path: Path) -> None:
    counts = write_seed(tmp_path, 3)
    con = duckdb.connect()
    try:
        for name, n in counts.items():
            path = tmp_path / "seed" / f"{name}.csv"
            raw = path.read_bytes()
            crlf = (REAL_DATA / "seed" / f"{name}.csv").read_bytes().count(b"\r\n") > 0
            assert (raw.count(b"\r\n") == raw.count(b"\n")) if crlf else (b"\r\n" not in raw), name
            # DuckDB's own sniffer gives up on a file whose line endings are mixed
            assert con.execute("SELECT count(*) FROM read_csv(?)", [str(path)]).fetchall()[0][0] == n, name
    finally:
        con.close()
