package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.SHUTDOWN (leaf 52, version 0, module 1.5; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_sys_shutdown.c}):
 * shuts the module down for a TD-preserving update.
 *
 * <p>Input: RCX (64 bits) = the requested handoff version. It must lie in [MIN_UPDATE_HV, MODULE_HV] and equal
 * MODULE_HV when NO_DOWNGRADE is set; the modelled module is built with the source's defaults (proj_defs.mk:
 * TDX_MODULE_HV = 0, TDX_MIN_UPDATE_HV = 0, TDX_NO_DOWNGRADE = 0; TDH.SYS.RD reads the same), so only RCX = 0 is
 * accepted. No output register besides RAX.
 *
 * <p>Errors in order: RCX outside the range → TDX_OPERAND_INVALID (0xC000010000000000) with operand RCX (1), state
 * unchanged; the global lock taken by another flow → TDX_SYS_BUSY (never in the model: one SEAMCALL at a time);
 * another LP busy inside the module → TDX_SYS_BUSY with the state set back to READY (never in the model). On success
 * the state becomes SHUTDOWN: the dispatcher then answers every leaf but TDH.SYS.LP.SHUTDOWN with TDX_SYS_SHUTDOWN
 * (0xC000050600000000). The dispatcher runs this leaf only on a READY module (TDX_SYS_NOT_READY otherwise). The
 * handoff data written for the next module (header valid, HV, size) is not observable and not modelled.
 */
final class TdhSysShutdown implements SeamLeaf {
    /** tdx_1.5 proj_defs.mk defaults. */
    static final long MODULE_HV = 0, MIN_UPDATE_HV = 0;
    static final boolean NO_DOWNGRADE = false;

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long hv = r.gpr(1);
        if (Long.compareUnsigned(hv, MIN_UPDATE_HV) < 0 || Long.compareUnsigned(hv, MODULE_HV) > 0
                || (NO_DOWNGRADE && hv != MODULE_HV)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        }
        h.sysState = SeamHost.SYS_SHUTDOWN;
        return TdxStatus.TDX_SUCCESS;
    }
}
