-- The five source ids closest to $q (a mistyped ?sumber= link), most similar first.
WITH scored AS (
    SELECT id, publisher, jaro_winkler_similarity(lower(id), lower($q)) AS similarity
    FROM sources
)

SELECT id, publisher FROM scored ORDER BY similarity DESC, id ASC LIMIT 5
