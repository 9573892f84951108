-- The province and its 22 kabupaten/kota.
WITH final AS (SELECT kode, kode_bps, nama, jenis, ibukota FROM regions)

SELECT * FROM final ORDER BY kode
