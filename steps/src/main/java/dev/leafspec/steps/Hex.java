package dev.leafspec.steps;

import java.math.BigInteger;

/** Parsing and printing of 64-bit unsigned register values as the features write them. */
public final class Hex {
    private Hex() {
    }

    /**
     * Parses {@code 0x...} hex (underscores allowed) or unsigned decimal into a 64-bit value.
     *
     * @throws IllegalArgumentException naming the text if it is not a number or exceeds 64 bits
     */
    public static long parse(String text) {
        String t = text.trim().replace("_", "");
        try {
            BigInteger v;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = new BigInteger(t.substring(2), 16);
            } else {
                v = new BigInteger(t);
            }
            if (v.signum() < 0 || v.bitLength() > 64) {
                throw new IllegalArgumentException("'" + text + "' does not fit in 64 unsigned bits");
            }
            return v.longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (use 0x-prefixed hex or decimal)", e);
        }
    }

    /** @return {@code 0x} followed by 16 hex digits */
    public static String of(long v) {
        return String.format("0x%016x", v);
    }

    /** @return {@code 0x} followed by the shortest hex digits */
    public static String shortOf(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Parses a run of hex byte pairs ("00 11 aa", "0011aa"). */
    public static byte[] bytes(String text) {
        String t = text.replaceAll("\\s+", "");
        if (t.startsWith("0x")) t = t.substring(2);
        if (t.length() % 2 != 0) throw new IllegalArgumentException("odd number of hex digits in '" + text + "'");
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    public static String bytesOf(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x));
        return sb.toString();
    }
}
