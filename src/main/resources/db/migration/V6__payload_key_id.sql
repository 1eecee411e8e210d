-- Payload encryption at rest: the id of the key a payload is encrypted with; NULL for a payload stored as it is.
-- Plain ALTER TABLE, portable between H2 (MODE=PostgreSQL) and PostgreSQL; the content column keeps ${blob_type}.
ALTER TABLE dossier_payload ADD COLUMN key_id VARCHAR(32);
