-- severity: warning
-- Sources whose URL was not recorded by the research (shown as a gap on the pages).
WITH final AS (SELECT id, publisher, title, note FROM sources WHERE url IS NULL)
SELECT * FROM final
