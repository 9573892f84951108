-- The publishers of the sources the ZI events cite, most cited first: the source line of the province-wide charts.
WITH cited AS (
    SELECT source_id AS id FROM zi_events
    UNION ALL
    SELECT source_id_2 AS id FROM zi_events WHERE source_id_2 IS NOT NULL
),

final AS (
    SELECT s.publisher, count(*) AS n FROM cited AS c JOIN sources AS s ON s.id = c.id GROUP BY s.publisher
)

SELECT publisher FROM final ORDER BY n DESC, publisher ASC
