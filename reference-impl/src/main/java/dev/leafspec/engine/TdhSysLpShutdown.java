package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.LP.SHUTDOWN (leaf 44, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_sys_lp_shutdown.c}): a
 * deprecated placeholder in module 1.5. It reads no register (RCX..R15 are ignored), writes none, changes no state and
 * returns TDX_SUCCESS (0) in RAX. The dispatcher runs it in every module state: before READY (it is on the
 * not-ready allow-list) and after TDH.SYS.SHUTDOWN (the only leaf that is). Errors: only the dispatcher's RAX checks
 * (a reserved RAX bit 63:24 or a version above 0: TDX_OPERAND_INVALID with operand RAX). Module 1.0 shut the module
 * down here; that behaviour moved to {@link TdhSysShutdown} in 1.5 and is not modelled.
 */
final class TdhSysLpShutdown implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        return TdxStatus.TDX_SUCCESS;
    }
}
