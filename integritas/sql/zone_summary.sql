-- Per assessment year and zone: pemda named in the sources, how many have a score, and the published count.
WITH years AS (
    SELECT DISTINCT year FROM compliance
    UNION
    SELECT DISTINCT year FROM compliance_counts
),

zones AS (SELECT unnest(['hijau', 'kuning', 'merah']) AS zone),

named AS (
    SELECT year, zone, count(*) AS named, count(score) AS scored, list(DISTINCT source_id ORDER BY source_id) AS source_ids
    FROM compliance GROUP BY ALL
),

published AS (
    SELECT year, zone, sum(n)::INTEGER AS published, min(source_id) AS source_id FROM compliance_counts GROUP BY ALL
),

method AS (
    SELECT y.year, m.id AS method FROM years AS y
    JOIN methods AS m ON y.year BETWEEN m.year_from AND coalesce(m.year_to, 9999)
),

final AS (
    SELECT y.year, m.method, z.zone, coalesce(n.named, 0) AS named, coalesce(n.scored, 0) AS scored, n.source_ids,
           p.published, p.source_id AS published_source_id
    FROM years AS y CROSS JOIN zones AS z
    LEFT JOIN method AS m USING (year)
    LEFT JOIN named AS n USING (year, zone)
    LEFT JOIN published AS p USING (year, zone)
)

SELECT * FROM final ORDER BY year, zone
