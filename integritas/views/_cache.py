"""The one cache decorator of the view models: a view is computed once per (data version, its arguments).

    @view(max_entries=16)                      # st.cache_data: frames and dataclasses, a fresh copy per call
    def home(lang: str) -> HomeView: ...

    @view(kind="resource", max_entries=8)      # st.cache_resource: one shared object, for charts.read_only figures
    def zones_figure(lang: str) -> go.Figure: ...

The decorated function keeps its signature; the cache key is the current `db.data_version()` (a new build or
upload gives a new file, hence new keys), today's date for `daily` views (a time in stage grows by the day), and
the arguments with their defaults applied, so `journeys(lang)` and `journeys(lang, 2)` share one entry.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import date
from typing import Any, Literal, ParamSpec, TypeVar

import streamlit as st

from integritas import db

P = ParamSpec("P")
R = TypeVar("R")

_KEY_PARAMS = [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in ("version", "day", "args")]


def view(
    *, max_entries: int, kind: Literal["data", "resource"] = "data", daily: bool = False
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache a view by data version (and day, when `daily`) and its arguments; see the module docstring."""
    cache = st.cache_data if kind == "data" else st.cache_resource

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(fn)

        def cached(version: str, day: str, args: tuple[Any, ...]) -> R:
            return fn(*args)  # type: ignore[call-arg]

        # Streamlit names a cache by the function's module, qualified name and source (followed through
        # __wrapped__), and the values by the parameter names of its signature: give `cached` the view's
        # identity and source, so each view has its own cache that a code change invalidates, and its own
        # three key parameters.
        cached.__module__, cached.__name__, cached.__qualname__ = fn.__module__, fn.__name__, fn.__qualname__
        cached.__wrapped__ = fn  # type: ignore[attr-defined]
        cached.__signature__ = inspect.Signature(_KEY_PARAMS)  # type: ignore[attr-defined]
        stored = cache(max_entries=max_entries, show_spinner=False)(cached)

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            day = date.today().isoformat() if daily else ""
            return stored(db.data_version() or "", day, bound.args)

        return wrapper

    return decorate
