-- How long agencies took, in years, from their first pencanangan (or pakta) to their first WBK ($step = 'wbk'), or
-- from their first WBK to their first WBBM ($step = 'wbbm'), per group ($by: 'tahun' the year the award was first
-- reached, 'jenis', 'induk', 'wilayah'; 'semua' the whole province as one group): how many reached it, how many of
-- those have a start date on or before it (n, the distribution's count), quartiles, extremes and mean. Without an
-- earlier start there is no duration.
WITH spans AS (
    SELECT CASE $step WHEN 'wbk' THEN first_pencanangan ELSE first_wbk END AS start,
           CASE $step WHEN 'wbk' THEN first_wbk ELSE first_wbbm END AS reached,
           jenis, induk, region_kode, region_nama
    FROM journey_model
),

awarded AS (
    SELECT CASE $by
               WHEN 'tahun' THEN year(reached)::VARCHAR WHEN 'jenis' THEN jenis WHEN 'induk' THEN induk
               WHEN 'semua' THEN '' ELSE region_kode
           END AS grp,
           CASE $by
               WHEN 'wilayah' THEN region_nama WHEN 'tahun' THEN year(reached)::VARCHAR WHEN 'jenis' THEN jenis
               WHEN 'semua' THEN '' ELSE induk
           END AS label,
           CASE WHEN start <= reached THEN datediff('day', start, reached) / 365.25 END AS years
    FROM spans WHERE reached IS NOT NULL
),

final AS (
    SELECT grp, any_value(label) AS label, count(*) AS reached, count(years) AS n,
           min(years) AS lo, quantile_cont(years, 0.25) AS q1, median(years) AS median,
           quantile_cont(years, 0.75) AS q3, max(years) AS hi, avg(years) AS mean
    FROM awarded GROUP BY grp
)

SELECT * FROM final ORDER BY CASE WHEN $by = 'tahun' THEN grp END ASC, reached DESC, grp ASC
