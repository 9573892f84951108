-- Agencies (units), their other names and their lineage.
-- Columns, types and comments; NOT NULL, allowed values, patterns, keys and references come from etl/datasets.py.
CREATE TABLE agencies (
    id          VARCHAR,
    nama        VARCHAR,
    singkatan   VARCHAR,
    jenis       VARCHAR,
    induk       VARCHAR,
    region_kode VARCHAR,
    is_group    BOOLEAN,
    note        VARCHAR
);
COMMENT ON TABLE agencies IS 'Units that appear in the facts, with a stable slug id (e.g. kppn-kupang).';
COMMENT ON COLUMN agencies.is_group IS 'True for an unnamed group of units, e.g. "15 satker Kemenkumham NTT".';

CREATE TABLE agency_aliases (
    agency_id VARCHAR,
    alias     VARCHAR
);
COMMENT ON TABLE agency_aliases IS 'Other names and abbreviations used for a unit in the sources.';

CREATE TABLE agency_lineage (
    predecessor_id VARCHAR,
    successor_id   VARCHAR,
    date           DATE,
    date_precision VARCHAR,
    status         VARCHAR,
    source_id      VARCHAR,
    note           VARCHAR
);
COMMENT ON TABLE agency_lineage IS 'Predecessor -> successor, e.g. Kanwil Kemenkumham NTT split in 2024.';
