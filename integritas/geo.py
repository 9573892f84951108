"""The committed, simplified kab/kota boundaries: loaded once per file version, or None with the reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from core import paths
from integritas import charts


@st.cache_data(max_entries=2, show_spinner=False)
def _load(path: str, mtime: float) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return loaded


def boundaries_file() -> Path:
    """Where the simplified boundaries are expected (named in the page's warning when they are missing)."""
    return paths.boundaries_file()


def boundaries() -> dict[str, Any] | None:
    """The GeoJSON FeatureCollection of the 22 kab/kota, or None when the file is absent (maps then fall back)."""
    path = paths.boundaries_file()
    if not path.exists():
        return None
    return _load(str(path), path.stat().st_mtime)


def boundary_size_kb() -> float:
    path = paths.boundaries_file()
    return path.stat().st_size / 1024 if path.exists() else 0.0


@st.cache_data(max_entries=2, show_spinner=False)
def _points(path: str, mtime: float) -> dict[str, tuple[float, float]]:
    return charts.label_points(_load(path, mtime))


def label_points() -> dict[str, tuple[float, float]]:
    """A point inside each kab/kota (for map markers); empty when the boundary file is absent."""
    path = paths.boundaries_file()
    return _points(str(path), path.stat().st_mtime) if path.exists() else {}
