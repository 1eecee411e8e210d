package org.osogateway.store;

/** Lifecycle of a dossier's delivery job; FAILED is the dead letter. */
public enum DeliveryState {
    ACCEPTED, DELIVERING, RETRY_WAIT, DELIVERED, FAILED
}
