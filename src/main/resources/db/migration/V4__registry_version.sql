-- One row: bumped by every change of the registry, so that each instance sees when to reload it.
CREATE TABLE registry_state (
    id         INTEGER PRIMARY KEY,
    version    BIGINT  NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO registry_state (id, version, changed_at) VALUES (1, 0, NULL);
