package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VM.WR (leaf 8): writes one TD-scope metadata element under a write mask
 * (intel/tdx-module {@code tdg_vm_rd_wr.c}, {@code metadata_td.c md_td_write_element},
 * {@code metadata_generic.h md_check_forbidden_bits_unchanged}).
 * <ul>
 * <li>RCX = VM index, must be 0, else TDX_OPERAND_INVALID operand RCX. RDX = field id, R8 = value,
 *     R9 = write mask.</li>
 * <li>Effective mask = guest write mask AND R9; if 0 → TDX_METADATA_FIELD_NOT_WRITABLE (0xC0000C0100000000).</li>
 * <li>Bits requested in R9 but not guest-writable must equal the current value, else
 *     TDX_METADATA_FIELD_VALUE_NOT_VALID (0xC0000C0300000000). TD_CTLS.PENDING_VE_DISABLE (bit 0) may change
 *     only when CONFIG_FLAGS.FLEXIBLE_PENDING_VE is set, else the same error.</li>
 * <li>Output R8 = the previous value ANDed with the guest read mask; R8 = 0 on error.</li>
 * </ul>
 * Guest-writable TD fields in 1.5: NOTIFY_ENABLES bit 0, TD_CTLS bit 0.
 * Module 1.0 uses its own field codes and statuses and ignores R9 bits outside the write mask,
 * see {@link TdMetadata10}.
 */
final class TdgVmWr implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        if (!m.td.is15()) return TdMetadata10.readWrite(m.td, regs, true);
        long value = regs.gpr(8);
        long mask = regs.gpr(9);
        regs.gpr(8, 0);
        if (regs.gpr(1) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        long id = TdMetadata.withContext(regs.gpr(2), TdMetadata.CTX_TD);
        int idx = TdgVmRd.lookup(id);
        if (idx < 0) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        TdMetadata.Field f = TdMetadata.TD[idx];
        if (f.classCode() == TdgVmRd.CLASS_CPUID_VALUES) return TdxStatus.TDX_METADATA_FIELD_NOT_READABLE;
        int elem = (int) (id & 0xFFFFFF) - f.fieldCode();
        long current = m.td.readTdField(f, elem);
        long combined = f.guestWr & mask;
        if (combined == 0) return TdxStatus.TDX_METADATA_FIELD_NOT_WRITABLE;
        long forbidden = mask & ~f.guestWr;
        if ((current & forbidden) != (value & forbidden)) return TdxStatus.TDX_METADATA_FIELD_VALUE_NOT_VALID;
        long merged = (current & ~combined) | (value & combined);
        if (f.name.equals("TD_CTLS") && !m.td.flexiblePendingVe && ((merged ^ current) & 1) != 0) {
            return TdxStatus.TDX_METADATA_FIELD_VALUE_NOT_VALID;
        }
        m.td.writeTdField(f, elem, merged);
        regs.gpr(8, current & f.guestRd);
        return TdxStatus.TDX_SUCCESS;
    }
}
