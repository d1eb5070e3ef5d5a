package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.INVEPT (leaf 26, module 1.5): invalidates cached L2 EPT translations (intel/tdx-module
 * {@code tdg_vp_invept.c}). RCX = bitmap of VMs: bit 0 (the L1 VMM) must be 0 and bits above NUM_L2_VMS
 * must be 0, else TDX_OPERAND_INVALID operand RCX. With no L2 VMs only RCX = 0 succeeds (TDX_SUCCESS, no-op).
 */
final class TdgVpInvept implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long mask = regs.gpr(1);
        int numL2Vms = 0;
        if ((mask & 1) != 0 || (mask >>> (numL2Vms + 1)) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        return TdxStatus.TDX_SUCCESS;
    }
}
