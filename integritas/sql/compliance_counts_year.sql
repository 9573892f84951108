-- Published counts of pemda per zone for one year ($year), beside how many of them the sources name.
WITH published AS (
    SELECT zone, sum(n)::INTEGER AS published, min(source_id) AS source_id FROM compliance_counts WHERE year = $year GROUP BY zone
),

named AS (
    SELECT zone, count(*) AS named FROM compliance WHERE year = $year GROUP BY zone
),

final AS (
    SELECT p.zone, p.published, coalesce(n.named, 0) AS named, p.source_id
    FROM published AS p LEFT JOIN named AS n USING (zone)
)

SELECT * FROM final ORDER BY CASE zone WHEN 'hijau' THEN 1 WHEN 'kuning' THEN 2 ELSE 3 END
