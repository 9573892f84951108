-- severity: error
WITH counts AS (
    SELECT
        count(*) FILTER (WHERE jenis = 'provinsi') AS provinsi,
        count(*) FILTER (WHERE jenis = 'kabupaten') AS kabupaten,
        count(*) FILTER (WHERE jenis = 'kota') AS kota
    FROM regions
),

final AS (
    SELECT * FROM counts WHERE NOT (provinsi = 1 AND kabupaten = 21 AND kota = 1)
)

SELECT * FROM final
