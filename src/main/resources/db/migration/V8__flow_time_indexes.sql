-- The status page's per-minute chart (accepted and delivered over the last hours) reads only the rows of its window
-- through these, instead of the whole table at every refresh. Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE INDEX ix_dossier_message_accepted_at ON dossier_message (accepted_at);
CREATE INDEX ix_dossier_message_delivered_at ON dossier_message (delivered_at);
