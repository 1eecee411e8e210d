package org.osogateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a call may go without TLS: https anywhere, plain http only to loopback names and only when allowed. */
class PlainHttpRuleTest {
    private final PlainHttpRule development = new PlainHttpRule(true);
    private final PlainHttpRule production = new PlainHttpRule(false);

    @Test
    void httpsIsAlwaysPermitted() {
        assertThat(production.permits("https://las.example.nl/oso")).isTrue();
        assertThat(production.permits("HTTPS://127.0.0.1:8443/oso")).isTrue();
    }

    @Test
    void plainHttpGoesOnlyToLoopbackNamesInDevelopment() {
        assertThat(development.permits("http://localhost:8089/las/oso/v1")).isTrue();
        assertThat(development.permits("http://127.0.0.1:8089/las/oso/v1")).isTrue();
        assertThat(development.permits("http://[::1]:8089/las/oso/v1")).isTrue();
        assertThat(development.permits("HTTP://LocalHost:8089/")).isTrue();
        assertThat(development.permits("http://las.example.nl/oso")).isFalse();
        assertThat(development.permits("http://127.0.0.2:8089/")).isFalse();
        assertThat(development.permits("http://localhost.example.nl/")).isFalse();
        assertThat(production.permits("http://localhost:8089/las/oso/v1")).isFalse();
    }

    @Test
    void otherSchemesAndUnreadableUrlsAreNotPermitted() {
        assertThat(development.permits("ftp://localhost/x")).isFalse();
        assertThat(development.permits("localhost:8089")).isFalse();
        assertThat(development.permits("http://local host/")).isFalse();
    }
}
