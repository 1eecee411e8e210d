package org.osogateway.conformance;

import java.time.Clock;
import java.util.Objects;
import org.osogateway.registry.LocalRegistrySource;
import org.osogateway.registry.RegistryFileLoader;
import org.osogateway.registry.RoutingRegistry;

/**
 * The registry the sender kit routes by, as the gateway would with that registry file, and the supplier whose
 * client certificate the kit acts as (null: as a caller without one, so sender authorization is skipped).
 *
 * @param rules       the gateway's routing rules over the registry
 * @param source      where the registry came from, for the reports
 * @param supplierOin the OIN the vendor's client certificate carries, or null
 * @param clock       today, for the validity periods
 */
public record SenderRouting(RoutingRegistry rules, String source, String supplierOin, Clock clock) {

    /** The gateway's built-in example registry, its default {@code gateway.registry.file}. */
    public static final String EXAMPLE = RegistryFileLoader.CLASSPATH + "config/registry-example.yaml";

    public SenderRouting {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The registry file at {@code location} (a path or {@code classpath:...}), read and checked as the gateway reads it.
     *
     * @throws org.osogateway.registry.InvalidRegistryException listing the file's errors
     */
    public static SenderRouting fromFile(String location, String supplierOin, Clock clock) {
        RoutingRegistry rules = new LocalRegistrySource(new RegistryFileLoader().read(location)).rules();
        return new SenderRouting(rules, location, supplierOin, clock);
    }

    /** The example registry, for a caller without a certificate. */
    public static SenderRouting example() {
        return fromFile(EXAMPLE, null, Clock.systemUTC());
    }
}
