package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.UPDATE (leaf 53, version 0, module 1.5; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_sys_update.c}):
 * after a TD-preserving update, imports the previous module's handoff data and makes this module READY instead of
 * TDH.SYS.CONFIG / KEY.CONFIG / TDMR.INIT. No input or output register besides RAX.
 *
 * <p>Errors in order: the global lock held → TDX_SYS_BUSY (never in the model); the state is not SYSINIT_DONE (after
 * TDH.SYS.INIT) or not every LP has done TDH.SYS.LP.INIT → TDX_SYS_STATE_INCORRECT (0xC000050800000000); no valid
 * handoff data, or its version outside [MIN_UPDATE_HV, MODULE_HV] → TDX_SYS_INVALID_HANDOFF (0xC000050900000000).
 * The dispatcher runs the leaf before READY (allow-list) and answers TDX_SYS_SHUTDOWN after TDH.SYS.SHUTDOWN.
 *
 * <p>Model: a freshly loaded module never finds handoff data (loading a new module over a shut-down one is outside the
 * register-level model), so the leaf's last reachable status is TDX_SYS_INVALID_HANDOFF; success is not reachable.
 */
final class TdhSysUpdate implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        if (h.sysState != SeamHost.SYSINIT_DONE || h.numInitLps < h.numLps) return SeamStatus.TDX_SYS_STATE_INCORRECT;
        return SeamStatus.TDX_SYS_INVALID_HANDOFF;
    }
}
