package org.osogateway.intake;

import org.osogateway.registry.ResolvedEndpoint;

/** A submission whose sender passed the registry checks and whose receiver endpoint is known. */
public record RoutedSubmission(DossierSubmission submission, ResolvedEndpoint endpoint) {
}
