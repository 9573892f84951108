-- One agency ($id) with its region and its other names.
WITH aliases AS (
    SELECT agency_id, list(alias ORDER BY alias) AS aliases FROM agency_aliases GROUP BY agency_id
),

final AS (
    SELECT a.*, r.nama AS region_nama, coalesce(al.aliases, []) AS aliases
    FROM agencies AS a JOIN regions AS r ON r.kode = a.region_kode
    LEFT JOIN aliases AS al ON al.agency_id = a.id
    WHERE a.id = $id
)

SELECT * FROM final
