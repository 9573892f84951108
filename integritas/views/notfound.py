"""What a link that names nothing the data has is closest to: agencies, regions, years, filter values and pages.

Pure functions over plain values (no Streamlit, no SQL), so that the suggestions can be tested without a page. A
page that finds its ?id=, ?kode= or ?tahun= unknown shows these as links and nothing else: a mistyped link must
never show a different agency, region or year than the one it names, which a journalist could then quote.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

from integritas.search import tokens

SUGGESTIONS = 5  # links offered under a "not found" notice: enough for a typo, short on a phone
CLOSE = 0.6  # difflib ratio for an id, code or value to count as a likely typo of another ('kppn-kupangg')
ID_CLOSE = 0.85  # an agency id: one wrong letter in 'kppn-kupangg' is 0.96; 'pa-kupang' (0.8) is another agency
YEARS_SHOWN = 3  # nearest years offered for a year the data does not have


def _ranked(typed: str, candidates: Iterable[str], cutoff: float = CLOSE) -> list[str]:
    """Candidates that read like `typed`, most alike first (case-insensitive; ties in the candidates' order)."""
    low = typed.strip().lower()
    scored = [(difflib.SequenceMatcher(None, low, c.lower()).ratio(), i, c) for i, c in enumerate(candidates)]
    return [c for r, _, c in sorted(scored, key=lambda s: (-s[0], s[1])) if r >= cutoff]


def _unique(items: Iterable[str], limit: int) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out[:limit]


def _word_match(query: str, words: set[str]) -> bool:
    """A query word matches a name's word when equal, when it begins it (3+ letters), or when it is a close
    spelling (5+ letters), as the agency search reads words."""
    if query in words:
        return True
    if len(query) >= 3 and any(w.startswith(query) for w in words):
        return True
    return len(query) >= 5 and bool(difflib.get_close_matches(query, list(words), n=1, cutoff=0.8))


def agency_suggestions(
    typed: str, names: Mapping[str, str], hits: Sequence[tuple[str, str]], limit: int = SUGGESTIONS
) -> list[str]:
    """Ids of the agencies a mistyped ?id= most likely meant: ids spelt alike first ('kppn-kupangg' → kppn-kupang),
    then what the agency search finds for the same words (`hits`, best first). `names` is id → name of every
    agency; nothing outside it is ever offered."""
    by_id = _ranked(typed, names, ID_CLOSE)
    return _unique([*by_id, *(i for i, _ in hits if i in names)], limit)


def search_words(typed: str) -> str:
    """An id read as words for the agency search: 'kppn-kupangg' → 'kppn kupangg'."""
    return re.sub(r"[-_./]+", " ", typed).strip()


# Kemendagri codes are '53.xx'. A spreadsheet turns '53.10' into the number 53.1 and a link copied from one
# carries it; a BPS code ('5371') or the code without its dot is another common way of writing the same region.
_SHORT_CODE = re.compile(r"^(\d{2})\.(\d)$")
_NO_DOT = re.compile(r"^(\d{2})(\d{2})$")
_GENERIC = ("kabupaten", "kota", "provinsi")


def _code_distance(a: str, b: str) -> float:
    try:
        return abs(float(a) - float(b))
    except ValueError:
        return float("inf")


def region_suggestions(typed: str, regions: Sequence[tuple[str, str, str]], limit: int = SUGGESTIONS) -> list[str]:
    """Codes of the regions an unknown ?kode= most likely meant. `regions` is (kode, kode_bps, nama) of every
    region. A code-like value is read as a code ('53.1' → 53.10 then 53.01, '5371' → 53.71 by its Kemendagri or
    BPS code, else codes spelt alike, the numerically nearest first); a name-like one by the words of the names
    ('kupang' → Kabupaten Kupang and Kota Kupang, 'kota kupang' → Kota Kupang), else by names spelt alike."""
    codes = [k for k, _, _ in regions]
    value = re.sub(r"[-,\s]+", ".", typed.strip())
    found: list[str] = []
    if re.fullmatch(r"[\d.]+", value or "x"):
        if m := _SHORT_CODE.match(value):
            found += [f"{m[1]}.{m[2]}0", f"{m[1]}.0{m[2]}"]
        if m := _NO_DOT.match(value):
            found.append(f"{m[1]}.{m[2]}")
        found += [k for k, bps, _ in regions if bps == value]
        if not any(k in codes for k in found):
            alike = difflib.get_close_matches(value, codes, n=len(codes), cutoff=CLOSE)
            ratio = {k: difflib.SequenceMatcher(None, value, k).ratio() for k in alike}
            found += sorted(alike, key=lambda k: (-ratio[k], _code_distance(value, k)))
    else:
        asked = tokens(typed)
        words = [w for w in asked if w not in _GENERIC] or asked
        for k, _, nama in regions:
            named = set(tokens(nama))
            if words and all(_word_match(w, named) for w in words):
                # 'kota kupang' names Kota Kupang alone, 'kabupaten kupang' Kabupaten Kupang; 'kupang' both
                if any(g in asked and g not in named for g in _GENERIC):
                    continue
                found.append(k)
        if not found:
            found += [k for n in _ranked(typed, [n for _, _, n in regions]) for k, _, nn in regions if nn == n]
    return _unique([k for k in found if k in codes], limit)


def nearest_years(typed: str, years: Sequence[int], limit: int = YEARS_SHOWN) -> list[int]:
    """The years the data has that are nearest to `typed`, ascending ('1999' → the first years, '2019' → 2018
    and its neighbours, '24' reads as 2024); for a value that is no year, the years spelt alike ('2O24' → 2024),
    else the latest."""
    if not years:
        return []
    if re.fullmatch(r"\d{1,4}", typed.strip()):
        n = int(typed)
        n = 2000 + n if n < 100 else n  # '24' is how a year is often shortened
        picked = sorted(years, key=lambda y: (abs(y - n), -y))[:limit]
    else:
        picked = [int(y) for y in _ranked(typed, [str(y) for y in years])[:limit]] or sorted(years)[-limit:]
    return sorted(picked)


def closest_values(typed: str, choices: Mapping[str, str], limit: int = SUGGESTIONS) -> list[str]:
    """The choices (value → label as shown) an unknown filter value most likely meant, by value or by label
    ('kpp' → none close, 'vertikel' → vertikal, 'Kementrian Keuangan' → Kementerian Keuangan (DJPb))."""
    low = typed.strip().lower()
    by_text = [v for v, label in choices.items() if low and (low in v.lower() or low in label.lower())]
    by_value = _ranked(typed, [v for v in choices if v])
    labels = {label: v for v, label in choices.items() if v}
    by_label = [labels[label] for label in _ranked(typed, list(labels))]
    return _unique([*by_text, *by_value, *by_label], limit)


def nearest_number(typed: str, low: int, high: int) -> int:
    """The number in [low, high] nearest to `typed` (a number out of range → its bound; no number → `low`)."""
    try:
        n = int(typed.strip())
    except ValueError:
        return low
    return min(max(n, low), high)


def page_suggestions(path: str, pages: Mapping[str, str], limit: int = 3) -> list[str]:
    """The url paths of the pages an unknown path most likely meant, by path or by title ('kepatuhn' →
    kepatuhan, 'Instansi' → instansi, 'beranda' → '' the home page); `pages` is url path → title."""
    low = path.strip("/").lower()
    by_path = _ranked(low, [p for p in pages if p])  # the home page's path is '': only its title can match
    titles = {t.lower(): p for p, t in pages.items()}
    by_title = [titles[t] for t in _ranked(low, list(titles))]
    return _unique([*by_path, *by_title], limit)
