-- One page ($page_rows rows from $page_start; all when $page_rows is NULL) of the assessments of vertical units and OPD
-- located in a region ($kode) whose unit name contains $q, kept apart from the pemda series; total_rows counts
-- every matching row.
-- sort: unit, year, score
WITH final AS (
    SELECT a.id AS agency_id, coalesce(a.singkatan, a.nama) AS unit, u.year, u.score, u.zone, u.category, u.status,
           s.id AS source_id, s.url, s.publisher, count(*) OVER () AS total_rows
    FROM unit_compliance AS u
    JOIN agencies AS a ON a.id = u.agency_id
    JOIN sources AS s ON s.id = u.source_id
    WHERE a.region_kode = $kode
      AND ($q = '' OR contains(lower(concat_ws(' ', a.nama, a.singkatan)), lower($q)))
)

SELECT * FROM final ORDER BY unit, year, agency_id LIMIT $page_rows OFFSET $page_start
