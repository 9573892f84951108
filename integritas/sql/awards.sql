-- ZI awards (WBK, WBBM) and proposals whose outcome is pending, with agency and source.
WITH events AS (
    SELECT * FROM zi_events
    WHERE event IN ('wbk', 'wbbm') OR (event = 'usulan_tpn' AND status = 'pending')
),

final AS (
    SELECT e.id, e.agency_id, a.nama, a.singkatan, e.event, e.menuju, e.date, e.date_precision, e.status, e.note,
           s.id AS source_id, s.url, s.publisher, s.title, s.quote
    FROM events AS e
    JOIN agencies AS a ON a.id = e.agency_id
    JOIN sources AS s ON s.id = e.source_id
)

SELECT * FROM final ORDER BY date, nama
