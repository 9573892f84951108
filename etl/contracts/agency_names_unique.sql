-- severity: error
-- column: nama
-- Two agencies never share a name or an alias (compared as etl.validate.name_key does: lower case, words only,
-- "kab" read as "kabupaten"), so that a name in a file or a search points at exactly one agency.
WITH names AS (
    SELECT id AS agency_id, nama AS name FROM agencies
    UNION
    SELECT agency_id, alias AS name FROM agency_aliases
),

keyed AS (
    SELECT
        agency_id,
        name,
        regexp_replace(trim(regexp_replace(lower(name), '[^[:alnum:]]+', ' ', 'g')), '\bkab\b', 'kabupaten', 'g')
            AS name_key
    FROM names
),

final AS (
    SELECT name_key, string_agg(DISTINCT agency_id, ', ' ORDER BY agency_id) AS agencies
    FROM keyed
    GROUP BY name_key
    HAVING count(DISTINCT agency_id) > 1
)

SELECT * FROM final
