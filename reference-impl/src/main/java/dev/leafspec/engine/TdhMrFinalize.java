package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MR.FINALIZE (leaf 17; tdx_1.5 {@code api_calls/tdh_mr_finalize.c}): completes MRTD (SHA-384) and makes the
 * TD RUNNABLE. Input RCX = TDR HPA. Errors: TDR checks (RCX); TD fatal/keys/TDCS; OP_STATE not INITIALIZED →
 * TDX_OP_STATE_INCORRECT; no VCPU initialised → TDX_NO_VCPUS. Also computes TDCS.SERVTD_HASH from the service-TD
 * binding table ({@link TdhServtdBind#servtdHash}).
 */
final class TdhMrFinalize implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdr = r.gpr(1);
        long s = h.checkTdr(tdr, SeamStatus.OP_RCX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_INITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        if (td.numInitVcpus == 0) return SeamStatus.TDX_NO_VCPUS;
        td.mrtdValue = td.mrtd.digest();
        td.servtdHash = TdhServtdBind.servtdHash(td);
        td.opState = SeamHost.OP_RUNNABLE;
        return TdxStatus.TDX_SUCCESS;
    }
}
