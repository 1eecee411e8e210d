package org.osogateway.mock;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.osogateway.mock.ReceiveDossierRequestReader.MalformedRequestException;

/**
 * Finds the messageId, the dossierSha256 and the dossier's byte range of a ReceiveDossierRequest without parsing the
 * dossier: a byte scan of the head (the fields before {@code <dossier>}) and of the closing tags at the end.
 *
 * <p>It reads the layout the gateway writes ({@code ReceiveDossierEnvelope}: fields first, the dossier last, no
 * comments or CDATA in the head) by local names, whatever the prefixes. It is not an XML parser: it is for the load
 * receiver, where the full streaming parse of {@link ReceiveDossierRequestReader} would cost more CPU than the
 * check is worth. A request it cannot read is malformed.
 */
final class ReceiveDossierScan {

    /** A messageId as the gateway's contract allows it, so the answer needs no escaping. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** The head (envelope, request, fields) is under a kilobyte; more means this is not a ReceiveDossierRequest. */
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    /** The elements that close after the dossier's root element, innermost last. */
    private static final String[] CLOSING = {"Envelope", "Body", "ReceiveDossierRequest", "dossier"};

    /** What the scan found; the dossier is {@code body[dossierStart, dossierEnd)}. */
    record Scanned(String messageId, String dossierSha256, int dossierStart, int dossierEnd) {
        int dossierLength() {
            return dossierEnd - dossierStart;
        }
    }

    private ReceiveDossierScan() {
    }

    static Scanned scan(byte[] body) throws MalformedRequestException {
        String messageId = null;
        String sha = null;
        int dossierStart = -1;
        int pos = 0;
        int limit = Math.min(body.length, MAX_HEAD_BYTES);
        while (dossierStart < 0) {
            int lt = indexOf(body, (byte) '<', pos, limit);
            if (lt < 0 || lt + 1 >= limit) {
                throw new MalformedRequestException("no dossier element");
            }
            int gt = tagEnd(body, lt, limit);
            byte next = body[lt + 1];
            if (next == '?' || next == '/' || body[gt - 1] == '/') {
                pos = gt + 1; // XML declaration, end tag or empty element: nothing to read
                continue;
            }
            String local = localName(body, lt + 1, gt);
            if (local.equals("dossier")) {
                dossierStart = skipSpace(body, gt + 1, body.length);
            } else if (local.equals("messageId") || local.equals("dossierSha256")) {
                int textEnd = indexOf(body, (byte) '<', gt + 1, limit);
                if (textEnd < 0) {
                    throw new MalformedRequestException("unterminated " + local);
                }
                String text = new String(body, gt + 1, textEnd - gt - 1, StandardCharsets.US_ASCII).trim();
                if (local.equals("messageId")) {
                    messageId = text;
                } else {
                    sha = text;
                }
                pos = textEnd;
                continue;
            }
            pos = gt + 1;
        }
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new MalformedRequestException("no messageId of 1-128 [A-Za-z0-9._:-]");
        }
        if (sha == null) {
            throw new MalformedRequestException("no dossierSha256");
        }
        int dossierEnd = dossierEnd(body, dossierStart);
        return new Scanned(messageId, sha, dossierStart, dossierEnd);
    }

    /** Where the dossier's root element ends: before the closing tags of dossier, request, Body and Envelope. */
    private static int dossierEnd(byte[] body, int dossierStart) throws MalformedRequestException {
        int end = skipSpaceBackwards(body, body.length, dossierStart);
        for (String expected : CLOSING) {
            if (end <= dossierStart || body[end - 1] != '>') {
                throw new MalformedRequestException("no closing " + expected);
            }
            int lt = lastIndexOf(body, (byte) '<', end - 1, dossierStart);
            if (lt < 0 || body[lt + 1] != '/' || !localName(body, lt + 2, end - 1).equals(expected)) {
                throw new MalformedRequestException("no closing " + expected);
            }
            end = skipSpaceBackwards(body, lt, dossierStart);
        }
        if (end <= dossierStart || body[dossierStart] != '<' || body[end - 1] != '>') {
            throw new MalformedRequestException("dossier must hold one element");
        }
        return end;
    }

    /** The '>' closing the tag that starts at {@code lt}, skipping quoted attribute values. */
    private static int tagEnd(byte[] b, int lt, int limit) throws MalformedRequestException {
        byte quote = 0;
        for (int i = lt + 1; i < limit; i++) {
            byte c = b[i];
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        throw new MalformedRequestException("unterminated tag");
    }

    /** The element name from {@code from} up to blank, '/' or {@code to}, without its prefix. */
    private static String localName(byte[] b, int from, int to) {
        int end = from;
        while (end < to && b[end] != ' ' && b[end] != '\t' && b[end] != '\n' && b[end] != '\r' && b[end] != '/') {
            end++;
        }
        int start = from;
        for (int i = from; i < end; i++) {
            if (b[i] == ':') {
                start = i + 1;
            }
        }
        return new String(b, start, end - start, StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte c, int before, int floor) {
        for (int i = before - 1; i >= floor; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        return from;
    }

    private static int skipSpaceBackwards(byte[] b, int end, int floor) {
        while (end > floor && isSpace(b[end - 1])) {
            end--;
        }
        return end;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
