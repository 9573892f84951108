"""Shared fixtures: a throwaway data directory built from the real seed, and helpers to copy and edit seeds."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core import paths
from etl.build import build

REPO = Path(__file__).resolve().parent.parent


def copy_data(target: Path) -> Path:
    """Copy data/seed and data/geo (not the databases) into `target`."""
    for sub in ("seed", "geo"):
        src = REPO / "data" / sub
        if src.exists():
            shutil.copytree(src, target / sub)
    return target


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory built once from the real seed; tests must not modify it."""
    target = copy_data(tmp_path_factory.mktemp("data"))
    mp = pytest.MonkeyPatch()
    mp.setenv(paths.ENV_DATA_DIR, str(target))
    build(by="pytest")
    yield target
    mp.undo()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, unbuilt copy of the data directory for tests that edit seeds or build."""
    target = copy_data(tmp_path / "data")
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(target))
    return target


@pytest.fixture
def seeded(built_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the data directory as the seed build left it: faster than a build per test."""
    target = tmp_path / "data"
    shutil.copytree(built_dir, target, ignore=shutil.ignore_patterns(".build.lock", "packages"))
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(target))
    return target


@pytest.fixture
def use_built(built_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(built_dir))
    return built_dir


def open_page(page: str, lang: str = "id", timeout: int = 30, **params: str) -> AppTest:
    """Run the app through its router with these query parameters, switch to `page`, and assert it raised nothing."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
    if lang != "id":
        at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


_TERM_LINK = re.compile(r'\[((?:\\.|[^\]\\])*)\]\([^()\s"]+(?: "(?:\\.|[^"\\])*")?\)')


def seen_text(markdown: str) -> str:
    """Markdown with each term linked to the glossary as its word (other links stay links)."""
    return _GLOSSARY_LINK.sub(r"\1", markdown)


_GLOSSARY_LINK = re.compile(r'\[((?:\\.|[^\]\\])*)\]\(glosarium\?istilah=[^()\s"]+(?: "(?:\\.|[^"\\])*")?\)')


def seen(table: pd.DataFrame) -> pd.DataFrame:
    """A st.table's frame as the reader sees it: each Markdown link (a term linked to the glossary, a source) as its
    text, in the headers and the cells."""

    def text(value: object) -> object:
        return _TERM_LINK.sub(r"\1", value) if isinstance(value, str) else value

    out = table.rename(columns=text)
    for column in out.columns:
        out[column] = [text(v) for v in out[column]]
    return out
