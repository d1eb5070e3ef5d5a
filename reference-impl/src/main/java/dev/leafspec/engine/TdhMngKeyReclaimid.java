package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MNG.KEY.RECLAIMID (leaf 27, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mng_key_reclaimid.c}):
 * kept for compatibility; the 1.5 handler ignores RCX (the TDR HPA in TDX 1.0) and returns TDX_SUCCESS. It changes
 * no state and writes no register; the dispatcher's RAX and SYS_READY checks still apply.
 */
final class TdhMngKeyReclaimid implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        return TdxStatus.TDX_SUCCESS;
    }
}
