package dev.leafspec.spec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Finds where a file stops being UTF-8 text, so lint says "not UTF-8 text" at a line and column. */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * @return {line, column, the offending byte} (1-based) of the first malformed or unmappable UTF-8 sequence, or null
     * when {@code bytes} is UTF-8 text
     */
    public static int[] firstError(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) return null;
        int bad = in.position();
        int line = 1;
        int col = 1;
        out.flip();
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col, bytes[bad] & 0xff};
    }

    /** @return the lint message for {@link #firstError} */
    public static String message(int[] error) {
        return String.format("not UTF-8 text (byte 0x%02x): a spec file is UTF-8 YAML", error[2]);
    }
}
