package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunked UTF-8 buffer of the canonical form writes what String.getBytes(UTF_8) writes, across chunk ends. */
class Utf8ChunksTest {

    @Test
    void encodesLikeTheJdkAcrossChunkBoundaries() {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        String[] pieces = {"a", "é", "€", "\uD83D\uDE00", "<", "ß", "\u0000"};
        while (text.length() < 300_000) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        String s = text.toString();
        Utf8Chunks bulk = new Utf8Chunks();
        Utf8Chunks pieceWise = new Utf8Chunks();
        char[] chars = s.toCharArray();
        for (int at = 0; at < chars.length; ) {
            // splits fall anywhere, also between the halves of a surrogate pair
            int n = Math.min(chars.length - at, 1 + random.nextInt(5000));
            pieceWise.append(chars, at, at + n);
            at += n;
        }
        bulk.append(s);
        byte[] expected = s.getBytes(StandardCharsets.UTF_8);
        assertThat(bulk.toByteArray()).isEqualTo(expected);
        assertThat(pieceWise.toByteArray()).isEqualTo(expected);
    }

    @Test
    void writesUnpairedSurrogatesAsTheJdkDoes() {
        String s = "a\uD83Db\uDE00c\uD83D";
        assertThat(new Utf8Chunks().append(s).toByteArray()).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
}
