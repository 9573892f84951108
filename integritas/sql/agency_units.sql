-- Ombudsman assessments of this agency itself ($id), e.g. a Polres or Kantor Pertanahan.
WITH final AS (
    SELECT u.year, u.score, u.zone, u.category, u.status, u.note, s.id AS source_id, s.url, s.publisher
    FROM unit_compliance AS u JOIN sources AS s ON s.id = u.source_id
    WHERE u.agency_id = $id
)

SELECT * FROM final ORDER BY year
