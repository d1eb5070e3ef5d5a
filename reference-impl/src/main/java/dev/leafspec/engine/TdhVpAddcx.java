package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.VP.ADDCX (leaf 4; tdx_1.5 {@code api_calls/tdh_vp_addcx.c}): adds a TDVPS page to a VCPU. Inputs: RCX = new
 * page HPA, RDX = TDVPR HPA. Errors: TDVPR checks (RDX, type TDVPR); TD fatal/keys/TDCS; OP_STATE not INITIALIZED →
 * TDX_OP_STATE_INCORRECT; VCPU initialised → TDX_VCPU_STATE_INCORRECT; already 15 TDVPS pages (the TDVPR counts) →
 * TDX_TDCX_NUM_INCORRECT; page checks (RCX, must be NDA). The page becomes TDCX owned by the TD's TDR.
 */
final class TdhVpAddcx implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long page = r.gpr(1), tdvpr = r.gpr(2);
        long s = h.checkPage(tdvpr, SeamStatus.OP_RDX, SeamHost.PT_TDVPR);
        if (s != 0) return s;
        SeamHost.VcpuCtx v = h.vcpus.get(tdvpr);
        SeamHost.TdCtx td = h.tds.get(v.tdr);
        if (h.lockedPages.contains(v.tdr >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_TDR);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_INITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        if (v.initialized) return SeamStatus.TDX_VCPU_STATE_INCORRECT;
        if (v.pages >= SeamHost.MAX_TDVPS_PAGES) return SeamStatus.TDX_TDCX_NUM_INCORRECT;
        s = h.checkPage(page, SeamStatus.OP_RCX, SeamHost.PT_NDA);
        if (s != 0) return s;
        h.zeroPage(page);
        h.assign(page, SeamHost.PT_TDCX, v.tdr);
        v.pages++;
        v.pagePas.add(page);
        td.childPages++;
        return TdxStatus.TDX_SUCCESS;
    }
}
