package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.w3c.dom.Document;

/** Verifies that SecureXml parses namespace-aware and refuses malformed input, DTDs and external entities. */
class SecureXmlTest {

    @Test
    void parsesNamespaceAware() {
        Document doc = SecureXml.parse("<a:x xmlns:a='urn:a'><a:y/></a:x>".getBytes(StandardCharsets.UTF_8));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:a");
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("x");
    }

    @Test
    void notWellFormedGivesMalformedRequestWithPosition() {
        byte[] xml = "<a>\n  <b>\n</a>".getBytes(StandardCharsets.UTF_8);
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> SecureXml.parse(xml));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
        assertThat(e.getMessage()).contains("line 3");
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(3);
            assertThat(v.column()).isPositive();
        });
    }

    @Test
    void internalDtdIsRefused() {
        byte[] xml = "<!DOCTYPE a [<!ENTITY e 'boom'>]><a>&e;</a>".getBytes(StandardCharsets.UTF_8);
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> SecureXml.parse(xml));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
        assertThat(e.getMessage()).startsWith("A DTD (DOCTYPE declaration) is not allowed").doesNotContain("apache.org");
    }

    @Test
    void externalEntityIsRefused() {
        byte[] xml = "<?xml version='1.0'?><!DOCTYPE a [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><a>&xxe;</a>"
                .getBytes(StandardCharsets.UTF_8);
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> SecureXml.parse(xml));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void emptyInputIsMalformed() {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> SecureXml.parse(new byte[0]));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void documentBuilderFactoryIsHardened() throws Exception {
        assertThat(SecureXml.newDocumentBuilderFactory().getFeature(SecureXml.DISALLOW_DOCTYPE)).isTrue();
        assertThat(SecureXml.newDocumentBuilderFactory().isXIncludeAware()).isFalse();
    }
}
