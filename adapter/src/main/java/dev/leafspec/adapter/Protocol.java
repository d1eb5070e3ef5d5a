package dev.leafspec.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leafspec.api.RegisterFile;

import java.util.Map;

/**
 * Encoding of the adapter protocol's values (docs/adapter-protocol.md): 64-bit values as {@code "0x"} plus 16 hex
 * digits, XMM registers as {@code "0x"} plus 32 hex digits (bits 127:0), register files as
 * {@code {"gpr":[16 values, RAX..R15],"rflags":value,"xmm":[16 values, XMM0..XMM15]}}, bytes as plain hex.
 */
public final class Protocol {
    /** The protocol version this suite speaks. */
    public static final int VERSION = 1;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Protocol() {
    }

    /** Appends {@code "0x%016x"} with quotes. */
    public static void appendHex64(StringBuilder sb, long v) {
        sb.append("\"0x");
        appendDigits(sb, v);
        sb.append('"');
    }

    private static void appendDigits(StringBuilder sb, long v) {
        for (int shift = 60; shift >= 0; shift -= 4) sb.append(HEX[(int) (v >>> shift) & 0xF]);
    }

    /** Appends a register file object. */
    public static void appendRegs(StringBuilder sb, RegisterFile r) {
        sb.append("{\"gpr\":[");
        for (int i = 0; i < 16; i++) {
            if (i > 0) sb.append(',');
            appendHex64(sb, r.gpr(i));
        }
        sb.append("],\"rflags\":");
        appendHex64(sb, r.rflags());
        sb.append(",\"xmm\":[");
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            if (i > 0) sb.append(',');
            sb.append("\"0x");
            appendDigits(sb, r.xmmHigh(i));
            appendDigits(sb, r.xmmLow(i));
            sb.append('"');
        }
        sb.append("]}");
    }

    /** Appends a JSON string literal. */
    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /** Appends a JSON object of string values. */
    public static void appendStringMap(StringBuilder sb, Map<String, String> m) {
        sb.append('{');
        boolean first = true;
        for (var e : m.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            appendString(sb, e.getKey());
            sb.append(':');
            appendString(sb, e.getValue() == null ? "" : e.getValue());
        }
        sb.append('}');
    }

    /** Appends bytes as a quoted lower-case hex string. */
    public static void appendBytes(StringBuilder sb, byte[] data) {
        sb.append('"');
        for (byte b : data) sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        sb.append('"');
    }

    /**
     * Parses a register file object.
     *
     * @throws IllegalArgumentException naming the register that is missing or malformed
     */
    public static RegisterFile parseRegs(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("the register file is not an object");
        RegisterFile r = new RegisterFile();
        JsonNode gpr = n.get("gpr");
        if (gpr == null || !gpr.isArray() || gpr.size() != 16) {
            throw new IllegalArgumentException("\"gpr\" must be an array of 16 values (RAX..R15)");
        }
        for (int i = 0; i < 16; i++) r.gpr(i, parseHex64(gpr.get(i), dev.leafspec.api.Gpr.of(i).name()));
        r.rflags(parseHex64(n.get("rflags"), "RFLAGS"));
        JsonNode xmm = n.get("xmm");
        if (xmm == null || !xmm.isArray() || xmm.size() != RegisterFile.XMM_COUNT) {
            throw new IllegalArgumentException("\"xmm\" must be an array of 16 values (XMM0..XMM15)");
        }
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            String s = hexDigits(xmm.get(i), "XMM" + i, 32);
            int split = Math.max(0, s.length() - 16);
            long low = Long.parseUnsignedLong(s.substring(split), 16);
            long high = split == 0 ? 0 : Long.parseUnsignedLong(s.substring(0, split), 16);
            r.xmm(i, low, high);
        }
        return r;
    }

    /** Parses a {@code "0x..."} string of 1..16 hex digits. */
    public static long parseHex64(JsonNode n, String what) {
        return Long.parseUnsignedLong(hexDigits(n, what, 16), 16);
    }

    private static String hexDigits(JsonNode n, String what, int maxDigits) {
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(what + " must be a \"0x...\" hex string, got " + (n == null ? "nothing" : n.toString()));
        }
        String s = n.asText();
        if (!(s.startsWith("0x") || s.startsWith("0X")) || s.length() < 3 || s.length() > 2 + maxDigits) {
            throw new IllegalArgumentException(what + " must be \"0x\" and 1.." + maxDigits + " hex digits, got \"" + s + "\"");
        }
        for (int i = 2; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw new IllegalArgumentException(what + " must be \"0x\" and hex digits, got \"" + s + "\"");
            }
        }
        return s.substring(2);
    }

    /** Parses a plain hex byte string (no 0x, even length). */
    public static byte[] parseBytes(String hex) {
        if (hex.startsWith("0x")) hex = hex.substring(2);
        if (hex.length() % 2 != 0) throw new IllegalArgumentException("hex bytes need an even number of digits");
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("not a hex digit in \"" + hex + "\"");
            b[i] = (byte) ((hi << 4) | lo);
        }
        return b;
    }
}
