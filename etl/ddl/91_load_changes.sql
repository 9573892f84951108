-- Row images of every upload, so that any load can be undone exactly.
-- No key or foreign key here: each load's row keys are unique because the file's keys were (validated), the
-- link to `loads` is checked by the load_changes_have_loads contract, and indexing a million keys per upload would
-- cost as much as the rest of the commit.
CREATE TABLE load_changes (
    load_id   INTEGER NOT NULL,
    dataset   VARCHAR NOT NULL,
    row_key   VARCHAR NOT NULL,
    before    JSON,
    after     JSON
);
COMMENT ON TABLE load_changes IS 'For each uploaded load: the keys of the rows it added (before and after NULL) and the rows it changed (before -> after).';
