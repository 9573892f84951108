-- Every complaint figure with its source, for the complaints page (scope separates NTT from national context).
WITH final AS (
    SELECT c.*, s.url, s.publisher, s.quote
    FROM complaints AS c JOIN sources AS s ON s.id = c.source_id
)

SELECT * FROM final ORDER BY scope DESC, period_start ASC, dimension ASC, dimension_value ASC
