package org.osogateway.intake;

/**
 * What the dossier itself says about the transfer, for comparison with the envelope: its
 * {@code overdrachtsoort} and its current school ({@code huidigeschool/brincode}, {@code vestigingscode}).
 * Any part the dossier lacks is null. Picked up by element names within the dossier's own namespace,
 * which the official versions and the demo schema share (see {@link DeliverRequestParser}).
 */
public record DossierFacts(String overdrachtsoort, String brincode, String vestigingscode) {
}
