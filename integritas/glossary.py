"""The glossary (core/glossary.toml) as data: entries, hover help for labels and locale keys, anchors, method notes."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from core.i18n import LANGS, strings, tr
from integritas import fmt

GLOSSARY_FILE = Path(__file__).resolve().parents[1] / "core" / "glossary.toml"
PAGE = "glosarium"  # the page's url_path
TERM_PARAM = "istilah"  # glosarium?istilah=pb: the search box, and a link to one term
SECTION_PARAM = "bagian"  # glosarium?bagian=metode-penilaian: a Metode paragraph, shown first and highlighted
GROUPS = ("zi", "penilaian", "aduan", "data")
METHODS = ("kepatuhan", "penilaian", "opini", "zi", "aduan")
HOVER_MAX = 120
CATEGORY_KEYS = "lang.cat."  # the locale keys of complaint categories: lang.cat.<the category as recorded>
# The default of the stalled rule ("macet"), as integritas/journey.py and the Perjalanan ZI page apply it; the
# glossary's {n}. Not imported from journey.py, which would bring Streamlit in: tests/unit/test_glossary.py checks
# that the journey model's default and behaviour agree with it.
STALLED_AFTER_YEARS = 2
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Marks pages put before a label (a zone's shape, the stalled warning, a no-data cross) and Markdown emphasis.
_MARKS = "●◆▲▼⚠✕*_ \u00a0\u2060"


@dataclass(frozen=True)
class Source:
    """A passage that says what a definition says: URL (None where the research recorded none), publisher, quote."""

    url: str | None
    publisher: str
    quote: str
    source_id: str | None = None  # the id in the sources table, for sources read from the database


@dataclass(frozen=True)
class Entry:
    """One term in one language."""

    anchor: str
    group: str
    term: str
    hover: str
    definition: str
    sources: tuple[Source, ...]  # empty exactly when the definition is the project's own (unsourced)
    labels: tuple[str, ...]  # strings a page shows for the term (either language)
    keys: tuple[str, ...]  # locale keys whose text is a label for the term
    show_bands: str | None  # "zone:<zone>", "category" or "method:<method>": bands shown under the definition

    @property
    def sourced(self) -> bool:
        return bool(self.sources)


@dataclass(frozen=True)
class MethodSection:
    """One paragraph of the Metode section: what changed, and what must not be compared because of it."""

    name: str
    anchor: str
    title: str
    text: str
    compare: str
    assessment: bool  # a row of the methods table (an Ombudsman assessment method), which has bands or none
    bands: tuple[str, ...]  # the published bands of the method, one line per year range (empty: none published)
    sources: tuple[Source, ...]  # sources written in the glossary file
    source_ids: tuple[str, ...]  # sources in the database: the method's and its bands'


def _fold(text: str) -> str:
    """Case, accents, «quotes», leading marks and spacing do not matter when a label is looked up."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("«", "").replace("»", "").strip(_MARKS).rstrip(":")
    return " ".join(text.split())


def _source(raw: Mapping[str, Any]) -> Source:
    url = raw.get("url", "").strip()
    return Source(url=url or None, publisher=raw["publisher"], quote=raw["quote"])


@functools.cache
def _raw() -> dict[str, Any]:
    with GLOSSARY_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    for term in data["term"]:
        if bool(term.get("source")) == bool(term.get("unsourced")):
            raise ValueError(f"{term['anchor']}: give sources or mark the entry unsourced, not both or neither")
        if term.get("unsourced") and term.get("show_bands"):
            raise ValueError(f"{term['anchor']}: bands come with their sources, so an unsourced entry shows none")
    return data


def _text(template: str, lang: str) -> str:
    return template.format(n=fmt.number(STALLED_AFTER_YEARS, lang, 1, trim=True)) if "{n}" in template else template


@functools.cache
def _entries(lang: str) -> tuple[Entry, ...]:
    out = []
    for term in _raw()["term"]:
        words = term[lang]
        out.append(
            Entry(
                anchor=str(term["anchor"]),
                group=str(term["group"]),
                term=_text(words["term"], lang),
                hover=_text(words["hover"], lang),
                definition=_text(words["definition"], lang),
                sources=tuple(_source(s) for s in term.get("source", [])),
                labels=tuple(term.get("labels", [])),
                keys=tuple(term.get("keys", [])),
                show_bands=term.get("show_bands"),
            )
        )
    return tuple(out)


def entries(lang: str) -> list[Entry]:
    """Every entry in `lang` (Bahasa Indonesia for an unknown language), in the glossary file's order."""
    return list(_entries(lang if lang in LANGS else "id"))


@functools.cache
def _index() -> tuple[dict[str, str], dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """(locale key -> anchor, folded label -> anchor, label pattern -> anchor). A label found twice is an error."""
    by_key: dict[str, str] = {}
    by_label: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []

    def claim(label: str, anchor: str) -> None:
        folded = _fold(label)
        if by_label.setdefault(folded, anchor) != anchor:
            raise ValueError(f"label {label!r} belongs to both {by_label[folded]} and {anchor}")

    for lang in LANGS:
        for e in _entries(lang):
            claim(e.anchor, e.anchor)
            claim(e.term, e.anchor)
            for label in e.labels:
                claim(label, e.anchor)
            for key in e.keys:
                if by_key.setdefault(key, e.anchor) != e.anchor:
                    raise ValueError(f"key {key} belongs to both {by_key[key]} and {e.anchor}")
                text = strings(lang).get(key)
                if text is None:
                    raise ValueError(f"{e.anchor}: no locale key {key} in {lang}")
                if _PLACEHOLDER.search(text):
                    # "Macet (> {n} tahun)" labels "Macet (> 2 tahun)": any text in place of a placeholder
                    parts = _PLACEHOLDER.split(_fold(text))
                    patterns.append((re.compile("(?:.+?)".join(map(re.escape, parts))), e.anchor))
                else:
                    claim(text, e.anchor)
    # A complaint category is recorded in Bahasa and shown through its translation (lang.cat.<as recorded>, see
    # integritas/labels.py): the translation of a category that is a term labels that term too.
    for lang in LANGS:
        for key, text in strings(lang).items():
            if key.startswith(CATEGORY_KEYS) and (found := by_label.get(_fold(key[len(CATEGORY_KEYS) :]))):
                by_label.setdefault(_fold(text), found)
    return by_key, by_label, patterns


def _find(label_or_key: str) -> str | None:
    by_key, by_label, patterns = _index()
    if label_or_key in by_key:
        return by_key[label_or_key]
    folded = _fold(label_or_key)
    if folded in by_label:
        return by_label[folded]
    return next((anchor for pattern, anchor in patterns if pattern.fullmatch(folded)), None)


def entry(label_or_key: str, lang: str) -> Entry | None:
    """The entry a label (as a page shows it, in either language), a locale key or an anchor names, in `lang`."""
    found = _find(label_or_key)
    return next((e for e in entries(lang) if e.anchor == found), None) if found else None


def hover(label_or_key: str, lang: str) -> str | None:
    """The short explanation (at most 120 characters) for a label as a page shows it, or for a locale key; None when
    the glossary has no entry for it."""
    found = entry(label_or_key, lang)
    return found.hover if found else None


def anchor(term: str) -> str:
    """The stable id of a term (given as its anchor, a label or a locale key): the heading id on the Glosarium page
    and the value of glosarium?istilah=. KeyError for a term the glossary does not have."""
    found = _find(term)
    if found is None:
        raise KeyError(term)
    return found


def term_link(term: str) -> str:
    """A relative link that opens the Glosarium at one term: 'glosarium?istilah=pb'."""
    return f"{PAGE}?{TERM_PARAM}={anchor(term)}"


def method_anchor(name: str) -> str:
    """The stable id of a Metode paragraph ('penilaian' -> 'metode-penilaian'): the value of glosarium?bagian= and
    the paragraph's heading id. KeyError for a method the glossary does not explain."""
    if name not in METHODS:
        raise KeyError(name)
    return f"metode-{name}"


def method_link(name: str) -> str:
    """A relative link that opens the Glosarium with that Metode paragraph first: 'glosarium?bagian=metode-opini'."""
    return f"{PAGE}?{SECTION_PARAM}={method_anchor(name)}"


def section_of(value: object) -> str | None:
    """The method name a ?bagian= value names ('metode-penilaian' -> 'penilaian'), else None."""
    if isinstance(value, str):
        return next((m for m in METHODS if method_anchor(m) == value.strip().casefold()), None)
    return None


def _tokens(*texts: str) -> set[str]:
    return set(re.findall(r"\w+", _fold(" ".join(texts))))


def _holds(tokens: set[str], words: list[str]) -> bool:
    """Every query word begins some word of the text ('kun' finds 'kuning'; 'pp' does not find 'improper')."""
    return all(any(t.startswith(w) for t in tokens) for w in words)


def search(query: str, lang: str) -> list[Entry]:
    """The entries a reader's query finds; all when it is empty. A query that names an entry exactly (an anchor, a
    label in either language or a locale key: 'PB', 'pb', 'undue delay') gives that entry first, then only the
    entries whose own name holds the query too ('zona' -> Zona, then Zona merah, kuning, hijau…); any other query
    gives every entry holding all its words, in its name, labels or explanation."""
    words = sorted(_tokens(query))
    if not words:
        return entries(lang)
    if (exact := entry(query, lang)) is not None:
        named = [e for e in entries(lang) if e != exact and _holds(_tokens(e.term, *e.labels), words)]
        return [exact, *named]
    return [
        e
        for e in entries(lang)
        if _holds(
            _tokens(e.anchor, e.term, e.hover, e.definition, *e.labels, *(strings(lang).get(k, "") for k in e.keys)),
            words,
        )
    ]


# ------------------------------------------------------------------------------------------------ bands and methods


def _value(v: Any) -> Any:
    """None for an empty cell, whether it came from the database (NULL, pd.NA) or from a CSV file ('')."""
    return None if v is None or (isinstance(v, str) and not v.strip()) or pd.isna(v) else v


def _score(v: Any, lang: str) -> str:
    # two decimals at most, without trailing zeros: 87.99 reads 87,99 and 88.00 reads 88, as the sources print them
    return fmt.number(float(v), lang, 2, trim=True)


def _years(year_from: Any, year_to: Any, lang: str) -> str:
    a, b = int(year_from), _value(year_to)
    if b is None:
        return tr("glossary.since", lang, year=a)
    return str(a) if a == int(b) else f"{a}–{int(b)}"


def band_lines(
    bands: Iterable[Mapping[str, Any]],
    lang: str,
    *,
    method: str | None = None,
    zone: str | None = None,
    category: bool = False,
) -> list[str]:
    """The published score bands (rows of the zone_bands table) as text, one line per method and year range:
    'Penilaian (A–E), 2022: A (hijau) 88–100 · B (hijau) 78–87,99 · …'. Filtered to one method, one zone, or the
    rows that carry a category; the rows keep their order (the database gives them by year, highest band first)."""
    lines: dict[tuple[str, str], list[str]] = {}
    for row in bands:
        m, z, cat = str(row["method"]), str(row["zone"]), _value(row.get("category"))
        if (method and m != method) or (zone and z != zone) or (category and cat is None):
            continue
        head = (m, _years(row["year_from"], row["year_to"], lang))
        zone_word = tr(f"zone.{z}", lang)
        scores = f"{_score(row['min_score'], lang)}–{_score(row['max_score'], lang)}"
        lines.setdefault(head, []).append(f"{cat} ({zone_word}) {scores}" if cat else f"{zone_word} {scores}")
    return [f"{tr(f'method.short.{m}', lang)}, {years}: " + " · ".join(parts) for (m, years), parts in lines.items()]


def entry_bands(e: Entry, bands: Iterable[Mapping[str, Any]], lang: str) -> list[str]:
    """The band lines shown under an entry (its `show_bands`), or none."""
    if not e.show_bands:
        return []
    kind, _, value = e.show_bands.partition(":")
    if kind == "zone":
        return band_lines(bands, lang, zone=value)
    if kind == "method":
        return band_lines(bands, lang, method=value)
    return band_lines(bands, lang, category=True)


def entry_band_sources(e: Entry, bands: Iterable[Mapping[str, Any]]) -> list[str]:
    """The source ids of the bands shown under an entry, in first-seen order."""
    if not e.show_bands:
        return []
    kind, _, value = e.show_bands.partition(":")

    def shown(r: Mapping[str, Any]) -> bool:
        if kind in ("zone", "method"):
            return bool(r[kind] == value)
        return _value(r.get("category")) is not None

    return list(dict.fromkeys(str(r["source_id"]) for r in bands if shown(r)))


def sources_of(rows: Iterable[Mapping[str, Any]]) -> list[Source]:
    """Rows of the sources table (id, url, publisher, quote) as glossary sources; a URL that is not http(s) is none."""
    return [
        Source(
            url=fmt.http_url(r.get("url")),
            publisher=str(r["publisher"]),
            quote=str(_value(r.get("quote")) or ""),
            source_id=str(r["id"]),
        )
        for r in rows
    ]


def method_sections(
    lang: str, methods: Iterable[Mapping[str, Any]], bands: Iterable[Mapping[str, Any]]
) -> list[MethodSection]:
    """The Metode paragraphs in `lang`: their years come from the methods table (rows of db.methods()), their bands
    from the zone_bands table (rows of db.zone_bands()); nothing about either is typed in the glossary file."""
    lang = lang if lang in LANGS else "id"
    table = {str(r["id"]): r for r in methods}
    bands = list(bands)
    years: dict[str, object] = {}
    for name, r in table.items():
        years[f"{name}_from"] = int(r["year_from"])
        if (to := _value(r.get("year_to"))) is not None:
            years[f"{name}_to"] = int(to)
    out = []
    for raw in _raw()["method"]:
        name = str(raw["name"])
        words = raw[lang]
        title, ids, lines = words["title"], [], []
        if name in table:
            r = table[name]
            title = f"{title} · {_years(r['year_from'], r.get('year_to'), lang)}"
            lines = band_lines(bands, lang, method=name)
            ids = [str(r["source_id"]), *(str(b["source_id"]) for b in bands if b["method"] == name)]
        out.append(
            MethodSection(
                name=name,
                anchor=method_anchor(name),
                title=title,
                text=words["text"].format(**years),
                compare=words["compare"].format(**years),
                assessment=name in table,
                bands=tuple(lines),
                sources=tuple(_source(s) for s in raw.get("source", [])),
                source_ids=tuple(dict.fromkeys(ids)),
            )
        )
    return out


def source_markdown(s: Source, lang: str) -> str:
    """One source as a Markdown list item: the publisher, linked when its URL is http(s), then the verbatim quote;
    every part escaped, so text from the sources shows as typed."""
    url = fmt.http_url(s.url)
    publisher = fmt.md_text(s.publisher)
    who = f"[{publisher}]({fmt.md_url(url)})" if url else f"{publisher} ({tr('sources.no_url', lang)})"
    return f"- {who}: «{fmt.md_text(s.quote)}»" if s.quote else f"- {who}"


# ------------------------------------------------------------------------------------------------ hover help
# Where a term appears (a widget's label, a table's header or cell, a chart's legend), its hover text comes from
# here: a Streamlit `help=` tooltip for a widget or a metric, and for Markdown (tables, captions) a link with a
# title, [PB](glosarium?istilah=pb "…"), which shows the hover text under the pointer and opens the entry on a tap.

_ESCAPED = re.compile(r"\\(.)")
# A term's link reads as the word it is, dotted underneath, not as a loud blue link in every header and cell.
HOVER_CSS = (
    f"<style>a[href^='{PAGE}?{TERM_PARAM}=']{{color:inherit !important;text-decoration:underline dotted"
    " !important;text-underline-offset:0.2em;cursor:help}</style>"
)
_EVENT_KEYS = "event."  # a milestone cell starts with its event's words ('Usulan ke TPN menuju WBBM (…)')


def term_href(term: str, lang: str) -> str:
    """The relative link to a term's entry in the reader's language: 'glosarium?istilah=pb&lang=en'."""
    return term_link(term) + ("&lang=en" if lang == "en" else "")


def _md_title(text: str) -> str:
    """Text as a Markdown link title: in double quotes, its backslashes and quotes escaped (CommonMark reads the
    rest, brackets and parentheses included, as typed)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def link_md(label_or_key: str, lang: str, text: str | None = None) -> str | None:
    """'[PB](glosarium?istilah=pb "Penundaan berlarut: …")': `text` (Markdown, the label escaped when not given)
    linked to its entry with the hover text as the link's title; None for a label the glossary does not have."""
    e = entry(label_or_key, lang)
    if e is None:
        return None
    shown = fmt.md_text(label_or_key) if text is None else text
    return f"[{shown}]({term_href(e.anchor, lang)} {_md_title(e.hover)})"


def linked(label_or_key: str, lang: str, text: str | None = None) -> str:
    """`link_md`, or the text itself (escaped when not given) for a label the glossary does not have."""
    return link_md(label_or_key, lang, text) or (fmt.md_text(label_or_key) if text is None else text)


def help_text(label_or_key: str, lang: str) -> str | None:
    """A widget's or a metric's `help=` tooltip: the hover text and a link to the whole entry; None when the
    glossary has no entry for the label."""
    e = entry(label_or_key, lang)
    if e is None:
        return None
    return f"{fmt.md_text(e.hover)} [{tr('hover.more', lang)}]({term_href(e.anchor, lang)})"


def _plain(cell: str) -> str:
    """A Markdown cell as the reader sees it: without the escapes that keep data literal."""
    return _ESCAPED.sub(r"\1", cell).replace(fmt.WORD_JOINER, "")


@functools.cache
def _texts(lang: str, prefix: str = "") -> tuple[tuple[str, str], ...]:
    """(text, anchor) of every locale key an entry lists (those starting with `prefix`), longest text first: the
    words the code itself shows for a term."""
    out = {
        strings(lang)[k]: e.anchor
        for e in _entries(lang)
        for k in e.keys
        if k.startswith(prefix) and not _PLACEHOLDER.search(strings(lang)[k])
    }
    return tuple(sorted(out.items(), key=lambda kv: -len(kv[0])))


_REMARK = re.compile(r"\s*\([^)]*\)$")
_YEAR_SUFFIX = re.compile(r"\s+\d{4}(\s*→\s*\d{4})?$")  # 'Zona 2024' is the zone of 2024


def _header_anchor(text: str, lang: str, also: Mapping[str, str]) -> str | None:
    # A header is a term only when it is the text of a key an entry lists ('Zona' is col.zone), or of a key the
    # table names (`also`): a header such as 'Kategori' (a complaint breakdown's category) must not be taken for
    # the entry of categories A–E, which the compliance table's 'Kategori 2024' is.
    named = [(tr(k, lang), a) for k, a in also.items()]
    for shown in (text, _REMARK.sub("", text)):  # 'WBK (+ baru)': the term, then a remark on what is counted
        folded = _fold(_YEAR_SUFFIX.sub("", shown))
        if found := next((a for t, a in (*named, *_texts(lang)) if _fold(t) == folded), None):
            return found
    return None


def _header(text: str, lang: str, also: Mapping[str, str]) -> str:
    found = _header_anchor(text, lang, also)
    return (link_md(found, lang, fmt.md_text(text)) or text) if found else text


def _cell(cell: object, lang: str) -> object:
    if not isinstance(cell, str) or not cell.strip() or cell.lstrip().startswith("["):  # already a link
        return cell
    plain = _plain(cell)
    if (found := _find(plain)) is not None:
        return link_md(found, lang, cell)
    for text, anchor in _texts(lang, _EVENT_KEYS):
        if cell.startswith(text + " "):  # the event's words, then where it leads and its outcome
            return f"{link_md(anchor, lang, text)}{cell[len(text) :]}"
    return cell


def hover_table(table: pd.DataFrame, lang: str, also: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A table of Markdown cells (for st.table) with its terms explained where they stand: each header that is a
    term's label and each cell that is a term (a zone, a milestone, a measure, a maladministration category, a
    status) becomes a link to its entry titled with its hover text. Cells that are not terms stay as they are.
    `also` names headers that are a term in this table only: {locale key: term} ({'col.category': 'kategori'})."""
    out = table.rename(columns={c: _header(c, lang, also or {}) for c in table.columns if isinstance(c, str)})
    for column in out.columns:
        out[column] = [_cell(v, lang) for v in out[column]]
    return out


def header_help(columns: Iterable[object], lang: str, also: Mapping[str, str] | None = None) -> dict[str, str]:
    """header -> hover text, for the headers of a st.dataframe that are terms (its column_config `help=`); `also`
    as for `hover_table`."""
    out = {}
    for c in columns:
        if isinstance(c, str) and (found := _header_anchor(c, lang, also or {})) and (h := hover(found, lang)):
            out[c] = h
    return out


def legend_terms(names: Iterable[object], lang: str) -> list[tuple[str, Entry]]:
    """The terms a chart's legend names, as the legend words them, in legend order, each entry once: a trace's name
    is a term ('merah', 'laporan masyarakat'), or terms joined by ' · ' ('Usulan ke TPN · menunggu hasil'), or a
    term with a remark in parentheses ('hijau (tanpa skor)')."""
    found: dict[str, tuple[str, Entry]] = {}
    for name in names:
        if not isinstance(name, str):
            continue
        for part in name.split(" · "):
            part = re.sub(r"<[^>]*>", "", part).strip()
            bare = _REMARK.sub("", part)
            e = entry(part, lang) or entry(bare, lang)
            if e is not None:
                found.setdefault(e.anchor, (part if entry(part, lang) else bare, e))
    return list(found.values())


def legend_line(names: Iterable[object], lang: str) -> str | None:
    """'Istilah: [merah](… "…") · [kuning](… "…")': a caption under a chart whose legend names terms (a plotly
    legend has no hover of its own), each worded as the legend words it, or None when it names none."""
    terms = legend_terms(names, lang)
    if not terms:
        return None
    links = (f"[{fmt.md_text(word)}]({term_href(e.anchor, lang)} {_md_title(e.hover)})" for word, e in terms)
    return f"{tr('hover.terms', lang)}: " + " · ".join(links)


def chart_line(fig: Any, lang: str) -> str | None:
    """The `legend_line` of a plotly figure: the names of the traces its legend shows, then the categories along a
    bar chart's axis ('penundaan berlarut', 'undue delay'), which have no hover of their own either."""
    names: list[object] = [d.name for d in fig.data if d.showlegend is not False]
    for d in fig.data:
        if d.type == "bar" and d.x is not None:
            names += [x for x in d.x if isinstance(x, str)]
    return legend_line(names, lang)
