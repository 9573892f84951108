-- One page ($page_rows rows from $page_start; all when $page_rows is NULL) of the NTT totals (laporan, akses, pengaduan),
-- each marked when the yearly chart draws it; total_rows counts every row.
-- sort: period_start, metric, value
WITH totals AS (
    SELECT c.*, s.url, s.publisher
    FROM complaints AS c JOIN sources AS s ON s.id = c.source_id
    WHERE c.scope = 'ntt' AND c.dimension = 'total' AND c.metric IN ('laporan', 'akses', 'pengaduan')
),

drawn AS (
    SELECT id FROM totals
    WHERE date_diff('day', period_start, period_end) <= 400 AND comparator <> '<'
    QUALIFY row_number() OVER (PARTITION BY metric, period_start, period_end ORDER BY id) = 1
),

final AS (
    SELECT t.id, t.period_start, t.period_end, t.metric, t.comparator, t.value, t.status, t.note,
           t.source_id, t.url, t.publisher, t.id IN (SELECT id FROM drawn) AS on_chart,
           count(*) OVER () AS total_rows
    FROM totals AS t
)

SELECT * FROM final ORDER BY period_start, metric, id LIMIT $page_rows OFFSET $page_start
