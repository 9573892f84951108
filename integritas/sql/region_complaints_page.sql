-- One page ($page_rows rows from $page_start; all when $page_rows is NULL) of the complaint figures that concern a region
-- ($kode): reports originating there, and units located there; total_rows counts every row.
-- sort: period_start, metric, value
WITH unit_names AS (
    SELECT coalesce(singkatan, nama) AS name FROM agencies WHERE region_kode = $kode
),

final AS (
    SELECT c.id, c.period_start, c.period_end, c.dimension, c.dimension_value, c.metric, c.comparator, c.value,
           c.status, c.note, s.id AS source_id, s.url, s.publisher, count(*) OVER () AS total_rows
    FROM complaints AS c JOIN sources AS s ON s.id = c.source_id
    WHERE c.scope = 'ntt'
      AND ((c.dimension = 'asal' AND c.dimension_value = $kode)
           OR (c.dimension = 'unit' AND c.dimension_value IN (SELECT name FROM unit_names)))
)

SELECT * FROM final ORDER BY period_start, id LIMIT $page_rows OFFSET $page_start
