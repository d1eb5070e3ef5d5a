package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.MR.VERIFYREPORT (leaf 22, module 1.5): verifies a REPORTMACSTRUCT was produced on this platform
 * (intel/tdx-module {@code src/td_dispatcher/vm_exits/tdg_mr_verifyreport.c}).
 * <ul>
 * <li>Without SEAMVERIFYREPORT support on the platform: TDX_OPERAND_INVALID operand RAX.</li>
 * <li>RCX = GPA of the 256-byte REPORTMACSTRUCT, 256-byte aligned and a valid private GPA, else
 *     TDX_OPERAND_INVALID operand RCX.</li>
 * <li>MAC mismatch: TDX_INVALID_REPORTMACSTRUCT (0xC000100100000000). Success: TDX_SUCCESS.</li>
 * </ul>
 * No output registers. (TDX_INVALID_CPUSVN is not produced: the model's CPUSVN never changes.)
 */
final class TdgMrVerifyreport implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        if (!m.td.verifyReportAvailable) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RAX);
        }
        long gpa = regs.gpr(1);
        if ((gpa & (TdReport.REPORTMAC_SIZE - 1)) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        long acc = m.guestAccess(gpa, true, false);
        if (acc != TdxStatus.TDX_SUCCESS) {
            return TdxModule.isSignal(acc) ? acc : TdxStatus.withOperand(acc, TdxStatus.OPERAND_ID_RCX);
        }
        byte[] rms = m.td.memory.read(gpa, TdReport.REPORTMAC_SIZE);
        return TdReport.verify(rms) ? TdxStatus.TDX_SUCCESS : TdxStatus.TDX_INVALID_REPORTMACSTRUCT;
    }
}
