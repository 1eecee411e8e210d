package org.osogateway.cli;

/** Entry point of the gateway's command line. */
public final class GatewayCli {
    public static void main(String[] args) {
        System.out.println("oso-gateway");
    }
}
