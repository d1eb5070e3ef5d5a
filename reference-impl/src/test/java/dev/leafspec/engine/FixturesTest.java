package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixture vocabulary of docs/fixtures.md, as adapters and features send it: every documented name and alias maps to
 * the value it stands for, and bad parameters are refused with a message naming the parameter (never silently
 * ignored).
 */
class FixturesTest extends EngineTestBase {
    private static final long SHARED = 1L << 47;

    private RegisterFile vmcall(long sub, long r12, long r13, long r14, long r15) {
        RegisterFile r = filled();
        r.set(Gpr.RCX, 0xFC00).set(Gpr.R10, 0).set(Gpr.R11, sub).set(Gpr.R12, r12).set(Gpr.R13, r13).set(Gpr.R14, r14)
                .set(Gpr.R15, r15);
        return tdcall(0, r);
    }

    /** host.quote: the GetQuote status word names (GHCI GetQuote; Linux tdx-guest GET_QUOTE_*) and plain numbers. */
    @ParameterizedTest
    @CsvSource({
        "SUCCESS, 0x0000000000000000", "GET_QUOTE_SUCCESS, 0x0000000000000000",
        "ERROR, 0x8000000000000000", "get_quote_error, 0x8000000000000000",
        "SERVICE_UNAVAILABLE, 0x8000000000000001", "GET_QUOTE_SERVICE_UNAVAILABLE, 0x8000000000000001",
        "IN_FLIGHT, 0xFFFFFFFFFFFFFFFF", "GET_QUOTE_IN_FLIGHT, 0xFFFFFFFFFFFFFFFF", "0x1234, 0x0000000000001234"})
    void quoteStatusNames(String name, String value) {
        m.fixture("host.quote", p("status", name));
        m.writeGuestMemory(SHARED | 0x180000, new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        assertThat(vmcall(GhciSubfunction.GET_QUOTE, SHARED | 0x180000, 0x1000, 0, 0).get(Gpr.R10)).isZero();
        byte[] status = m.readGuestMemory(SHARED | 0x180008, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (status[i] & 0xFF);
        assertThat(v).isEqualTo(Long.parseUnsignedLong(value.substring(2), 16));
    }

    @ParameterizedTest
    @CsvSource({"1, 0xAB", "2, 0xCDAB", "4, 0x1234CDAB"})
    void portSizes(int size, String expected) {
        m.fixture("host.port", p("port", "0x60", "value", "0x5678_1234_CDAB", "size", Integer.toString(size)));
        RegisterFile r = vmcall(GhciSubfunction.IO, size, 0, 0x60, 0);
        assertThat(r.get(Gpr.R10)).isZero();
        assertThat(r.get(Gpr.R11)).isEqualTo(Long.decode(expected));
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> m.fixture("host.port", p("port", "0x60", "size", "8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad size 8");
        assertThatThrownBy(() -> m.fixture("host.port", p("port", "0x60", "size", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad size 3");
        assertThatThrownBy(() -> m.fixture("host.mmio", p("gpa", "0x800000F00000", "size", "16")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad size 16");
        m.fixture("host.mmio", p("gpa", "0x800000F00000", "value", "0x1122334455667788", "size", "8"));
        assertThat(vmcall(GhciSubfunction.REQUEST_MMIO, 8, 0, SHARED | 0xF00000, 0).get(Gpr.R11)).isEqualTo(0x1122334455667788L);
    }

    @Test
    void tdConfigKeysAndErrors() {
        m.fixture("td.config", p("gpaw", "52", "max-vcpus", "7"));
        RegisterFile r = filled();
        r.set(Gpr.RCX, 0).set(Gpr.RDX, 0x1110000000000003L); // GPAW
        assertThat(tdcall(7, r).get(Gpr.R8)).isEqualTo(1);
        r = filled();
        r.set(Gpr.RCX, 0).set(Gpr.RDX, 0x1110000200000002L); // MAX_VCPUS
        assertThat(tdcall(7, r).get(Gpr.R8)).isEqualTo(7);
        m.fixture("td.config", p("GPAW", "48"));
        r = filled();
        r.set(Gpr.RCX, 0).set(Gpr.RDX, 0x1110000000000003L);
        assertThat(tdcall(7, r).get(Gpr.R8)).isZero();
        assertThatThrownBy(() -> m.fixture("td.config", p("GPAW", "47")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GPAW must be 48 or 52");
        assertThatThrownBy(() -> m.fixture("td.config", p("GPAW", "53")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GPAW must be 48 or 52");
        assertThatThrownBy(() -> m.fixture("td.config", p("COLOUR", "blue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key 'COLOUR'");
        assertThatThrownBy(() -> m.fixture("td.config", p("VERSION", "2.0")))
                .isInstanceOf(NotSupportedException.class).hasMessageContaining("2.0");
        assertThatThrownBy(() -> m.fixture("td.config", p("MAX_VCPUS", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'many' is not a number for MAX_VCPUS");
    }

    @Test
    void numbersAcceptHexDecimalUnderscoresAndNegatives() {
        assertThat(Params.parseNumber("0x10", "x")).isEqualTo(16);
        assertThat(Params.parseNumber("0XFF_FF", "x")).isEqualTo(0xFFFF);
        assertThat(Params.parseNumber(" 42 ", "x")).isEqualTo(42);
        assertThat(Params.parseNumber("-1", "x")).isEqualTo(-1);
        assertThat(Params.parseNumber("18446744073709551615", "x")).isEqualTo(-1);
        assertThatThrownBy(() -> Params.parseNumber(null, "field")).hasMessageContaining("missing field");
        assertThatThrownBy(() -> Params.number(p("a", "1"), "b")).hasMessageContaining("missing parameter 'b'");
        assertThat(Params.number(p("Gpa", "0x1000"), "gpa")).isEqualTo(0x1000);
        assertThat(Params.number(p(), "gpa", 7)).isEqualTo(7);
    }

    @Test
    void tdFieldNeedsATdScopeField() {
        assertThatThrownBy(() -> m.fixture("td.field", p("field", "0x0800000100000004", "value", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no TD-scope field");
        m.fixture("td.field", p("field", "0x1310000300000015", "value", "0x66")); // MRCONFIGID element 5 (the last)
        RegisterFile r = filled();
        r.set(Gpr.RCX, 0).set(Gpr.RDX, 0x1310000300000015L);
        assertThat(tdcall(7, r).get(Gpr.R8)).isEqualTo(0x66);
    }

    @Test
    void unknownFixtureIsRefused() {
        assertThatThrownBy(() -> m.fixture("host.teapot", p()))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("host.teapot");
    }
}
