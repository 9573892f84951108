-- Every agency with its region and each of its ZI events (agencies without events appear once with NULL event).
WITH final AS (
    SELECT a.id AS agency_id, a.nama, a.singkatan, a.jenis, a.induk, a.is_group, a.region_kode, r.nama AS region_nama,
           e.id AS event_id, e.event, e.menuju, e.date, e.date_precision, e.status, e.note, e.source_id,
           s.url, s.publisher
    FROM agencies AS a
    JOIN regions AS r ON r.kode = a.region_kode
    LEFT JOIN zi_events AS e ON e.agency_id = a.id
    LEFT JOIN sources AS s ON s.id = e.source_id
)

SELECT * FROM final ORDER BY agency_id, date, event_id
