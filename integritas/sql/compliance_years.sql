-- Assessment years with data, their method, and coverage of the 22 kab/kota: with a zone, with a score.
WITH kabkota AS (
    SELECT c.* FROM compliance AS c JOIN regions AS r ON r.kode = c.region_kode WHERE r.jenis <> 'provinsi'
),

per_year AS (
    SELECT year, count(*) AS with_zone, count(score) AS with_score FROM kabkota GROUP BY year
),

years AS (
    SELECT DISTINCT year FROM compliance
),

final AS (
    SELECT y.year, m.id AS method, coalesce(p.with_zone, 0) AS with_zone, coalesce(p.with_score, 0) AS with_score,
           m.source_id AS method_source_id
    FROM years AS y
    LEFT JOIN per_year AS p USING (year)
    LEFT JOIN methods AS m ON y.year BETWEEN m.year_from AND coalesce(m.year_to, 9999)
)

SELECT * FROM final ORDER BY year
