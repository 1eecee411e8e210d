-- The overdrachtsoorten an endpoint takes (comma-separated): school LAS endpoints take transfers,
-- a samenwerkingsverband's endpoint takes swv-dossiers.
ALTER TABLE endpoint ADD COLUMN services VARCHAR(200) NOT NULL DEFAULT 'overdrachtbinnenbrin,overstapdossier';
