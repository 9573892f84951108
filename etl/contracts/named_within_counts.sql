-- severity: error
-- column: zone
WITH named AS (
    SELECT year, zone, count(*) AS named FROM compliance WHERE region_kode <> '53' GROUP BY year, zone
),

published AS (
    SELECT year, zone, sum(n) AS n FROM compliance_counts GROUP BY year, zone
),

final AS (
    SELECT p.year, p.zone, p.n AS published, n.named
    FROM published AS p JOIN named AS n USING (year, zone)
    WHERE n.named > p.n
)

SELECT * FROM final
