-- Predecessors and successors of an agency ($id), with the other agency's name and the source.
WITH links AS (
    SELECT 'predecessor' AS role, l.predecessor_id AS other_id, l.* FROM agency_lineage AS l WHERE l.successor_id = $id
    UNION ALL
    SELECT 'successor', l.successor_id, l.* FROM agency_lineage AS l WHERE l.predecessor_id = $id
),

final AS (
    SELECT k.role, k.other_id, a.nama AS other_nama, k.date, k.date_precision, k.status, k.note, k.source_id,
           s.url, s.publisher
    FROM links AS k JOIN agencies AS a ON a.id = k.other_id JOIN sources AS s ON s.id = k.source_id
)

SELECT * FROM final ORDER BY role, other_nama
