"""Agency search tolerant of case, punctuation and the common abbreviations (Kanwil, KPPN, PN, Polres, Kejari…)."""

from __future__ import annotations

import difflib
import re

import pandas as pd

ABBREVIATIONS = {
    "kanwil": "kantor wilayah",
    "kemenkumham": "kementerian hukum dan ham",
    "kumham": "hukum dan ham",
    "kemenkum": "kementerian hukum",
    "kemenag": "kementerian agama",
    "kppn": "kantor pelayanan perbendaharaan negara",
    "pn": "pengadilan negeri",
    "pa": "pengadilan agama",
    "pta": "pengadilan tinggi agama",
    "polres": "kepolisian resor",
    "polda": "kepolisian daerah",
    "kejari": "kejaksaan negeri",
    "kejati": "kejaksaan tinggi",
    "kantah": "kantor pertanahan",
    "bpn": "kantor pertanahan",
    "kpu": "komisi pemilihan umum",
    "pemkot": "pemerintah kota",
    "pemkab": "pemerintah kabupaten",
    "pemprov": "pemerintah provinsi",
    "pemda": "pemerintah daerah",
    "dukcapil": "kependudukan dan pencatatan sipil",
    "kab": "kabupaten",
    "ntt": "nusa tenggara timur",
    "ttu": "timor tengah utara",
    "tts": "timor tengah selatan",
    "sbd": "sumba barat daya",
    "mabar": "manggarai barat",
    "matim": "manggarai timur",
    "flotim": "flores timur",
}
STOPWORDS = {"dan", "di", "the", "of", "kelas", "ii", "i", "ib", "ia"}


def tokens(text: str) -> list[str]:
    """Lower-case words without punctuation, abbreviations expanded: 'Kanwil Kemenkumham NTT' -> kantor wilayah …"""
    words = re.sub(r"[^\w]+", " ", text.lower()).split()
    out: list[str] = []
    for w in words:
        out += ABBREVIATIONS.get(w, w).split()
    return [w for w in out if w not in STOPWORDS]


def _matches(q: str, doc: set[str]) -> bool:
    if q in doc:
        return True
    if len(q) >= 3 and any(d.startswith(q) for d in doc):
        return True
    return len(q) >= 5 and bool(difflib.get_close_matches(q, doc, n=1, cutoff=0.85))


# Bounds of an anonymous query: the longest agency name is under 100 characters and 12 words, and an unbounded
# query (160 KB measured) cost seconds of server time on every rerun of every page.
MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 12


def search(query: str, index: pd.DataFrame, limit: int = 8) -> list[tuple[str, str]]:
    """Best matches as (agency id, name). Every query word must match a word of the agency's names or region.

    Only the first MAX_QUERY_CHARS characters and MAX_QUERY_WORDS words are read."""
    q = tokens(query[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]
    if not q:
        return []
    scored = []
    for row in index.itertuples():
        own = set(tokens(" ".join(str(x) for x in (row.nama, row.singkatan or "", row.aliases) if x)))
        doc = own | set(tokens(str(row.region_nama)))
        if all(_matches(w, doc) for w in q):
            # names matched on the unit's own names rank above matches through its region; then the name the query
            # covers best ("kanwil kemenkumham" is the Kanwil itself before "15 satker … Kemenkumham")
            own_hits = sum(_matches(w, own) for w in q)
            name_words = set(tokens(str(row.nama))) or {""}
            coverage = sum(_matches(w, name_words) for w in q) / len(name_words)
            scored.append((-own_hits, -coverage, len(str(row.nama)), str(row.id), str(row.nama)))
    scored.sort()
    return [(agency_id, nama) for *_, agency_id, nama in scored[:limit]]
