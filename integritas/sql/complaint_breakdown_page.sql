-- One page ($page_rows rows from $page_start; all when $page_rows is NULL) of the NTT figures of $metric by $dimension
-- whose category or note contains $q; a region of origin by its name; total_rows counts every matching row.
-- sort: period_start, category, value
WITH named AS (
    SELECT c.*, CASE WHEN c.dimension = 'asal' THEN coalesce(r.nama, c.dimension_value) ELSE c.dimension_value
        END AS category, s.url, s.publisher
    FROM complaints AS c
    JOIN sources AS s ON s.id = c.source_id
    LEFT JOIN regions AS r ON r.kode = c.dimension_value
    WHERE c.scope = 'ntt' AND c.dimension = $dimension AND c.metric = $metric
),

final AS (
    SELECT id, period_start, period_end, category, metric, comparator, value, status, note, source_id, url,
           publisher, count(*) OVER () AS total_rows
    FROM named
    WHERE $q = '' OR contains(lower(concat_ws(' ', category, note)), lower($q))
)

SELECT * FROM final ORDER BY period_start, category, id LIMIT $page_rows OFFSET $page_start
