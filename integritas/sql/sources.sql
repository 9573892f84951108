-- Every cited passage, for the sources list.
WITH final AS (
    SELECT id, publisher, title, published_on, url, quote, refs, note FROM sources
)

SELECT * FROM final ORDER BY id
