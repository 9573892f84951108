-- Published score bands.
WITH final AS (
    SELECT method, year_from, year_to, zone, category, min_score, max_score, source_id FROM zone_bands
)

SELECT * FROM final ORDER BY year_from ASC, min_score DESC
