-- severity: error
-- column: source_id
-- cited_rows is generated from etl/datasets.py: every dataset with a source_id column, so a new one is covered.
WITH facts AS (
    SELECT tbl, row_id, source_id FROM cited_rows
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
