package dev.leafspec.api;

import java.util.Arrays;

/**
 * A mutable x86-64 register file as seen at a TDCALL or SEAMCALL: the 16 GPRs (64 bits each),
 * RFLAGS (64 bits) and XMM0..XMM15 (128 bits each, stored as low and high 64-bit halves).
 *
 * <p>Implementations answer a leaf call by updating the register file in place. The class is
 * deliberately a plain array holder with no allocation on the hot path.
 */
public final class RegisterFile {
    /** Number of XMM registers modelled (XMM0..XMM15). */
    public static final int XMM_COUNT = 16;

    private final long[] gpr = new long[16];
    private final long[] xmm = new long[XMM_COUNT * 2];
    private long rflags = 0x2; // bit 1 of RFLAGS always reads as 1

    /** @return the 64-bit value of {@code r} */
    public long get(Gpr r) {
        return gpr[r.ordinal()];
    }

    /** Sets {@code r} to the 64-bit {@code value}; returns this for chaining. */
    public RegisterFile set(Gpr r, long value) {
        gpr[r.ordinal()] = value;
        return this;
    }

    /** @return GPR with encoding {@code index} (0..15) */
    public long gpr(int index) {
        return gpr[index];
    }

    /** Sets GPR with encoding {@code index} (0..15). */
    public void gpr(int index, long value) {
        gpr[index] = value;
    }

    public long rflags() {
        return rflags;
    }

    public RegisterFile rflags(long value) {
        rflags = value;
        return this;
    }

    /** @return bits 63:0 of XMM{@code n}, n in 0..15 */
    public long xmmLow(int n) {
        return xmm[2 * n];
    }

    /** @return bits 127:64 of XMM{@code n}, n in 0..15 */
    public long xmmHigh(int n) {
        return xmm[2 * n + 1];
    }

    /** Sets XMM{@code n} (n in 0..15) to the 128-bit value high:low. */
    public RegisterFile xmm(int n, long low, long high) {
        xmm[2 * n] = low;
        xmm[2 * n + 1] = high;
        return this;
    }

    /** @return a deep copy */
    public RegisterFile copy() {
        RegisterFile c = new RegisterFile();
        c.copyFrom(this);
        return c;
    }

    /** Overwrites every register of this file with {@code other}'s. */
    public void copyFrom(RegisterFile other) {
        System.arraycopy(other.gpr, 0, gpr, 0, gpr.length);
        System.arraycopy(other.xmm, 0, xmm, 0, xmm.length);
        rflags = other.rflags;
    }

    /** Zeroes every GPR and XMM register; RFLAGS becomes 0x2. */
    public void clear() {
        Arrays.fill(gpr, 0);
        Arrays.fill(xmm, 0);
        rflags = 0x2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterFile r && rflags == r.rflags
                && Arrays.equals(gpr, r.gpr) && Arrays.equals(xmm, r.xmm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(gpr) * 31 + Arrays.hashCode(xmm);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Gpr g : Gpr.values()) {
            sb.append(String.format("%-3s=0x%016x%s", g.name(), get(g), g.ordinal() % 4 == 3 ? "\n" : " "));
        }
        sb.append(String.format("RFLAGS=0x%016x%n", rflags));
        for (int i = 0; i < XMM_COUNT; i++) {
            if (xmmLow(i) != 0 || xmmHigh(i) != 0) {
                sb.append(String.format("XMM%d=0x%016x%016x%n", i, xmmHigh(i), xmmLow(i)));
            }
        }
        return sb.toString();
    }
}
