"""Agency search tolerant of case, punctuation and the common abbreviations (Kanwil, KPPN, PN, Polres, Kejari…)."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable

import numpy as np
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


# Bounds of an anonymous query: the longest agency name is under 100 characters and 12 words, and an unbounded
# query (160 KB measured) cost seconds of server time on every rerun of every page.
MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 12
FUZZY_CUTOFF = 0.85  # 'negri' finds 'negeri'; below this, unrelated words start to match


class SearchIndex:
    """The agencies' words, built once per data version: a sorted vocabulary and, per word, the agencies having it.

    A query word matches a vocabulary word when equal, when it is its prefix (3+ letters) or, from 5 letters, when
    difflib rates them alike; the agencies of the matched words are then gathered as arrays, not row by row."""

    def __init__(self, index: pd.DataFrame) -> None:
        self.ids = index["id"].astype(str).to_numpy()
        self.names = index["nama"].astype(str).to_numpy()
        self.name_len = np.array([len(n) for n in self.names])
        own_docs: list[set[str]] = []
        region_docs: list[set[str]] = []
        name_docs: list[set[str]] = []
        for r in index.itertuples():
            own_docs.append(set(tokens(" ".join(str(x) for x in (r.nama, r.singkatan or "", r.aliases) if x))))
            region_docs.append(set(tokens(str(r.region_nama))))
            name_docs.append(set(tokens(str(r.nama))))
        self.name_words = np.array([max(len(d), 1) for d in name_docs], dtype=float)
        self.own = self._postings(own_docs)
        self.region = self._postings(region_docs)
        self.name = self._postings(name_docs)
        self.vocab = sorted(set(self.own) | set(self.region))
        self._by_length: dict[int, list[str]] = {}
        for w in self.vocab:
            self._by_length.setdefault(len(w), []).append(w)

    @staticmethod
    def _postings(docs: list[set[str]]) -> dict[str, np.ndarray]:
        rows: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            for w in doc:
                rows.setdefault(w, []).append(i)
        return {w: np.array(r, dtype=np.int64) for w, r in rows.items()}

    def __len__(self) -> int:
        return len(self.ids)

    def words_matching(self, q: str) -> list[str]:
        """The vocabulary words a query word matches: itself, words it begins (3+ letters), close spellings (5+)."""
        found = {q} if q in self.own or q in self.region else set()
        if len(q) >= 3:
            start = bisect.bisect_left(self.vocab, q)
            for w in self.vocab[start:]:
                if not w.startswith(q):
                    break
                found.add(w)
        if len(q) >= 5:
            # a ratio of 0.85 needs lengths within about a sixth of each other: only those are compared
            near = [w for n in range(len(q) * 3 // 4, len(q) * 4 // 3 + 2) for w in self._by_length.get(n, [])]
            found.update(difflib.get_close_matches(q, near, n=len(near) or 1, cutoff=FUZZY_CUTOFF))
        return sorted(found)

    def mask(self, words: Iterable[str], postings: dict[str, np.ndarray]) -> np.ndarray:
        out = np.zeros(len(self.ids), dtype=bool)
        for w in words:
            if (rows := postings.get(w)) is not None:
                out[rows] = True
        return out


def search(query: str, index: pd.DataFrame | SearchIndex, limit: int = 8) -> list[tuple[str, str]]:
    """Best matches as (agency id, name). Every query word must match a word of the agency's names or region.

    Only the first MAX_QUERY_CHARS characters and MAX_QUERY_WORDS words are read."""
    q = tokens(query[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]
    if not q:
        return []
    idx = index if isinstance(index, SearchIndex) else SearchIndex(index)
    if not len(idx):
        return []
    hit = np.ones(len(idx), dtype=bool)
    own_hits = np.zeros(len(idx), dtype=np.int64)
    name_hits = np.zeros(len(idx), dtype=np.int64)
    for w in q:
        words = idx.words_matching(w)
        own = idx.mask(words, idx.own)
        hit &= own | idx.mask(words, idx.region)
        if not hit.any():
            return []
        own_hits += own
        name_hits += idx.mask(words, idx.name)
    rows = np.flatnonzero(hit)
    # Names matched on the unit's own names rank above matches through its region; then the name the query covers
    # best ("kanwil kemenkumham" is the Kanwil itself before "15 satker … Kemenkumham"); then the shorter name.
    coverage = name_hits[rows] / idx.name_words[rows]
    order = np.lexsort((idx.ids[rows], idx.name_len[rows], -coverage, -own_hits[rows]))[:limit]
    return [(str(idx.ids[rows[i]]), str(idx.names[rows[i]])) for i in order]
