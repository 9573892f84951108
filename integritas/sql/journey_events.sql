-- The ZI events of the agencies $ids (a list), with the agency's names and region and each event's source.
WITH final AS (
    SELECT a.id AS agency_id, a.nama, a.singkatan, r.nama AS region_nama,
           e.id AS event_id, e.event, e.menuju, e.date, e.date_precision, e.status, e.note, e.source_id,
           s.url, s.publisher
    FROM zi_events AS e
    JOIN agencies AS a ON a.id = e.agency_id
    JOIN regions AS r ON r.kode = a.region_kode
    LEFT JOIN sources AS s ON s.id = e.source_id
    WHERE list_contains($ids, e.agency_id)
)

SELECT * FROM final ORDER BY agency_id, date, event_id
