-- The zones of the leader's brief: every pemda's zone in the latest assessment year that names zones and in the
-- year before it that does, with each year's method and source. `fell` is a move down (hijau > kuning > merah)
-- between the two years, `rose` a move up; NULL where either year has no zone for the pemda (a gap stays a gap).
WITH zoned AS (
    SELECT DISTINCT year FROM compliance WHERE zone IS NOT NULL
),

newest AS (
    SELECT max(year) AS latest FROM zoned
),

years AS (
    SELECT n.latest, max(z.year) FILTER (WHERE z.year < n.latest) AS previous
    FROM zoned AS z CROSS JOIN newest AS n
    GROUP BY n.latest
),

rank AS (
    SELECT unnest(['merah', 'kuning', 'hijau']) AS zone, unnest([1, 2, 3]) AS zone_rank
),

now AS (
    SELECT c.region_kode, c.zone, c.score, c.method, c.status, c.source_id, r.zone_rank
    FROM compliance AS c JOIN years AS y ON c.year = y.latest LEFT JOIN rank AS r USING (zone)
),

before AS (
    SELECT c.region_kode, c.zone, c.score, c.method, c.source_id, r.zone_rank
    FROM compliance AS c JOIN years AS y ON c.year = y.previous LEFT JOIN rank AS r USING (zone)
),

final AS (
    SELECT g.kode, g.nama, y.latest, y.previous,
           n.zone, n.score, n.method, n.status, n.source_id,
           b.zone AS zone_before, b.score AS score_before, b.method AS method_before, b.source_id AS source_id_before,
           n.zone_rank < b.zone_rank AS fell,
           n.zone_rank > b.zone_rank AS rose
    FROM regions AS g
    CROSS JOIN years AS y
    LEFT JOIN now AS n ON n.region_kode = g.kode
    LEFT JOIN before AS b ON b.region_kode = g.kode
)

SELECT * FROM final ORDER BY kode
