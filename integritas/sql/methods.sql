-- Assessment regimes with their source.
WITH final AS (
    SELECT m.id, m.nama, m.year_from, m.year_to, m.note, s.id AS source_id, s.url, s.publisher
    FROM methods AS m JOIN sources AS s ON s.id = m.source_id
)

SELECT * FROM final ORDER BY year_from
