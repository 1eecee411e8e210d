package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.support.OfficialFiles;

/** validateWithRules (one parse for XSD and rules) judges exactly as validate followed by checkRules. */
class SinglePassValidationTest {
    static final String NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    @Test
    void agreesWithTheTwoStepCheckOnValidBrokenAndInvalidDossiers() throws Exception {
        Path dir = OfficialFiles.require();
        SchemaCatalog catalog = SchemaCatalog.load(List.of(dir.resolve("2019.1")), false);
        String povo = Files.readString(dir.resolve("2019.1/OV/examples/Voorbeelddossier_OV_POVO_full.xml"));
        byte[] valid = canonical(povo);
        assertThat(catalog.validateWithRules(NS, "overstapdossier", valid)).isEqualTo(catalog.checkRules(NS, "overstapdossier", valid));

        byte[] ruleBroken = canonical(povo.replace("<overstap>POVO</overstap>", "<overstap>XYZ</overstap>"));
        GatewayException two = catchThrowableOfType(GatewayException.class, () -> catalog.checkRules(NS, "overstapdossier", ruleBroken));
        GatewayException one = catchThrowableOfType(GatewayException.class, () -> catalog.validateWithRules(NS, "overstapdossier", ruleBroken));
        assertThat(one.code()).isEqualTo(GatewayErrorCode.BUSINESS_RULE_VIOLATION);
        assertThat(one.violations()).isEqualTo(two.violations());

        byte[] xsdBroken = canonical(povo.replace("<datum>2016-01-02</datum>", "<datum>gisteren</datum>"));
        GatewayException xsdTwo = catchThrowableOfType(GatewayException.class, () -> catalog.validate(NS, xsdBroken));
        GatewayException xsdOne = catchThrowableOfType(GatewayException.class, () -> catalog.validateWithRules(NS, "overstapdossier", xsdBroken));
        assertThat(xsdOne.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(xsdOne.violations()).isEqualTo(xsdTwo.violations());
        assertThat(xsdOne.violations().get(0).line()).isPositive();
    }

    private static byte[] canonical(String xml) {
        return new DossierCanonicalizer().canonicalize(xml.getBytes(StandardCharsets.UTF_8)).bytes();
    }
}
