-- severity: error
-- column: event
WITH family AS (
    SELECT predecessor_id AS root, predecessor_id AS agency_id FROM agency_lineage
    UNION
    SELECT predecessor_id, successor_id FROM agency_lineage
),

awards AS (
    SELECT f.root, e.event, year(e.date) AS year, count(*) AS n
    FROM zi_events AS e JOIN family AS f USING (agency_id)
    WHERE e.event IN ('wbk', 'wbbm')
    GROUP BY ALL
),

final AS (SELECT * FROM awards WHERE n > 1)

SELECT * FROM final
