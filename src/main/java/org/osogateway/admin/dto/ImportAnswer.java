package org.osogateway.admin.dto;

import java.util.List;
import org.osogateway.registry.RegistryChange;

/** What a registry import did, or (dry run) would do. */
public record ImportAnswer(boolean dryRun, List<RegistryChange> changes, boolean registryStored) {
}
