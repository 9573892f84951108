-- Agencies located in a region ($kode) with their latest ZI milestone (current stage) and its source.
WITH located AS (
    SELECT * FROM agencies WHERE region_kode = $kode
),

ranked AS (
    SELECT e.*, row_number() OVER (PARTITION BY e.agency_id ORDER BY e.date DESC, e.id DESC) AS rn
    FROM zi_events AS e JOIN located AS a ON a.id = e.agency_id
),

final AS (
    SELECT a.id, a.nama, a.singkatan, a.jenis, a.induk, r.event, r.menuju, r.date, r.date_precision, r.status,
           r.source_id, s.url, s.publisher
    FROM located AS a
    LEFT JOIN ranked AS r ON r.agency_id = a.id AND r.rn = 1
    LEFT JOIN sources AS s ON s.id = r.source_id
)

SELECT * FROM final ORDER BY event IS NULL, nama
