package org.osogateway.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.osogateway.fault.GatewayException;
import org.osogateway.validation.SecureXml;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;

/**
 * The dossier file {@code send} reads: its root element, and where that element's content starts, so a line the
 * gateway names in the request it built can be told as a line of this file.
 */
final class DossierFile {
    private final Path path;
    private final Element root;
    /** The line of the file on which the root start tag ends; the request has it on its first line. */
    private final int rootTagEndLine;

    private DossierFile(Path path, Element root, int rootTagEndLine) {
        this.path = path;
        this.root = root;
        this.rootTagEndLine = rootTagEndLine;
    }

    /** Reads and parses the file; a missing, unreadable or malformed file is a {@link CommandFailure} naming it. */
    static DossierFile read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("DOSSIER " + path + ": no such file", e);
        } catch (IOException e) {
            throw new CommandFailure("DOSSIER " + path + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        try {
            Element root = SecureXml.parse(bytes).getDocumentElement();
            return new DossierFile(path, root, rootTagEndLine(bytes));
        } catch (GatewayException e) {
            if (e.getCause() instanceof SAXParseException p) {
                throw new CommandFailure(path + ":" + p.getLineNumber() + ":" + p.getColumnNumber() + ": "
                        + p.getMessage(), e);
            }
            throw new CommandFailure(path + ": " + e.getMessage(), e);
        }
    }

    Element root() {
        return root;
    }

    /**
     * "file:line:column: " for a line and column of the request, or "" when the line is not in the dossier. The
     * request is written on one line up to the end of the dossier's root start tag and keeps the dossier's line
     * breaks after it; a start tag spread over lines inside the dossier shifts the lines after it.
     */
    String position(Integer requestLine, Integer requestColumn) {
        if (requestLine == null || requestLine < 2) {
            return "";
        }
        return path + ":" + (requestLine - 1 + rootTagEndLine) + ":" + requestColumn + ": ";
    }

    private static int rootTagEndLine(byte[] bytes) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            while (!reader.isStartElement()) {
                reader.next();
            }
            reader.next(); // the location after the start tag is where it ends
            return reader.getLocation().getLineNumber();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the file parsed once, so it parses again", e);
        }
    }
}
