-- Province-wide counts from the journey model: agencies, agencies with ZI data, each current stage, stalled.
WITH final AS (
    SELECT count(*) AS agencies,
           count(*) FILTER (WHERE has_events) AS with_events,
           count(*) FILTER (WHERE has_events AND stage_rank IS NULL) AS no_stage,
           count(*) FILTER (WHERE stage_rank = 1) AS pencanangan,
           count(*) FILTER (WHERE stage_rank = 2) AS usulan_tpn,
           count(*) FILTER (WHERE stage_rank = 3) AS wbk,
           count(*) FILTER (WHERE stage_rank = 4) AS wbbm,
           count(*) FILTER (WHERE stalled) AS stalled
    FROM journey_model
)

SELECT * FROM final
