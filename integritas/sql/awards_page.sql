-- One page ($page_rows rows from $page_start; all when $page_rows is NULL) of the ZI awards (WBK, WBBM) and proposals
-- whose outcome is pending, with agency and source; total_rows counts every row.
-- sort: date, nama, event, status
WITH events AS (
    SELECT * FROM zi_events
    WHERE event IN ('wbk', 'wbbm') OR (event = 'usulan_tpn' AND status = 'pending')
),

final AS (
    SELECT e.id, e.agency_id, a.nama, a.singkatan, e.event, e.menuju, e.date, e.date_precision, e.status, e.note,
           s.id AS source_id, s.url, s.publisher, count(*) OVER () AS total_rows
    FROM events AS e
    JOIN agencies AS a ON a.id = e.agency_id
    JOIN sources AS s ON s.id = e.source_id
)

SELECT * FROM final ORDER BY date, nama, id LIMIT $page_rows OFFSET $page_start
