package org.osogateway.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a report file through an XML writer, so every text and attribute is escaped by the writer itself. */
final class ReportFiles {

    /** The content of one report. */
    @FunctionalInterface
    interface Content {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private ReportFiles() {
    }

    static void write(Path file, String option, Content content) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                content.write(w);
                w.flush();
                w.close();
            }
        } catch (IOException | XMLStreamException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot write the report (" + e.getMessage() + ")", e);
        }
    }

    static String seconds(java.time.Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
