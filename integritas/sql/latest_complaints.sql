-- The latest NTT total for each complaint measure (laporan, akses), never mixed, with its period and source.
WITH totals AS (
    SELECT c.*, row_number() OVER (PARTITION BY metric ORDER BY period_end DESC, period_start DESC) AS rn
    FROM complaints AS c
    WHERE scope = 'ntt' AND dimension = 'total' AND metric IN ('laporan', 'akses') AND comparator = '='
),

final AS (
    SELECT t.id, t.metric, t.period_start, t.period_end, t.value, t.note, s.id AS source_id, s.url, s.publisher,
           s.title, s.quote
    FROM totals AS t JOIN sources AS s ON s.id = t.source_id
    WHERE rn = 1
)

SELECT * FROM final ORDER BY metric DESC
