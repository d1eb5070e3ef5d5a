package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.LP.INIT (leaf 35; tdx_1.5 {@code api_calls/tdh_sys_lp_init.c}), run once on each logical processor
 * (the current LP is chosen with fixture {@code platform.lp}). Outputs RCX, RDX, R8 (CPUID consistency details)
 * are zeroed on entry. Errors: state not SYSINIT_DONE → TDX_SYS_LP_INIT_NOT_PENDING; this LP already initialised →
 * TDX_SYS_LP_INIT_DONE.
 */
final class TdhSysLpInit implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        r.gpr(1, 0);
        r.gpr(2, 0);
        r.gpr(8, 0);
        if (h.sysState != SeamHost.SYSINIT_DONE) return SeamStatus.TDX_SYS_LP_INIT_NOT_PENDING;
        if (h.lpInit[h.currentLp]) return SeamStatus.TDX_SYS_LP_INIT_DONE;
        h.lpInit[h.currentLp] = true;
        h.numInitLps++;
        return TdxStatus.TDX_SUCCESS;
    }
}
