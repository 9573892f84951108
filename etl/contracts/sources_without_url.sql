-- severity: warning
WITH final AS (SELECT id, publisher, title, note FROM sources WHERE url IS NULL)

SELECT * FROM final
