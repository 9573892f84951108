-- severity: error
-- a load of facts may also add the sources its file described inline
WITH final AS (
    SELECT c.load_id, c.dataset, count(*) AS images
    FROM load_changes AS c
    LEFT JOIN loads AS l ON l.id = c.load_id AND (l.dataset = c.dataset OR c.dataset = 'sources')
    WHERE l.id IS NULL
    GROUP BY c.load_id, c.dataset
)

SELECT * FROM final
