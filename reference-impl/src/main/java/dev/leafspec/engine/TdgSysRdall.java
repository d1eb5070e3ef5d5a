package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * TDG.SYS.RDALL (leaf 12, module 1.5), modelled to the level of input validation
 * (intel/tdx-module {@code tdg_sys_rdall.c}): R8 = -1 first; RDX = GPA of a 4 KB metadata list, 4 KB
 * aligned and a valid private GPA, else TDX_OPERAND_INVALID operand RDX. Dumping the list
 * (md_dump_list) is not modelled: valid inputs throw NotSupportedException.
 */
final class TdgSysRdall implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        regs.gpr(8, TdMetadata.FIELD_ID_NA);
        long gpa = regs.gpr(2);
        if ((gpa & 0xFFF) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RDX);
        }
        long acc = m.guestAccess(gpa, true, true);
        if (acc != TdxStatus.TDX_SUCCESS) {
            return TdxModule.isSignal(acc) ? acc : TdxStatus.withOperand(acc, TdxStatus.OPERAND_ID_RDX);
        }
        throw new NotSupportedException("leaf TDG.SYS.RDALL (metadata list dump)");
    }
}
