-- What changed since $since (up to $today), one row per item, newest first, for the leader's brief:
--   kind 'zi'        a ZI milestone;
--   kind 'complaint' an NTT complaint total (laporan, akses, pengaduan), or 'complaint_detail' any other figure;
--   kind 'compliance' a pemda's assessment;
--   kind 'load'      an upload of data (never a seed file: the seed is rebuilt, its load time is not news).
-- `basis` says what dates the item: 'happened' (the fact's own date: a milestone's date, the end of a complaint
-- period) or 'loaded' (the Kupang day an upload added or changed the row). A fact an upload in the window touched
-- is dated by that load; otherwise a milestone counts when its date falls in the window (a date known only to its
-- month or year counts when that month or year reaches into it) and a complaint figure when its period ends in it.
-- An assessment has no day of its own: it appears only when loaded. Undone uploads do not count.
WITH uploads AS (
    SELECT id AS load_id, timezone('Asia/Makassar', "at")::DATE AS day, dataset, added, changed
    FROM loads
    WHERE status = 'ok' AND file_name NOT LIKE 'seed/%'
          AND timezone('Asia/Makassar', "at")::DATE BETWEEN $since AND $today
),

touched AS (
    -- the newest upload in the window that added or changed each row
    SELECT c.dataset, c.row_key, max(u.day) AS day
    FROM load_changes AS c JOIN uploads AS u ON u.load_id = c.load_id
    GROUP BY ALL
),

zi AS (
    SELECT 'zi' AS kind, e.id AS item_id, e.agency_id, a.nama, a.singkatan, e.event, e.menuju, e.status,
           e.date, e.date_precision, NULL::DATE AS period_start, NULL::DATE AS period_end, NULL AS metric,
           NULL::DECIMAL(12, 2) AS value, NULL AS comparator, NULL AS region_kode, NULL::INTEGER AS year,
           NULL AS zone, NULL AS dataset, NULL::INTEGER AS added, NULL::INTEGER AS changed, e.source_id,
           coalesce(t.day, e.date) AS day, CASE WHEN t.day IS NOT NULL THEN 'loaded' ELSE 'happened' END AS basis
    FROM zi_events AS e
    JOIN agencies AS a ON a.id = e.agency_id
    LEFT JOIN touched AS t ON t.dataset = 'zi_events' AND t.row_key = e.id
    WHERE t.day IS NOT NULL
          OR (e.date <= $today AND CASE e.date_precision
              WHEN 'year' THEN e.date + INTERVAL 1 YEAR WHEN 'month' THEN e.date + INTERVAL 1 MONTH
              ELSE e.date + INTERVAL 1 DAY END > $since)
),

complaint AS (
    SELECT CASE WHEN c.scope = 'ntt' AND c.dimension = 'total' AND c.metric IN ('laporan', 'akses', 'pengaduan')
                THEN 'complaint' ELSE 'complaint_detail' END AS kind,
           c.id, NULL, NULL, NULL, NULL, NULL, c.status, NULL, NULL, c.period_start, c.period_end, c.metric,
           c.value, c.comparator, NULL, NULL, NULL, NULL, NULL, NULL, c.source_id,
           coalesce(t.day, c.period_end), CASE WHEN t.day IS NOT NULL THEN 'loaded' ELSE 'happened' END
    FROM complaints AS c
    LEFT JOIN touched AS t ON t.dataset = 'complaints' AND t.row_key = c.id
    WHERE t.day IS NOT NULL OR c.period_end BETWEEN $since AND $today
),

compliance AS (
    SELECT 'compliance', concat_ws(' / ', c.region_kode, c.year), NULL, g.nama, NULL, NULL, NULL, c.status, NULL,
           NULL, NULL, NULL, NULL, c.score, NULL, c.region_kode, c.year, c.zone, NULL, NULL, NULL, c.source_id, t.day,
           'loaded'
    FROM compliance AS c
    JOIN regions AS g ON g.kode = c.region_kode
    JOIN touched AS t ON t.dataset = 'compliance' AND t.row_key = concat_ws(' / ', c.region_kode, c.year::VARCHAR)
),

load AS (
    SELECT 'load', load_id::VARCHAR, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, dataset, added, changed, NULL, day, 'loaded'
    FROM uploads
),

final AS (
    SELECT * FROM zi
    UNION ALL
    SELECT * FROM complaint
    UNION ALL
    SELECT * FROM compliance
    UNION ALL
    SELECT * FROM load
)

SELECT * FROM final ORDER BY day DESC, kind ASC, item_id ASC
