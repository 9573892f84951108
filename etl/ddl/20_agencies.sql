-- Agencies (units), their other names and their lineage.
CREATE TABLE agencies (
    id          VARCHAR PRIMARY KEY CHECK (regexp_full_match(id, '[a-z0-9]+(-[a-z0-9]+)*')),
    nama        VARCHAR NOT NULL,
    singkatan   VARCHAR,
    jenis       VARCHAR NOT NULL CHECK (jenis IN ('vertikal', 'pemda', 'lembaga')),
    induk       VARCHAR,
    region_kode VARCHAR NOT NULL REFERENCES regions (kode),
    is_group    BOOLEAN NOT NULL,
    note        VARCHAR
);
COMMENT ON TABLE agencies IS 'Units that appear in the facts, with a stable slug id (e.g. kppn-kupang).';
COMMENT ON COLUMN agencies.is_group IS 'True for an unnamed group of units, e.g. "15 satker Kemenkumham NTT".';

CREATE TABLE agency_aliases (
    agency_id VARCHAR NOT NULL REFERENCES agencies (id),
    alias     VARCHAR NOT NULL,
    PRIMARY KEY (agency_id, alias)
);
COMMENT ON TABLE agency_aliases IS 'Other names and abbreviations used for a unit in the sources.';

CREATE TABLE agency_lineage (
    predecessor_id VARCHAR NOT NULL REFERENCES agencies (id),
    successor_id   VARCHAR NOT NULL REFERENCES agencies (id),
    date           DATE NOT NULL,
    date_precision VARCHAR NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
    status         VARCHAR NOT NULL CHECK (status IN ('confirmed', 'inferred', 'disputed')),
    source_id      VARCHAR NOT NULL REFERENCES sources (id),
    note           VARCHAR,
    PRIMARY KEY (predecessor_id, successor_id),
    CHECK (predecessor_id <> successor_id)
);
COMMENT ON TABLE agency_lineage IS 'Predecessor -> successor, e.g. Kanwil Kemenkumham NTT split in 2024.';
