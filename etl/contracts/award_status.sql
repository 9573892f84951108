-- severity: error
-- column: status
WITH final AS (
    SELECT id, agency_id, event, status FROM zi_events
    WHERE event IN ('wbk', 'wbbm') AND status IN ('scheduled', 'pending')
)

SELECT * FROM final
