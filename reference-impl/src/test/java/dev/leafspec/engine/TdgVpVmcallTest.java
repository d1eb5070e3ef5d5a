package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TdgVpVmcallTest extends EngineTestBase {
    static final long STD = (1L << 10) | (1L << 11) | (1L << 12) | (1L << 13) | (1L << 14) | (1L << 15);

    RegisterFile vmcall(long bitmap, RegisterFile r) {
        r.set(Gpr.RCX, bitmap);
        return tdcall(0, r);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 0x10L, 1L << 32, 1L << 63, 0xFFFF_FFFF_0000_0000L, 0x1_0000_FC00L})
    void forbiddenBitsGiveOperandInvalidRcxWithoutExit(long bitmap) {
        RegisterFile before = filled();
        before.set(Gpr.RCX, bitmap | STD);
        RegisterFile r = tdcall(0, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertOnlyChanged(before, r, Gpr.RAX);
        assertThat(m.observe("host.last-exit")).isNull();
        assertThat(m.observe("host.last-answer")).isNull();
    }

    @Test
    void rbpSelectableOnlyWithoutNoRbpMod() {
        RegisterFile r = vmcall(STD | (1 << 5), filled());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(m.observe("host.last-exit").get(Gpr.RBP)).isEqualTo(filled().get(Gpr.RBP));

        m.fixture("td.config", p("NO_RBP_MOD", "true"));
        RegisterFile before = filled().set(Gpr.RCX, STD | (1 << 5));
        r = tdcall(0, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertOnlyChanged(before, r, Gpr.RAX);
        assertThat(m.observe("host.last-exit")).isNull();

        r = vmcall(STD, filled());
        assertThat(r.get(Gpr.RAX)).isZero();
    }

    @Test
    void noRbpModIsIgnoredOnModule10() {
        m.fixture("td.config", p("NO_RBP_MOD", "true", "VERSION", "1.0"));
        RegisterFile r = vmcall(STD | (1 << 5), filled());
        assertThat(r.get(Gpr.RAX)).isZero();
    }

    @Test
    void hostSeesOnlySelectedRegisters() {
        RegisterFile guest = filled();
        guest.set(Gpr.R10, 0).set(Gpr.R11, GhciSubfunction.HLT);
        long bitmap = STD | (1L << 16) | (1L << (16 + 7));
        vmcall(bitmap, guest);
        RegisterFile h = m.observe("host.last-exit");
        assertThat(h.get(Gpr.RAX)).as("exit reason TDCALL").isEqualTo(77);
        assertThat(h.get(Gpr.RCX)).isEqualTo(bitmap);
        for (int i = 2; i < 16; i++) {
            long expected = (STD & (1L << i)) != 0 ? guest.gpr(i) : 0;
            assertThat(h.gpr(i)).as("GPR %d", i).isEqualTo(expected);
        }
        for (int x = 0; x < 16; x++) {
            boolean sel = x == 0 || x == 7;
            assertThat(h.xmmLow(x)).isEqualTo(sel ? guest.xmmLow(x) : 0);
            assertThat(h.xmmHigh(x)).isEqualTo(sel ? guest.xmmHigh(x) : 0);
        }
    }

    @Test
    void hostileHostCannotWriteUnselectedRegisters() {
        String[] regs = {"RBX", "RSI", "RDI", "R8", "R9", "RDX", "RBP", "R14", "RAX", "RCX", "RSP"};
        for (String reg : regs) m.fixture("host.write", p("register", reg, "value", "0xDEAD"));
        m.fixture("host.write", p("register", "XMM3", "value", "0x1234567890ABCDEF1122334455667788"));
        m.fixture("host.write", p("register", "XMM1", "value", "0x77"));
        m.fixture("host.write", p("register", "R12", "value", "0xBEEF"));
        RegisterFile before = filled();
        before.set(Gpr.R10, 0).set(Gpr.R11, GhciSubfunction.HLT);
        long bitmap = (1L << 10) | (1L << 11) | (1L << 12) | (1L << (16 + 1));
        before.set(Gpr.RCX, bitmap);
        RegisterFile r = tdcall(0, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RCX)).isEqualTo(bitmap);
        assertThat(r.get(Gpr.R10)).isZero();
        assertThat(r.get(Gpr.R12)).as("selected: host value").isEqualTo(0xBEEF);
        assertThat(r.xmmLow(1)).isEqualTo(0x77);
        assertThat(r.xmmHigh(1)).isZero();
        for (Gpr g : new Gpr[] {Gpr.RBX, Gpr.RSI, Gpr.RDI, Gpr.R8, Gpr.R9, Gpr.RDX, Gpr.RBP, Gpr.R13, Gpr.R14, Gpr.R15, Gpr.RSP}) {
            assertThat(r.get(g)).as(g.name()).isEqualTo(before.get(g));
        }
        for (int x = 0; x < 16; x++) {
            if (x == 1) continue;
            assertThat(r.xmmLow(x)).as("XMM%d", x).isEqualTo(before.xmmLow(x));
            assertThat(r.xmmHigh(x)).as("XMM%d", x).isEqualTo(before.xmmHigh(x));
        }
        RegisterFile answer = m.observe("host.last-answer");
        assertThat(answer.get(Gpr.RSI)).isEqualTo(0xDEAD);
        assertThat(answer.xmmHigh(3)).isEqualTo(0x1234567890ABCDEFL);
        assertThat(answer.xmmLow(3)).isEqualTo(0x1122334455667788L);
    }

    @Test
    void unselectedRbpUnderNoRbpModKeepsTheHostsOwnRbp() {
        m.fixture("td.config", p("NO_RBP_MOD", "true"));
        m.fixture("host.write", p("register", "RBP", "value", "0x4242"));
        RegisterFile g = filled().set(Gpr.R10, 0).set(Gpr.R11, GhciSubfunction.HLT);
        vmcall(STD, g.copy());
        vmcall(STD, g.copy());
        assertThat(m.observe("host.last-exit").get(Gpr.RBP)).isEqualTo(0x4242);
        m.reset();
        vmcall(STD, g.copy());
        m.fixture("host.write", p("register", "RBP", "value", "0x4242"));
        vmcall(STD, g.copy());
        assertThat(m.observe("host.last-exit").get(Gpr.RBP)).as("without NO_RBP_MOD the module zeroes it").isZero();
    }

    @Test
    void bitmapZeroStillExits() {
        RegisterFile before = filled().set(Gpr.RCX, 0);
        RegisterFile r = tdcall(0, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX);
        RegisterFile h = m.observe("host.last-exit");
        assertThat(h.get(Gpr.R11)).isZero();
        assertThat(m.observe("host.last-answer").get(Gpr.R10)).isEqualTo(TdVmcallStatus.SUBFUNC_UNSUPPORTED);
    }
}
