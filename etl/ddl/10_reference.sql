-- Reference tables: sources, regions, assessment methods and their published bands.
-- Columns, types and comments only, plus the rules etl/datasets.py has no words for (checks across columns, UNIQUE).
-- NOT NULL, allowed values, ranges, patterns, keys and references are declared once in etl/datasets.py and added
-- by the build (etl/schema.py); do not repeat them here (tests/unit/test_schema.py fails if you do).
CREATE TABLE sources (
    id           VARCHAR,
    url          VARCHAR,
    publisher    VARCHAR,
    title        VARCHAR,
    published_on DATE,
    quote        VARCHAR,
    refs         VARCHAR,
    note         VARCHAR
);
COMMENT ON TABLE sources IS 'Every cited passage: a URL and a verbatim quote. Each fact row points at one.';
COMMENT ON COLUMN sources.quote IS 'Verbatim quote from the page (typos kept).';
COMMENT ON COLUMN sources.refs IS 'Research row ids (S1, A10, P2-C8 ...) in shared/facts that cite this passage.';

CREATE TABLE regions (
    kode     VARCHAR,
    kode_bps VARCHAR UNIQUE,
    nama     VARCHAR UNIQUE,
    jenis    VARCHAR,
    ibukota  VARCHAR
);
COMMENT ON TABLE regions IS 'Provinsi NTT (53) and its 22 kabupaten/kota. kode = Kemendagri, kode_bps = BPS (a different order).';

CREATE TABLE methods (
    id        VARCHAR,
    nama      VARCHAR,
    year_from INTEGER,
    year_to   INTEGER,
    source_id VARCHAR,
    note      VARCHAR
);
COMMENT ON TABLE methods IS 'Ombudsman assessment regimes: kepatuhan (to 2021), penilaian with categories A-E (2022-2024), opini (2025-).';

CREATE TABLE zone_bands (
    method    VARCHAR,
    year_from INTEGER,
    year_to   INTEGER,
    zone      VARCHAR,
    category  VARCHAR,
    min_score DECIMAL(5, 2),
    max_score DECIMAL(5, 2),
    source_id VARCHAR
);
COMMENT ON TABLE zone_bands IS 'Score bands as published for a method and years; only published bands are listed.';
