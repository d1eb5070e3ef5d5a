package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.VEINFO.GET (leaf 3): reads and frees the #VE information area
 * (intel/tdx-module {@code src/td_dispatcher/vm_exits/tdg_vp_veinfo_get.c}).
 * Outputs: RCX[31:0] exit reason (RCX[63:32] = 0), RDX exit qualification, R8 guest linear address,
 * R9 guest physical address, R10[31:0] instruction length and R10[63:32] instruction information.
 * RCX, RDX, R8, R9, R10 are set to 0 first; with no valid #VE information the status is
 * TDX_NO_VALID_VE_INFO (0xC000070400000000) and they stay 0. Reading clears the VALID flag.
 */
final class TdgVpVeinfoGet implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        Td td = m.td;
        regs.gpr(1, 0);
        regs.gpr(2, 0);
        regs.gpr(8, 0);
        regs.gpr(9, 0);
        regs.gpr(10, 0);
        if (!td.veValid) {
            return TdxStatus.TDX_NO_VALID_VE_INFO;
        }
        regs.gpr(1, td.veExitReason & 0xFFFFFFFFL);
        regs.gpr(2, td.veExitQualification);
        regs.gpr(8, td.veGla);
        regs.gpr(9, td.veGpa);
        regs.gpr(10, td.veInstLenAndInfo);
        td.veValid = false;
        return TdxStatus.TDX_SUCCESS;
    }
}
