-- What the agency search looks through: names, short names, aliases and the region's name.
WITH aliases AS (
    SELECT agency_id, string_agg(alias, ' | ' ORDER BY alias) AS aliases FROM agency_aliases GROUP BY agency_id
),

final AS (
    SELECT a.id, a.nama, a.singkatan, coalesce(al.aliases, '') AS aliases, r.nama AS region_nama
    FROM agencies AS a JOIN regions AS r ON r.kode = a.region_kode
    LEFT JOIN aliases AS al ON al.agency_id = a.id
)

SELECT * FROM final ORDER BY nama
