-- Fact tables: ZI milestones, compliance assessments, complaint figures. Every row has a source.
CREATE TABLE zi_events (
    id             VARCHAR PRIMARY KEY,
    agency_id      VARCHAR NOT NULL REFERENCES agencies (id),
    event          VARCHAR NOT NULL CHECK (event IN ('pencanangan', 'pakta_integritas', 'usulan_tpn', 'wbk', 'wbbm', 'target', 'other')),
    menuju         VARCHAR CHECK (menuju IN ('wbk', 'wbbm', 'wbk_wbbm')),
    date           DATE NOT NULL,
    date_precision VARCHAR NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
    status         VARCHAR NOT NULL CHECK (status IN ('confirmed', 'scheduled', 'pending', 'inferred', 'disputed')),
    source_id      VARCHAR NOT NULL REFERENCES sources (id),
    source_id_2    VARCHAR REFERENCES sources (id),
    note           VARCHAR,
    refs           VARCHAR
);
COMMENT ON TABLE zi_events IS 'Zona Integritas milestones. A year-only date is stored as 1 January with date_precision = year.';
COMMENT ON COLUMN zi_events.status IS 'confirmed | scheduled (announced, not confirmed) | pending (outcome unknown) | inferred | disputed';

CREATE TABLE compliance (
    region_kode VARCHAR NOT NULL REFERENCES regions (kode),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2010 AND 2100),
    score       DECIMAL(5, 2) CHECK (score BETWEEN 0 AND 100),
    zone        VARCHAR NOT NULL CHECK (zone IN ('merah', 'kuning', 'hijau')),
    category    VARCHAR CHECK (category IN ('A', 'B', 'C', 'D', 'E')),
    opini       VARCHAR,
    method      VARCHAR NOT NULL REFERENCES methods (id),
    status      VARCHAR NOT NULL CHECK (status IN ('confirmed', 'inferred', 'disputed')),
    source_id   VARCHAR NOT NULL REFERENCES sources (id),
    source_id_2 VARCHAR REFERENCES sources (id),
    note        VARCHAR,
    refs        VARCHAR,
    PRIMARY KEY (region_kode, year)
);
COMMENT ON TABLE compliance IS 'Ombudsman assessment of a pemda in a year. score may be NULL (zone known, score not).';

CREATE TABLE compliance_counts (
    year      INTEGER NOT NULL,
    zone      VARCHAR NOT NULL CHECK (zone IN ('merah', 'kuning', 'hijau')),
    category  VARCHAR CHECK (category IN ('A', 'B', 'C', 'D', 'E')),
    n         INTEGER NOT NULL CHECK (n BETWEEN 0 AND 23),
    source_id VARCHAR NOT NULL REFERENCES sources (id),
    note      VARCHAR,
    refs      VARCHAR
);
COMMENT ON TABLE compliance_counts IS 'Published numbers of pemda per zone in a year, kept where the names were not published.';

CREATE TABLE unit_compliance (
    agency_id   VARCHAR NOT NULL REFERENCES agencies (id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2010 AND 2100),
    score       DECIMAL(5, 2) CHECK (score BETWEEN 0 AND 100),
    zone        VARCHAR NOT NULL CHECK (zone IN ('merah', 'kuning', 'hijau')),
    category    VARCHAR CHECK (category IN ('A', 'B', 'C', 'D', 'E')),
    method      VARCHAR NOT NULL REFERENCES methods (id),
    status      VARCHAR NOT NULL CHECK (status IN ('confirmed', 'inferred', 'disputed')),
    source_id   VARCHAR NOT NULL REFERENCES sources (id),
    source_id_2 VARCHAR REFERENCES sources (id),
    note        VARCHAR,
    refs        VARCHAR,
    PRIMARY KEY (agency_id, year)
);
COMMENT ON TABLE unit_compliance IS 'Ombudsman assessment of a vertical unit (Polres, Kantor Pertanahan) or an OPD; never mixed with the pemda series.';

CREATE TABLE complaints (
    id              VARCHAR PRIMARY KEY,
    period_start    DATE NOT NULL,
    period_end      DATE NOT NULL,
    scope           VARCHAR NOT NULL CHECK (scope IN ('ntt', 'nasional')),
    dimension       VARCHAR NOT NULL CHECK (dimension IN ('total', 'substansi', 'maladministrasi', 'asal', 'instansi', 'status', 'kategori', 'kanal', 'unit', 'persepsi')),
    dimension_value VARCHAR,
    metric          VARCHAR NOT NULL CHECK (metric IN ('laporan', 'akses', 'pengaduan', 'persen', 'peringkat', 'indeks')),
    comparator      VARCHAR NOT NULL DEFAULT '=' CHECK (comparator IN ('=', '>', '<', '~')),
    value           DECIMAL(12, 2) NOT NULL CHECK (value >= 0),
    status          VARCHAR NOT NULL CHECK (status IN ('confirmed', 'inferred', 'disputed')),
    source_id       VARCHAR NOT NULL REFERENCES sources (id),
    source_id_2     VARCHAR REFERENCES sources (id),
    note            VARCHAR,
    refs            VARCHAR,
    CHECK (period_start <= period_end),
    CHECK (dimension = 'total' OR dimension_value IS NOT NULL)
);
COMMENT ON TABLE complaints IS 'Complaint figures. laporan (registered reports) and akses (consultations + reports) are different metrics; scope nasional is context only.';
COMMENT ON COLUMN complaints.period_end IS 'Partial years stay partial: a Jan-Jul figure ends on 31 July.';
