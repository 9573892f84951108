-- The load history, newest first.
WITH final AS (
    SELECT id, "at", "by", file_name, sha256, dataset, added, changed, rejected, status FROM loads
)
SELECT * FROM final ORDER BY id DESC
