package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.VP.INIT (leaf 22, version 0; tdx_1.5 {@code api_calls/tdh_vp_init.c}; the tdx_1.5 dispatcher rejects version 1,
 * which TDX 1.5.05 added). Inputs: RCX = TDVPR HPA, RDX = the guest's initial RCX. Errors: TDVPR checks (RCX);
 * owner TDR locked → TDX_OPERAND_BUSY(TDR); TD fatal/keys/TDCS; OP_STATE not INITIALIZED → TDX_OP_STATE_INCORRECT;
 * not exactly 6 + 3 x NUM_L2_VMS TDVPS pages → TDX_TDCX_NUM_INCORRECT; already initialised →
 * TDX_VCPU_STATE_INCORRECT; MAX_VCPUS VCPUs already initialised → TDX_MAX_VCPUS_EXCEEDED.
 */
final class TdhVpInit implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdvpr = r.gpr(1);
        long s = h.checkPage(tdvpr, SeamStatus.OP_RCX, SeamHost.PT_TDVPR);
        if (s != 0) return s;
        SeamHost.VcpuCtx v = h.vcpus.get(tdvpr);
        SeamHost.TdCtx td = h.tds.get(v.tdr);
        if (h.lockedPages.contains(v.tdr >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_TDR);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_INITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        if (v.pages != SeamHost.MIN_TDVPS_PAGES + SeamHost.TDVPS_PAGES_PER_L2_VM * td.numL2Vms) {
            return SeamStatus.TDX_TDCX_NUM_INCORRECT;
        }
        if (v.initialized) return SeamStatus.TDX_VCPU_STATE_INCORRECT;
        if (td.numInitVcpus >= td.maxVcpus) return SeamStatus.TDX_MAX_VCPUS_EXCEEDED;
        v.initialized = true;
        v.assocLp = h.currentLp; // associate_vcpu_initial
        v.initialRcx = r.gpr(2);
        td.numInitVcpus++;
        return TdxStatus.TDX_SUCCESS;
    }
}
