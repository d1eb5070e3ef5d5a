package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.INIT (leaf 33; tdx_1.5 {@code api_calls/tdh_sys_init.c}). Input RCX = SYS_ATTRIBUTES (64 bits, all reserved).
 * Outputs RCX, RDX, R8, R9, R10 (CPUID check details, 64 bits each) are zeroed on entry. Errors: RCX != 0 →
 * TDX_OPERAND_INVALID(RCX), checked before the state; state not SYSINIT_PENDING → TDX_SYS_INIT_NOT_PENDING.
 * Success moves the module to SYSINIT_DONE. The platform checks (CPUID, MSRs, SMRR, CMRs) always pass in the model.
 */
final class TdhSysInit implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long attributes = r.gpr(1);
        r.gpr(1, 0);
        r.gpr(2, 0);
        r.gpr(8, 0);
        r.gpr(9, 0);
        r.gpr(10, 0);
        if (attributes != 0) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        if (h.sysState != SeamHost.SYSINIT_PENDING) return SeamStatus.TDX_SYS_INIT_NOT_PENDING;
        h.sysState = SeamHost.SYSINIT_DONE;
        return TdxStatus.TDX_SUCCESS;
    }
}
