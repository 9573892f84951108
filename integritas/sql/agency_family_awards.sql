-- Awards held by an agency's predecessors or successors ($id): shown on its page, never counted again.
WITH family AS (
    SELECT predecessor_id AS other_id FROM agency_lineage WHERE successor_id = $id
    UNION
    SELECT successor_id FROM agency_lineage WHERE predecessor_id = $id
),

final AS (
    SELECT e.agency_id, a.nama, e.event, e.date, e.date_precision, e.status, e.note, e.source_id, s.url, s.publisher
    FROM zi_events AS e JOIN family AS f ON f.other_id = e.agency_id
    JOIN agencies AS a ON a.id = e.agency_id JOIN sources AS s ON s.id = e.source_id
    WHERE e.event IN ('wbk', 'wbbm')
)

SELECT * FROM final ORDER BY date
