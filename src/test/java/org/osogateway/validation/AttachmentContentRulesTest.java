package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The business rules' tree holds attachment content ({@code bestandsinhoud}) only as a short placeholder
 * of the same emptiness, and the official rules give the same meldingen as on the full content.
 */
class AttachmentContentRulesTest {
    private static final String NS = "urn:test:rules:v1";
    private static final Pattern CONTENT = Pattern.compile("(<bestandsinhoud>)([^<]*)(</bestandsinhoud>)");

    @Test
    void theRulesTreeHoldsAShortPlaceholderOfTheContentWithItsEmptiness(@TempDir Path dir) throws Exception {
        // a stylesheet that reports what the tree holds of each bestandsinhoud: length, blankness, value
        Path xsl = dir.resolve("ValideerOverstapprofielen.xsl");
        Files.writeString(xsl, """
                <xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:od="urn:test:rules:v1">
                  <xsl:template match="/">
                    <meldingen>
                      <xsl:for-each select="//od:bestandsinhoud">
                        <melding><type>Info</type><locatie><xsl:value-of select="string-length(.)"/></locatie>
                          <tekst><xsl:value-of select="concat(normalize-space(.) != '', '|', .)"/></tekst></melding>
                      </xsl:for-each>
                      <xsl:for-each select="//od:omschrijving">
                        <melding><type>Info</type><locatie><xsl:value-of select="string-length(.)"/></locatie>
                          <tekst>omschrijving</tekst></melding>
                      </xsl:for-each>
                    </meldingen>
                  </xsl:template>
                </xsl:stylesheet>""");
        BusinessRules rules = BusinessRules.compile(xsl);
        String base64 = Base64.getEncoder().encodeToString(random(3 << 20)); // 4 MiB of base64
        String blank = " \n\t".repeat(1000);
        String longOther = "x".repeat(100_000);

        List<Melding> got = rules.run(dossier(base64, "", blank, blank + "QUJD" + blank, "QUJD", longOther));

        assertThat(got).extracting(Melding::locatie).containsExactly("64", "0", "64", "65", "4", "100000");
        assertThat(got).extracting(Melding::tekst).containsExactly("true|" + base64.substring(0, 64), "false|",
                "false|", "true|" + blank.substring(0, 64) + "Q", "true|QUJD", "omschrijving");
        // the reference without the filter does see the whole content
        assertThat(rules.run(new StreamSource(new ByteArrayInputStream(dossier(base64, "", blank, "", "", "")))))
                .first().extracting(Melding::locatie).isEqualTo(Integer.toString(base64.length()));
    }

    @Test
    void officialRulesGiveTheSameMeldingenWithAndWithoutTheAttachmentContent() throws Exception {
        Path official = TestFiles.officialDir();
        SchemaCatalog catalog = SchemaCatalog.load(List.of(official.resolve("2019.1"), official.resolve("2017.1")), false);
        String big = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(random(192 * 1024));
        // one example per version and profile, each under the stylesheet of its overdrachtsoort
        Map<String, String> examples = Map.of(
                "2019.1/OV/examples/Voorbeelddossier_OV_POVO_full.xml", "overstapdossier",
                "2019.1/PaO/examples/Voorbeelddossier_PaO_POSWV_full.xml", "swv-dossier",
                "2017.1/OV/examples/Voorbeelddossier_2017.1_OV_VOVO_full.xml", "overstapdossier",
                "2017.1/PaO/examples/Voorbeelddossier_2017.1_PaO_VOSWV_full.xml", "swv-dossier");
        for (Map.Entry<String, String> example : examples.entrySet()) {
            String xml = Files.readString(official.resolve(example.getKey()));
            assertThat(CONTENT.matcher(xml).find()).as(example.getKey() + " has a bestandsinhoud").isTrue();
            String ns = xml.contains(TestFiles.NS_2019) ? TestFiles.NS_2019 : TestFiles.NS_2017;
            BusinessRules rules = catalog.find(ns).orElseThrow().rules().get(example.getValue());
            List<Melding> asShipped = rules.run(new StreamSource(new ByteArrayInputStream(bytes(xml))));
            for (String content : List.of(big, " \n ".repeat(50) + big, " \n ".repeat(50), "")) {
                byte[] changed = bytes(replaceContent(xml, content));
                List<Melding> reference = rules.run(new StreamSource(new ByteArrayInputStream(changed)));
                assertThat(rules.run(changed)).as(example.getKey() + " with " + content.length()
                        + " characters of content").isEqualTo(reference);
                if (!content.isBlank()) {
                    assertThat(reference).as("non-blank content of another length changes no melding").isEqualTo(asShipped);
                }
            }
        }
    }

    private static byte[] dossier(String... contents) {
        StringBuilder sb = new StringBuilder("<dossier xmlns=\"urn:test:rules:v1\">");
        for (int i = 0; i < contents.length - 1; i++) {
            sb.append("<document><bestandsinhoud>").append(contents[i]).append("</bestandsinhoud></document>");
        }
        // an element of another name keeps its text whatever its length
        sb.append("<document><omschrijving>").append(contents[contents.length - 1]).append("</omschrijving></document>");
        return bytes(sb.append("</dossier>").toString());
    }

    private static String replaceContent(String xml, String content) {
        Matcher m = CONTENT.matcher(xml);
        return m.replaceAll(Matcher.quoteReplacement("<bestandsinhoud>" + content + "</bestandsinhoud>"));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
