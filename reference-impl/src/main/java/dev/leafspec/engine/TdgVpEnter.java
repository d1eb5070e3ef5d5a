package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.ENTER (leaf 25, module 1.5): enters an L2 VM (intel/tdx-module {@code src/td_transitions/tdg_vp_enter.c}).
 * RDX = GPA of the L2 guest-state buffer, 256-byte aligned and a valid private GPA, else TDX_OPERAND_INVALID
 * operand RDX. RCX: bits 1:0 INVEPT type, 51:2 reserved, 53:52 VM index (1..NUM_L2_VMS), 63:54 reserved;
 * the modelled TD has no L2 VMs, so every call that passes the RDX check gets TDX_OPERAND_INVALID operand RCX.
 */
final class TdgVpEnter implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long rdx = regs.gpr(2);
        if ((rdx & 0xFF) != 0 || !m.td.memory.isValidGpa(rdx, true)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RDX);
        }
        return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
    }
}
