-- Every pemda (province + 22 kab/kota) for one assessment year ($year): its zone, score and source, or NULLs (no data).
WITH regions_all AS (
    SELECT kode, nama, jenis FROM regions
),

year_rows AS (
    SELECT * FROM compliance WHERE year = $year
),

final AS (
    SELECT r.kode, r.nama, r.jenis, c.year, c.score, c.zone, c.category, c.opini, c.method, c.status, c.note,
           s.id AS source_id, s.url, s.publisher, s.quote
    FROM regions_all AS r
    LEFT JOIN year_rows AS c ON c.region_kode = r.kode
    LEFT JOIN sources AS s ON s.id = c.source_id
)

SELECT * FROM final ORDER BY kode
