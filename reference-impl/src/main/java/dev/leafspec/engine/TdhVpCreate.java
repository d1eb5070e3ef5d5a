package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.VP.CREATE (leaf 10; tdx_1.5 {@code api_calls/tdh_vp_create.c}): makes a free page the TDVPR of a new VCPU.
 * Inputs: RCX = new TDVPR HPA, RDX = TDR HPA. Errors: TDR checks (RDX); TDX_TD_FATAL; TDX_TD_KEYS_NOT_CONFIGURED;
 * TDX_TDCS_NOT_ALLOCATED; OP_STATE not INITIALIZED (before TDH.MNG.INIT or after TDH.MR.FINALIZE) →
 * TDX_OP_STATE_INCORRECT; page checks (RCX, must be NDA). The VCPU gets the next VCPU index.
 */
final class TdhVpCreate implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long page = r.gpr(1), tdr = r.gpr(2);
        long s = h.checkTdr(tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_INITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        s = h.checkPage(page, SeamStatus.OP_RCX, SeamHost.PT_NDA);
        if (s != 0) return s;
        h.zeroPage(page);
        h.assign(page, SeamHost.PT_TDVPR, tdr);
        SeamHost.VcpuCtx v = new SeamHost.VcpuCtx(page, tdr);
        v.index = td.numVcpus++;
        v.pagePas.add(page);
        h.vcpus.put(page, v);
        td.childPages++;
        return TdxStatus.TDX_SUCCESS;
    }
}
