package org.osogateway.validation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One run-time edit of an official example dossier, for the business-rule mutation tests. Each edit
 * must hit exactly one place, so a change in the examples fails loudly instead of testing nothing.
 * XPaths use the prefix {@code od} for the dossier's own namespace (2019 or 2017).
 */
@FunctionalInterface
interface DossierMutation {

    byte[] apply(byte[] dossier);

    /** Replaces the text of the single element at {@code xpath}. */
    static DossierMutation setText(String xpath, String value) {
        return named("set " + xpath + " to '" + value + "'", dossier -> editDom(dossier, xpath, node -> node.setTextContent(value)));
    }

    /** Removes the single element at {@code xpath} (with everything in it). */
    static DossierMutation remove(String xpath) {
        return named("remove " + xpath, dossier -> editDom(dossier, xpath, node -> node.getParentNode().removeChild(node)));
    }

    /** Turns the comment {@code <!--markup-->} into live markup (the examples comment out some fields). */
    static DossierMutation uncomment(String markup) {
        return named("uncomment " + markup, dossier -> {
            String xml = new String(dossier, StandardCharsets.UTF_8);
            String comment = "<!--" + markup + "-->";
            Matcher m = Pattern.compile(Pattern.quote(comment)).matcher(xml);
            int hits = 0;
            while (m.find()) {
                hits++;
            }
            if (hits != 1) {
                throw new IllegalStateException("expected exactly one '" + comment + "' in the example, found " + hits);
            }
            return xml.replace(comment, markup).getBytes(StandardCharsets.UTF_8);
        });
    }

    /** Gives a mutation a readable name for test reports. */
    static DossierMutation named(String description, DossierMutation mutation) {
        return new DossierMutation() {
            @Override
            public byte[] apply(byte[] dossier) {
                return mutation.apply(dossier);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    private static byte[] editDom(byte[] dossier, String xpath, Consumer<Node> edit) {
        try {
            Document doc = SecureXml.parse(dossier);
            String ns = doc.getDocumentElement().getNamespaceURI();
            XPath xp = XPathFactory.newDefaultInstance().newXPath();
            xp.setNamespaceContext(new NamespaceContext() {
                @Override
                public String getNamespaceURI(String prefix) {
                    return "od".equals(prefix) ? ns : XMLConstants.NULL_NS_URI;
                }

                @Override
                public String getPrefix(String uri) {
                    return ns.equals(uri) ? "od" : null;
                }

                @Override
                public Iterator<String> getPrefixes(String uri) {
                    return List.of("od").iterator();
                }
            });
            NodeList hits = (NodeList) xp.evaluate(xpath, doc, XPathConstants.NODESET);
            if (hits.getLength() != 1) {
                throw new IllegalStateException("expected exactly one node at " + xpath + ", found " + hits.getLength());
            }
            edit.accept(hits.item(0));
            Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream(dossier.length + 256);
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot apply mutation at " + xpath, e);
        }
    }
}
