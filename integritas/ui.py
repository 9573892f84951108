"""Shared page pieces: the no-database guard, paged tables, the sources expander, the sidebar search and footer.

Text from data is shown as text: wherever it meets Markdown (st.markdown, captions, labels) it goes through
`fmt.md_text`.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import partial
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from integritas import charts, cite, db, export, fmt, glossary, images
from integritas.charts import clicked_key
from integritas.i18n import current_lang, t
from integritas.search import MAX_QUERY_CHARS
from integritas.views._columns import Page, Rows, header, sources_markdown
from integritas.views.search import search_agencies

PAGE_ROWS = 50  # rows of a long table sent at once: enough to read on a phone, small over the websocket
SOURCES_PER_PAGE = 50


def require_db() -> None:
    """Stop the page with a clear instruction when no database has been built yet; say which data version a pinned
    link (?versi=) shows, and show nothing for a version that is not kept (never another version's rows)."""
    if db.data_version() is None:
        st.error(t("app.no_db"), icon=":material/database:")
        st.stop()
    pin = db.pinned_id()
    if pin is None:
        return
    shown, latest = db.shown_version(), db.latest_version()
    lang = current_lang()
    if shown is None or latest is None or shown.id != pin:
        st.error(t("cite.unknown", version=fmt.md_text(pin)), icon=":material/history:")
        st.markdown(t("cite.unknown_kept"))
        kept = db.kept_versions()[:10]
        links = (f"- [{v.id}]({fmt.md_url(_with_version(v.id))}) · {fmt.day(v.day, lang)}" for v in kept)
        st.markdown("\n".join(links))
        st.button(t("cite.pinned_latest"), on_click=_unpin, icon=":material/update:")
        st.stop()
    if shown.id != latest.id:
        st.warning(
            t(
                "cite.pinned",
                version=shown.id,
                day=fmt.day(shown.day, lang),
                latest=latest.id,
                latest_day=fmt.day(latest.day, lang),
            ),
            icon=":material/history:",
        )
        st.button(t("cite.pinned_latest"), on_click=_unpin, icon=":material/update:")


def _unpin() -> None:
    st.query_params.pop(db.VERSION_PARAM, None)


def _with_version(version_id: str, link: Mapping[str, object] | None = None) -> str:
    """This page's address with its query parameters (and `link`: state a bound widget leaves out of the URL at
    its default, such as the latest year) and ?versi= set to `version_id` (relative when the browser's address is
    unknown, as in AppTest)."""
    params = {k: v for k, v in st.query_params.to_dict().items() if k != db.VERSION_PARAM}
    params |= {k: str(v) for k, v in (link or {}).items()}
    params[db.VERSION_PARAM] = version_id
    return (st.context.url or "") + "?" + urlencode(params)


def permalink(link: Mapping[str, object] | None = None) -> str:
    """The link that reopens this view on the data version it shows."""
    shown = db.shown_version()
    return _with_version(shown.id, link) if shown else (st.context.url or "")


def citation(
    title: str, source_ids: Iterable[object], link: Mapping[str, object] | None = None
) -> cite.Citation | None:
    """The citation of this view: its title, the publishers of the sources `source_ids`, version and permalink."""
    shown = db.shown_version()
    if shown is None:
        return None
    ids = sorted({i for i in source_ids if isinstance(i, str)})
    publishers = cite.publishers_of(db.sources(ids)["publisher"]) if ids else ()
    return cite.Citation(title, publishers, shown.id, shown.day, date.today(), permalink(link))


def cite_box(title: str, source_ids: Iterable[object], link: Mapping[str, object] | None = None) -> None:
    """The "Kutip / Cite" box: a ready citation (text, BibTeX, RIS), each with Streamlit's one-click copy button."""
    c = citation(title, source_ids, link)
    if c is None:
        return
    lang = current_lang()
    with st.expander(t("cite.title"), icon=":material/format_quote:"):
        st.caption(t("cite.intro"))
        plain, bib, ris = st.tabs([t("cite.plain"), "BibTeX", "RIS"])
        # st.code shows text as typed (titles and publishers are data) and carries the copy button
        plain.code(cite.text(c, lang), language=None, wrap_lines=True)
        bib.code(cite.bibtex(c, lang), language="bibtex", wrap_lines=True)
        ris.code(cite.ris(c, lang), language=None, wrap_lines=True)


def _first_page(key: str) -> None:
    st.session_state[key] = 1


def _pager(key: str, total: int, per_page: int) -> int:
    """The page number kept in session state under `key` (1 when it is past the last page, e.g. after a filter)."""
    n = st.session_state.get(key, 1)
    n = n if isinstance(n, int) and 1 <= n <= max(1, math.ceil(total / per_page)) else 1
    st.session_state[key] = n
    return n


def _sort_options(sorts: Sequence[str]) -> list[str]:
    return ["", *(f"{c}:{d}" for c in sorts for d in ("asc", "desc"))]


def _sort_label(option: str) -> str:
    if not option:
        return t("col.sort_default")
    column, direction = option.split(":")
    return t("col.sort_desc" if direction == "desc" else "col.sort_asc", col=header(column, current_lang()))


def paged_table(
    key: str,
    fetch: Callable[[str, db.Order | None, int, int], Page],
    *,
    empty: str,
    title: str,
    searchable: bool = False,
    sorts: Sequence[str] = (),
    rows: Callable[[str, db.Order | None], Rows] | None = None,
) -> Page:
    """A long table one page at a time: `fetch(filter, order, offset, limit)` runs the query in DuckDB and returns
    only the rows shown and the exact total. With `searchable`, a filter box narrows the rows (in SQL); `sorts` are
    the columns a reader may sort by (in SQL); `rows(filter, order)` gives every matching row as machine values,
    downloaded as CSV or Excel (with the sources and the citation of `title`), made only when the reader clicks.
    The filter, the order and the page are in the URL (?<key>-q=, ?<key>-urut=, ?<key>-p=). Returns the page
    shown (for its sources)."""
    text = ""
    filter_box = searchable and (st.session_state.get(f"{key}-q") or st.query_params.get(f"{key}-q"))
    # A filter box and a sort only where there is more than a page to filter (or a filter is already typed).
    many = fetch("", None, 0, PAGE_ROWS).total > PAGE_ROWS
    order: db.Order | None = None
    show_filter = searchable and bool(filter_box or many)
    show_sort = bool(sorts) and bool(many or st.query_params.get(f"{key}-urut"))
    left, right = st.columns([2, 1], vertical_alignment="bottom") if show_filter or show_sort else (None, None)
    if show_filter and left is not None:
        text = left.text_input(
            t("search.filter"),
            key=f"{key}-q",
            max_chars=MAX_QUERY_CHARS,
            placeholder=t("search.filter_placeholder"),
            on_change=_first_page,
            args=(f"{key}-p",),
            bind="query-params",
        ).strip()
    if show_sort and right is not None:
        options = _sort_options(sorts)
        url_synced(f"{key}-urut", options, "")
        chosen = right.selectbox(
            t("col.sort"),
            options,
            format_func=_sort_label,
            key=f"{key}-urut",
            on_change=_first_page,
            args=(f"{key}-p",),
        )
        if chosen:
            column, direction = chosen.split(":")
            order = (column, direction == "desc")
    n = st.session_state.get(f"{key}-p") or _int(st.query_params.get(f"{key}-p")) or 1
    n = n if isinstance(n, int) and n >= 1 else 1
    page = fetch(text, order, (n - 1) * PAGE_ROWS, PAGE_ROWS)
    if page.table.empty and n > 1:  # past the end (the rows changed since): back to the first page
        n, page = 1, fetch(text, order, 0, PAGE_ROWS)
    page.order = order
    if page.total == 0:
        st.caption(empty)
        return page
    if page.markdown is not None:
        st.markdown(page.markdown)
    else:
        st.table(glossary.hover_table(page.table, current_lang()), hide_index=True)  # terms explained in place
    lang = current_lang()
    pages = math.ceil(page.total / PAGE_ROWS)
    first, last = page.offset + 1, page.offset + len(page.table)
    info, pick = st.columns([2, 1], vertical_alignment="bottom")
    info.caption(
        t(
            "search.range",
            first=fmt.number(first, lang),
            last=fmt.number(last, lang),
            total=fmt.number(page.total, lang),
        )
    )
    if pages > 1:
        st.session_state[f"{key}-p"] = n
        pick.number_input(
            t("search.page", pages=fmt.number(pages, lang)), 1, pages, step=1, key=f"{key}-p", bind="query-params"
        )
    else:
        st.query_params.pop(f"{key}-p", None)
    if rows is not None:
        downloads(key, title, lambda: rows(text, order), page.total)
    return page


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _export(title: str, rows: Rows, link: Mapping[str, object] | None = None) -> export.Export:
    """The download of `rows`: machine values, the sources they cite, the citation and the permalink."""
    lang = current_lang()
    c = citation(title, rows.source_ids, link)
    shown = db.shown_version()
    return export.Export(
        title=title,
        columns=[export.Column(name, label) for name, label in rows.columns],
        rows=rows.frame,
        sources=db.sources(rows.source_ids) if rows.source_ids else pd.DataFrame(),
        citation=cite.text(c, lang) if c else "",
        permalink=permalink(link),
        version=shown.id if shown else "",
        lang=lang,
    )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_bytes(
    write: Callable[[export.Export], bytes],
    title: str,
    make_rows: Callable[[], Rows],
    link: Mapping[str, object] | None,
) -> bytes:
    """One download's file, made when the reader clicks (the rows are fetched then, never with the page)."""
    return write(_export(title, make_rows(), link))


def downloads(
    key: str, title: str, make_rows: Callable[[], Rows], total: int, link: Mapping[str, object] | None = None
) -> None:
    """CSV and Excel downloads of every row a table matches (its filters applied), as machine values: made only
    when the reader clicks, never sent with the page. The Excel file adds the sources and the citation."""
    lang = current_lang()
    shown = db.shown_version()
    version = shown.id if shown else ""
    n = fmt.number(total, lang)
    formats: list[tuple[str, Callable[[export.Export], bytes], str, str, str]] = [
        (
            "csv",
            export.to_csv,
            fmt.plural(total, lang, "cite.csv", "lang.csv_one", total=n),
            "text/csv",
            ":material/download:",
        ),
        (
            "xlsx",
            export.to_xlsx,
            fmt.plural(total, lang, "cite.xlsx", "lang.xlsx_one", total=n),
            XLSX_MIME,
            ":material/table_view:",
        ),
    ]
    for column, (ext, write, label, mime, icon) in zip(st.columns(2), formats, strict=True):
        column.download_button(
            label,
            data=partial(_file_bytes, write, title, make_rows, link),
            file_name=export.file_name(key, version, ext),
            mime=mime,
            key=f"{key}-{ext}",
            on_click="ignore",
            icon=icon,
        )


def sources_expander(ids: Iterable[object], key: str = "sumber") -> None:
    """The sources behind the rows shown on a page, as one Markdown list (a page of them at a time): publisher,
    title, date, link and the verbatim quote."""
    lang = current_lang()
    wanted = sorted({i for i in ids if isinstance(i, str)})
    with st.expander(f"{t('sources.title')} ({fmt.number(len(wanted), lang)})", icon=":material/format_quote:"):
        n = _pager(f"{key}-p", len(wanted), SOURCES_PER_PAGE)
        chunk = wanted[(n - 1) * SOURCES_PER_PAGE : n * SOURCES_PER_PAGE]
        st.markdown(sources_markdown(db.sources(chunk), lang))
        pages = math.ceil(len(wanted) / SOURCES_PER_PAGE)
        if pages > 1:
            st.number_input(t("search.page", pages=fmt.number(pages, lang)), 1, pages, step=1, key=f"{key}-p")


def why_link(method: str) -> str:
    """' [Mengapa?](glosarium?bagian=metode-…)': a method-change warning's link to its Metode paragraph, in the
    reader's language."""
    lang = current_lang()
    target = glossary.method_link(method) + ("&lang=en" if lang == "en" else "")
    return f" [{t('cite.why')}]({target})"


def version_line() -> str | None:
    """'Versi data: **2026-11-30-3f9a1c** (30 November 2026)': the data version as the public sees it (never the
    database file's name or directory)."""
    shown = db.shown_version()
    return t("cite.version", version=shown.id, day=fmt.day(shown.day, current_lang())) if shown else None


# Streamlit's own "Download as CSV" on a st.dataframe writes the display text ("▲ merah", "83,17") with no source
# or version; every table has the page's CSV and Excel downloads of machine values instead, so that one is hidden.
_NO_DISPLAY_CSV = "<style>button[aria-label='Download as CSV']{display:none !important}</style>"


# A phone (Streamlit stacks columns below 641 px; the server cannot know the screen's width): a container keyed
# "wide-…" shows only on a wider screen and one keyed "narrow-…" only on a narrower one, so a page can draw both
# forms of a view and the browser keeps one (the Perjalanan lanes). See wide_only / narrow_only.
NARROW_PX = 640
_WIDTH_SWITCH_CSS = (
    f"@media (max-width:{NARROW_PX}px){{[class*='st-key-wide-']{{display:none !important}}}}"
    f"@media (min-width:{NARROW_PX + 1}px){{[class*='st-key-narrow-']{{display:none !important}}}}"
)
# A table wider than the screen scrolls sideways inside its box: its hidden side fades out (a cue that more is
# there), and on a phone a short hint ("geser →") stands under it. Both only while it does overflow: the table's
# horizontal scroll drives an animation (a scroll timeline is inactive when there is nothing to scroll, and an
# inactive animation sets nothing). A browser without scroll timelines fades the right edge of a phone's tables.
# No '<' in this CSS, escaped as \3c: st.html's sanitizer drops a <style> whose text looks like it holds a tag.
_TABLE_SCROLLERS = "[data-testid='stTable']>div,[data-testid='stDataFrame'] .dvn-scroller"
_TABLE_BOXES = "[data-testid='stTable'],[data-testid='stDataFrame']"
_SCROLL_CUE_CSS = (
    "@property --cue-l{syntax:'\\3c length\\3e ';inherits:false;initial-value:0px}"
    "@property --cue-r{syntax:'\\3c length\\3e ';inherits:false;initial-value:0px}"
    "@property --cue-hint{syntax:'\\3c length\\3e ';inherits:false;initial-value:0px}"
    "@keyframes cue-fade{0%{--cue-l:0px;--cue-r:40px}8%{--cue-l:40px}92%{--cue-r:40px}100%{--cue-l:40px;--cue-r:0px}}"
    "@keyframes cue-hint{0%,100%{--cue-hint:1.6em}}"
    "@supports (animation-timeline:scroll()){"
    f"{_TABLE_BOXES}{{timeline-scope:--table-x}}"
    f"{_TABLE_SCROLLERS}{{scroll-timeline:--table-x x;animation:cue-fade linear both;animation-timeline:--table-x;"
    "mask-image:linear-gradient(to right,transparent 0,#000 var(--cue-l),#000 calc(100% - var(--cue-r)),"
    "transparent 100%)}"
    f"@media (max-width:{NARROW_PX}px){{"
    "[data-testid='stTable']::after,[data-testid='stDataFrame']::after{content:var(--cue-text);display:block;text-align:right;font-size:0.8rem;"
    "opacity:0.7;height:var(--cue-hint);line-height:1.6em;overflow:hidden;"
    "animation:cue-hint linear both;animation-timeline:--table-x}}}"
    "@supports not (animation-timeline:scroll()){"
    f"@media (max-width:{NARROW_PX}px){{{_TABLE_SCROLLERS}{{"
    "mask-image:linear-gradient(to right,#000 calc(100% - 32px),transparent 100%)}}}"
)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def page_css() -> str:
    """Every page's own CSS, in one <style>: Streamlit's display-text CSV button hidden, glossary terms marked,
    the wide/narrow switch and the scroll cue of tables wider than the screen (its hint in the page's language)."""
    hint = f":root{{--cue-text:{_css_string(t('phone.scroll_hint'))}}}"
    return "<style>" + hint + _WIDTH_SWITCH_CSS + _SCROLL_CUE_CSS + "</style>" + _NO_DISPLAY_CSV + glossary.HOVER_CSS


def wide_only(name: str) -> DeltaGenerator:
    """A container the browser shows only on a screen wider than a phone (NARROW_PX)."""
    return st.container(key=f"wide-{name}")


def narrow_only(name: str) -> DeltaGenerator:
    """A container the browser shows only on a phone-wide screen (at most NARROW_PX): a view's narrow form."""
    return st.container(key=f"narrow-{name}")


def sidebar_footer() -> None:
    st.sidebar.html(page_css())
    if line := version_line():
        st.sidebar.caption(line)


def url_synced(key: str, options: Sequence[object], default: object, keep_default: bool = False) -> None:
    """Keep st.session_state[key] and ?key= in step, using the raw option value in the URL.

    `bind="query-params"` writes a widget's *display label* into the URL (?lang=English, ?kode=Kota Kupang); the
    public links are ?lang=en and ?kode=53.71, so these widgets are synced here instead. Call before the widget.
    `keep_default` keeps the parameter in the URL even at its default (a region link always names its region).
    """
    if key not in st.session_state or st.session_state[key] not in options:
        raw = st.query_params.get(key)
        st.session_state[key] = next((o for o in options if str(o) == raw), default)
    if st.session_state[key] == default and not keep_default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(st.session_state[key])


# Credited copies of cached figures, by the figure's identity and its credits: with_credits copies a figure (a map
# carries its GeoJSON), which a rerun should not pay again. The weak reference checks that the id still names the
# same figure (an id can be reused once its figure is gone).
_CREDITED: OrderedDict[tuple[object, ...], tuple[weakref.ref[go.Figure], go.Figure]] = OrderedDict()
_CREDITED_MAX = 64
_CREDITED_LOCK = threading.Lock()  # every session's script runs in its own thread


def _credited(fig: go.Figure, credits: charts.Credits, lang: str) -> go.Figure:
    key = (id(fig), credits, lang)
    with _CREDITED_LOCK:
        hit = _CREDITED.get(key)
        if hit is not None and hit[0]() is fig:
            _CREDITED.move_to_end(key)
            return hit[1]
    credited = charts.read_only(charts.with_credits(fig, credits, lang))
    with _CREDITED_LOCK:
        _CREDITED[key] = (weakref.ref(fig), credited)
        while len(_CREDITED) > _CREDITED_MAX:
            _CREDITED.popitem(last=False)
    return credited


def chart(
    fig: go.Figure,
    *,
    name: str,
    title: str,
    subtitle: str = "",
    source_ids: Iterable[object] = (),
    publishers: Sequence[str] | None = None,
    key: str | None = None,
    selectable: bool = False,
    base: dict[str, object] | None = None,
    link: Mapping[str, object] | None = None,
) -> object:
    """Draw a figure that carries its title, subtitle, source line, data version and permalink (so that the image
    the camera button saves says what it shows and where it came from), with a "SVG" download made on the server
    when it can; returns the selection event when `selectable`. The source line names the publishers of
    `source_ids` (or `publishers`, most cited first, for a chart drawn from every row of a table)."""
    lang = current_lang()
    shown = db.shown_version()
    version = shown.id if shown else ""
    if publishers is None:
        ids = sorted({i for i in source_ids if isinstance(i, str)})
        publishers = cite.publishers_of(db.sources(ids)["publisher"]) if ids else ()
    named = list(publishers[:MAX_PUBLISHERS])
    if len(publishers) > MAX_PUBLISHERS:  # the most cited, and how many more: a line, not a paragraph
        named[-1] += " " + t("cite.more", n=fmt.number(len(publishers) - MAX_PUBLISHERS, lang))
    credits = charts.Credits(title, subtitle, charts.source_line(named, lang), version, permalink(link))
    shown_fig = _credited(fig, credits, lang)
    height = int(shown_fig.layout.height or charts.IMAGE_HEIGHT)
    config = charts.plot_config(name, base, version=version, height=max(charts.IMAGE_HEIGHT, height), lang=lang)
    event: object = (
        st.plotly_chart(shown_fig, width="stretch", key=key, config=config, on_select="rerun", selection_mode="points")
        if selectable
        else st.plotly_chart(shown_fig, width="stretch", key=key, config=config)
    )
    # a plotly legend (or a bar chart's axis) has no hover: the terms it names are explained in a line under it
    if terms := glossary.chart_line(fig, lang):
        st.caption(terms)
    if images.image_export_available():
        st.download_button(
            t(charts.DOWNLOAD_SVG),
            data=lambda: images.figure_image(shown_fig, "svg", height=max(charts.IMAGE_HEIGHT, height)),
            file_name=charts.image_file_name(name, version) + ".svg",
            mime="image/svg+xml",
            key=f"{key or name}-svg",
            on_click="ignore",
            icon=":material/image:",
            type="tertiary",
        )
    return event


MAX_PUBLISHERS = 4
MAP_CONFIG: dict[str, object] = {"topojsonURL": "app/static/topojson/", "scrollZoom": False}


def map_chart(
    fig: go.Figure,
    key: str,
    *,
    name: str,
    title: str,
    subtitle: str = "",
    source_ids: Iterable[object] = (),
    link: Mapping[str, object] | None = None,
) -> str | None:
    """Draw a map offline (local topojson stub, no CDN), credited as `chart` does, and return the region code a
    click selected, if any."""
    event = chart(
        fig,
        name=name,
        title=title,
        subtitle=subtitle,
        source_ids=source_ids,
        key=key,
        selectable=True,
        base=MAP_CONFIG,
        link=link,
    )
    return clicked_key(event)


def open_region(kode: str) -> None:
    st.switch_page("app_pages/wilayah.py", query_params={"kode": kode})


def open_agency(agency_id: str) -> None:
    st.switch_page("app_pages/instansi.py", query_params={"id": agency_id})


def search_box() -> None:
    """The agency search, in the sidebar of every page: results link to the agency page."""
    text = st.sidebar.text_input(
        t("search.label"), key="cari", placeholder=t("search.placeholder"), max_chars=MAX_QUERY_CHARS
    )
    if not text or db.data_version() is None:
        return
    hits = search_agencies(text)
    if not hits:
        st.sidebar.caption(t("search.none"))
    for agency_id, nama in hits:
        st.sidebar.page_link(  # a page link's label is Markdown
            "app_pages/instansi.py",
            label=fmt.md_text(nama),
            query_params={"id": agency_id},
            icon=":material/apartment:",
        )
