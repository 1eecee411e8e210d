package org.osogateway.validation;

import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Shortens the text of attachment content elements ({@code bestandsinhoud}, base64 of up to ~20 MiB)
 * on its way into the business rules' tree, which would otherwise hold it as a char[] twice its size.
 * <p>
 * No official stylesheet (2017.1, 2019.1) reads {@code bestandsinhoud}: grep finds it in none of them;
 * only generic templates pass over its text without output. To keep every test a rule could make
 * on presence or emptiness identical, the text is kept verbatim up to {@value #KEPT_CHARS} characters
 * (so empty stays empty and short content is unchanged) and, when that prefix is all whitespace, the
 * first non-whitespace character after it is kept too (so blank stays blank and non-blank stays
 * non-blank). Only its length changes. Elements are matched by local name in the dossier's namespace.
 */
final class AttachmentContentFilter extends XMLFilterImpl {
    /** Local names of the elements whose text is attachment content. */
    static final Set<String> CONTENT_ELEMENTS = Set.of("bestandsinhoud");
    /** Characters of the content kept verbatim. */
    static final int KEPT_CHARS = 64;

    private String dossierNamespace;
    private int depth;
    private int contentDepth = -1;
    private int kept;
    private boolean keptNonBlank;

    AttachmentContentFilter(XMLReader parent) {
        super(parent);
    }

    /** A filter fed by calls, not by a parser: set its content handler and call its ContentHandler methods. */
    AttachmentContentFilter() {
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (depth == 0) {
            dossierNamespace = uri;
        }
        depth++;
        if (contentDepth < 0 && CONTENT_ELEMENTS.contains(localName) && uri.equals(dossierNamespace)) {
            contentDepth = depth;
            kept = 0;
            keptNonBlank = false;
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (depth == contentDepth) {
            contentDepth = -1;
        }
        depth--;
        super.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (contentDepth < 0 || depth != contentDepth) {
            super.characters(ch, start, length);
            return;
        }
        int take = Math.min(length, Math.max(0, KEPT_CHARS - kept));
        if (take > 0 && take < length && Character.isHighSurrogate(ch[start + take - 1])) {
            take++; // never split a surrogate pair
        }
        if (take > 0) {
            keptNonBlank |= !isBlank(ch, start, take);
            kept += take;
            super.characters(ch, start, take);
        }
        if (!keptNonBlank) {
            for (int i = start + take; i < start + length; i++) {
                if (!isWhitespace(ch[i])) {
                    keptNonBlank = true;
                    super.characters(ch, i, Character.isHighSurrogate(ch[i]) && i + 1 < start + length ? 2 : 1);
                    break;
                }
            }
        }
    }

    private static boolean isBlank(char[] ch, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (!isWhitespace(ch[i])) {
                return false;
            }
        }
        return true;
    }

    // XML whitespace, as normalize-space() sees it
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
