"""The declared schema of every dataset (one per table), shared by the seed build and the upload page."""

from __future__ import annotations

from dataclasses import dataclass

STATUS_FACT = ("confirmed", "inferred", "disputed")
ZONES = ("merah", "kuning", "hijau")
CATEGORIES = ("A", "B", "C", "D", "E")
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "str"  # str | int | decimal | date | bool
    required: bool = False
    choices: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    ref: str | None = None  # name of the dataset whose key this column points at


@dataclass(frozen=True)
class Dataset:
    """A dataset: its fields with their rules, its key, and what uploads may do with it.

    The rules are declared here once: validation compiles them to SQL checks of a file's cells, and the build
    (etl/schema.py) into the table's NOT NULL, CHECK, PRIMARY KEY (UNIQUE when a key column may be empty) and
    FOREIGN KEY constraints. Declaration order is load order: a dataset comes after every dataset it references.
    """

    name: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    fact: bool = False  # a fact cites a source; uploads may add rows and correct them
    extendable: bool = False  # reference rows that facts point at: uploads may add rows, never change them

    @property
    def table(self) -> str:
        return self.name

    @property
    def updatable(self) -> bool:
        """Whether an upload may change a row that is already there (same key, other values)."""
        return self.fact

    @property
    def uploadable(self) -> bool:
        return self.fact or self.extendable

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


def _source(required: bool = True) -> tuple[Field, ...]:
    return (Field("source_id", required=required, ref="sources"), Field("source_id_2", ref="sources"))


_YEAR = Field("year", "int", required=True, min=2010, max=2100)
_SCORE = Field("score", "decimal", min=0, max=100)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "sources",
            (
                Field("id", required=True, pattern=r"src-[a-z0-9-]+"),
                Field("url", pattern=r"https?://\S+"),
                Field("publisher", required=True),
                Field("title"),
                Field("published_on", "date"),
                Field("quote"),  # empty only for a second URL that adds no quote of its own
                Field("refs"),
                Field("note"),
            ),
            key=("id",),
            extendable=True,
        ),
        Dataset(
            "regions",
            (
                Field("kode", required=True, pattern=r"53(\.\d\d)?"),
                Field("kode_bps", required=True, pattern=r"53(\d\d)?"),
                Field("nama", required=True),
                Field("jenis", required=True, choices=("provinsi", "kabupaten", "kota")),
                Field("ibukota", required=True),
            ),
            key=("kode",),
        ),
        Dataset(
            "methods",
            (
                Field("id", required=True, choices=("kepatuhan", "penilaian", "opini")),
                Field("nama", required=True),
                Field("year_from", "int", required=True, min=2010, max=2100),
                Field("year_to", "int", min=2010, max=2100),
                Field("source_id", required=True, ref="sources"),
                Field("note"),
            ),
            key=("id",),
        ),
        Dataset(
            "zone_bands",
            (
                Field("method", required=True, ref="methods"),
                Field("year_from", "int", required=True, min=2010, max=2100),
                Field("year_to", "int", required=True, min=2010, max=2100),
                Field("zone", required=True, choices=ZONES),
                Field("category", choices=CATEGORIES),
                Field("min_score", "decimal", required=True, min=0, max=100),
                Field("max_score", "decimal", required=True, min=0, max=110),
                Field("source_id", required=True, ref="sources"),
            ),
            key=("method", "year_from", "zone", "category"),
        ),
        Dataset(
            "agencies",
            (
                Field("id", required=True, pattern=r"[a-z0-9]+(-[a-z0-9]+)*"),
                Field("nama", required=True),
                Field("singkatan"),
                Field("jenis", required=True, choices=("vertikal", "pemda", "lembaga")),
                Field("induk"),
                Field("region_kode", required=True, ref="regions"),
                Field("is_group", "bool", required=True),
                Field("note"),
            ),
            key=("id",),
            extendable=True,
        ),
        Dataset(
            "agency_aliases",
            (Field("agency_id", required=True, ref="agencies"), Field("alias", required=True)),
            key=("agency_id", "alias"),
            extendable=True,
        ),
        Dataset(
            "agency_lineage",
            (
                Field("predecessor_id", required=True, ref="agencies"),
                Field("successor_id", required=True, ref="agencies"),
                Field("date", "date", required=True),
                Field("date_precision", required=True, choices=PRECISIONS),
                Field("status", required=True, choices=STATUS_FACT),
                Field("source_id", required=True, ref="sources"),
                Field("note"),
            ),
            key=("predecessor_id", "successor_id"),
        ),
        Dataset(
            "zi_events",
            (
                Field("id", required=True),
                Field("agency_id", required=True, ref="agencies"),
                Field(
                    "event",
                    required=True,
                    choices=("pencanangan", "pakta_integritas", "usulan_tpn", "wbk", "wbbm", "target", "other"),
                ),
                Field("menuju", choices=("wbk", "wbbm", "wbk_wbbm")),
                Field("date", "date", required=True),
                Field("date_precision", required=True, choices=PRECISIONS),
                Field("status", required=True, choices=("confirmed", "scheduled", "pending", "inferred", "disputed")),
                *_source(),
                Field("note"),
                Field("refs"),
            ),
            key=("id",),
            fact=True,
        ),
        Dataset(
            "compliance",
            (
                Field("region_kode", required=True, ref="regions"),
                _YEAR,
                _SCORE,
                Field("zone", required=True, choices=ZONES),
                Field("category", choices=CATEGORIES),
                Field("opini"),
                Field("method", required=True, ref="methods"),
                Field("status", required=True, choices=STATUS_FACT),
                *_source(),
                Field("note"),
                Field("refs"),
            ),
            key=("region_kode", "year"),
            fact=True,
        ),
        Dataset(
            "compliance_counts",
            (
                _YEAR,
                Field("zone", required=True, choices=ZONES),
                Field("category", choices=CATEGORIES),
                Field("n", "int", required=True, min=0, max=23),
                Field("source_id", required=True, ref="sources"),
                Field("note"),
                Field("refs"),
            ),
            key=("year", "zone", "category"),
            fact=True,
        ),
        Dataset(
            "unit_compliance",
            (
                Field("agency_id", required=True, ref="agencies"),
                _YEAR,
                _SCORE,
                Field("zone", required=True, choices=ZONES),
                Field("category", choices=CATEGORIES),
                Field("method", required=True, ref="methods"),
                Field("status", required=True, choices=STATUS_FACT),
                *_source(),
                Field("note"),
                Field("refs"),
            ),
            key=("agency_id", "year"),
            fact=True,
        ),
        Dataset(
            "complaints",
            (
                Field("id", required=True),
                Field("period_start", "date", required=True),
                Field("period_end", "date", required=True),
                Field("scope", required=True, choices=("ntt", "nasional")),
                Field(
                    "dimension",
                    required=True,
                    choices=(
                        "total",
                        "substansi",
                        "maladministrasi",
                        "asal",
                        "instansi",
                        "status",
                        "kategori",
                        "kanal",
                        "unit",
                        "persepsi",
                    ),
                ),
                Field("dimension_value"),
                Field(
                    "metric", required=True, choices=("laporan", "akses", "pengaduan", "persen", "peringkat", "indeks")
                ),
                Field("comparator", required=True, choices=("=", ">", "<", "~")),
                Field("value", "decimal", required=True, min=0),
                Field("status", required=True, choices=STATUS_FACT),
                *_source(),
                Field("note"),
                Field("refs"),
            ),
            key=("id",),
            fact=True,
        ),
    )
}

# Dependency order: a dataset comes after every dataset it references (the order of DATASETS).
LOAD_ORDER: tuple[str, ...] = tuple(DATASETS)
