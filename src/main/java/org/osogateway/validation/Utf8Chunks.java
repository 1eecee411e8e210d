package org.osogateway.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Text encoded to UTF-8 as it is appended, kept in fixed-size chunks: a 20 MiB canonical dossier costs
 * its 20 MiB plus one exact copy at {@link #toByteArray()}, not a doubling StringBuilder, its String and
 * the String's bytes (about 3.5 times its size).
 */
final class Utf8Chunks {
    private static final int CHUNK = 64 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[CHUNK];
    private int pos;
    private char pendingHigh; // a high surrogate whose low half has not been appended yet

    Utf8Chunks append(char c) {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                codePoint(Character.toCodePoint(high, c));
                return this;
            }
            put('?'); // an unpaired surrogate, as String.getBytes(UTF_8) writes it
        }
        if (c < 0x80) {
            put(c);
        } else if (c < 0x800) {
            put(0xC0 | c >> 6);
            put(0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            put('?');
        } else {
            put(0xE0 | c >> 12);
            put(0x80 | c >> 6 & 0x3F);
            put(0x80 | c & 0x3F);
        }
        return this;
    }

    Utf8Chunks append(CharSequence s) {
        return append(s, 0, s.length());
    }

    Utf8Chunks append(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && pendingHigh == 0 && pos < current.length) {
                current[pos++] = (byte) c; // the common case, without the calls
            } else {
                append(c);
            }
        }
        return this;
    }

    Utf8Chunks append(char[] s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s[i];
            if (c < 0x80 && pendingHigh == 0 && pos < current.length) {
                current[pos++] = (byte) c;
            } else {
                append(c);
            }
        }
        return this;
    }

    /** The bytes appended so far, in one exact array. */
    byte[] toByteArray() {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            put('?');
        }
        long size = (long) full.size() * CHUNK + pos;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("canonical form over 2 GiB");
        }
        byte[] out = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : full) {
            System.arraycopy(chunk, 0, out, at, CHUNK);
            at += CHUNK;
        }
        System.arraycopy(current, 0, out, at, pos);
        return out;
    }

    private void codePoint(int cp) {
        put(0xF0 | cp >> 18);
        put(0x80 | cp >> 12 & 0x3F);
        put(0x80 | cp >> 6 & 0x3F);
        put(0x80 | cp & 0x3F);
    }

    private void put(int b) {
        if (pos == current.length) {
            full.add(current);
            current = new byte[CHUNK];
            pos = 0;
        }
        current[pos++] = (byte) b;
    }
}
