package org.osogateway.admin.dto;

import java.util.List;
import org.osogateway.registry.RegistryChange;

/** What a registry change did: the entry, each resulting change, and whether a new registry version was stored. */
public record ChangeAnswer(String entity, String key, List<RegistryChange> changes, boolean registryStored) {
}
