-- One page of lanes: the agencies the filters keep (as journey_lane_count.sql), in the order $sort asks for
-- ('lama' longest in the current stage, 'macet' stalled first and longest stalled, 'terbaru' latest step reached,
-- 'nama' by name), then by name and id so that pages never overlap; $page_size rows from $page_start.
WITH kept AS (
    SELECT * FROM journey_model
    WHERE ($jenis = '' OR jenis = $jenis) AND ($induk = '' OR induk = $induk) AND ($wilayah = '' OR region_kode = $wilayah)
          AND ($tahap = 0 OR stage_rank = $tahap) AND ($semua OR has_events)
),

final AS (
    SELECT *,
           -- the sort keys of $sort, NULL under the other orders
           CASE WHEN $sort = 'macet' THEN stalled END AS key_stalled,
           CASE WHEN $sort = 'macet' THEN years_since_last END AS key_stalled_years,
           CASE WHEN $sort = 'lama' THEN years_in_stage END AS key_years,
           CASE WHEN $sort = 'terbaru' THEN last_date END AS key_latest
    FROM kept
)

SELECT * FROM final
ORDER BY key_stalled DESC NULLS LAST, key_stalled_years DESC NULLS LAST, key_years DESC NULLS LAST,
         key_latest DESC NULLS LAST, nama ASC, agency_id ASC
LIMIT $page_size OFFSET $page_start
