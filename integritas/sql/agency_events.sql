-- One agency's ($id) ZI events with its names and region and each event's source, in date order.
WITH final AS (
    SELECT a.id AS agency_id, a.nama, a.singkatan, r.nama AS region_nama,
           e.id AS event_id, e.event, e.menuju, e.date, e.date_precision, e.status, e.note, e.source_id,
           s.url, s.publisher
    FROM agencies AS a
    JOIN regions AS r ON r.kode = a.region_kode
    JOIN zi_events AS e ON e.agency_id = a.id
    LEFT JOIN sources AS s ON s.id = e.source_id
    WHERE a.id = $id
)

SELECT * FROM final ORDER BY date, event_id
