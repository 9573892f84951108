-- How many agencies the lane filters keep ($jenis, $induk, $wilayah: '' for all; $tahap: a stage rank, 0 for all;
-- $semua: also agencies without ZI data), and how many of them are stalled. journey_lanes.sql filters alike.
WITH kept AS (
    SELECT * FROM journey_model
    WHERE ($jenis = '' OR jenis = $jenis) AND ($induk = '' OR induk = $induk) AND ($wilayah = '' OR region_kode = $wilayah)
          AND ($tahap = 0 OR stage_rank = $tahap) AND ($semua OR has_events)
),

final AS (SELECT count(*) AS total, count(*) FILTER (WHERE stalled) AS stalled FROM kept)

SELECT * FROM final
