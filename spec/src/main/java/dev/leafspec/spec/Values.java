package dev.leafspec.spec;

import dev.leafspec.spec.model.BitRange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the scalar value shapes of the leaf-spec format (docs/leaf-spec-format.md, "Values"):
 * unsigned 64-bit numbers, bit ranges, module versions and register names.
 *
 * <p>All parsers throw {@link IllegalArgumentException} (or its subclass {@link NumberFormatException})
 * whose message is suitable for a lint report.
 */
public final class Values {
    private Values() {
    }

    /** The sixteen GPR names in encoding order. */
    public static final List<String> GPRS = List.of("RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
            "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15");

    /** Every register name a spec may use: the GPRs, XMM0..XMM15 and RFLAGS. */
    public static final Set<String> REGISTERS;

    static {
        Set<String> s = new LinkedHashSet<>(GPRS);
        for (int i = 0; i < 16; i++) s.add("XMM" + i);
        s.add("RFLAGS");
        REGISTERS = Collections.unmodifiableSet(s);
    }

    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]+)");
    private static final Pattern DEC = Pattern.compile("[0-9]+");
    private static final Pattern BITS = Pattern.compile("([0-9]{1,4}):([0-9]{1,4})");
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+(\\.[0-9]+)*");

    /**
     * Parses a decimal ({@code 16}) or hexadecimal ({@code 0x10}) number as an unsigned 64-bit value:
     * {@code 0xFFFFFFFFFFFFFFFF} and {@code 18446744073709551615} both give {@code -1L}.
     *
     * @param text the number as written
     * @return the value's 64 bits
     * @throws NumberFormatException for a bad hex number, a negative number, a value above 2^64-1 or text that is
     *                               not a number; the message names the text
     */
    public static long parseUnsigned(String text) {
        if (text == null || text.isEmpty()) {
            throw new NumberFormatException("expected a number (decimal or 0x hex), got nothing");
        }
        if (text.startsWith("0x") || text.startsWith("0X")) {
            Matcher m = HEX.matcher(text);
            if (!m.matches()) throw new NumberFormatException("bad hex number '" + text + "'");
            String digits = m.group(1).replaceFirst("^0+(?=.)", "");
            if (digits.length() > 16) {
                throw new NumberFormatException("number '" + text + "' does not fit in 64 bits");
            }
            return Long.parseUnsignedLong(digits, 16);
        }
        if (DEC.matcher(text).matches()) {
            try {
                return Long.parseUnsignedLong(text, 10);
            } catch (NumberFormatException e) {
                throw new NumberFormatException("number '" + text + "' does not fit in 64 bits (max 18446744073709551615)");
            }
        }
        if (text.startsWith("-")) {
            throw new NumberFormatException("negative number '" + text + "': values are unsigned");
        }
        throw new NumberFormatException("expected a number (decimal or 0x hex), got '" + text + "'");
    }

    /**
     * Parses a bit range {@code "high:low"}.
     *
     * @param text    the range as written, e.g. {@code "63:52"}
     * @param maxHigh the highest bit allowed (63 for a GPR, 127 for an XMM register)
     * @return the range
     * @throws IllegalArgumentException when the text is malformed, high &lt; low, or high &gt; maxHigh
     */
    public static BitRange parseBitRange(String text, int maxHigh) {
        Matcher m = text == null ? null : BITS.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("malformed bit range '" + text + "' (expected \"high:low\", e.g. \"63:0\")");
        }
        int high = Integer.parseInt(m.group(1));
        int low = Integer.parseInt(m.group(2));
        if (high < low) {
            throw new IllegalArgumentException("bit range " + text + " has high < low");
        }
        if (high > maxHigh) {
            throw new IllegalArgumentException("bit range " + text + " exceeds bit " + maxHigh);
        }
        return new BitRange(high, low);
    }

    /** @return true when {@code text} is a module version such as {@code 1.0}, {@code 1.5} or {@code 2.0.1} */
    public static boolean isVersion(String text) {
        return text != null && VERSION.matcher(text).matches();
    }

    /**
     * Compares two module versions component by component ("1.10" &gt; "1.5").
     *
     * @throws IllegalArgumentException if either is not a version
     */
    public static int compareVersions(String a, String b) {
        if (!isVersion(a) || !isVersion(b)) throw new IllegalArgumentException("not a version: " + a + " / " + b);
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) return Long.compare(p, q);
        }
        return 0;
    }

    /** @return true for RAX..R15, XMM0..XMM15 and RFLAGS (exact upper case) */
    public static boolean isRegister(String name) {
        return REGISTERS.contains(name);
    }

    /** @return true for RAX..R15 */
    public static boolean isGpr(String name) {
        return GPRS.contains(name);
    }

    /** @return the highest bit of a register: 127 for XMM registers, 63 otherwise */
    public static int maxBit(String register) {
        return register != null && register.startsWith("XMM") ? 127 : 63;
    }

    /**
     * @return the candidate closest to {@code word} (case-insensitive edit distance with transpositions) when it is
     * close enough to be a likely misspelling, else null
     */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        int limit = w.length() <= 3 ? 1 : w.length() <= 6 ? 2 : 3;
        return bestD <= limit ? best : null;
    }

    /** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    /** @return the given words joined as "a, b or c" (for messages) */
    static String oneOf(Collection<String> words) {
        List<String> l = new ArrayList<>(words);
        if (l.size() == 1) return l.get(0);
        return String.join(", ", l.subList(0, l.size() - 1)) + " or " + l.get(l.size() - 1);
    }
}
