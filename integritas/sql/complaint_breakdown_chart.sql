-- What the breakdown chart draws of $metric by $dimension (NTT): the latest $periods periods and, within them,
-- the $categories categories with the largest values; a region of origin by its name.
WITH rows AS (
    SELECT c.id, c.period_start, c.period_end, c.value, c.comparator, c.metric, c.source_id,
           CASE WHEN c.dimension = 'asal' THEN coalesce(r.nama, c.dimension_value) ELSE c.dimension_value
           END AS category
    FROM complaints AS c LEFT JOIN regions AS r ON r.kode = c.dimension_value
    WHERE c.scope = 'ntt' AND c.dimension = $dimension AND c.metric = $metric
),

periods AS (
    SELECT DISTINCT period_start, period_end FROM rows ORDER BY period_end DESC, period_start DESC LIMIT $periods
),

latest AS (
    SELECT rows.* FROM rows JOIN periods USING (period_start, period_end)
),

top AS (
    SELECT category FROM latest GROUP BY category ORDER BY sum(value) DESC, category LIMIT $categories
),

final AS (
    SELECT latest.* FROM latest WHERE category IN (SELECT category FROM top)
)

SELECT * FROM final ORDER BY period_start, period_end, category, id
