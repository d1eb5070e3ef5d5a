package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * TDG.MEM.PAGE.ATTR.WR (leaf 24, module 1.5), modelled to the level of input validation for a TD with
 * no L2 VMs (intel/tdx-module {@code tdg_mem_page_attr_wr.c}). For each VM index 0..3, the 16-bit slice
 * of RDX (new attributes) must be 0, else TDX_OPERAND_INVALID operand RDX, and the 16-bit slice of R8
 * (attribute flags) must be 0, else operand R8 (checked VM by VM, RDX first). Then RCX (page info:
 * LEVEL 2:0 in 0..2, reserved 11:3 and 63:52 zero, GPA aligned to the level, valid private GPA), else
 * operand RCX. On these errors RCX = RDX = 0. The Secure-EPT update itself is not modelled: valid inputs
 * throw NotSupportedException.
 */
final class TdgMemPageAttrWr implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long attrs = regs.gpr(2);
        long flags = regs.gpr(8);
        long rcx = regs.gpr(1);
        long status = 0;
        for (int vm = 0; vm < 4 && status == 0; vm++) {
            if (((attrs >>> (16 * vm)) & 0xFFFF) != 0) {
                status = TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RDX);
            } else if (((flags >>> (16 * vm)) & 0xFFFF) != 0) {
                status = TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_R8);
            }
        }
        if (status == 0) {
            int level = (int) (rcx & 7);
            long gpa = rcx & 0x000FFFFFFFFFF000L;
            boolean reserved = ((rcx >>> 3) & 0x1FF) != 0 || (rcx >>> 52) != 0;
            if (reserved || level > 2 || (gpa & (GuestMemory.levelSize(level) - 1)) != 0
                    || !m.td.memory.isValidGpa(gpa, true)) {
                status = TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
            }
        }
        if (status != 0) {
            regs.gpr(1, 0);
            regs.gpr(2, 0);
            return status;
        }
        throw new NotSupportedException("leaf TDG.MEM.PAGE.ATTR.WR (Secure-EPT attribute update)");
    }
}
