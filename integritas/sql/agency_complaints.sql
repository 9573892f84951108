-- Complaint figures naming this agency ($id) as the unit, by its short name, full name or an alias.
WITH names AS (
    SELECT nama AS name FROM agencies WHERE id = $id
    UNION
    SELECT singkatan FROM agencies WHERE id = $id AND singkatan IS NOT NULL
    UNION
    SELECT alias FROM agency_aliases WHERE agency_id = $id
),

final AS (
    SELECT c.id, c.period_start, c.period_end, c.metric, c.comparator, c.value, c.status, c.note,
           s.id AS source_id, s.url, s.publisher
    FROM complaints AS c JOIN sources AS s ON s.id = c.source_id
    WHERE c.dimension = 'unit' AND c.dimension_value IN (SELECT name FROM names)
)

SELECT * FROM final ORDER BY period_start
