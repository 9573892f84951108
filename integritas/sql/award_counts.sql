-- The headline counts: WBK and WBBM awards (disputed WBK among them) and proposals toward WBBM awaiting a result.
WITH final AS (
    SELECT count(*) FILTER (WHERE e.event = 'wbk') AS wbk,
           count(*) FILTER (WHERE e.event = 'wbbm') AS wbbm,
           count(*) FILTER (WHERE e.event = 'wbk' AND e.status = 'disputed') AS disputed,
           count(*) FILTER (WHERE e.event = 'usulan_tpn' AND e.status = 'pending' AND e.menuju = 'wbbm') AS pending
    FROM zi_events AS e
    JOIN agencies AS a ON a.id = e.agency_id
    JOIN sources AS s ON s.id = e.source_id
)

SELECT * FROM final
