-- The NTT totals the yearly chart draws: laporan, akses and pengaduan over periods of about a year at most, no
-- upper bounds, one figure per measure and period (the first recorded), with its source.
WITH final AS (
    SELECT c.id, c.metric, c.period_start, c.period_end, c.value, c.comparator, c.source_id, s.publisher
    FROM complaints AS c JOIN sources AS s ON s.id = c.source_id
    WHERE c.scope = 'ntt' AND c.dimension = 'total' AND c.metric IN ('laporan', 'akses', 'pengaduan')
      AND date_diff('day', c.period_start, c.period_end) <= 400 AND c.comparator <> '<'
    QUALIFY row_number() OVER (PARTITION BY c.metric, c.period_start, c.period_end ORDER BY c.id) = 1
)

SELECT * FROM final ORDER BY metric, period_start, id
