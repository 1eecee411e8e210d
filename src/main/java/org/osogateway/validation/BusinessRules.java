package org.osogateway.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XsltExecutable;
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
            throw new GatewayException(GatewayErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The business rules could not be run on the dossier", e);
        }
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
