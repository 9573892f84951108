"""Where the data lives: the data directory, the seed files and the pointer to the database the app reads."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_DATA_DIR = "INTEGRITAS_DATA_DIR"


def data_dir() -> Path:
    """The data directory: `data/` in the repo unless INTEGRITAS_DATA_DIR moves it (tests build throwaway DBs)."""
    return Path(os.environ.get(ENV_DATA_DIR) or REPO_ROOT / "data").resolve()


def seed_dir() -> Path:
    return data_dir() / "seed"


def db_dir() -> Path:
    return data_dir() / "db"


def pointer_file() -> Path:
    # Readers follow this pointer; builds write a new DB file and swap the pointer atomically.
    return db_dir() / "CURRENT"


def boundaries_file() -> Path:
    return data_dir() / "geo" / "ntt_kabkota.geojson"


def current_db() -> Path | None:
    """The database file the app reads now, or None when no build has happened yet."""
    try:
        name = pointer_file().read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = db_dir() / name
    return path if name and path.exists() else None
