"""Simplify the 22 kab/kota polygons for the browser, keeping topology, and write them with attribution."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from core import paths

DEFAULT_SOURCE = paths.REPO_ROOT.parent / "shared" / "geo" / "ntt_kabupaten.geojson"
TOLERANCE_DEG = 0.003  # about 330 m: coastlines stay recognisable at dashboard zoom
PRECISION_DEG = 1e-4  # about 11 m grid for the written coordinates
MIN_PART_KM2 = 0.5  # islets smaller than this vanish at dashboard zoom
ATTRIBUTION = (
    "Batas administrasi kabupaten/kota: Badan Informasi Geospasial (BIG), RBI 1:50.000 Administrasi KabKota "
    "(2023-09-07); via github.com/dmxsan/indonesia-admin-boundaries. Disederhanakan untuk peramban oleh Integritas NTT."
)
LICENCE_NOTE = (
    "No explicit open licence is stated by the redistributing repository; BIG publishes these base-map boundary "
    "layers for public download under UU 4/2011 tentang Informasi Geospasial. See shared/geo/SOURCE.md."
)


class BoundaryError(Exception):
    pass


def _drop_islets(geom: shapely.Geometry, min_deg2: float) -> shapely.Geometry:
    parts = list(getattr(geom, "geoms", [geom]))
    kept = [p for p in parts if p.area >= min_deg2] or [max(parts, key=lambda p: p.area)]
    return shapely.MultiPolygon(kept)


def simplify(source: Path, regions_csv: Path) -> gpd.GeoDataFrame:
    """Read, check the 22 codes against regions.csv, and simplify as one coverage so neighbours still touch."""
    gdf = gpd.read_file(source)
    regions = pd.read_csv(regions_csv, dtype=str)
    expected = set(regions.loc[regions["jenis"] != "provinsi", "kode"])
    got = set(gdf["kode"].astype(str))
    if got != expected:
        raise BoundaryError(
            f"codes differ from regions.csv: missing {sorted(expected - got)}, unexpected {sorted(got - expected)}"
        )
    # ~0.5 km² in degrees² at NTT's latitude (1° ≈ 110 km).
    min_deg2 = MIN_PART_KM2 / (110.0 * 110.0)
    geoms = shapely.coverage_simplify(gdf.geometry.values, TOLERANCE_DEG)
    geoms = [_drop_islets(shapely.set_precision(g, PRECISION_DEG), min_deg2) for g in geoms]
    names = regions.set_index("kode")
    out = gpd.GeoDataFrame(
        {
            "kode": gdf["kode"].astype(str).values,
            "kode_bps": [names.loc[k, "kode_bps"] for k in gdf["kode"]],
            "nama": [names.loc[k, "nama"] for k in gdf["kode"]],
        },
        geometry=geoms,
        crs="EPSG:4326",
    ).sort_values("kode")
    if not out.geometry.is_valid.all():
        raise BoundaryError("simplification produced an invalid polygon")
    return out


def write(gdf: gpd.GeoDataFrame, target: Path) -> int:
    """Write GeoJSON with 4 decimals and the attribution as a foreign member; return the size in bytes."""
    fc = json.loads(gdf.to_json(drop_id=True))
    doc = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "licence": LICENCE_NOTE, "features": fc["features"]}
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    (target.parent / "ATTRIBUTION.md").write_text(
        f"# {target.name}\n\n{ATTRIBUTION}\n\n{LICENCE_NOTE}\n\nMade by `python -m etl boundaries` "
        f"(coverage simplification at {TOLERANCE_DEG}°, coordinates on a {PRECISION_DEG}° grid, "
        f"islets under {MIN_PART_KM2} km² dropped).\n",
        encoding="utf-8",
    )
    return len(text.encode("utf-8"))


def run(source: Path | None = None) -> tuple[Path, int, int]:
    src = Path(source) if source else DEFAULT_SOURCE
    if not src.exists():
        raise BoundaryError(f"boundary file not found: {src}")
    gdf = simplify(src, paths.seed_dir() / "regions.csv")
    target = paths.boundaries_file()
    size = write(gdf, target)
    return target, len(gdf), size
