package dev.leafspec.engine;

import java.util.Locale;
import java.util.Map;

/** Parsing of fixture parameters: numbers in decimal or {@code 0x} hex (64-bit unsigned), booleans, levels. */
final class Params {
    private Params() {
    }

    static long parseNumber(String text, String what) {
        if (text == null) throw new IllegalArgumentException("missing " + what);
        String t = text.trim().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.startsWith("-")) return Long.parseLong(t);
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number for " + what);
        }
    }

    static long number(Map<String, String> p, String key) {
        String v = get(p, key);
        if (v == null) throw new IllegalArgumentException("missing parameter '" + key + "'");
        return parseNumber(v, key);
    }

    static long number(Map<String, String> p, String key, long dflt) {
        String v = get(p, key);
        return v == null ? dflt : parseNumber(v, key);
    }

    /** Case-insensitive key lookup. */
    static String get(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v != null) return v;
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) return e.getValue();
        }
        return null;
    }

    static boolean bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "true": case "1": case "yes": case "on": return true;
            case "false": case "0": case "no": case "off": return false;
            default: throw new IllegalArgumentException("'" + text + "' is not a boolean");
        }
    }

    /** Parses an EPT level: 4K/2M/1G or 0/1/2. */
    static int level(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("B", "");
        switch (t) {
            case "4K": case "0": return 0;
            case "2M": case "1": return 1;
            case "1G": case "2": return 2;
            default: throw new IllegalArgumentException("'" + text + "' is not a page level (4K, 2M, 1G)");
        }
    }

    /** Parses up to 128 bits of hex/decimal into {low, high}. */
    static long[] number128(String text, String what) {
        String t = text.trim().replace("_", "");
        if ((t.startsWith("0x") || t.startsWith("0X")) && t.length() > 18) {
            String hex = t.substring(2);
            if (hex.length() > 32) throw new IllegalArgumentException("'" + text + "' exceeds 128 bits for " + what);
            String hi = hex.substring(0, hex.length() - 16);
            String lo = hex.substring(hex.length() - 16);
            return new long[] {Long.parseUnsignedLong(lo, 16), Long.parseUnsignedLong(hi, 16)};
        }
        return new long[] {parseNumber(t, what), 0};
    }

    static byte[] hexBytes(String text) {
        String t = text.trim().replace(" ", "").replace("_", "");
        if (t.startsWith("0x") || t.startsWith("0X")) t = t.substring(2);
        if (t.length() % 2 != 0) throw new IllegalArgumentException("odd number of hex digits: " + text);
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
