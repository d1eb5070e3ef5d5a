package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.CPUIDVE.SET (leaf 5): controls whether CPUID executed in supervisor mode (RCX bit 0) or user mode
 * (RCX bit 1) causes #VE unconditionally (intel/tdx-module {@code tdg_vp_cpuidve_set.c}).
 * RCX[63:2] reserved, must be 0 → TDX_OPERAND_INVALID, operand RCX. No outputs.
 */
final class TdgVpCpuidveSet implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long rcx = regs.gpr(1);
        if ((rcx >>> 2) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        m.td.cpuidSupervisorVe = (int) (rcx & 1);
        m.td.cpuidUserVe = (int) ((rcx >>> 1) & 1);
        return TdxStatus.TDX_SUCCESS;
    }
}
