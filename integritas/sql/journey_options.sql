-- The values the journey filters offer: each jenis, induk and region (kode with its name) that agencies have.
WITH final AS (
    SELECT DISTINCT 'jenis' AS kind, jenis AS value, jenis AS label FROM agencies
    UNION ALL
    SELECT DISTINCT 'induk' AS kind, induk AS value, induk AS label FROM agencies WHERE induk IS NOT NULL
    UNION ALL
    SELECT DISTINCT 'wilayah' AS kind, a.region_kode AS value, r.nama AS label
    FROM agencies AS a JOIN regions AS r ON r.kode = a.region_kode
)

SELECT * FROM final ORDER BY kind, value
