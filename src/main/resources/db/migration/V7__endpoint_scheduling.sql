-- Scheduling per receiver endpoint (issue 9). Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
-- The routeringskenmerk a job is routed to (NULL on rows accepted before V7): due jobs are taken round-robin
-- over it, and an endpoint's jobs are parked and released together while its circuit is open.
ALTER TABLE dossier_message ADD COLUMN endpoint_key VARCHAR(20);
-- serves the due query per endpoint (partitioned by endpoint_key, ordered by next_attempt_at) and unpark
CREATE INDEX ix_dossier_message_endpoint_due ON dossier_message (endpoint_key, state, next_attempt_at, id);

-- Each instance's circuit-breaker state per endpoint, for the operator's view; no pupil data.
CREATE TABLE endpoint_circuit (
    routeringskenmerk VARCHAR(20)  NOT NULL,
    instance_id       VARCHAR(128) NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    probe_at          TIMESTAMP WITH TIME ZONE,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (routeringskenmerk, instance_id)
);
