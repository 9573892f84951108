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
    # the reference holds only on rows where column == value (complaints: dimension_value is a region when the
    # dimension is `asal`); such a column is checked and resolved by the validator but has no FOREIGN KEY
    ref_when: tuple[str, str] | None = None
    percent: bool = False  # "40,02%" (or an Excel cell formatted as a percentage) means 40.02 here
    prose: bool = False  # free text transcribed from a source: may hold line breaks and invisible characters


@dataclass(frozen=True)
class Rule:
    """A rule across the columns of one row. `sql` is true (or NULL, as for a CHECK) for a row that keeps it,
    over the row's typed columns; the message is `val.rule.<name>` and names `column`. A `lookup` rule reads
    other tables of the database and names the row's own columns as `_r.<column>`.

    A rule that reads another table (`lookup`) is checked by the validator only; every other rule is also
    compiled into the table's CHECK constraints (etl/schema.py), so the file and the database agree."""

    name: str
    column: str
    sql: str
    lookup: bool = False


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
    rules: tuple[Rule, ...] = ()

    @property
    def inline_source(self) -> bool:
        """Whether an uploaded file may carry its source in SOURCE_COLUMNS instead of naming a source_id."""
        return self.fact and "source_id" in self.columns

    @property
    def upload_fields(self) -> tuple[Field, ...]:
        """The columns a file may have: the table's, and the inline source columns of a fact."""
        return self.fields + (SOURCE_FIELDS if self.inline_source else ())

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


# An uploaded fact may describe its source in these columns instead of naming a source_id: the loader derives the
# id (src- and a short hash of the four) or reuses an identical source row, and adds the source in the same load.
SOURCE_FIELDS = (
    Field("source_url", pattern=r"https?://\S+"),
    Field("source_publisher"),
    Field("source_date", "date"),
    Field("source_quote", prose=True),
)
SOURCE_COLUMNS = tuple(f.name for f in SOURCE_FIELDS)
COUNT_METRICS = ("laporan", "akses", "pengaduan")


def _source(required: bool = True) -> tuple[Field, ...]:
    return (Field("source_id", required=required, ref="sources"), Field("source_id_2", ref="sources"))


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


# A name key in SQL, as etl.validate.name_key makes it in Python: lower case, words only, "kab" read as "kabupaten".
def name_key_sql(x: str) -> str:
    words = rf"trim(regexp_replace(lower({x}), '[^[:alnum:]]+', ' ', 'g'))"
    return rf"regexp_replace({words}, '\bkab\b', 'kabupaten', 'g')"


def _name_free(column: str, owner: str) -> str:
    """No other agency is called `column` already, by its name or an alias (two agencies never share one)."""
    key = name_key_sql(f"_r.{column}")
    return (
        f"NOT EXISTS (SELECT 1 FROM agencies AS a WHERE a.id <> _r.{owner} AND {name_key_sql('a.nama')} = {key}) "
        f"AND NOT EXISTS (SELECT 1 FROM agency_aliases AS x WHERE x.agency_id <> _r.{owner} "
        f"AND {name_key_sql('x.alias')} = {key})"
    )


# A method is used only in the years it was in force (the methods table says which: kepatuhan to 2021,
# penilaian 2022-2024, opini from 2025).
_METHOD_IN_FORCE = Rule(
    "method_year",
    "method",
    "EXISTS (SELECT 1 FROM methods AS m WHERE m.id = _r.method AND _r.year >= m.year_from "
    "AND (m.year_to IS NULL OR _r.year <= m.year_to))",
    lookup=True,
)

_YEAR = Field("year", "int", required=True, min=2010, max=2100)
_SCORE = Field("score", "decimal", min=0, max=100, percent=True)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "sources",
            (
                Field("id", required=True, pattern=r"src-[a-z0-9-]+"),
                Field("url", pattern=r"https?://\S+"),
                Field("publisher", required=True),
                Field("title", prose=True),
                Field("published_on", "date"),
                Field("quote", prose=True),  # empty only for a second URL that adds no quote of its own
                Field("refs", prose=True),
                Field("note", prose=True),
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
                Field("note", prose=True),
            ),
            key=("id",),
            rules=(Rule("years_in_order", "year_to", "year_to IS NULL OR year_to >= year_from"),),
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
            rules=(
                Rule("scores_in_order", "max_score", "min_score < max_score"),
                Rule("years_in_order", "year_to", "year_from <= year_to"),
            ),
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
                Field("note", prose=True),
            ),
            key=("id",),
            extendable=True,
            rules=(Rule("name_taken", "nama", _name_free("nama", "id"), lookup=True),),
        ),
        Dataset(
            "agency_aliases",
            (Field("agency_id", required=True, ref="agencies"), Field("alias", required=True)),
            key=("agency_id", "alias"),
            extendable=True,
            rules=(Rule("name_taken", "alias", _name_free("alias", "agency_id"), lookup=True),),
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
                Field("note", prose=True),
            ),
            key=("predecessor_id", "successor_id"),
            rules=(Rule("not_itself", "successor_id", "predecessor_id <> successor_id"),),
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
                Field("note", prose=True),
                Field("refs", prose=True),
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
                Field("note", prose=True),
                Field("refs", prose=True),
            ),
            key=("region_kode", "year"),
            fact=True,
            rules=(_METHOD_IN_FORCE,),
        ),
        Dataset(
            "compliance_counts",
            (
                _YEAR,
                Field("zone", required=True, choices=ZONES),
                Field("category", choices=CATEGORIES),
                Field("n", "int", required=True, min=0, max=23),
                Field("source_id", required=True, ref="sources"),
                Field("note", prose=True),
                Field("refs", prose=True),
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
                Field("note", prose=True),
                Field("refs", prose=True),
            ),
            key=("agency_id", "year"),
            fact=True,
            rules=(_METHOD_IN_FORCE,),
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
                Field("dimension_value", ref="regions", ref_when=("dimension", "asal")),
                Field(
                    "metric", required=True, choices=("laporan", "akses", "pengaduan", "persen", "peringkat", "indeks")
                ),
                Field("comparator", required=True, choices=("=", ">", "<", "~")),
                Field("value", "decimal", required=True, min=0),
                Field("status", required=True, choices=STATUS_FACT),
                *_source(),
                Field("note", prose=True),
                Field("refs", prose=True),
            ),
            key=("id",),
            fact=True,
            rules=(
                Rule("period_in_order", "period_end", "period_start <= period_end"),
                Rule("breakdown_value", "dimension_value", "dimension = 'total' OR dimension_value IS NOT NULL"),
                Rule("percent_max", "value", "metric <> 'persen' OR value <= 100"),
                Rule("count_whole", "value", f"metric NOT IN {_in(COUNT_METRICS)} OR value = trunc(value)"),
            ),
        ),
    )
}

# Dependency order: a dataset comes after every dataset it references (the order of DATASETS).
LOAD_ORDER: tuple[str, ...] = tuple(DATASETS)
