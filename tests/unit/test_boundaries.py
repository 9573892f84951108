"""Boundaries: the committed simplified file is small, complete, attributed, and neighbours still touch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from etl import boundaries
from tests.conftest import REPO

COMMITTED = REPO / "data" / "geo" / "ntt_kabkota.geojson"
SHARED = boundaries.DEFAULT_SOURCE


def _features(path: Path) -> dict[str, shapely.Geometry]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["kode"]: shape(f["geometry"]) for f in doc["features"]}


def test_committed_file_is_light_complete_and_attributed() -> None:
    assert COMMITTED.stat().st_size < 300 * 1024
    doc = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert "Badan Informasi Geospasial" in doc["attribution"]
    feats = _features(COMMITTED)
    assert len(feats) == 22 and "53.21" in feats and "53.71" in feats
    assert all(g.is_valid for g in feats.values())
    assert "Badan Informasi Geospasial" in (COMMITTED.parent / "ATTRIBUTION.md").read_text(encoding="utf-8")


def test_neighbours_still_touch_and_islands_stay_apart() -> None:
    f = _features(COMMITTED)
    assert f["53.71"].intersects(f["53.01"])  # Kota Kupang inside Kab. Kupang's bay
    assert f["53.21"].intersects(f["53.04"])  # Malaka split from Belu, shared border
    assert f["53.10"].intersects(f["53.15"]) and f["53.10"].intersects(f["53.19"])  # Manggarai between its neighbours
    assert not f["53.20"].intersects(f["53.14"])  # Sabu Raijua and Rote Ndao are islands
    overlaps = [a for a in f for b in f if a < b and f[a].intersection(f[b]).area > 1e-9]
    assert overlaps == []


def test_step_rewrites_the_file_from_shared_geo(data_dir: Path) -> None:
    target, n, size = boundaries.run(SHARED)
    assert (n, target) == (22, data_dir / "geo" / "ntt_kabkota.geojson")
    assert size < 300 * 1024 and size == target.stat().st_size


def test_step_refuses_codes_that_do_not_match_regions(data_dir: Path, tmp_path: Path) -> None:
    doc = json.loads(COMMITTED.read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:-1]
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(boundaries.BoundaryError, match="53.71"):
        boundaries.run(bad)
