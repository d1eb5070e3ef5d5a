package dev.leafspec.spec;

import dev.leafspec.spec.model.BitRange;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Positive;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Properties of the unsigned number parser and of bit ranges. */
class ValuesPropertiesTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Property
    void everyLongRoundTripsAsUnsignedDecimalAndHex(@ForAll long v) {
        assertThat(Values.parseUnsigned(Long.toUnsignedString(v))).isEqualTo(v);
        assertThat(Values.parseUnsigned("0x" + Long.toHexString(v))).isEqualTo(v);
        assertThat(Values.parseUnsigned("0X" + Long.toHexString(v).toUpperCase())).isEqualTo(v);
        assertThat(Values.parseUnsigned("0x000" + Long.toHexString(v))).as("leading zeros").isEqualTo(v);
    }

    @Property
    void valuesOf64BitsOrMoreAreRejected(@ForAll @Positive long extra) {
        BigInteger tooBig = TWO_64.add(BigInteger.valueOf(extra - 1)); // >= 2^64
        assertThatThrownBy(() -> Values.parseUnsigned(tooBig.toString())).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("64 bits");
        assertThatThrownBy(() -> Values.parseUnsigned("0x" + tooBig.toString(16))).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("64 bits");
    }

    @Property
    void negativeNumbersAreRejected(@ForAll @Positive long v) {
        assertThatThrownBy(() -> Values.parseUnsigned("-" + v)).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("unsigned");
    }

    @Property
    void wellFormedRangesParse(@ForAll @IntRange(min = 0, max = 127) int a, @ForAll @IntRange(min = 0, max = 127) int b) {
        int high = Math.max(a, b);
        int low = Math.min(a, b);
        BitRange r = Values.parseBitRange(high + ":" + low, 127);
        assertThat(r).isEqualTo(new BitRange(high, low));
        assertThat(r.width()).isEqualTo(high - low + 1);
        if (high > 63) {
            assertThatThrownBy(() -> Values.parseBitRange(high + ":" + low, 63)).hasMessageContaining("exceeds bit 63");
        } else {
            assertThat(Long.bitCount(r.mask())).isEqualTo(r.width());
        }
        if (high != low) {
            assertThatThrownBy(() -> Values.parseBitRange(low + ":" + high, 127)).hasMessageContaining("high < low");
        }
    }

    @Property
    void overlapIsSymmetricAndMatchesTheMasks(@ForAll @IntRange(min = 0, max = 63) int a, @ForAll @IntRange(min = 0, max = 63) int b,
                                              @ForAll @IntRange(min = 0, max = 63) int c, @ForAll @IntRange(min = 0, max = 63) int d) {
        BitRange x = new BitRange(Math.max(a, b), Math.min(a, b));
        BitRange y = new BitRange(Math.max(c, d), Math.min(c, d));
        assertThat(x.overlaps(y)).isEqualTo(y.overlaps(x));
        assertThat(x.overlaps(y)).isEqualTo((x.mask() & y.mask()) != 0);
        assertThat(x.overlaps(x)).isTrue();
    }

    @Property
    void extractReturnsTheFieldBits(@ForAll long register, @ForAll @IntRange(min = 0, max = 63) int a,
                                    @ForAll @IntRange(min = 0, max = 63) int b) {
        BitRange r = new BitRange(Math.max(a, b), Math.min(a, b));
        BigInteger expected = new BigInteger(Long.toUnsignedString(register)).shiftRight(r.low())
                .and(BigInteger.ONE.shiftLeft(r.width()).subtract(BigInteger.ONE));
        assertThat(Long.toUnsignedString(r.extract(register))).isEqualTo(expected.toString());
    }

    @Property
    void garbageIsNeverANumber(@ForAll String s) {
        Assume.that(!s.matches("[0-9]+") && !s.matches("0[xX][0-9a-fA-F]+"));
        assertThatThrownBy(() -> Values.parseUnsigned(s)).isInstanceOf(NumberFormatException.class);
    }
}
