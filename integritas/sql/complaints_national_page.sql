-- One page ($page_rows rows from $page_start; all when $page_rows is NULL) of the national figures (context only) whose
-- category or note contains $q; total_rows counts every matching row.
-- sort: period_start, dimension_value, value
WITH final AS (
    SELECT c.id, c.period_start, c.period_end, c.dimension, c.dimension_value, c.metric, c.comparator, c.value,
           c.status, c.note, s.id AS source_id, s.url, s.publisher, count(*) OVER () AS total_rows
    FROM complaints AS c JOIN sources AS s ON s.id = c.source_id
    WHERE c.scope = 'nasional'
      AND ($q = '' OR contains(lower(concat_ws(' ', c.dimension_value, c.note)), lower($q)))
)

SELECT * FROM final ORDER BY period_start, dimension, dimension_value, id LIMIT $page_rows OFFSET $page_start
