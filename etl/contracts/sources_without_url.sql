-- severity: warning
-- Sources whose URL was not recorded by the research (shown as a gap on the pages).
-- id: Sumber yang URL-nya tidak tercatat oleh riset (ditampilkan sebagai celah di halaman).
WITH final AS (SELECT id, publisher, title, note FROM sources WHERE url IS NULL)
SELECT * FROM final
