-- One page ($page_rows rows from $page_start; all when $page_rows is NULL) of the cited passages whose id, publisher,
-- title or quote contains $q; total_rows counts every matching row.
-- sort: id, publisher, published_on
WITH final AS (
    SELECT id, publisher, title, published_on, url, quote, refs, note, count(*) OVER () AS total_rows
    FROM sources
    WHERE $q = '' OR contains(lower(concat_ws(' ', id, publisher, title, quote)), lower($q))
)

SELECT * FROM final ORDER BY id LIMIT $page_rows OFFSET $page_start
