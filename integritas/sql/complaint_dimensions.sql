-- The breakdowns the NTT complaint figures have: each dimension with each measure it is given in.
WITH final AS (
    SELECT DISTINCT dimension, metric FROM complaints WHERE scope = 'ntt'
)

SELECT * FROM final ORDER BY dimension, metric
