package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.MR.RTMR.EXTEND (leaf 2): RTMR[index] = SHA-384(RTMR[index] || 48 bytes of extend data)
 * (intel/tdx-module {@code src/td_dispatcher/vm_exits/tdg_mr_rtmr_extend.c}).
 * <ul>
 * <li>RCX = GPA of the 48-byte extend data, 64-byte aligned, private: misaligned, or not a valid private
 *     GPA (SHARED bit set, bits above GPAW) → TDX_OPERAND_INVALID, operand RCX. An unmapped GPA causes an
 *     EPT-violation TD exit; a PENDING page a #VE.</li>
 * <li>RDX = RTMR index 0..3 (checked after the GPA); &gt; 3 → TDX_OPERAND_INVALID, operand RDX.</li>
 * </ul>
 * No output registers.
 */
final class TdgMrRtmrExtend implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long gpa = regs.gpr(1);
        long index = regs.gpr(2);
        if ((gpa & 63) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        long acc = m.guestAccess(gpa, true, false);
        if (acc != TdxStatus.TDX_SUCCESS) {
            return TdxModule.isSignal(acc) ? acc : TdxStatus.withOperand(acc, TdxStatus.OPERAND_ID_RCX);
        }
        byte[] data = m.td.memory.read(gpa, 48);
        if (Long.compareUnsigned(index, 4) >= 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RDX);
        }
        byte[] rtmr = m.td.rtmr[(int) index];
        byte[] cat = new byte[96];
        System.arraycopy(rtmr, 0, cat, 0, 48);
        System.arraycopy(data, 0, cat, 48, 48);
        System.arraycopy(Td.sha384(cat), 0, rtmr, 0, 48);
        return TdxStatus.TDX_SUCCESS;
    }
}
