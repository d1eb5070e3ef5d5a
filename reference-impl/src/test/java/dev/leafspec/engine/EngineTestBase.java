package dev.leafspec.engine;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

abstract class EngineTestBase {
    static final long OPERAND_INVALID_RAX = 0xC000010000000000L;
    static final long OPERAND_INVALID_RCX = 0xC000010000000001L;
    static final long OPERAND_INVALID_RDX = 0xC000010000000002L;
    static final long OPERAND_INVALID_R8 = 0xC000010000000008L;

    TdxModule m;

    @BeforeEach
    void setUp() {
        m = new TdxModule();
    }

    /** A register file with a distinct recognisable value in every GPR and XMM. */
    static RegisterFile filled() {
        RegisterFile r = new RegisterFile();
        for (int i = 0; i < 16; i++) r.gpr(i, 0x1111_0000_0000_0000L * (i + 1) + i);
        for (int x = 0; x < 16; x++) r.xmm(x, 0xAAAA_0000_0000_0000L + x, 0xBBBB_0000_0000_0000L + x);
        return r;
    }

    RegisterFile tdcall(long rax, RegisterFile r) {
        r.set(Gpr.RAX, rax);
        m.call(Instruction.TDCALL, r);
        return r;
    }

    RegisterFile tdcall(long rax, long rcx, long rdx, long r8, long r9) {
        RegisterFile r = filled();
        r.set(Gpr.RCX, rcx).set(Gpr.RDX, rdx).set(Gpr.R8, r8).set(Gpr.R9, r9);
        return tdcall(rax, r);
    }

    static Map<String, String> p(String... kv) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) map.put(kv[i], kv[i + 1]);
        return map;
    }

    /** Asserts that every GPR except {@code changed} and every XMM equals {@code before}. */
    static void assertOnlyChanged(RegisterFile before, RegisterFile after, Gpr... changed) {
        java.util.Set<Gpr> c = java.util.EnumSet.noneOf(Gpr.class);
        c.addAll(java.util.Arrays.asList(changed));
        for (Gpr g : Gpr.values()) {
            if (!c.contains(g)) {
                org.assertj.core.api.Assertions.assertThat(after.get(g)).as(g.name()).isEqualTo(before.get(g));
            }
        }
        for (int x = 0; x < 16; x++) {
            org.assertj.core.api.Assertions.assertThat(after.xmmLow(x)).as("XMM%d low", x).isEqualTo(before.xmmLow(x));
            org.assertj.core.api.Assertions.assertThat(after.xmmHigh(x)).as("XMM%d high", x).isEqualTo(before.xmmHigh(x));
        }
        org.assertj.core.api.Assertions.assertThat(after.rflags()).isEqualTo(before.rflags());
    }
}
