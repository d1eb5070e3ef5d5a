package dev.leafspec.engine;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TDH.SERVTD.BIND / PREBIND (tdx_1.5 migration_api_calls/tdh_servtd_bind.c, tdh_servtd_prebind.c, service_td.h). */
class ServtdBindTest extends SeamTestBase {
    static final int BIND = 48, PREBIND = 49;
    /** A second TD (the service TD): TDR, 6 TDCS pages, a VCPU with 5 TDVPS pages, finalized with no private page. */
    static final long TDR2 = 0x4010_0000L, VP2 = TDR2 + 0x10000, HASH = 0x3001_0000L;

    RegisterFile call(int leaf, long rcx, long rdx, long r8, long r9, long r10) {
        RegisterFile r = filled();
        r.gpr(0, leaf);
        r.gpr(1, rcx);
        r.gpr(2, rdx);
        r.gpr(8, r8);
        r.gpr(9, r9);
        r.gpr(10, r10);
        m.call(Instruction.SEAMCALL, r);
        return r;
    }

    /** Target TD (TDR) INITIALIZED with one VCPU (no SEPT/pages); service TD (TDR2) RUNNABLE. */
    void twoTds() {
        m.fixture("platform.ready", Map.of());
        ok(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 33, 0, 0);
        ok(SeamcallDispatcher.TDH_MNG_CREATE, TDR2, 34, 0, 0);
        for (long t : new long[] {TDR, TDR2}) {
            ok(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, t, 0, 0, 0);
            m.fixture("platform.lp", Map.of("lp", "2"));
            ok(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, t, 0, 0, 0);
            m.fixture("platform.lp", Map.of("lp", "0"));
            for (int i = 1; i <= 6; i++) ok(SeamcallDispatcher.TDH_MNG_ADDCX, t + i * 0x1000L, t, 0, 0);
            m.fixture("host.memory", Map.of("hpa", Long.toString(PARAMS), "qwords", "0 3 1 0x1E 0 0x19"));
            ok(SeamcallDispatcher.TDH_MNG_INIT, t, PARAMS, 0, 0);
            long vp = t + 0x10000;
            ok(SeamcallDispatcher.TDH_VP_CREATE, vp, t, 0, 0);
            for (int i = 1; i <= 5; i++) ok(SeamcallDispatcher.TDH_VP_ADDCX, vp + i * 0x1000L, vp, 0, 0);
            ok(SeamcallDispatcher.TDH_VP_INIT, vp, 0, 0, 0);
        }
        ok(SeamcallDispatcher.TDH_MR_FINALIZE, TDR2, 0, 0, 0);
    }

    @Test
    void bindSucceedsBetweenTwoTdsAndReturnsHandleAndTargetUuid() {
        twoTds();
        RegisterFile r = call(BIND, TDR, TDR2, 0, 0, 0);
        assertThat(r.gpr(0)).isZero();
        SeamHost.TdCtx target = m.seam.tds.get(TDR), servtd = m.seam.tds.get(TDR2);
        assertThat(r.gpr(1)).isEqualTo(TDR + servtd.uuid[0]);
        for (int i = 0; i < 4; i++) assertThat(r.gpr(10 + i)).isEqualTo(target.uuid[i]);
        assertThat(r.gpr(14)).as("R14 untouched").isEqualTo(filled().gpr(14));
        assertThat(target.servtdBindings[0].state).isEqualTo(SeamHost.ServtdBinding.BOUND);
        // rebinding the same service TD, then finalizing the target records SERVTD_HASH
        assertThat(call(BIND, TDR, TDR2, 0, 0, 0).gpr(1)).isEqualTo(r.gpr(1));
        ok(SeamcallDispatcher.TDH_MR_FINALIZE, TDR, 0, 0, 0);
        assertThat(target.servtdHash).isNotEqualTo(new byte[48]);
        // TDH.MNG.RD of TD_UUID agrees
        RegisterFile rd = call(SeamcallDispatcher.TDH_MNG_RD, TDR2, 0x8010000300000020L, 0, 0, 0);
        assertThat(rd.gpr(0)).isZero();
        assertThat(rd.gpr(8)).isEqualTo(servtd.uuid[0]);
    }

    @Test
    void bindErrorsInSourceOrder() {
        twoTds();
        RegisterFile r = call(BIND, TDR, TDR, 0, 0, 0);
        assertThat(r.gpr(0)).isEqualTo(OPERAND_INVALID_RDX);
        for (int g : new int[] {1, 10, 11, 12, 13}) assertThat(r.gpr(g)).as("GPR %d cleared", g).isZero();
        // RDX == RCX is checked before the TDR itself
        assertThat(call(BIND, 0x123, 0x123, 0, 0, 0).gpr(0)).isEqualTo(OPERAND_INVALID_RDX);
        assertThat(call(BIND, 0x123, TDR2, 0, 0, 0).gpr(0)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(call(BIND, TDR, VP2, 0, 0, 0).gpr(0)).isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | 2);
        // service TD not RUNNABLE (the target TD is INITIALIZED)
        assertThat(call(BIND, TDR2, TDR, 0, 0, 0).gpr(0)).isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);
        assertThat(call(BIND, TDR, TDR2, 1, 0, 0).gpr(0)).isEqualTo(OPERAND_INVALID_R8);
        assertThat(call(BIND, TDR, TDR2, 0, 1, 0).gpr(0)).isEqualTo(0xC000010000000009L);
        assertThat(call(BIND, TDR, TDR2, 0, 0x10000, 0).gpr(0)).isEqualTo(0xC000010000000009L);
        assertThat(call(BIND, TDR, TDR2, 0, 0, 2).gpr(0)).isEqualTo(0xC00001000000000AL);
        assertThat(call(BIND, TDR, TDR2, 0, 0, 1L << 43).gpr(0)).isEqualTo(0xC00001000000000AL);
        assertThat(call(BIND, TDR, TDR2, 0, 0, 0x7FFL << 32 | 1).gpr(0)).isZero();
        // rebinding with other attributes
        assertThat(call(BIND, TDR, TDR2, 0, 0, 0).gpr(0)).isEqualTo(SeamStatus.TDX_SERVTD_ATTR_MISMATCH);
    }

    @Test
    void newBindingOfARunnableTargetIsRefused() {
        twoTds();
        ok(SeamcallDispatcher.TDH_MR_FINALIZE, TDR, 0, 0, 0);
        assertThat(call(BIND, TDR, TDR2, 0, 0, 0).gpr(0)).isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);
        assertThat(call(PREBIND, TDR, HASH, 0, 0, 0).gpr(0)).isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);
    }

    @Test
    void prebindThenBindChecksTypeAttributesAndHash() {
        twoTds();
        RegisterFile r = call(PREBIND, TDR, HASH, 0, 0, 0);
        assertThat(r.gpr(0)).isZero();
        assertThat(r.gpr(1)).isEqualTo(TDR);
        assertThat(call(PREBIND, TDR, HASH + 8, 0, 0, 0).gpr(0)).isEqualTo(OPERAND_INVALID_RDX);
        assertThat(call(PREBIND, TDR, HASH | (40L << 46), 0, 0, 0).gpr(0)).isEqualTo(OPERAND_INVALID_RDX);
        assertThat(call(BIND, TDR, TDR2, 0, 0, 1).gpr(0)).isEqualTo(SeamStatus.TDX_SERVTD_ATTR_MISMATCH);
        assertThat(call(BIND, TDR, TDR2, 0, 0, 0).gpr(0)).isEqualTo(SeamStatus.TDX_SERVTD_INFO_HASH_MISMATCH);
        // pre-bind the right hash: the bind succeeds
        byte[] h = TdhServtdBind.teeInfoHash(m.seam.tds.get(TDR2), 0);
        m.seam.write(HASH, h);
        assertThat(call(PREBIND, TDR, HASH, 0, 0, 0).gpr(0)).isZero();
        assertThat(call(BIND, TDR, TDR2, 0, 0, 0).gpr(0)).isZero();
        assertThat(call(PREBIND, TDR, HASH, 0, 0, 0).gpr(0)).isEqualTo(SeamStatus.TDX_SERVTD_BOUND);
    }

    @Test
    void instanceBindingRebindChecksUuid() {
        twoTds();
        assertThat(call(BIND, TDR, TDR2, 0, 0, 1).gpr(0)).isZero();
        m.seam.tds.get(TDR2).uuid[3] ^= 1;
        assertThat(call(BIND, TDR, TDR2, 0, 0, 1).gpr(0)).isEqualTo(SeamStatus.TDX_SERVTD_UUID_MISMATCH);
    }

    @Test
    void bothLeavesAdvertised() {
        assertThat(m.capabilities().supportsLeaf("TDH.SERVTD.BIND")).isTrue();
        assertThat(m.capabilities().supportsLeaf("TDH.SERVTD.PREBIND")).isTrue();
    }
}
