-- The names of the agencies with the given ids ($ids is a list).
WITH final AS (
    SELECT id, nama FROM agencies WHERE list_contains($ids, id)
)

SELECT * FROM final ORDER BY nama
