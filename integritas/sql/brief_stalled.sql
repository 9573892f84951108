-- The stalled agencies of the leader's brief: the journey model's stalled rule (the one Perjalanan ZI applies),
-- longest stalled first, in the order of Perjalanan's "macet" sort; each with its last step and that step's source.
-- The first $shown rows, and every stalled agency counted in `total_rows`.
WITH stalled AS (
    SELECT * FROM journey_model WHERE stalled
),

last_step AS (
    -- the event that is the last step reached (its date and kind), earliest id first when two share both
    SELECT e.agency_id, first(e.source_id ORDER BY e.id) AS source_id,
           first(e.date_precision ORDER BY e.id) AS last_precision
    FROM zi_events AS e
    JOIN stalled AS m ON m.agency_id = e.agency_id AND e.event = m.last_step AND e.date = m.last_date
    WHERE e.status IN ('confirmed', 'inferred', 'disputed')
    GROUP BY e.agency_id
),

final AS (
    SELECT m.agency_id, m.nama, m.singkatan, m.region_nama, m.stage, m.since, m.since_precision, m.years_in_stage,
           m.last_step, m.last_date, l.last_precision, m.years_since_last, l.source_id, s.url, s.publisher,
           count(*) OVER () AS total_rows
    FROM stalled AS m
    LEFT JOIN last_step AS l ON l.agency_id = m.agency_id
    LEFT JOIN sources AS s ON s.id = l.source_id
)

SELECT * FROM final
ORDER BY years_since_last DESC NULLS LAST, nama ASC, agency_id ASC
LIMIT $shown
