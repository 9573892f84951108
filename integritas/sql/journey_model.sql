-- The ZI journey of every agency (of $agency_id alone when it is not NULL) as of $today, as integritas/journey.py
-- defines it: steps rank pencanangan = pakta integritas 1, usulan_tpn 2, WBK 3, WBBM 4; a step is reached when
-- confirmed, inferred or disputed (scheduled and pending are not yet). Stage: the highest rank reached, first
-- reached on `since`. Stalled: the last step reached is a pencanangan, pakta or usulan, no step of a higher rank
-- exists in any status, and it is older than $stalled_after years (rounded to 0.1 year, as journey.py rounds).
-- Ties on a date are broken by rank, then by event id, the order journey.py reads them in.
WITH agency AS (
    SELECT a.id AS agency_id, a.nama, a.singkatan, a.jenis, coalesce(a.induk, '') AS induk, a.region_kode,
           r.nama AS region_nama
    FROM agencies AS a JOIN regions AS r ON r.kode = a.region_kode
    WHERE $agency_id IS NULL OR a.id = $agency_id
),

events AS (
    SELECT agency_id, id AS event_id, event, date, date_precision,
           CASE event
               WHEN 'pencanangan' THEN 1 WHEN 'pakta_integritas' THEN 1 WHEN 'usulan_tpn' THEN 2
               WHEN 'wbk' THEN 3 WHEN 'wbbm' THEN 4
           END AS rank,
           status IN ('confirmed', 'inferred', 'disputed') AS reached
    FROM zi_events
    WHERE $agency_id IS NULL OR agency_id = $agency_id
),

ranked AS (
    -- `other` and `target` events have no rank: they count as ZI data, never as a step
    SELECT *, max(rank) FILTER (WHERE reached) OVER (PARTITION BY agency_id) AS top_rank FROM events
),

steps AS (
    SELECT agency_id,
           max(rank) AS any_rank,
           any_value(top_rank) AS top_rank,
           first(event ORDER BY date, event_id) FILTER (WHERE reached AND rank = top_rank) AS stage,
           min(date) FILTER (WHERE reached AND rank = top_rank) AS since,
           first(date_precision ORDER BY date, event_id) FILTER (WHERE reached AND rank = top_rank) AS since_precision,
           first(event ORDER BY date DESC, rank DESC, event_id DESC) FILTER (WHERE reached AND rank IS NOT NULL) AS last_step,
           first(rank ORDER BY date DESC, rank DESC, event_id DESC) FILTER (WHERE reached AND rank IS NOT NULL) AS last_rank,
           max(date) FILTER (WHERE reached AND rank IS NOT NULL) AS last_date,
           min(date) FILTER (WHERE reached AND rank = 1) AS first_pencanangan,
           min(date) FILTER (WHERE reached AND rank = 2) AS first_usulan,
           min(date) FILTER (WHERE reached AND rank = 3) AS first_wbk,
           min(date) FILTER (WHERE reached AND rank = 4) AS first_wbbm
    FROM ranked
    GROUP BY agency_id
),

final AS (
    SELECT a.agency_id, a.nama, a.singkatan, a.jenis, a.induk, a.region_kode, a.region_nama,
           s.agency_id IS NOT NULL AS has_events,
           s.stage, s.top_rank AS stage_rank, s.since, s.since_precision,
           round(datediff('day', s.since, $today) / 365.25, 1) AS years_in_stage,
           s.last_step, s.last_date,
           round(datediff('day', s.last_date, $today) / 365.25, 1) AS years_since_last,
           coalesce(
               s.last_rank <= 2 AND s.any_rank <= s.last_rank
               AND round(datediff('day', s.last_date, $today) / 365.25, 1) > $stalled_after,
               FALSE
           ) AS stalled,
           s.first_pencanangan, s.first_usulan, s.first_wbk, s.first_wbbm
    FROM agency AS a
    LEFT JOIN steps AS s ON s.agency_id = a.agency_id
)

SELECT * FROM final
