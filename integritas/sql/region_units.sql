-- Assessments of vertical units and OPD located in a region ($kode), kept apart from the pemda series.
WITH final AS (
    SELECT a.id AS agency_id, coalesce(a.singkatan, a.nama) AS unit, u.year, u.score, u.zone, u.category, u.status,
           s.id AS source_id, s.url, s.publisher
    FROM unit_compliance AS u
    JOIN agencies AS a ON a.id = u.agency_id
    JOIN sources AS s ON s.id = u.source_id
    WHERE a.region_kode = $kode
)

SELECT * FROM final ORDER BY unit, year
