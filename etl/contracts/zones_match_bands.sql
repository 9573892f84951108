-- severity: error
-- A scored zone (and category) lies in its year's published band; a disputed row may differ and is reported as a warning elsewhere.
-- id: Zona (dan kategori) yang berskor berada dalam rentang yang dipublikasikan untuk tahunnya; baris yang diperdebatkan boleh berbeda dan dilaporkan sebagai peringatan.
WITH scored AS (
    SELECT 'compliance' AS tbl, region_kode AS unit, year, score, zone, category, method, status FROM compliance
    WHERE score IS NOT NULL
    UNION ALL
    SELECT 'unit_compliance', agency_id, year, score, zone, category, method, status FROM unit_compliance
    WHERE score IS NOT NULL
),
with_bands AS (
    SELECT s.*, b.zone AS band_zone, b.category AS band_category
    FROM scored AS s
    JOIN zone_bands AS b
      ON b.method = s.method AND s.year BETWEEN b.year_from AND b.year_to
     AND s.score BETWEEN b.min_score AND b.max_score
),
banded_years AS (
    SELECT DISTINCT s.tbl, s.unit, s.year
    FROM scored AS s JOIN zone_bands AS b ON b.method = s.method AND s.year BETWEEN b.year_from AND b.year_to
),
final AS (
    SELECT s.tbl, s.unit, s.year, s.score, s.zone, s.category, w.band_zone, w.band_category
    FROM scored AS s
    JOIN banded_years AS y USING (tbl, unit, year)
    LEFT JOIN with_bands AS w USING (tbl, unit, year)
    WHERE s.status <> 'disputed'
      AND (w.band_zone IS NULL OR w.band_zone <> s.zone
           OR (s.category IS NOT NULL AND w.band_category IS NOT NULL AND w.band_category <> s.category))
)
SELECT * FROM final
