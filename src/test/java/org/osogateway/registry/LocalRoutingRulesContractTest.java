package org.osogateway.registry;

/** The shared routing contract over the local snapshot. */
class LocalRoutingRulesContractTest extends RoutingRulesContract {
    private final RoutingRegistry rules = new LocalRegistrySource(data()).rules();

    @Override
    protected RoutingRegistry rules() {
        return rules;
    }
}
