-- One region's ($kode) compliance history with sources.
WITH final AS (
    SELECT c.year, c.score, c.zone, c.category, c.opini, c.method, c.status, c.note,
           s.id AS source_id, s.url, s.publisher, s.quote
    FROM compliance AS c JOIN sources AS s ON s.id = c.source_id
    WHERE c.region_kode = $kode
)

SELECT * FROM final ORDER BY year
