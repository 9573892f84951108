-- severity: error
-- column: zone
WITH scored AS (
    SELECT 'compliance' AS tbl, region_kode AS unit, year, score, zone, category, method, status FROM compliance
    WHERE score IS NOT NULL
    UNION ALL
    SELECT 'unit_compliance', agency_id, year, score, zone, category, method, status FROM unit_compliance
    WHERE score IS NOT NULL
),

year_bands AS (
    SELECT s.tbl, s.unit, s.year, s.score, b.zone, b.category, b.min_score, b.max_score
    FROM scored AS s JOIN zone_bands AS b ON b.method = s.method AND s.year BETWEEN b.year_from AND b.year_to
),

banded_years AS (
    SELECT DISTINCT tbl, unit, year FROM year_bands
),

with_bands AS (
    SELECT tbl, unit, year, zone AS band_zone, category AS band_category
    FROM year_bands WHERE score BETWEEN min_score AND max_score
),

-- The band the row claims (its zone, or its category) was published for its year. Where it was not (2022: only
-- A-C were published, so a D score has no band to be checked against), a score outside every band is not a breach.
claimed_published AS (
    SELECT DISTINCT y.tbl, y.unit, y.year, TRUE AS claimed
    FROM year_bands AS y JOIN scored AS s USING (tbl, unit, year)
    WHERE y.zone = s.zone OR (s.category IS NOT NULL AND y.category = s.category)
),

final AS (
    SELECT s.tbl, s.unit, s.year, s.score, s.zone, s.category, w.band_zone, w.band_category
    FROM scored AS s
    JOIN banded_years USING (tbl, unit, year)
    LEFT JOIN with_bands AS w USING (tbl, unit, year)
    LEFT JOIN claimed_published AS p USING (tbl, unit, year)
    WHERE s.status <> 'disputed'
      AND ((w.band_zone IS NULL AND coalesce(p.claimed, FALSE))
           OR w.band_zone <> s.zone
           OR (s.category IS NOT NULL AND w.band_category IS NOT NULL AND w.band_category <> s.category))
)

SELECT * FROM final
