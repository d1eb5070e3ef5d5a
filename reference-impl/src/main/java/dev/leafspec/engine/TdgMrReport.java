package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.MR.REPORT (leaf 4): writes a TDREPORT_STRUCT ({@link TdReport}) to guest memory
 * (intel/tdx-module {@code src/td_dispatcher/vm_exits/tdg_mr_report.c}). Checks in source order:
 * <ol>
 * <li>RCX = GPA of the 1024-byte output, 1024-byte aligned, else TDX_OPERAND_INVALID operand RCX;</li>
 * <li>RDX = GPA of the 64-byte REPORTDATA, 64-byte aligned, else operand RDX;</li>
 * <li>RDX must be a valid (private or shared) GPA, else TDX_OPERAND_INVALID operand RDX;</li>
 * <li>R8 = report sub-type, must be 0, else operand R8;</li>
 * <li>RCX must be a valid (private or shared) GPA, else operand RCX.</li>
 * </ol>
 * Unmapped private operands cause an EPT-violation TD exit, PENDING ones a #VE. No output registers.
 */
final class TdgMrReport implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long reportGpa = regs.gpr(1);
        long dataGpa = regs.gpr(2);
        long subType = regs.gpr(8);
        if ((reportGpa & 1023) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        if ((dataGpa & 63) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RDX);
        }
        long acc = m.guestAccess(dataGpa, false, false);
        if (acc != TdxStatus.TDX_SUCCESS) {
            return TdxModule.isSignal(acc) ? acc : TdxStatus.withOperand(acc, TdxStatus.OPERAND_ID_RDX);
        }
        if (subType != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_R8);
        }
        byte[] report = TdReport.build(m.td, m.td.memory.read(dataGpa, 64));
        acc = m.guestAccess(reportGpa, false, true);
        if (acc != TdxStatus.TDX_SUCCESS) {
            return TdxModule.isSignal(acc) ? acc : TdxStatus.withOperand(acc, TdxStatus.OPERAND_ID_RCX);
        }
        m.td.memory.write(reportGpa, report);
        return TdxStatus.TDX_SUCCESS;
    }
}
