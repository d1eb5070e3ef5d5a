package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.INVVPID (leaf 27, module 1.5): invalidates L2 TLB entries by GLA (intel/tdx-module
 * {@code tdg_vp_invvpid.c}). RCX: bit 0 LIST, 51:1 reserved, 53:52 VM index (1..NUM_L2_VMS), 63:54 reserved.
 * The modelled TD has no L2 VMs, so every call gets TDX_OPERAND_INVALID operand RCX.
 */
final class TdgVpInvvpid implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
    }
}
