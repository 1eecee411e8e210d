package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/** Meldingen of a type other than Fout are returned for the record and do not reject; Fout does. */
class NonRejectingMeldingenTest {
    static final String NS = "urn:test:rules:v1";

    @Test
    void warningsAreReturnedAndErrorsReject(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("test.xsd"), """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:rules:v1"
                           elementFormDefault="qualified">
                  <xs:element name="dossier"><xs:complexType><xs:sequence>
                    <xs:element name="waarde" type="xs:string"/>
                  </xs:sequence></xs:complexType></xs:element>
                </xs:schema>""");
        Files.writeString(dir.resolve("ValideerOverstapprofielen.xsl"), """
                <xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:od="urn:test:rules:v1">
                  <xsl:template match="/">
                    <meldingen>
                      <xsl:if test="od:dossier/od:waarde = 'let-op'">
                        <melding><type>Waarschuwing</type><locatie>/dossier[1]/waarde[1]</locatie><tekst>Let op.</tekst></melding>
                      </xsl:if>
                      <xsl:if test="od:dossier/od:waarde = 'fout'">
                        <melding><type>Fout</type><locatie>/dossier[1]/waarde[1]</locatie><tekst>Fout gevonden.</tekst></melding>
                      </xsl:if>
                    </meldingen>
                  </xsl:template>
                </xsl:stylesheet>""");
        SchemaCatalog catalog = SchemaCatalog.load(List.of(dir), false);
        assertThat(catalog.find(NS).orElseThrow().rules()).containsOnlyKeys("overstapdossier", "overdrachtbinnenbrin");

        assertThat(catalog.checkRules(NS, "overstapdossier", dossier("goed"))).isEmpty();
        assertThat(catalog.checkRules(NS, "overstapdossier", dossier("let-op")))
                .containsExactly(new Melding("Waarschuwing", "/dossier[1]/waarde[1]", "Let op."));
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> catalog.checkRules(NS, "overstapdossier", dossier("fout")));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.BUSINESS_RULE_VIOLATION);
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.location()).isEqualTo("/dossier[1]/waarde[1]");
            assertThat(v.message()).isEqualTo("Fout gevonden.");
        });
        // no stylesheet for swv-dossier in this version: XSD only
        assertThat(catalog.checkRules(NS, "swv-dossier", dossier("fout"))).isEmpty();
    }

    private static byte[] dossier(String waarde) {
        return ("<dossier xmlns=\"urn:test:rules:v1\"><waarde>" + waarde + "</waarde></dossier>").getBytes(StandardCharsets.UTF_8);
    }
}
