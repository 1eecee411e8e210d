-- The supplier OIN from the sender's client certificate (NULL: no client certificate, development on loopback).
-- GetDeliveryStatus answers only the caller with the same OIN.
ALTER TABLE dossier_message ADD COLUMN authenticated_oin VARCHAR(20);
