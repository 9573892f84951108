-- Fact tables: ZI milestones, compliance assessments, complaint figures. Every row has a source.
-- Columns, types and comments, and checks across columns; NOT NULL, allowed values, ranges, keys and references
-- come from etl/datasets.py.
CREATE TABLE zi_events (
    id             VARCHAR,
    agency_id      VARCHAR,
    event          VARCHAR,
    menuju         VARCHAR,
    date           DATE,
    date_precision VARCHAR,
    status         VARCHAR,
    source_id      VARCHAR,
    source_id_2    VARCHAR,
    note           VARCHAR,
    refs           VARCHAR
);
COMMENT ON TABLE zi_events IS 'Zona Integritas milestones. A year-only date is stored as 1 January with date_precision = year.';
COMMENT ON COLUMN zi_events.status IS 'confirmed | scheduled (announced, not confirmed) | pending (outcome unknown) | inferred | disputed';

CREATE TABLE compliance (
    region_kode VARCHAR,
    year        INTEGER,
    score       DECIMAL(5, 2),
    zone        VARCHAR,
    category    VARCHAR,
    opini       VARCHAR,
    method      VARCHAR,
    status      VARCHAR,
    source_id   VARCHAR,
    source_id_2 VARCHAR,
    note        VARCHAR,
    refs        VARCHAR
);
COMMENT ON TABLE compliance IS 'Ombudsman assessment of a pemda in a year. score may be NULL (zone known, score not).';

CREATE TABLE compliance_counts (
    year      INTEGER,
    zone      VARCHAR,
    category  VARCHAR,
    n         INTEGER,
    source_id VARCHAR,
    note      VARCHAR,
    refs      VARCHAR
);
COMMENT ON TABLE compliance_counts IS 'Published numbers of pemda per zone in a year, kept where the names were not published.';

CREATE TABLE unit_compliance (
    agency_id   VARCHAR,
    year        INTEGER,
    score       DECIMAL(5, 2),
    zone        VARCHAR,
    category    VARCHAR,
    method      VARCHAR,
    status      VARCHAR,
    source_id   VARCHAR,
    source_id_2 VARCHAR,
    note        VARCHAR,
    refs        VARCHAR
);
COMMENT ON TABLE unit_compliance IS 'Ombudsman assessment of a vertical unit (Polres, Kantor Pertanahan) or an OPD; never mixed with the pemda series.';

CREATE TABLE complaints (
    id              VARCHAR,
    period_start    DATE,
    period_end      DATE,
    scope           VARCHAR,
    dimension       VARCHAR,
    dimension_value VARCHAR,
    metric          VARCHAR,
    comparator      VARCHAR DEFAULT '=',
    value           DECIMAL(12, 2),
    status          VARCHAR,
    source_id       VARCHAR,
    source_id_2     VARCHAR,
    note            VARCHAR,
    refs            VARCHAR
);
COMMENT ON TABLE complaints IS 'Complaint figures. laporan (registered reports) and akses (consultations + reports) are different metrics; scope nasional is context only.';
COMMENT ON COLUMN complaints.period_end IS 'Partial years stay partial: a Jan-Jul figure ends on 31 July.';
