package org.osogateway.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/**
 * An official business-rule stylesheet (XSLT 2.0), compiled once with Saxon-HE and shared by all
 * threads; each run gets its own transformer. Its output is a {@code meldingen} document.
 */
public final class BusinessRules {
    private static final Processor SAXON = new Processor(false);

    private final XsltExecutable executable;
    private final String source;

    private BusinessRules(XsltExecutable executable, String source) {
        this.executable = executable;
        this.source = source;
    }

    /** Compiles a stylesheet file; its xsl:include files are resolved relative to it. */
    public static BusinessRules compile(Path stylesheet) {
        try {
            return new BusinessRules(SAXON.newXsltCompiler().compile(new StreamSource(stylesheet.toFile())),
                    stylesheet.toString());
        } catch (SaxonApiException e) {
            throw new IllegalStateException("Cannot compile business rules " + stylesheet + ": " + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    /**
     * Runs the rules on a dossier and returns every melding, in document order. The rules' tree holds
     * attachment content only shortened ({@link AttachmentContentFilter}): a 20 MiB dossier costs a
     * tree of its other data, not 40 MiB of base64 characters.
     */
    public List<Melding> run(byte[] dossier) {
        SAXSource source = SecureXml.saxSource(dossier);
        source.setXMLReader(new AttachmentContentFilter(source.getXMLReader()));
        return run(source);
    }

    /** Runs the rules on the tree built from {@code dossier} as it is (the tests' reference, without the filter). */
    List<Melding> run(Source dossier) {
        XdmDestination out = new XdmDestination();
        try {
            executable.load30().transform(dossier, out);
        } catch (SaxonApiException e) {
            throw failed(e);
        }
        return meldingen(out);
    }

    /** Runs the rules on a tree already built (by the intake, from the stream the dossier was read from). */
    public List<Melding> run(XdmNode dossier) {
        XdmDestination out = new XdmDestination();
        try {
            XsltTransformer transformer = executable.load();
            transformer.setInitialContextNode(dossier);
            transformer.setDestination(out);
            transformer.transform();
        } catch (SaxonApiException e) {
            throw failed(e);
        }
        return meldingen(out);
    }

    /** A builder of the rules' input tree, fed SAX events; its document node is what {@link #run(XdmNode)} takes. */
    static BuildingContentHandler newTreeBuilder() {
        try {
            return SAXON.newDocumentBuilder().newBuildingContentHandler();
        } catch (SaxonApiException e) {
            throw new IllegalStateException("Saxon cannot make a tree builder", e);
        }
    }

    private static GatewayException failed(SaxonApiException e) {
        return new GatewayException(GatewayErrorCode.TEMPORARILY_UNAVAILABLE,
                "The business rules could not be run on the dossier", e);
    }

    private static List<Melding> meldingen(XdmDestination out) {
        List<Melding> meldingen = new ArrayList<>();
        collect(out.getXdmNode(), meldingen);
        return meldingen;
    }

    // The stylesheets differ in their root element; every melding element, wherever it is, counts.
    private static void collect(XdmNode node, List<Melding> into) {
        for (XdmNode child : node.children()) {
            if (child.getNodeKind() != XdmNodeKind.ELEMENT) {
                continue;
            }
            if ("melding".equals(child.getNodeName().getLocalName())) {
                into.add(new Melding(text(child, "type"), text(child, "locatie"), text(child, "tekst")));
            } else {
                collect(child, into);
            }
        }
    }

    private static String text(XdmNode parent, String localName) {
        for (XdmNode child : parent.children()) {
            if (child.getNodeKind() == XdmNodeKind.ELEMENT && localName.equals(child.getNodeName().getLocalName())) {
                return child.getStringValue().trim();
            }
        }
        return "";
    }
}
