"""The one view cache: keyed by data version, (for daily views) the date, and the arguments with defaults applied."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import date

import pytest
import streamlit as st

from integritas.views import _cache
from integritas.views._cache import view

CALLS: list[tuple[object, ...]] = []


@view(max_entries=4)
def greeting(lang: str, name: str = "NTT") -> dict[str, str]:
    """A data view."""
    CALLS.append(("greeting", lang, name))
    return {"text": f"{lang}:{name}"}


@view(max_entries=4)
def farewell(lang: str, name: str = "NTT") -> dict[str, str]:
    CALLS.append(("farewell", lang, name))
    return {"text": f"bye {lang}:{name}"}


@view(kind="resource", max_entries=4)
def figure(lang: str) -> list[str]:
    CALLS.append(("figure", lang))
    return [lang]


@view(max_entries=4, daily=True)
def age(lang: str) -> str:
    CALLS.append(("age", lang))
    return lang


class _Today:
    value = date(2026, 2, 6)

    @classmethod
    def today(cls) -> date:
        return cls.value


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    CALLS.clear()
    monkeypatch.setattr(_cache.db, "data_version", lambda: "/data/db/v1.duckdb")
    monkeypatch.setattr(_cache, "date", _Today)
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_same_arguments_compute_once_and_defaults_share_the_entry() -> None:
    first = greeting("id")
    assert greeting("id", "NTT") == greeting(lang="id") == first == {"text": "id:NTT"}
    assert CALLS == [("greeting", "id", "NTT")]
    assert greeting("en") == {"text": "en:NTT"} and greeting("id", "Kupang") == {"text": "id:Kupang"}
    assert len(CALLS) == 3


def test_data_views_hand_out_copies_resources_the_shared_object() -> None:
    a, b = greeting("id"), greeting("id")
    a["text"] = "changed by a page"
    assert b == {"text": "id:NTT"} and greeting("id") == {"text": "id:NTT"}
    assert figure("id") is figure("id")
    assert CALLS == [("greeting", "id", "NTT"), ("figure", "id")]


def test_a_new_data_version_recomputes(monkeypatch: pytest.MonkeyPatch) -> None:
    greeting("id")
    monkeypatch.setattr(_cache.db, "data_version", lambda: "/data/db/v2.duckdb")
    greeting("id")
    monkeypatch.setattr(_cache.db, "data_version", lambda: None)  # no database yet: its own key, no error
    greeting("id")
    assert CALLS == [("greeting", "id", "NTT")] * 3


def test_daily_views_recompute_the_next_day(monkeypatch: pytest.MonkeyPatch) -> None:
    age("id")
    age("id")
    greeting("id")
    monkeypatch.setattr(_Today, "value", date(2026, 2, 7))
    age("id")
    greeting("id")  # not daily: still cached
    assert CALLS == [("age", "id"), ("greeting", "id", "NTT"), ("age", "id")]


def test_two_views_with_the_same_arguments_keep_their_own_entries() -> None:
    assert greeting("id") == {"text": "id:NTT"}
    assert farewell("id") == {"text": "bye id:NTT"}


def test_the_decorated_view_keeps_its_signature_name_and_docstring() -> None:
    assert list(inspect.signature(greeting).parameters) == ["lang", "name"]
    assert (greeting.__name__, greeting.__doc__) == ("greeting", "A data view.")
    with pytest.raises(TypeError):
        greeting("id", "NTT", "extra")  # type: ignore[call-arg]
