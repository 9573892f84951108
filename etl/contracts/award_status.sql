-- severity: error
-- An award (WBK, WBBM) is a fact or a disputed claim, never scheduled or pending: an unknown outcome is not an award.
WITH final AS (
    SELECT id, agency_id, event, status FROM zi_events
    WHERE event IN ('wbk', 'wbbm') AND status IN ('scheduled', 'pending')
)
SELECT * FROM final
