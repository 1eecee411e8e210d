-- Scheduling per receiver endpoint (issue 9). Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
-- The routeringskenmerk a job is routed to (NULL on rows accepted before V7): due jobs are taken round-robin
-- over it, and an endpoint's jobs are parked and released together while its circuit is open.
ALTER TABLE dossier_message ADD COLUMN endpoint_key VARCHAR(20);
-- One endpoint's waiting jobs (unpark, per-endpoint look-ups). The round-robin due query finds its rows through
-- ix_dossier_message_due (state, next_attempt_at) of V1 and sorts only those due rows for its window.
CREATE INDEX ix_dossier_message_endpoint_due ON dossier_message (endpoint_key, state, next_attempt_at);

-- Each instance's circuit-breaker state per endpoint, for the operator's view; no pupil data.
CREATE TABLE endpoint_circuit (
    routeringskenmerk VARCHAR(20)  NOT NULL,
    instance_id       VARCHAR(128) NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    probe_at          TIMESTAMP WITH TIME ZONE,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (routeringskenmerk, instance_id)
);
