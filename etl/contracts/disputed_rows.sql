-- severity: warning
WITH flagged AS (
    SELECT 'zi_events' AS tbl, id AS row_id, status FROM zi_events WHERE status IN ('disputed', 'inferred')
    UNION ALL
    SELECT 'compliance', region_kode || '/' || year, status FROM compliance WHERE status IN ('disputed', 'inferred')
    UNION ALL
    SELECT 'unit_compliance', agency_id || '/' || year, status FROM unit_compliance WHERE status IN ('disputed', 'inferred')
    UNION ALL
    SELECT 'complaints', id, status FROM complaints WHERE status IN ('disputed', 'inferred')
),

final AS (SELECT * FROM flagged)

SELECT * FROM final
