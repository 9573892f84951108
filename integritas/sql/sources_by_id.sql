-- The cited passages with the given ids ($ids is a list).
WITH final AS (
    SELECT id, publisher, title, published_on, url, quote, refs, note FROM sources WHERE list_contains($ids, id)
)

SELECT * FROM final ORDER BY id
