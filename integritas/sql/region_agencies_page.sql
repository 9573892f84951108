-- One page ($page_rows rows from $page_start; all when $page_rows is NULL) of the agencies located in a region ($kode)
-- whose name, short name or parent contains $q, with their latest ZI milestone and its source; total_rows counts
-- every matching row.
-- sort: nama, date, event
WITH located AS (
    SELECT * FROM agencies
    WHERE region_kode = $kode
      AND ($q = '' OR contains(lower(concat_ws(' ', nama, singkatan, induk)), lower($q)))
),

ranked AS (
    SELECT e.*, row_number() OVER (PARTITION BY e.agency_id ORDER BY e.date DESC, e.id DESC) AS rn
    FROM zi_events AS e JOIN located AS a ON a.id = e.agency_id
),

final AS (
    SELECT a.id, a.nama, a.singkatan, a.jenis, a.induk, r.event, r.menuju, r.date, r.date_precision, r.status,
           r.source_id, s.url, s.publisher, count(*) OVER () AS total_rows
    FROM located AS a
    LEFT JOIN ranked AS r ON r.agency_id = a.id AND r.rn = 1
    LEFT JOIN sources AS s ON s.id = r.source_id
)

SELECT * FROM final ORDER BY event IS NULL, nama, id LIMIT $page_rows OFFSET $page_start
