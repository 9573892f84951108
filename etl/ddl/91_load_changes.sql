-- Row images of every upload, so that any load can be undone exactly.
CREATE TABLE load_changes (
    load_id   INTEGER NOT NULL REFERENCES loads (id),
    dataset   VARCHAR NOT NULL,
    row_key   VARCHAR NOT NULL,
    before    JSON,
    after     JSON,
    PRIMARY KEY (load_id, dataset, row_key)
);
COMMENT ON TABLE load_changes IS 'For each uploaded load: the rows it added (before NULL) or changed (before -> after).';
