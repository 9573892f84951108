-- The load history, newest first: every seed file, upload and undo, with who, when, which file and the counts.
-- The one query for it: `python -m etl history` (etl.load.history) and the pages (integritas.db.loads) run this file.
WITH final AS (
    SELECT id, "at", "by", file_name, dataset, added, changed, rejected, status, sha256 FROM loads
)

SELECT * FROM final ORDER BY id DESC
