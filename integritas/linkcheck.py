"""Links that never lie: a page opened with a parameter the data does not have says so and shows nothing else.

`url_synced` and widgets bound to the query string fall back to their default for a value they do not know, and
rewrite the address: `/instansi?id=kppn-kupangg` showed KPPN Kupang, `/kepatuhan?tahun=1999` the latest year, a
mistyped filter every agency. A reader (a journalist) could quote that unit as the one the link names. Here each
page first checks what its link asks for; a value that is present but unknown gives a "not found" notice naming
it as typed, the closest existing values as links, and no data of any other unit; the address is left as it is.
A parameter that is absent still means the page's default. The suggestions are `views.notfound`'s (pure).

The page that does not exist (`/halaman-tidak-ada`) is handled here too: Streamlit's `st.navigation` falls back
to the default page with an English "Page not found" dialog and rewrites the address to `/`; `missing_page` and
`page_not_found` give the router a hidden page at exactly the path asked for, which explains in the reader's
language and links to the pages that exist.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

import streamlit as st
from streamlit.errors import StreamlitAPIException

from integritas import db, fmt
from integritas.i18n import t
from integritas.search import MAX_QUERY_CHARS
from integritas.views import complaints, journeys
from integritas.views import notfound as nf
from integritas.views.agency import agency_name
from integritas.views.search import search_agencies, search_index

INSTANSI = "app_pages/instansi.py"
WILAYAH = "app_pages/wilayah.py"
KEPATUHAN = "app_pages/kepatuhan.py"
PERJALANAN = "app_pages/perjalanan.py"
PENGADUAN = "app_pages/pengaduan.py"
ICON = ":material/link_off:"
NOTICE_SHOWN = "_tautan_tidak_ditemukan"  # session flag: the last run of a page showed a notice
# What of a value is shown and compared: as much as the agency search reads. A link can be tens of kilobytes long;
# no id, code, year or page name is longer than this.
LONGEST = MAX_QUERY_CHARS


@dataclass
class Choice:
    """A link offered under a notice: its label (Markdown, data already escaped) and the whole query string."""

    label: str
    params: dict[str, str] = field(default_factory=dict)


def asked(key: str) -> str | None:
    """The value the link gives for ?key=, when the reader has not picked one on the page yet (an empty value
    counts as absent: it names nothing, so the page's default is no different unit)."""
    if st.session_state.get(key) is not None:
        return None  # picked on this page since: the URL follows the widget from here (url_synced)
    raw = st.query_params.get(key)
    return raw if raw else None


def as_typed(value: str) -> str:
    """A value from the link for a notice: user input, so escaped (it reads as typed, never as Markdown), and cut
    to its first LONGEST characters."""
    return fmt.md_text(value[:LONGEST]) + ("…" if len(value) > LONGEST else "")


def _links(page: str, choices: Sequence[Choice], icon: str) -> None:
    for c in choices:
        st.page_link(page, label=c.label, query_params=c.params, icon=icon)


def not_found(
    title: str,
    message: str,
    page: str,
    choices: Sequence[Choice],
    icon: str,
    heading: Callable[[str], object] = st.title,
    lead: str = "notfound.suggest",
) -> None:
    """The notice of an unknown value: a title, what the link asked for and why nothing is shown, and the closest
    existing values as links to the same page under `lead` (or a line saying none is close)."""
    st.session_state[NOTICE_SHOWN] = True
    heading(title)
    st.warning(message, icon=ICON)
    if choices:
        st.markdown(t(lead))
        _links(page, choices, icon)
    else:
        st.caption(t("notfound.no_match"))


def resync_address() -> None:
    """After a notice, write the address again. A suggestion is a link to the same page: Streamlit reruns the page
    with the link's query string but leaves the old one in the address bar (it rewrites the address only on a
    change of page, or when code sets a parameter, as `url_synced` does). A widget bound to the query string
    (the year slider) sets nothing, so without this the address would still say ?tahun=1999 over 2016's map."""
    if not st.session_state.pop(NOTICE_SHOWN, False):
        return
    try:
        for key, value in st.query_params.to_dict().items():
            st.query_params[key] = value  # the same value: Streamlit sends the address to the browser
    except StreamlitAPIException:
        pass  # a parameter already bound to a widget this run: the widget keeps the address itself


def _other_params(*drop: str) -> dict[str, str]:
    """The link's other parameters (the language, other filters), kept in every suggestion."""
    return {k: v for k, v in st.query_params.to_dict().items() if k not in drop}


# ---------------------------------------------------------------- instansi, wilayah, kepatuhan


def agency_not_found(typed: str) -> bool:
    """For the agency page: when ?id= names no agency, the notice and the agencies it most likely meant; False
    (nothing shown) when the id is known."""
    resync_address()
    if agency_name(typed) is not None:
        return False
    index = search_index()
    names = dict(zip(index["id"].astype(str), index["nama"].astype(str), strict=True))
    near = nf.agency_suggestions(typed[:LONGEST], names, search_agencies(nf.search_words(typed), nf.SUGGESTIONS))
    keep = _other_params("id")
    not_found(
        t("notfound.agency_title"),
        t("notfound.agency", value=as_typed(typed)),
        INSTANSI,
        [Choice(fmt.md_text(names[i]), {**keep, "id": i}) for i in near],
        ":material/apartment:",
    )
    return True


def region_not_found(typed: str) -> bool:
    """For the region page: when ?kode= names no region, the notice and the regions it most likely meant."""
    resync_address()
    regions = db.regions()
    rows = [(str(k), str(b), str(n)) for k, b, n in regions[["kode", "kode_bps", "nama"]].itertuples(index=False)]
    if typed in {k for k, _, _ in rows}:
        return False
    names = {k: n for k, _, n in rows}
    keep = _other_params("kode")
    not_found(
        t("notfound.region_title"),
        t("notfound.region", value=as_typed(typed)),
        WILAYAH,
        [
            Choice(f"{fmt.md_text(names[k])} ({fmt.md_text(k)})", {**keep, "kode": k})
            for k in nf.region_suggestions(typed[:LONGEST], rows)
        ],
        ":material/location_on:",
    )
    return True


def compliance_years() -> list[int]:
    return [int(y) for y in db.compliance_years()["year"]]


def years_not_found(tahun: str | None, banding: str | None) -> bool:
    """For the compliance page: when ?tahun= or ?banding= is no assessment year (or compares a year with itself),
    the notice, the nearest years as links and every year; False when both are absent or valid."""
    resync_address()
    years = compliance_years()
    if not years:
        return False  # nothing assessed yet: the page says so itself
    valid = {str(y) for y in years}
    year_ok = tahun is None or tahun in valid
    shown = tahun if tahun is not None and year_ok else str(years[-1])
    compare_ok = banding is None or banding == "0" or (banding in valid and banding != shown)
    if year_ok and compare_ok:
        return False
    keep = _other_params("tahun", "banding")
    if not year_ok:
        assert tahun is not None
        param, typed = t("kep.year"), tahun
        other = {"banding": banding} if banding is not None and compare_ok else {}
        pick = [y for y in nf.nearest_years(tahun[:LONGEST], years) if str(y) != other.get("banding")]
        choices = [Choice(str(y), {**keep, **other, "tahun": str(y)}) for y in pick]
    else:
        assert banding is not None
        param, typed = t("kep.compare.label"), banding
        base = {**keep, "tahun": shown}
        pick = [y for y in nf.nearest_years(banding[:LONGEST], years, nf.YEARS_SHOWN + 1) if str(y) != shown]
        choices = [Choice(t("notfound.compare_with", year=shown, other=y), {**base, "banding": str(y)}) for y in pick]
        choices.append(Choice(t("notfound.no_compare", year=shown), base))
    not_found(
        t("notfound.year_title"),
        t("notfound.year", value=as_typed(typed), param=param),
        KEPATUHAN,
        choices[: nf.YEARS_SHOWN + 1],
        ":material/calendar_month:",
    )
    st.markdown(t("notfound.all_years"))
    row = st.container(horizontal=True, gap="small")
    with row:
        _links(KEPATUHAN, [Choice(str(y), {**keep, "tahun": str(y)}) for y in years], ":material/map:")
    return True


# ---------------------------------------------------------------- filters: perjalanan, pengaduan


@dataclass
class Filter:
    """A query parameter of a page whose value must be one of `choices` (value → label as shown)."""

    key: str
    label: str
    choices: Mapping[str, str]
    blank_ok: bool = False  # '' is a choice ("all")
    any_case: bool = False  # read as Streamlit reads a bound checkbox: 'True' is 'true'


def _number_filter(key: str, label: str, low: int, high: int) -> Filter:
    return Filter(key, label, {str(n): str(n) for n in range(low, high + 1)})


def filters_not_found(page: str, filters: Sequence[Filter], icon: str) -> bool:
    """When a filter of the link has a value none of its choices has, the notice naming it (under the page's own
    title), the closest choices (every choice when none is close) and, for a filter that may be left empty,
    "without this choice" as links; then True: the page stops, a filter never silently becomes "all"."""
    resync_address()
    for f in filters:
        if st.session_state.get(f.key) in f.choices:
            continue  # picked on this page since: the widget and the URL agree from here
        raw = st.query_params.get(f.key)
        if raw is None or (raw.lower() if f.any_case else raw) in f.choices or (raw == "" and f.blank_ok):
            continue
        keep = _other_params(f.key)
        near = nf.closest_values(raw[:LONGEST], f.choices)
        lead = "notfound.suggest" if near else "notfound.choices"
        near = near or [v for v in f.choices if v]
        choices = [Choice(fmt.md_text(f.choices[v]), {**keep, f.key: v}) for v in near]
        if f.blank_ok:
            choices.append(Choice(t("notfound.without_filter"), keep))
        not_found(
            t("notfound.filter_title"),
            t("notfound.filter", value=as_typed(raw), param=f.label),
            page,
            choices,
            icon,
            st.subheader,
            lead,
        )
        return True
    return False


def journey_filters() -> list[Filter]:
    """Every parameter of the ZI journeys page with the values it takes (README: the /perjalanan link)."""
    opts = journeys.options()
    every = t("journey.all")
    return [
        Filter("langkah", t("journey.langkah"), {s: t(journeys.STEP_KEYS[s]) for s in journeys.STEPS}),
        Filter("rincian", t("journey.rincian"), {s: t(journeys.BREAKDOWN_KEYS[s]) for s in journeys.BREAKDOWNS}),
        Filter("jenis", t("journey.jenis"), {"": every, **{j: t(f"jenis.{j}") for j in opts.jenis}}, True),
        Filter("induk", t("journey.induk"), {"": every, **{i: i for i in opts.induk}}, True),
        Filter("wilayah", t("journey.wilayah"), {"": every, **dict(opts.wilayah)}, True),
        Filter("tahap", t("journey.tahap"), {"": every, **{s: t(f"step.{s}") for s in journeys.STAGES}}, True),
        Filter("urut", t("journey.urut"), {s: t(journeys.SORT_KEYS[s]) for s in journeys.SORTS}),
        _number_filter("macet_tahun", t("journey.macet_tahun"), 1, 10),
        Filter("semua", t("journey.include_empty"), {"true": t("yes"), "false": t("no")}, any_case=True),
        Filter("hal", t("notfound.page_number"), _positive(st.query_params.get("hal"))),
    ]


def _positive(raw: str | None) -> dict[str, str]:
    """A page number is any whole number from 1 (past the last page the page itself shows the last one)."""
    return {raw: raw} if raw is not None and raw.isdigit() and int(raw) >= 1 else {"1": "1"}


def check_journey_link() -> None:
    """For the ZI journeys page, called before its filters: an unknown filter value stops the page with the
    notice (see `filters_not_found`)."""
    if filters_not_found(PERJALANAN, journey_filters(), ":material/route:"):
        st.stop()


def complaint_filters(lang: str) -> list[Filter]:
    """The complaints page's breakdown (?rincian=) and measure (?metrik=, the measures of that breakdown)."""
    dims = complaints.complaints(lang, "substansi", "laporan").dimensions
    filters = [Filter("rincian", t("cmp.dimension"), {d: t(f"dim.{d}") for d in dims})]
    dimension = st.session_state.get("rincian") or st.query_params.get("rincian") or "substansi"
    if dimension in dims:
        metrics = complaints.complaints(lang, dimension, "laporan").metrics
        filters.append(Filter("metrik", t("cmp.metric"), {m: t(f"metric.{m}") for m in metrics}))
    return filters


# ---------------------------------------------------------------- the page that does not exist

MISSING_KEY = "_halaman_tidak_ada"  # the unknown path this session was opened at ('' when it was a real page)


def requested_path() -> str:
    """The page path the browser opened, as Streamlit matches it against the pages' url paths ('' for the home
    page), without the server's base path (`server.baseUrlPath`)."""
    url = st.context.url
    if not url:
        return ""
    path = unquote(urlparse(url).path).strip("/")
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path


def missing_page(known: Collection[str]) -> str | None:
    """The path this session was opened at when no page has it, else None. Read on the session's first run only:
    that is the run in which Streamlit resolves a page by its path, afterwards the browser names the page by its
    id. A nested path ('a/b') cannot be a page's path; Streamlit's own fallback stays for it."""
    if MISSING_KEY not in st.session_state:
        path = requested_path()
        st.session_state[MISSING_KEY] = path if path and path not in known and "/" not in path else ""
    missing = st.session_state[MISSING_KEY]
    return missing if missing and missing not in known else None


def page_not_found(path: str, pages: Sequence[st.Page]) -> None:
    """The page at an unknown path: says so in the reader's language, names the path as typed, and links to the
    closest pages and to every public page. The address stays as it was."""
    st.title(t("notfound.page_title"))
    st.warning(t("notfound.page", path=as_typed(path)), icon=ICON)
    by_path = {p.url_path: p for p in pages}
    near = nf.page_suggestions(path[:LONGEST], {url: p.title for url, p in by_path.items()})
    if near:
        st.markdown(t("notfound.suggest"))
        for url in near:
            st.page_link(by_path[url])
    st.markdown(t("notfound.pages"))
    for p in pages:
        st.page_link(p)
