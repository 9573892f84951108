-- The journey model as it is (see journey_model.sql), one row per agency, ordered by agency id.
WITH final AS (SELECT * FROM journey_model)

SELECT * FROM final ORDER BY agency_id
