-- The audit trail: every load of every file.
CREATE TABLE loads (
    id        INTEGER PRIMARY KEY,
    "at"      TIMESTAMPTZ NOT NULL,
    "by"      VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256    VARCHAR NOT NULL CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    dataset   VARCHAR NOT NULL,
    added     INTEGER NOT NULL CHECK (added >= 0),
    changed   INTEGER NOT NULL CHECK (changed >= 0),
    rejected  INTEGER NOT NULL CHECK (rejected >= 0),
    status    VARCHAR NOT NULL CHECK (status IN ('ok', 'rejected', 'undone', 'undo'))
);
COMMENT ON TABLE loads IS 'Every load: who, when, which file (sha256), which dataset, rows added/changed/rejected.';
