package org.osogateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Verifies the SVG chart for known counts: one point per minute on each line, the scale, UTC time labels, valid XML. */
class FlowChartTest {
    static final Instant START = Instant.parse("2025-03-03T09:58:00Z");

    private static List<MinuteCount> minutes(Instant first, long[][] acceptedDelivered) {
        List<MinuteCount> out = new ArrayList<>();
        for (int i = 0; i < acceptedDelivered.length; i++) {
            out.add(new MinuteCount(first.plus(Duration.ofMinutes(i)), acceptedDelivered[i][0], acceptedDelivered[i][1]));
        }
        return out;
    }

    /** Parses the SVG as XML: anything unescaped in it fails here. */
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> points(Document svg, String line) {
        NodeList lines = svg.getElementsByTagNameNS("*", "polyline");
        for (int i = 0; i < lines.getLength(); i++) {
            Element e = (Element) lines.item(i);
            if (line.equals(e.getAttribute("class"))) {
                return e.getAttribute("points").isEmpty() ? List.of() : Arrays.asList(e.getAttribute("points").split(" "));
            }
        }
        throw new AssertionError("no polyline " + line);
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void eachLineHasAPointPerMinuteOnAScaleUpToTheNiceCeilingOfTheMaximum() throws Exception {
        Document svg = parse(FlowChart.svg(minutes(START, new long[][] {{0, 0}, {4, 1}, {2, 2}, {0, 5}})));

        // x from the left margin (48) to the right one (748); y 192 is 0 and 12 the top of the scale (5)
        assertThat(points(svg, "accepted")).containsExactly("48.0,192.0", "281.3,48.0", "514.7,120.0", "748.0,192.0");
        assertThat(points(svg, "delivered")).containsExactly("48.0,192.0", "281.3,156.0", "514.7,120.0", "748.0,12.0");
        assertThat(texts(svg)).as("scale 0, half, top; one time label on a short chart")
                .containsExactly("0", "2", "5", "10:00");
        assertThat(svg.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("Accepted and delivered per minute, last 4 minutes (UTC)");
    }

    @Test
    void aLongChartIsLabelledEveryHalfHourInUtcWhateverTheJvmZone() throws Exception {
        TimeZone jvm = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
        try {
            long[][] counts = new long[180][2];
            Document svg = parse(FlowChart.svg(minutes(Instant.parse("2025-03-03T07:16:00Z"), counts)));

            assertThat(points(svg, "accepted")).hasSize(180).allMatch(p -> p.endsWith(",192.0"));
            assertThat(points(svg, "delivered")).hasSize(180);
            assertThat(texts(svg)).containsExactly("0", "0", "1", "07:30", "08:00", "08:30", "09:00", "09:30", "10:00");
        } finally {
            TimeZone.setDefault(jvm);
        }
    }

    @Test
    void noMinutesRenderAnEmptyFrame() throws Exception {
        Document svg = parse(FlowChart.svg(List.of()));

        assertThat(points(svg, "accepted")).isEmpty();
        assertThat(points(svg, "delivered")).isEmpty();
        assertThat(texts(svg)).containsExactly("0", "0", "1");
    }
}
