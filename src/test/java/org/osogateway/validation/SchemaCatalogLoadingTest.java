package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/** Verifies the catalog's loading rules (duplicates, conflicts, includes, remote access, cap) on schemas the test writes. */
class SchemaCatalogLoadingTest {


    @Test
    void twoDifferentSchemasForOneNamespaceAreRefusedNamingBoth(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.xsd"), schema("urn:test:same", "<xs:element name='a' type='xs:string'/>"));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.xsd"), schema("urn:test:same", "<xs:element name='b' type='xs:string'/>"));

        assertThatThrownBy(() -> SchemaCatalog.load(List.of(dir), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("urn:test:same")
                .hasMessageContaining(dir.resolve("a.xsd").toString())
                .hasMessageContaining(dir.resolve("sub/b.xsd").toString());
    }

    @Test
    void identicalCopiesAreOneSchemaPreferringCommon(@TempDir Path dir) throws Exception {
        String xsd = schema("urn:test:copy", "<xs:element name='a' type='xs:string'/>");
        for (String folder : List.of("3000.1/OV", "3000.1/PaO", "3000.1/common")) {
            Files.createDirectories(dir.resolve(folder));
            Files.writeString(dir.resolve(folder).resolve("s.xsd"), xsd);
        }
        SchemaCatalog catalog = SchemaCatalog.load(List.of(dir), false);

        assertThat(catalog.entries()).singleElement().satisfies(e -> {
            assertThat(e.sourcePath()).isEqualTo(dir.resolve("3000.1/common/s.xsd").toAbsolutePath().normalize().toString());
            assertThat(e.version()).isEqualTo("3000.1");
        });
    }

    @Test
    void includedSchemaResolvesRelativeToItsOwnFileAndIsNotAnEntry(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("main/parts"));
        Files.writeString(dir.resolve("main/root.xsd"), schema("urn:test:inc",
                "<xs:include schemaLocation='parts/types.xsd'/><xs:element name='root' type='Code'/>"));
        Files.writeString(dir.resolve("main/parts/types.xsd"), schema("urn:test:inc",
                "<xs:simpleType name='Code'><xs:restriction base='xs:string'><xs:pattern value='[A-Z]{3}'/></xs:restriction></xs:simpleType>"));

        SchemaCatalog catalog = SchemaCatalog.load(List.of(dir), false);

        assertThat(catalog.entries()).singleElement().satisfies(e -> assertThat(e.version()).isEqualTo("root"));
        catalog.validate("urn:test:inc", "<root xmlns='urn:test:inc'>ABC</root>".getBytes(StandardCharsets.UTF_8));
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> catalog.validate("urn:test:inc", "<root xmlns='urn:test:inc'>abc</root>".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
    }

    @Test
    void remoteIncludeIsNotFetched(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("remote.xsd"), schema("urn:test:remote",
                "<xs:include schemaLocation='http://127.0.0.1:1/types.xsd'/><xs:element name='root' type='Code'/>"));
        assertThatThrownBy(() -> SchemaCatalog.load(List.of(dir), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remote.xsd")
                .hasMessageContaining("accessExternalSchema"); // refused by policy, not by a failed connection
    }

    @Test
    void violationsAreCappedAtOneHundred(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("list.xsd"), schema("urn:test:cap",
                "<xs:element name='list'><xs:complexType><xs:sequence>"
                        + "<xs:element name='n' type='xs:int' maxOccurs='unbounded'/></xs:sequence></xs:complexType></xs:element>"));
        SchemaCatalog catalog = SchemaCatalog.load(List.of(dir), false);
        StringBuilder xml = new StringBuilder("<list xmlns='urn:test:cap'>");
        for (int i = 0; i < 150; i++) {
            xml.append("<n>x</n>\n");
        }
        xml.append("</list>");

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> catalog.validate("urn:test:cap", xml.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(e.violations()).hasSize(SchemaCatalog.MAX_VIOLATIONS);
        assertThat(e.getMessage()).contains("more than 100 violations");
    }

    @Test
    void missingDirectoryIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> SchemaCatalog.load(List.of(dir.resolve("absent")), false))
                .hasMessageContaining("absent");
    }

    static String schema(String tns, String body) {
        return "<?xml version='1.0'?>\n<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' xmlns='" + tns
                + "' targetNamespace='" + tns + "' elementFormDefault='qualified'>\n" + body + "\n</xs:schema>\n";
    }

}
