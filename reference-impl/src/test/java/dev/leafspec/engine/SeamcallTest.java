package dev.leafspec.engine;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SEAMCALL dispatcher, module lifecycle, PAMT checks and the TD build leaves. */
class SeamcallTest extends EngineTestBase {
    static final long TDR = 0x4000_0000L, PARAMS = 0x3000_0000L, SRC = 0x3000_1000L;

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

    @Test
    void raxDecode() {
        RegisterFile before = filled();
        before.gpr(0, SeamcallDispatcher.TDH_SYS_INIT | (1L << 32));
        RegisterFile r = before.copy();
        m.call(Instruction.SEAMCALL, r);
        assertThat(r.gpr(0)).isEqualTo(OPERAND_INVALID_RAX);
        r.gpr(0, before.gpr(0));
        assertThat(r).isEqualTo(before);
        assertThat(status(SeamcallDispatcher.TDH_SYS_INIT | (1 << 16), 0, 0, 0, 0)).isEqualTo(OPERAND_INVALID_RAX);
        assertThat(status(0x7F, 0, 0, 0, 0)).isEqualTo(OPERAND_INVALID_RAX);
        assertThatThrownBy(() -> seam(SeamcallDispatcher.TDH_MEM_SEPT_WR, 0, 0, 0, 0))
                .isInstanceOf(NotSupportedException.class).hasMessageContaining("TDH.MEM.SEPT.WR");
        assertThat(m.capabilities().leaves()).contains("TDH.SYS.INIT", "TDH.MNG.CREATE", "TDH.MR.FINALIZE");
    }

    @Test
    void lifecycleOutOfOrder() {
        assertThat(status(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 33, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_NOT_READY);
        assertThat(status(SeamcallDispatcher.TDH_SYS_LP_INIT, 0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_LP_INIT_NOT_PENDING);
        assertThat(status(SeamcallDispatcher.TDH_SYS_CONFIG, 0x1000, 1, 32, 0)).isEqualTo(SeamStatus.TDX_SYS_CONFIG_NOT_PENDING);
        assertThat(status(SeamcallDispatcher.TDH_SYS_KEY_CONFIG, 0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_KEY_CONFIG_NOT_PENDING);
        assertThat(status(SeamcallDispatcher.TDH_SYS_INIT, 1, 0, 0, 0)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(status(SeamcallDispatcher.TDH_SYS_INIT, 0, 0, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_SYS_INIT, 0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_INIT_NOT_PENDING);
        assertThat(status(SeamcallDispatcher.TDH_SYS_LP_INIT, 0, 0, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_SYS_LP_INIT, 0, 0, 0, 0)).isEqualTo(SeamStatus.TDX_SYS_LP_INIT_DONE);
        // LPs 1..3 not initialised yet
        assertThat(status(SeamcallDispatcher.TDH_SYS_CONFIG, 0x1000, 1, 32, 0)).isEqualTo(SeamStatus.TDX_SYS_CONFIG_NOT_PENDING);
    }

    @Test
    void readyFixtureAndTdBuild() {
        m.fixture("platform.ready", Map.of());
        assertThat(m.seam.sysState).isEqualTo(SeamHost.SYS_READY);
        assertThat(status(SeamcallDispatcher.TDH_SYS_TDMR_INIT, 0x4000_0000L, 0, 0, 0)).isEqualTo(SeamStatus.TDX_TDMR_ALREADY_INITIALIZED);
        // global HKID 32 is taken by the module
        assertThat(status(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 32, 0, 0)).isEqualTo(SeamStatus.TDX_HKID_NOT_FREE);
        assertThat(status(SeamcallDispatcher.TDH_MNG_CREATE, 0x8000_0000L, 33, 0, 0)).isEqualTo(0xC000010100000001L);
        assertThat(status(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 33, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 34, 0, 0)).isEqualTo(0xC000030000000001L);
        assertThat(status(SeamcallDispatcher.TDH_MNG_ADDCX, TDR + 0x1000, TDR, 0, 0)).isEqualTo(SeamStatus.TDX_TD_KEYS_NOT_CONFIGURED);
        assertThat(status(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_KEY_CONFIGURED);
        m.fixture("platform.lp", Map.of("lp", "2"));
        assertThat(status(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT);
        assertThat(status(SeamcallDispatcher.TDH_MNG_INIT, TDR, PARAMS, 0, 0)).isEqualTo(SeamStatus.TDX_TDCS_NOT_ALLOCATED);
        for (int i = 1; i <= 6; i++) assertThat(status(SeamcallDispatcher.TDH_MNG_ADDCX, TDR + i * 0x1000L, TDR, 0, 0)).isZero();
        // wrong type: a TDCX page as TDR
        assertThat(status(SeamcallDispatcher.TDH_MNG_INIT, TDR + 0x1000, PARAMS, 0, 0)).isEqualTo(0xC000030000000001L);
        assertThat(status(SeamcallDispatcher.TDH_MNG_INIT, TDR, PARAMS, 0, 0)).isEqualTo(0xC000010000000000L | 65); // XFAM 0
        m.fixture("host.memory", Map.of("hpa", Long.toString(PARAMS), "qwords", "0 3 1 0x1E 0 0x19"));
        RegisterFile r = seam(SeamcallDispatcher.TDH_MNG_INIT, TDR, PARAMS, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).isZero();
        long vp = TDR + 0x10000;
        assertThat(status(SeamcallDispatcher.TDH_VP_CREATE, vp, TDR, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_VP_INIT, vp, 0, 0, 0)).isEqualTo(SeamStatus.TDX_TDCX_NUM_INCORRECT);
        for (int i = 1; i <= 5; i++) assertThat(status(SeamcallDispatcher.TDH_VP_ADDCX, vp + i * 0x1000L, vp, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_VP_INIT, vp, 0, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_VP_INIT, vp, 0, 0, 0)).isEqualTo(SeamStatus.TDX_VCPU_STATE_INCORRECT);
        // SEPT: level 1 without level 2 → walk failed
        r = seam(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 1, TDR, TDR + 0x20000, 0);
        assertThat(r.gpr(0)).isEqualTo(0xC0000B0000000001L);
        assertThat(r.gpr(2)).isEqualTo(3);
        assertThat(status(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 3, TDR, TDR + 0x1F000, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 2, TDR, TDR + 0x20000, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 1, TDR, TDR + 0x21000, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 1, TDR, TDR + 0x22000, 0)).isEqualTo(0xC0000B0D00000001L);
        m.fixture("host.memory", Map.of("hpa", Long.toString(SRC), "fill", "0xAB"));
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_ADD, 0, TDR, TDR, SRC)).isEqualTo(0xC000030000000008L);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_ADD, 0, TDR, TDR + 0x30000, SRC)).isZero();
        for (int c = 0; c < 16; c++) assertThat(status(SeamcallDispatcher.TDH_MR_EXTEND, c * 256L, TDR, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MR_EXTEND, 0x1000, TDR, 0, 0)).isEqualTo(0xC0000B0300000001L);
        assertThat(status(SeamcallDispatcher.TDH_MR_FINALIZE, TDR, 0, 0, 0)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_ADD, 0x1000, TDR, TDR + 0x31000, SRC)).isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);

        // expected MRTD: SHA-384 over the PAGE.ADD block, then 16 x (MR.EXTEND block + 256 bytes of 0xAB)
        java.security.MessageDigest md = SeamHost.sha384();
        byte[] b = new byte[128];
        System.arraycopy("MEM.PAGE.ADD".getBytes(), 0, b, 0, 12);
        md.update(b);
        byte[] chunk = new byte[256];
        java.util.Arrays.fill(chunk, (byte) 0xAB);
        for (int c = 0; c < 16; c++) {
            b = new byte[128];
            System.arraycopy("MR.EXTEND".getBytes(), 0, b, 0, 9);
            TdhMemPageAdd.putLe(b, 16, c * 256L);
            md.update(b);
            md.update(chunk);
        }
        assertThat(m.seam.tds.get(TDR).mrtdValue).isEqualTo(md.digest());
    }

    @Test
    void busyFixture() {
        m.fixture("platform.ready", Map.of());
        m.fixture("host.lock", Map.of("hpa", Long.toString(TDR)));
        assertThat(status(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 33, 0, 0)).isEqualTo(0x8000020000000001L);
        m.fixture("host.lock", Map.of("resource", "KOT"));
        assertThat(status(SeamcallDispatcher.TDH_MNG_CREATE, TDR + 0x1000, 33, 0, 0)).isEqualTo(0x8000020000000000L | 186);
    }

    @Test
    void resetIsUninitialisedAndGuestSideUnchanged() {
        m.fixture("platform.ready", Map.of());
        m.reset();
        assertThat(m.seam.sysState).isEqualTo(SeamHost.SYSINIT_PENDING);
        RegisterFile r = tdcall(TdxModule.TDG_VP_INFO, filled());
        assertThat(r.gpr(0)).isZero();
    }
}
