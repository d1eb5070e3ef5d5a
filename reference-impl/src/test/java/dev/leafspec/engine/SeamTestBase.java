package dev.leafspec.engine;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for host-side tests: SEAMCALLs by leaf number and a TD built through the module's own leaves. */
abstract class SeamTestBase extends EngineTestBase {
    static final long TDR = 0x4000_0000L, PARAMS = 0x3000_0000L, SRC = 0x3000_1000L;
    /** TDVPR of the built TD's VCPU, its SEPT pages, and the private page added at GPA 0. */
    static final long VP = TDR + 0x10000, SEPT3 = TDR + 0x1F000, SEPT2 = TDR + 0x20000, SEPT1 = TDR + 0x21000,
            PAGE0 = TDR + 0x30000;

    RegisterFile seam(int leaf, long rcx, long rdx, long r8, long r9) {
        RegisterFile r = filled();
        r.gpr(0, leaf);
        r.gpr(1, rcx);
        r.gpr(2, rdx);
        r.gpr(8, r8);
        r.gpr(9, r9);
        m.call(Instruction.SEAMCALL, r);
        return r;
    }

    long status(int leaf, long rcx, long rdx, long r8, long r9) {
        return seam(leaf, rcx, rdx, r8, r9).gpr(0);
    }

    /** READY module; TD with HKID 33, 6 TDCS pages, one VCPU, SEPT levels 3..1 for GPA 0, one page added at GPA 0. */
    void buildTd(boolean finalize) {
        m.fixture("platform.ready", Map.of());
        ok(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 33, 0, 0);
        ok(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0);
        m.fixture("platform.lp", Map.of("lp", "2"));
        ok(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0);
        m.fixture("platform.lp", Map.of("lp", "0"));
        for (int i = 1; i <= 6; i++) ok(SeamcallDispatcher.TDH_MNG_ADDCX, TDR + i * 0x1000L, TDR, 0, 0);
        m.fixture("host.memory", Map.of("hpa", Long.toString(PARAMS), "qwords", "0 3 1 0x1E 0 0x19"));
        ok(SeamcallDispatcher.TDH_MNG_INIT, TDR, PARAMS, 0, 0);
        ok(SeamcallDispatcher.TDH_VP_CREATE, VP, TDR, 0, 0);
        for (int i = 1; i <= 5; i++) ok(SeamcallDispatcher.TDH_VP_ADDCX, VP + i * 0x1000L, VP, 0, 0);
        ok(SeamcallDispatcher.TDH_VP_INIT, VP, 0, 0, 0);
        ok(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 3, TDR, SEPT3, 0);
        ok(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 2, TDR, SEPT2, 0);
        ok(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 1, TDR, SEPT1, 0);
        m.fixture("host.memory", Map.of("hpa", Long.toString(SRC), "fill", "0xAB"));
        ok(SeamcallDispatcher.TDH_MEM_PAGE_ADD, 0, TDR, PAGE0, SRC);
        if (finalize) ok(SeamcallDispatcher.TDH_MR_FINALIZE, TDR, 0, 0, 0);
    }

    void ok(int leaf, long rcx, long rdx, long r8, long r9) {
        assertThat(status(leaf, rcx, rdx, r8, r9)).as("leaf %d", leaf).isZero();
    }
}
