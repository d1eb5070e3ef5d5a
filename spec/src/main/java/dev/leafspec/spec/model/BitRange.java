package dev.leafspec.spec.model;

/**
 * An inclusive bit range {@code high:low} of a register, 0 &lt;= low &lt;= high &lt;= 127
 * (GPR fields stop at 63; XMM fields may reach 127).
 */
public record BitRange(int high, int low) {
    public BitRange {
        if (low < 0 || high < low || high > 127) {
            throw new IllegalArgumentException("bad bit range " + high + ":" + low);
        }
    }

    /** @return the number of bits, high - low + 1 */
    public int width() {
        return high - low + 1;
    }

    /** @return the 64-bit mask of this range; only meaningful when {@code high <= 63} */
    public long mask() {
        long ones = width() >= 64 ? -1L : (1L << width()) - 1;
        return ones << low;
    }

    /** @return the field's value extracted from a 64-bit register value (range must lie within 63:0) */
    public long extract(long registerValue) {
        return (registerValue & mask()) >>> low;
    }

    public boolean overlaps(BitRange o) {
        return low <= o.high && o.low <= high;
    }

    @Override
    public String toString() {
        return high + ":" + low;
    }
}
