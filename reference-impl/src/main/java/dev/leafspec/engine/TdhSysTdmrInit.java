package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.TDMR.INIT (leaf 36; tdx_1.5 {@code api_calls/tdh_sys_tdmr_init.c}): initialises the next 1024 4KB PAMT
 * entries (4 MB) of a TDMR. Input RCX = TDMR base (1 GB aligned, below MAX_PA, HKID 0). Output RDX = how far the
 * TDMR is initialised, rounded down to 1 GB (0 on error); the host repeats the call while RDX is below the TDMR end.
 * Errors: bad RCX or not a configured TDMR base → TDX_OPERAND_INVALID(RCX); TDMR locked → TDX_OPERAND_BUSY(RCX);
 * fully initialised → TDX_TDMR_ALREADY_INITIALIZED (not an error). Runs only when the module is READY (dispatcher).
 */
final class TdhSysTdmrInit implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long base = r.gpr(1);
        r.gpr(2, 0);
        if ((base & (SeamHost.GB - 1)) != 0 || (base >>> SeamHost.HKID_SHIFT) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        }
        SeamHost.Tdmr t = null;
        for (SeamHost.Tdmr x : h.tdmrs) if (x.base == base) t = x;
        if (t == null) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        if (h.lockedPages.contains(base >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_RCX);
        if (t.lastInitialized >= t.base + t.size) return SeamStatus.TDX_TDMR_ALREADY_INITIALIZED;
        t.lastInitialized = Math.min(t.base + t.size, t.lastInitialized + SeamHost.TDMR_4K_PAMT_INIT_COUNT * SeamHost.PAGE);
        r.gpr(2, t.lastInitialized & ~(SeamHost.GB - 1));
        return TdxStatus.TDX_SUCCESS;
    }
}
