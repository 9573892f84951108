-- severity: error
-- An award (WBK, WBBM) is a fact or a disputed claim, never scheduled or pending: an unknown outcome is not an award.
-- id: Predikat (WBK, WBBM) adalah fakta atau klaim yang diperdebatkan, tidak pernah terjadwal atau menunggu: hasil yang belum diketahui bukan predikat.
WITH final AS (
    SELECT id, agency_id, event, status FROM zi_events
    WHERE event IN ('wbk', 'wbbm') AND status IN ('scheduled', 'pending')
)
SELECT * FROM final
