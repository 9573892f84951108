"""Seeded synthetic seed data at N× today's size (the real seed plus generated rows) for the scale benchmark."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl.validate import name_key

REPO = Path(__file__).resolve().parent.parent
REAL_DATA = REPO / "data"
PUBLISHER = "Sintetis (uji skala)"
NOTE = "Data sintetis untuk uji skala"
URL = "https://example.invalid/sintetis/"
# The generator's "today": events after it are scheduled or pending. Fixed, so the output never depends on the clock.
TODAY = dt.date(2026, 3, 1)
LAST_DAY = dt.date(2026, 12, 31)
TIMEOUT_S = 3600

Row = list[str]


@dataclass(frozen=True)
class Region:
    kode: str
    nama: str  # "Kabupaten Alor", "Kota Kupang"
    ibukota: str

    @property
    def short(self) -> str:
        # how units name their kabupaten ("Polres Alor"); a kota keeps its word ("Kantah Kota Kupang")
        return self.nama.removeprefix("Kabupaten ")


@dataclass(frozen=True)
class Template:
    """A kind of unit: its parent, `jenis`, name and short name ({wil}, {short}, {ibu}, {n} filled in)."""

    induk: str
    jenis: str
    nama: str
    singkatan: str
    alias: str = ""  # a second other name, beside the short one
    weight: int = 1  # how often a numbered kind is drawn once the unnumbered slots are used up
    zi: float = 0.5  # how likely such a unit is to build a Zona Integritas

    @property
    def numbered(self) -> bool:
        return "{n}" in self.nama


def _dinas(full: str, short: str) -> Template:
    return Template("Pemerintah {wil}", "pemda", f"Dinas {full} {{wil}}", f"Dinas {short} {{short}}", zi=0.35)


def _badan(full: str, short: str) -> Template:
    return Template("Pemerintah {wil}", "pemda", f"{full} {{wil}}", f"{short} {{short}}", zi=0.3)


TEMPLATES: tuple[Template, ...] = (
    Template(
        "Kementerian Keuangan (DJPb)", "vertikal", "Kantor Pelayanan Perbendaharaan Negara {ibu}", "KPPN {ibu}", zi=0.9
    ),
    Template(
        "Kementerian Keuangan (DJP)", "vertikal", "Kantor Pelayanan Pajak Pratama {ibu}", "KPP Pratama {ibu}", zi=0.9
    ),
    Template(
        "Kementerian Keuangan (DJBC)",
        "vertikal",
        "Kantor Pengawasan dan Pelayanan Bea dan Cukai {ibu}",
        "KPPBC {ibu}",
        zi=0.85,
    ),
    Template(
        "Kementerian Keuangan (DJKN)",
        "vertikal",
        "Kantor Pelayanan Kekayaan Negara dan Lelang {ibu}",
        "KPKNL {ibu}",
        zi=0.8,
    ),
    Template("Polri (Polda NTT)", "vertikal", "Kepolisian Resor {short}", "Polres {short}", zi=0.8),
    Template("Polri (Polda NTT)", "vertikal", "Satuan Lalu Lintas Polres {short}", "Satlantas {short}", zi=0.6),
    Template("Mahkamah Agung (Badilum)", "vertikal", "Pengadilan Negeri {ibu}", "PN {ibu}", zi=0.9),
    Template("Mahkamah Agung (Badilag)", "vertikal", "Pengadilan Agama {ibu}", "PA {ibu}", zi=0.9),
    Template("Kemenkumham", "vertikal", "Lembaga Pemasyarakatan Kelas IIB {ibu}", "Lapas {ibu}", zi=0.8),
    Template("Kemenkumham", "vertikal", "Rumah Tahanan Negara Kelas IIB {ibu}", "Rutan {ibu}", zi=0.8),
    Template("Kemenkumham", "vertikal", "Balai Pemasyarakatan {ibu}", "Bapas {ibu}", zi=0.7),
    Template("Kemenkumham", "vertikal", "Kantor Imigrasi Kelas II TPI {ibu}", "Kanim {ibu}", zi=0.85),
    Template("Kementerian ATR/BPN", "vertikal", "Kantor Pertanahan {wil}", "Kantah {short}", "BPN {short}", zi=0.7),
    Template("Kejaksaan RI", "vertikal", "Kejaksaan Negeri {wil}", "Kejari {short}", zi=0.75),
    Template("Kementerian Agama", "vertikal", "Kantor Kementerian Agama {wil}", "Kemenag {short}", zi=0.6),
    Template("BPS", "vertikal", "Badan Pusat Statistik {wil}", "BPS {short}", zi=0.7),
    Template("Kementerian Perhubungan", "vertikal", "Kantor Unit Penyelenggara Pelabuhan {ibu}", "KUPP {ibu}", zi=0.5),
    Template("BPJS Kesehatan", "lembaga", "BPJS Kesehatan Kantor Cabang {ibu}", "BPJS Kesehatan {ibu}", zi=0.4),
    Template("KPU", "lembaga", "Komisi Pemilihan Umum {wil}", "KPU {short}", zi=0.5),
    Template("Bawaslu", "lembaga", "Badan Pengawas Pemilihan Umum {wil}", "Bawaslu {short}", zi=0.4),
    _dinas("Pendidikan dan Kebudayaan", "Dikbud"),
    _dinas("Kesehatan", "Kesehatan"),
    _dinas("Kependudukan dan Pencatatan Sipil", "Dukcapil"),
    _dinas("Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "PMPTSP"),
    _dinas("Sosial", "Sosial"),
    _dinas("Pekerjaan Umum dan Penataan Ruang", "PUPR"),
    _dinas("Perhubungan", "Perhubungan"),
    _dinas("Lingkungan Hidup", "LH"),
    _dinas("Pertanian", "Pertanian"),
    _dinas("Kelautan dan Perikanan", "DKP"),
    _dinas("Koperasi, Usaha Kecil dan Menengah", "Koperasi UKM"),
    _dinas("Tenaga Kerja dan Transmigrasi", "Nakertrans"),
    _dinas("Pariwisata", "Pariwisata"),
    _dinas("Perumahan Rakyat dan Kawasan Permukiman", "Perkim"),
    _dinas("Pemberdayaan Masyarakat dan Desa", "PMD"),
    _dinas("Ketahanan Pangan", "Ketapang"),
    _dinas("Komunikasi dan Informatika", "Kominfo"),
    _dinas("Pemuda dan Olahraga", "Pora"),
    _dinas("Perpustakaan dan Kearsipan", "Arpus"),
    _dinas("Pengendalian Penduduk dan Keluarga Berencana", "PPKB"),
    _dinas("Perindustrian dan Perdagangan", "Perindag"),
    _dinas("Pemberdayaan Perempuan dan Perlindungan Anak", "P3A"),
    _badan("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    _badan("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    _badan("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    _badan("Badan Penanggulangan Bencana Daerah", "BPBD"),
    _badan("Badan Pendapatan Daerah", "Bapenda"),
    _badan("Inspektorat Daerah", "Inspektorat"),
    _badan("Satuan Polisi Pamong Praja", "Satpol PP"),
    _badan("Sekretariat Daerah", "Setda"),
    _badan("Sekretariat DPRD", "Setwan"),
    Template("Pemerintah {wil}", "pemda", "Rumah Sakit Umum Daerah {ibu}", "RSUD {ibu}", zi=0.5),
    # numbered units: there are hundreds of schools and dozens of puskesmas in a kabupaten, so these are what a
    # thousandfold seed is mostly made of once every office above exists in every region
    Template(
        "Pemerintah {wil}",
        "pemda",
        "Sekolah Dasar Negeri {n} {wil}",
        "SDN {n} {short}",
        "SD Negeri {n} {short}",
        weight=12,
        zi=0.05,
    ),
    Template(
        "Pemerintah {wil}",
        "pemda",
        "Sekolah Menengah Pertama Negeri {n} {wil}",
        "SMPN {n} {short}",
        "SMP Negeri {n} {short}",
        weight=5,
        zi=0.08,
    ),
    Template(
        "Pemerintah Provinsi NTT",
        "pemda",
        "Sekolah Menengah Atas Negeri {n} {wil}",
        "SMAN {n} {short}",
        "SMA Negeri {n} {short}",
        weight=2,
        zi=0.12,
    ),
    Template(
        "Pemerintah Provinsi NTT",
        "pemda",
        "Sekolah Menengah Kejuruan Negeri {n} {wil}",
        "SMKN {n} {short}",
        "SMK Negeri {n} {short}",
        weight=1,
        zi=0.12,
    ),
    Template(
        "Pemerintah {wil}",
        "pemda",
        "Pusat Kesehatan Masyarakat {n} {wil}",
        "Puskesmas {n} {short}",
        weight=3,
        zi=0.25,
    ),
    Template(
        "Kementerian Agama",
        "vertikal",
        "Madrasah Tsanawiyah Negeri {n} {wil}",
        "MTsN {n} {short}",
        "MTs Negeri {n} {short}",
        weight=1,
        zi=0.3,
    ),
    Template(
        "Kementerian Agama",
        "vertikal",
        "Kantor Urusan Agama {n} {wil}",
        "KUA {n} {short}",
        weight=1,
        zi=0.3,
    ),
)

# (dimension, values, metrics it is counted in) as in the real complaints.csv; `asal` takes region codes
DIMENSIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], int], ...] = (
    ("total", ("",), ("laporan", "akses", "pengaduan"), 10),
    (
        "substansi",
        (
            "pertanahan",
            "kepolisian",
            "pendidikan",
            "kesehatan",
            "kepegawaian",
            "administrasi kependudukan",
            "agraria",
            "perbankan",
            "energi dan kelistrikan",
            "air minum",
        ),
        ("laporan", "laporan", "laporan", "peringkat"),
        16,
    ),
    (
        "maladministrasi",
        (
            "penundaan berlarut",
            "tidak memberikan pelayanan",
            "penyimpangan prosedur",
            "permintaan imbalan/pungli",
            "tidak patut",
            "tidak kompeten",
            "diskriminasi",
        ),
        ("laporan", "laporan", "pengaduan", "persen"),
        14,
    ),
    ("asal", (), ("laporan",), 10),
    (
        "instansi",
        ("pemda", "kepolisian", "pertanahan", "bumn/bumd", "pelayanan desa", "lembaga peradilan", "kementerian"),
        ("laporan", "laporan", "pengaduan", "peringkat"),
        12,
    ),
    (
        "status",
        ("selesai", "proses", "ditindaklanjuti", "tidak dapat diproses", "tidak dapat ditindaklanjuti"),
        ("laporan", "pengaduan", "akses"),
        8,
    ),
    ("kategori", ("bukan laporan", "konsultasi non laporan", "tembusan", "laporan"), ("akses", "laporan"), 4),
    (
        "kanal",
        ("datang langsung", "surat", "email", "telepon", "sms/whatsapp", "sosial media", "surat tembusan"),
        ("akses",),
        8,
    ),
    ("unit", (), ("laporan",), 3),
    ("persepsi", ("indeks persepsi maladministrasi",), ("indeks",), 1),
)
UNIT_FIGURE = next(d for d in DIMENSIONS if d[0] == "unit")
OPINI = {"A": "Kualitas Tertinggi", "B": "Kualitas Tinggi", "C": "Kualitas Sedang", "D": "Kualitas Rendah"}
OPINI |= {"E": "Kualitas Terendah"}
OPINI_ZONE = {"hijau": "Kualitas Tinggi", "kuning": "Kualitas Sedang", "merah": "Kualitas Rendah"}


@dataclass(frozen=True)
class Band:
    method: str
    year_from: int
    year_to: int
    zone: str
    category: str
    low: float
    high: float


@dataclass
class Fact:
    """A generated fact row waiting for its source: the dataset, its cells, and what its source would quote."""

    dataset: str
    row: Row
    when: dt.date
    says: str


@dataclass
class Real:
    """What the generated rows must fit around: the real seed's regions, names, keys, bands and row counts."""

    regions: list[Region]
    names: set[str]  # name keys of every agency name and alias
    compliance_keys: set[tuple[str, int]]
    compliance_rows: list[dict[str, str]]
    counted_years: set[int]  # years compliance_counts publishes: named rows there must stay within the counts
    bands: list[Band]
    counts: dict[str, int]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_real(seed: Path) -> Real:
    rows = {p.stem: _read(p) for p in sorted(seed.glob("*.csv"))}
    regions = [Region(r["kode"], r["nama"], r["ibukota"]) for r in rows["regions"] if r["jenis"] != "provinsi"]
    names = {name_key(r["nama"]) for r in rows["agencies"]} | {name_key(r["alias"]) for r in rows["agency_aliases"]}
    bands = [
        Band(
            r["method"],
            int(r["year_from"]),
            int(r["year_to"]),
            r["zone"],
            r["category"],
            float(r["min_score"]),
            float(r["max_score"]),
        )
        for r in rows["zone_bands"]
    ]
    return Real(
        regions=regions,
        names=names,
        compliance_keys={(r["region_kode"], int(r["year"])) for r in rows["compliance"]},
        compliance_rows=rows["compliance"],
        counted_years={int(r["year"]) for r in rows["compliance_counts"]},
        bands=bands,
        counts={k: len(v) for k, v in rows.items()},
    )


def method_of(year: int) -> str:
    # the regimes of methods.csv: kepatuhan 2016-2021, penilaian 2022-2024, opini from 2025
    return "kepatuhan" if year <= 2021 else "penilaian" if year <= 2024 else "opini"


def _fmt(x: float) -> str:
    return f"{x:.2f}"


class Generator:
    """All generated rows of one seed, drawn from one random.Random so the output is a function of the seed."""

    def __init__(self, real: Real, factor: int, seed: int):
        self.real = real
        self.factor = factor
        self.rng = random.Random(seed)
        self.names = set(real.names)
        self.agencies: list[Row] = []
        self.agency_short: dict[str, str] = {}
        self.agency_zi: list[float] = []
        self.aliases: list[Row] = []
        self.facts: list[Fact] = []
        self.awarded: set[str] = set()
        self.zi_count = 0
        self._bands: dict[int, list[Band]] = {}
        self._alias_candidates: list[tuple[str, str]] = []

    def want(self, dataset: str) -> int:
        """How many rows to add so that the dataset has factor × today's rows."""
        return self.real.counts[dataset] * (self.factor - 1)

    # -- dates -------------------------------------------------------------------------------------------------

    def day_in(self, year: int) -> dt.date:
        return dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))

    def precise(self, when: dt.date, after: dt.date | None) -> tuple[dt.date, str]:
        """`when` as stored: mostly to the day, sometimes only its month or year, never on or before `after`."""
        draw = self.rng.random()
        precision = "day" if draw < 0.72 else "month" if draw < 0.92 else "year"
        stored = {"day": when, "month": when.replace(day=1), "year": when.replace(month=1, day=1)}[precision]
        if after is not None and stored <= after:
            # a month or year date would then sit before the step it follows
            return when, "day"
        return stored, precision

    def status(self, inferred: float = 0.07, disputed: float = 0.03) -> str:
        draw = self.rng.random()
        return "inferred" if draw < inferred else "disputed" if draw < inferred + disputed else "confirmed"

    # -- agencies ----------------------------------------------------------------------------------------------

    def _take(self, template: Template, region: Region, n: int | None) -> None:
        """Add the unit `template` makes in `region` (number `n`), unless an agency already answers to its name."""
        fill = {"wil": region.nama, "short": region.short, "ibu": region.ibukota, "n": n}
        nama = template.nama.format(**fill)
        key = name_key(nama)
        if key in self.names:
            return
        self.names.add(key)
        agency_id = f"sint-{len(self.agencies) + 1:05d}"
        singkatan = template.singkatan.format(**fill)
        induk = template.induk.format(**fill)
        self.agencies.append(
            [agency_id, nama, singkatan, template.jenis, induk, region.kode, "false", NOTE],
        )
        self.agency_short[agency_id] = singkatan
        self.agency_zi.append(template.zi)
        for other in (singkatan, template.alias.format(**fill)):
            self._alias_candidates.append((agency_id, other))

    def make_agencies(self) -> None:
        want = self.want("agencies")
        # every office in every region first (in random order), so a small factor is made of dinas and kantor;
        # numbered schools and puskesmas fill the rest
        slots = [(t, r) for t in TEMPLATES if not t.numbered for r in self.real.regions]
        self.rng.shuffle(slots)
        for template, region in slots:
            if len(self.agencies) >= want:
                break
            self._take(template, region, None)
        numbered = [t for t in TEMPLATES if t.numbered]
        weights = list(itertools.accumulate(t.weight for t in numbered))  # cumulative: choices() then skips a sum
        counter: Counter[tuple[str, str]] = Counter()
        while len(self.agencies) < want:
            template = self.rng.choices(numbered, cum_weights=weights)[0]
            region = self.rng.choice(self.real.regions)
            counter[(template.nama, region.kode)] += 1
            self._take(template, region, counter[(template.nama, region.kode)])

    def make_aliases(self) -> None:
        want = self.want("agency_aliases")
        candidates = [(a, name) for a, name in self._alias_candidates if name]
        self.rng.shuffle(candidates)
        taken: list[tuple[int, str, str]] = []
        for agency_id, alias in candidates:
            if len(taken) >= want:
                break
            key = name_key(alias)
            if key in self.names:
                continue  # another agency (or this one's own name) already answers to it
            self.names.add(key)
            taken.append((int(agency_id.removeprefix("sint-")), agency_id, alias))
        self.aliases = [[a, alias] for _, a, alias in sorted(taken)]

    # -- facts -------------------------------------------------------------------------------------------------

    def zi_event(self, agency: Row, event: str, menuju: str, when: dt.date, precision: str, status: str) -> None:
        self.zi_count += 1
        row = [f"zi-sint-{self.zi_count:06d}", agency[0], event, menuju, when.isoformat(), precision, status]
        row += ["", "", "", ""]  # source_id, source_id_2, note, refs: filled in by cite()
        says = f"{agency[2]}: {event.replace('_', ' ')} {menuju} ({when.isoformat()})".replace("  ", " ")
        self.facts.append(Fact("zi_events", row, when, says))

    def journey(self, agency: Row, room: int) -> int:
        """A Zona Integritas journey of up to `room` events: pencanangan, sometimes usulan TPN, WBK, rarely WBBM."""
        rng = self.rng
        steps: list[tuple[str, str, dt.date]] = []
        start = self.day_in(rng.randint(2014, 2025))
        menuju = rng.choice(("wbk", "wbk", "wbk", "wbk_wbbm", "wbk_wbbm", ""))
        steps.append(("pencanangan", menuju, start))
        when = start
        if rng.random() < 0.25:
            when += dt.timedelta(days=rng.randint(1, 20))
            steps.append(("pakta_integritas", menuju, when))
        if rng.random() < 0.6:
            when += dt.timedelta(days=rng.randint(150, 700))
            steps.append(("usulan_tpn", "wbk", when))
            if rng.random() < 0.55:
                when += dt.timedelta(days=rng.randint(60, 240))
                steps.append(("wbk", "", when))
                if rng.random() < 0.3:
                    when += dt.timedelta(days=rng.randint(300, 900))
                    steps.append(("usulan_tpn", "wbbm", when))
                    if rng.random() < 0.4:
                        when += dt.timedelta(days=rng.randint(60, 240))
                        steps.append(("wbbm", "", when))
        elif rng.random() < 0.3:
            when += dt.timedelta(days=rng.randint(30, 400))
            steps.append(("other", menuju, when))
        if rng.random() < 0.08:
            when += dt.timedelta(days=rng.randint(30, 200))
            steps.append(("target", "wbbm" if steps[-1][0] == "wbk" else "wbk", when))
        steps = [s for s in steps if s[2] <= LAST_DAY][:room]
        after: dt.date | None = None
        for i, (event, aim, actual) in enumerate(steps):
            last = i == len(steps) - 1
            stored, precision = self.precise(actual, after)
            after = stored
            if event in ("wbk", "wbbm"):
                # an award is never scheduled or pending (contract award_status)
                status = self.status()
                self.awarded.add(agency[0])
            elif event == "target" or (event == "usulan_tpn" and last and actual.year >= 2025):
                status = "pending"
            elif actual > TODAY:
                status = "scheduled"
            else:
                status = self.status()
            self.zi_event(agency, event, aim, stored, precision, status)
        return len(steps)

    def make_zi_events(self) -> None:
        want = self.want("zi_events")
        order = list(range(len(self.agencies)))
        self.rng.shuffle(order)
        # offices build a Zona Integritas far more often than schools do: those drawn to build one come first, and
        # the others only when a large factor needs more journeys than there are such units
        keen = [self.rng.random() < self.agency_zi[i] for i in order]
        order = [i for i, k in zip(order, keen, strict=True) if k] + [
            i for i, k in zip(order, keen, strict=True) if not k
        ]
        for i in order:
            if self.zi_count >= want:
                break
            self.journey(self.agencies[i], want - self.zi_count)

    def make_lineage(self) -> list[Fact]:
        """Units merged into another unit of the same parent in the same region (schools regrouped, OPD joined)."""
        want = self.want("agency_lineage")
        # units with an award stay out, so no lineage ever holds two awards of a year (one_award_per_lineage)
        free: dict[tuple[str, str], list[Row]] = {}
        for a in self.agencies:
            if a[0] not in self.awarded:
                free.setdefault((a[4], a[5]), []).append(a)
        pools = [p for p in free.values() if len(p) >= 2]
        out: list[Fact] = []
        while pools and len(out) < want:
            pool = self.rng.choice(pools)
            pred, succ = pool.pop(self.rng.randrange(len(pool))), pool.pop(self.rng.randrange(len(pool)))
            pools = [p for p in pools if len(p) >= 2]
            stored, precision = self.precise(self.day_in(self.rng.randint(2015, 2025)), None)
            status = "inferred" if self.rng.random() < 0.2 else "confirmed"
            row = [pred[0], succ[0], stored.isoformat(), precision, status, "", f"Digabung ke {succ[1]} ({NOTE})"]
            out.append(Fact("agency_lineage", row, stored, f"{pred[1]} digabung ke {succ[1]}"))
        return out

    def scored(self, year: int, bands: Sequence[Band]) -> tuple[str, str, str]:
        """(score, zone, category) for a year: inside a published band where the year has any."""
        rng = self.rng
        if bands:
            band = rng.choice(bands)
            return _fmt(rng.uniform(band.low, band.high)), band.zone, band.category
        method = method_of(year)
        if method == "opini":
            return "", rng.choice(("hijau", "kuning", "merah")), ""
        # a year with no published bands: the neighbouring regime's bands, so scores and zones still look right
        like = [b for b in self.real.bands if b.method == method]
        band = rng.choice(like)
        score = _fmt(rng.uniform(band.low, band.high)) if rng.random() < 0.6 else ""
        return score, band.zone, band.category if method == "penilaian" and rng.random() < 0.5 else ""

    def year_bands(self, year: int) -> list[Band]:
        if year not in self._bands:
            self._bands[year] = [
                b for b in self.real.bands if b.method == method_of(year) and b.year_from <= year <= b.year_to
            ]
        return self._bands[year]

    def make_unit_compliance(self) -> None:
        want = self.want("unit_compliance")
        made = 0
        order = list(range(len(self.agencies)))
        self.rng.shuffle(order)
        for i in order:
            if made >= want:
                break
            agency = self.agencies[i]
            first = self.rng.randint(2016, 2025)
            for year in range(first, min(2025, first + self.rng.randint(0, 5)) + 1):
                if made >= want:
                    break
                score, zone, category = self.scored(year, self.year_bands(year))
                status = self.status(0.08, 0.04)
                row = [agency[0], str(year), score, zone, category, method_of(year), status, "", "", "", ""]
                says = f"{agency[2]} {year}: zona {zone}" + (f", nilai {score}" if score else "")
                self.facts.append(Fact("unit_compliance", row, dt.date(year, 12, 1), says))
                made += 1

    def make_compliance(self) -> None:
        """Pemda rows in the (region, year) slots the real seed leaves open, and the counts of years made whole."""
        want = self.want("compliance")
        kodes = ["53"] + [r.kode for r in self.real.regions]
        # years compliance_counts publishes stay as they are: named rows there must stay within the published counts
        years = [y for y in range(2016, 2027) if y not in self.real.counted_years]
        slots = [(k, y) for y in years for k in kodes if (k, y) not in self.real.compliance_keys]
        self.rng.shuffle(slots)
        slots = sorted(slots[:want], key=lambda s: (s[1], s[0]))
        zones: Counter[tuple[int, str]] = Counter(
            (int(r["year"]), r["zone"]) for r in self.real.compliance_rows if int(r["year"]) in years
        )
        for kode, year in slots:
            score, zone, category = self.scored(year, self.year_bands(year))
            method = method_of(year)
            opini = OPINI.get(category, "") if method == "penilaian" else OPINI_ZONE[zone] if method == "opini" else ""
            status = self.status(0.08, 0.03)
            row = [kode, str(year), score, zone, category, opini, method, status, "", "", "", ""]
            says = f"Pemda {kode} {year}: zona {zone}" + (f", nilai {score}" if score else "")
            self.facts.append(Fact("compliance", row, dt.date(year, 12, 1), says))
            zones[(year, zone)] += 1
        # a year made whole here (all 23 pemda named) gets its published counts per zone, as the real 2021 has
        for year in sorted({y for _, y in slots}):
            if sum(n for (y, _), n in zones.items() if y == year) == len(kodes):
                for zone in ("hijau", "kuning", "merah"):
                    n = zones[(year, zone)]
                    row = [str(year), zone, "", str(n), "", f"{n} pemda zona {zone} ({NOTE})", ""]
                    self.facts.append(Fact("compliance_counts", row, dt.date(year, 12, 31), f"{year}: {n} {zone}"))

    def make_complaints(self) -> None:
        rng = self.rng
        want = self.want("complaints")
        weights = list(itertools.accumulate(d[3] for d in DIMENSIONS))
        comparators = list(itertools.accumulate((90, 5, 2, 3)))
        kodes = [r.kode for r in self.real.regions]
        totals: set[tuple[str, str, int]] = set()
        for i in range(1, want + 1):
            year = rng.randint(2014, 2026)
            draw = rng.random()
            if draw < 0.6:
                start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            elif draw < 0.8:
                first_half = rng.random() < 0.5
                start = dt.date(year, 1 if first_half else 7, 1)
                end = dt.date(year, 6, 30) if first_half else dt.date(year, 12, 31)
            else:
                last = rng.randint(1, 11)
                start, end = dt.date(year, 1, 1), dt.date(year, last + 1, 1) - dt.timedelta(days=1)
            scope = "nasional" if rng.random() < 0.08 else "ntt"
            dimension, values, metrics, _ = rng.choices(DIMENSIONS, cum_weights=weights)[0]
            metric = rng.choice(metrics)
            if dimension == "total":
                # a province publishes one total per measure and year, as the real figures are: more units make
                # more breakdown rows, never a second total for the same year
                start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
                if (scope, metric, year) in totals:
                    dimension, values, metrics, _ = UNIT_FIGURE  # a unit's figure instead
                    metric = rng.choice(metrics)
                totals.add((scope, metric, year))
            if dimension == "asal":
                value_of = rng.choice(kodes)
            elif dimension == "unit":
                value_of = self.agency_short[self.agencies[rng.randrange(len(self.agencies))][0]]
            else:
                value_of = rng.choice(values)
            big = 40 if scope == "nasional" else 1
            if metric == "persen":
                value = _fmt(rng.uniform(0, 100))
            elif metric == "indeks":
                value = _fmt(rng.uniform(1, 10))
            elif metric == "peringkat":
                value = str(rng.randint(1, 34))
            elif dimension == "total":
                value = str(rng.randint(80, 1400) * big)
            else:
                value = str(rng.randint(0, 240) * big)
            comparator = rng.choices(("=", ">", "<", "~"), cum_weights=comparators)[0]
            status = self.status(0.05, 0.02)
            row = [f"c-sint-{i:07d}", start.isoformat(), end.isoformat(), scope, dimension, value_of, metric]
            row += [comparator, value, status, "", "", "", ""]
            says = f"{dimension} {value_of} {start.year}: {metric} {comparator} {value}".replace("  ", " ")
            self.facts.append(Fact("complaints", row, end, says))

    def cite(self, facts: list[Fact]) -> list[Row]:
        """Give every fact a synthetic source (about two facts a source, as the real seed has) and return them."""
        want = max(self.want("sources"), 1 if facts else 0)  # a factor of 1 adds no facts, so no sources
        sources: list[Row] = []
        # the columns of source_id, source_id_2 and refs in each dataset's row
        where = {
            "zi_events": (7, 8, 10),
            "unit_compliance": (7, 8, 10),
            "compliance": (8, 9, 11),
            "compliance_counts": (4, None, 6),
            "complaints": (10, 11, 13),
            "agency_lineage": (5, None, None),
        }
        total = len(facts)
        for k, fact in enumerate(facts):
            s = k * want // total + 1
            sid = f"src-sint-{s:06d}"
            if s > len(sources):
                published = min(fact.when + dt.timedelta(days=self.rng.randint(0, 30)), LAST_DAY)
                quote = f"Kutipan sintetis untuk uji skala: {fact.says}."
                sources.append(
                    [sid, f"{URL}{s:06d}", PUBLISHER, f"Berita sintetis {s}", published.isoformat(), quote, "", NOTE]
                )
            first, second, refs = where[fact.dataset]
            fact.row[first] = sid
            if second is not None and s > 1 and self.rng.random() < 0.08:
                fact.row[second] = f"src-sint-{s - 1:06d}"
            if refs is not None:
                fact.row[refs] = f"SINT-{s:06d}"
        return sources


def _append(path: Path, rows: Iterable[Row]) -> None:
    # the real files end with a line break, so the generated rows follow them directly, in the file's own line
    # ending (most seed files use LF, complaints.csv CRLF): a mixed file defeats CSV sniffers such as DuckDB's
    with path.open("rb") as fh:
        ending = "\r\n" if fh.readline().endswith(b"\r\n") else "\n"
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator=ending).writerows(rows)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def write_seed(target: Path, factor: int, seed: int = 0) -> dict[str, int]:
    """Copy the real data/seed and data/geo into `target`, add synthetic rows so each fact and agency table has about
    `factor` × today's rows, and return the row count of every seed file. Never writes under the repo's data/."""
    if factor < 1:
        raise ValueError(f"factor must be at least 1, not {factor}")
    if _inside(target, REAL_DATA) or _inside(REAL_DATA, target):
        raise ValueError(f"{target}: synthetic data is never written into (or over) {REAL_DATA}")
    for sub in ("seed", "geo"):
        if (target / sub).exists():
            shutil.rmtree(target / sub)
        shutil.copytree(REAL_DATA / sub, target / sub)
    seed_dir = target / "seed"
    real = read_real(seed_dir)
    gen = Generator(real, factor, seed)
    # hundreds of thousands of small row lists with no cycles: the collector's passes over them cost a third of the
    # time at 1000×, and never free anything
    collecting = gc.isenabled()
    gc.disable()
    try:
        gen.make_agencies()
        gen.make_aliases()
        gen.make_zi_events()
        gen.make_unit_compliance()
        gen.make_compliance()
        gen.make_complaints()
        lineage = gen.make_lineage()
        facts = lineage + gen.facts
        sources = gen.cite(facts)
    finally:
        if collecting:
            gc.enable()
    out: dict[str, list[Row]] = {
        "sources": sources,
        "agencies": gen.agencies,
        "agency_aliases": gen.aliases,
    }
    for fact in facts:
        out.setdefault(fact.dataset, []).append(fact.row)
    for name, rows in out.items():
        _append(seed_dir / f"{name}.csv", rows)
    return {name: n + len(out.get(name, [])) for name, n in real.counts.items()}


# -- measuring ---------------------------------------------------------------------------------------------------

# Run in a fresh interpreter, so its peak RSS is the build's own and not the generator's.
_CHILD = """
import json, resource, sys, time
from etl.build import build
t0 = time.perf_counter()
result = build(by="bench-scale")
seconds = time.perf_counter() - t0
status = open("/proc/self/status").read().split("\\n")
hwm = [int(line.split()[1]) for line in status if line.startswith("VmHWM:")]
peak = hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kb": peak, "rows": result.rows}))
"""


def measure_build(target: Path) -> dict[str, object]:
    """Build the database of data dir `target` in a child process; its time (s), peak RSS (KB) and row counts."""
    env = {**os.environ, "INTEGRITAS_DATA_DIR": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], cwd=REPO, env=env, capture_output=True, text=True, timeout=TIMEOUT_S
    )
    if done.returncode != 0:
        raise RuntimeError(f"build of {target} failed:\n{done.stderr[-4000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__)
    parser.add_argument("target", type=Path, help="data directory to write (seed/ and geo/; db/ with --build)")
    parser.add_argument("--factor", type=int, default=10, help="about this many times today's rows (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--build", action="store_true", help="then build the database and report time and memory")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    counts = write_seed(args.target, args.factor, args.seed)
    took = time.perf_counter() - t0
    print(f"wrote {args.target / 'seed'} at {args.factor}× (seed {args.seed}) in {took:.2f} s")
    for name, n in counts.items():
        print(f"  {name:<18}{n:>9,}")
    if args.build:
        built = measure_build(args.target)
        print(f"etl build: {built['seconds']:.2f} s, peak RSS {int(str(built['peak_kb'])) / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
