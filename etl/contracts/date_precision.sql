-- severity: error
-- column: date_precision
WITH dated AS (
    SELECT 'zi_events' AS tbl, id AS row_id, date, date_precision FROM zi_events
    UNION ALL
    SELECT 'agency_lineage', predecessor_id || '>' || successor_id, date, date_precision FROM agency_lineage
),

final AS (
    SELECT * FROM dated
    WHERE (date_precision = 'year' AND (month(date) <> 1 OR day(date) <> 1))
       OR (date_precision = 'month' AND day(date) <> 1)
)

SELECT * FROM final
