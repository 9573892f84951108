-- Per year, from the first year with a step reached to the year of $today: how many agencies stood at each stage
-- at the end of the year (the highest rank first reached by 31 December), and how many first reached each stage
-- in that year.
WITH firsts AS (
    SELECT year(first_pencanangan) AS y1, year(first_usulan) AS y2, year(first_wbk) AS y3, year(first_wbbm) AS y4
    FROM journey_model WHERE stage_rank IS NOT NULL
),

years AS (
    SELECT unnest(range(min(least(y1, y2, y3, y4)), year($today::DATE) + 1)) AS year FROM firsts
),

at_year AS (
    SELECT y.year, f.*,
           CASE WHEN f.y4 <= y.year THEN 4 WHEN f.y3 <= y.year THEN 3 WHEN f.y2 <= y.year THEN 2 WHEN f.y1 <= y.year THEN 1 END
               AS rank
    FROM years AS y CROSS JOIN firsts AS f
),

final AS (
    SELECT year,
           count(*) FILTER (WHERE rank = 1) AS pencanangan,
           count(*) FILTER (WHERE rank = 2) AS usulan_tpn,
           count(*) FILTER (WHERE rank = 3) AS wbk,
           count(*) FILTER (WHERE rank = 4) AS wbbm,
           count(*) FILTER (WHERE y3 = year) AS new_wbk,
           count(*) FILTER (WHERE y4 = year) AS new_wbbm
    FROM at_year GROUP BY year
)

SELECT * FROM final ORDER BY year
