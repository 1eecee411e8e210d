package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * The patterns in xsd/ stay cheap: Xerces matches unbounded quantifiers in quadratic time, so none may use one, and
 * the bounded rewrites accept exactly what the originals accepted within their length facets.
 */
class XsdPatternCostTest {
    private static final Pattern XS_PATTERN = Pattern.compile("<xs:pattern value=\"([^\"]*)\"");

    @Test
    void noPatternInTheProjectSchemasHasAnUnboundedQuantifier() throws Exception {
        List<String> patterns;
        try (Stream<Path> files = Files.walk(Path.of("xsd"))) {
            patterns = files.filter(p -> p.toString().endsWith(".xsd")).flatMap(p -> {
                try {
                    Matcher m = XS_PATTERN.matcher(Files.readString(p));
                    return m.results().map(r -> r.group(1)).toList().stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(patterns).isNotEmpty();
        for (String p : patterns) {
            // outside escapes, "*" and "+" are quantifiers (the schemas use neither inside character classes)
            assertThat(p.replaceAll("\\\\.", "")).as(p).doesNotContain("*").doesNotContain("+");
        }
    }

    @Test
    void theBoundedMessageIdPatternAcceptsWhatTheOriginalDid() throws Exception {
        sameVerdicts("[A-Za-z0-9._:\\-]+", "[A-Za-z0-9._:\\-]{1,128}", 128,
                List.of("", "a", "test-1", "urn:uuid:1234", "a b", "a".repeat(128), "a".repeat(129), "é", "a/b"));
    }

    @Test
    void theBoundedNonEmptyStringPatternAcceptsWhatTheOriginalDid() throws Exception {
        sameVerdicts(".*\\S.*", "[ \\t]{0,3999}[^\\s][^\\n\\r]{0,3999}", 4000,
                List.of("", " ", "\t", "a", " a ", "\ta\t", "a\nb", "\n", " \n a", "a\r", "x".repeat(4000),
                        " ".repeat(3999) + "x", "x" + " ".repeat(3999), " ".repeat(4000), "x".repeat(4001), "é ü"));
    }

    private static void sameVerdicts(String original, String bounded, int maxLength, List<String> values) throws Exception {
        Schema before = schema(original, maxLength);
        Schema after = schema(bounded, maxLength);
        for (String v : values) {
            assertThat(valid(after, v)).as("'" + v.replace("\n", "\\n") + "'").isEqualTo(valid(before, v));
        }
    }

    private static Schema schema(String pattern, int maxLength) throws SAXException {
        String xsd = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:element name='e'><xs:simpleType>"
                + "<xs:restriction base='xs:string'><xs:maxLength value='" + maxLength + "'/><xs:pattern value='"
                + pattern + "'/></xs:restriction></xs:simpleType></xs:element></xs:schema>";
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(new StringReader(xsd)));
    }

    private static boolean valid(Schema schema, String value) throws Exception {
        Validator v = schema.newValidator();
        String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace("\r", "&#13;").replace("\n", "&#10;")
                .replace("\t", "&#9;");
        try {
            v.validate(new StreamSource(new StringReader("<e>" + escaped + "</e>")));
            return true;
        } catch (SAXException e) {
            return false;
        }
    }
}
