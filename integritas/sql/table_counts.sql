-- Rows per public table.
WITH final AS (
    SELECT 'sources' AS table_name, count(*) AS n FROM sources
    UNION ALL
    SELECT 'regions', count(*) FROM regions
    UNION ALL
    SELECT 'agencies', count(*) FROM agencies
    UNION ALL
    SELECT 'agency_aliases', count(*) FROM agency_aliases
    UNION ALL
    SELECT 'agency_lineage', count(*) FROM agency_lineage
    UNION ALL
    SELECT 'zi_events', count(*) FROM zi_events
    UNION ALL
    SELECT 'methods', count(*) FROM methods
    UNION ALL
    SELECT 'zone_bands', count(*) FROM zone_bands
    UNION ALL
    SELECT 'compliance', count(*) FROM compliance
    UNION ALL
    SELECT 'compliance_counts', count(*) FROM compliance_counts
    UNION ALL
    SELECT 'unit_compliance', count(*) FROM unit_compliance
    UNION ALL
    SELECT 'complaints', count(*) FROM complaints
    UNION ALL
    SELECT 'loads', count(*) FROM loads
)

SELECT * FROM final
