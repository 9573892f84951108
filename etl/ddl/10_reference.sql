-- Reference tables: sources, regions, assessment methods and their published bands.
CREATE TABLE sources (
    id           VARCHAR PRIMARY KEY CHECK (regexp_full_match(id, 'src-[a-z0-9-]+')),
    url          VARCHAR CHECK (url IS NULL OR regexp_matches(url, '^https?://')),
    publisher    VARCHAR NOT NULL,
    title        VARCHAR,
    published_on DATE,
    quote        VARCHAR CHECK (quote IS NULL OR length(trim(quote)) > 0),
    refs         VARCHAR,
    note         VARCHAR
);
COMMENT ON TABLE sources IS 'Every cited passage: a URL and a verbatim quote. Each fact row points at one.';
COMMENT ON COLUMN sources.quote IS 'Verbatim quote from the page (typos kept).';
COMMENT ON COLUMN sources.refs IS 'Research row ids (S1, A10, P2-C8 ...) in shared/facts that cite this passage.';

CREATE TABLE regions (
    kode     VARCHAR PRIMARY KEY CHECK (regexp_full_match(kode, '53(\.\d\d)?')),
    kode_bps VARCHAR NOT NULL UNIQUE,
    nama     VARCHAR NOT NULL UNIQUE,
    jenis    VARCHAR NOT NULL CHECK (jenis IN ('provinsi', 'kabupaten', 'kota')),
    ibukota  VARCHAR NOT NULL
);
COMMENT ON TABLE regions IS 'Provinsi NTT (53) and its 22 kabupaten/kota. kode = Kemendagri, kode_bps = BPS (a different order).';

CREATE TABLE methods (
    id        VARCHAR PRIMARY KEY CHECK (id IN ('kepatuhan', 'penilaian', 'opini')),
    nama      VARCHAR NOT NULL,
    year_from INTEGER NOT NULL,
    year_to   INTEGER,
    source_id VARCHAR NOT NULL REFERENCES sources (id),
    note      VARCHAR,
    CHECK (year_to IS NULL OR year_to >= year_from)
);
COMMENT ON TABLE methods IS 'Ombudsman assessment regimes: kepatuhan (to 2021), penilaian with categories A-E (2022-2024), opini (2025-).';

CREATE TABLE zone_bands (
    method    VARCHAR NOT NULL REFERENCES methods (id),
    year_from INTEGER NOT NULL,
    year_to   INTEGER NOT NULL,
    zone      VARCHAR NOT NULL CHECK (zone IN ('merah', 'kuning', 'hijau')),
    category  VARCHAR CHECK (category IN ('A', 'B', 'C', 'D', 'E')),
    min_score DECIMAL(5, 2) NOT NULL CHECK (min_score BETWEEN 0 AND 100),
    max_score DECIMAL(5, 2) NOT NULL CHECK (max_score BETWEEN 0 AND 110),
    source_id VARCHAR NOT NULL REFERENCES sources (id),
    CHECK (min_score < max_score),
    CHECK (year_from <= year_to)
);
COMMENT ON TABLE zone_bands IS 'Score bands as published for a method and years; only published bands are listed.';
