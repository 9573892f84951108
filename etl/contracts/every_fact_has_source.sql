-- severity: error
WITH facts AS (
    SELECT 'zi_events' AS tbl, id AS row_id, source_id FROM zi_events
    UNION ALL
    SELECT 'compliance', region_kode || '/' || year, source_id FROM compliance
    UNION ALL
    SELECT 'compliance_counts', year || '/' || zone, source_id FROM compliance_counts
    UNION ALL
    SELECT 'unit_compliance', agency_id || '/' || year, source_id FROM unit_compliance
    UNION ALL
    SELECT 'complaints', id, source_id FROM complaints
    UNION ALL
    SELECT 'agency_lineage', predecessor_id || '>' || successor_id, source_id FROM agency_lineage
    UNION ALL
    SELECT 'methods', id, source_id FROM methods
    UNION ALL
    SELECT 'zone_bands', method || '/' || year_from || '/' || zone, source_id FROM zone_bands
),

final AS (
    SELECT f.tbl, f.row_id, f.source_id,
           CASE WHEN s.id IS NULL THEN 'source missing'
                WHEN s.quote IS NULL THEN 'source has no quote'
                ELSE 'source has neither URL nor a note why' END AS problem
    FROM facts AS f
    LEFT JOIN sources AS s ON s.id = f.source_id
    WHERE s.id IS NULL OR s.quote IS NULL OR (s.url IS NULL AND s.note IS NULL)
)

SELECT * FROM final
