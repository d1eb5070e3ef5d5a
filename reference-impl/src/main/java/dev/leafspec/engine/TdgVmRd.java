package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VM.RD (leaf 7, versions 0 and 1): reads one TD-scope metadata element
 * (intel/tdx-module {@code src/td_dispatcher/vm_exits/tdg_vm_rd_wr.c}, {@code metadata_td.c md_td_read_element}).
 * <ul>
 * <li>RCX = VM index, must be 0 (the TD itself), else TDX_OPERAND_INVALID operand RCX.</li>
 * <li>RDX = field identifier ({@link TdMetadata}); CONTEXT_CODE is ignored.</li>
 * <li>Output R8 = the element value ANDed with the guest read mask; R8 = 0 on any error.</li>
 * <li>Version 1: RDX = -1 first; on success RDX = the next readable field id; an all-ones (null) field id
 *     returns TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT (0x00000C0B00000000) with RDX = the first readable id.</li>
 * <li>Errors: malformed id or no such field → TDX_METADATA_FIELD_ID_INCORRECT (0xC0000C0000000000);
 *     a field the guest cannot read → TDX_METADATA_FIELD_NOT_READABLE (0xC0000C0200000000).</li>
 * </ul>
 * Module 1.0 (version 0 only; the dispatcher rejects version 1) uses its own field codes and statuses,
 * see {@link TdMetadata10}.
 */
final class TdgVmRd implements Leaf {
    static final int CLASS_CPUID_VALUES = 0x14;

    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        if (!m.td.is15()) return TdMetadata10.readWrite(m.td, regs, false);
        long requested = regs.gpr(2);
        if (version > 0) regs.gpr(2, TdMetadata.FIELD_ID_NA);
        regs.gpr(8, 0);
        if (version > 1) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RAX);
        }
        if (regs.gpr(1) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        long id = TdMetadata.withContext(requested, TdMetadata.CTX_TD);
        if (version > 0 && TdMetadata.isNull(id)) {
            regs.gpr(2, TdMetadata.nextReadable(TdMetadata.TD, TdMetadata.CTX_TD, id, -1));
            return TdxStatus.TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
        }
        int idx = lookup(id);
        if (idx < 0) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        TdMetadata.Field f = TdMetadata.TD[idx];
        if (f.classCode() == CLASS_CPUID_VALUES || f.guestRd == 0) {
            return TdxStatus.TDX_METADATA_FIELD_NOT_READABLE;
        }
        long value = m.td.readTdField(f, (int) (id & 0xFFFFFF) - f.fieldCode()) & f.guestRd;
        if (version > 0) regs.gpr(2, TdMetadata.nextReadable(TdMetadata.TD, TdMetadata.CTX_TD, id, idx));
        regs.gpr(8, value);
        return TdxStatus.TDX_SUCCESS;
    }

    /**
     * Single-element check and table lookup, with md_td_get_element's class rules: L2 SEPT root classes
     * (0x25, 0x29, 0x2D) do not exist in a TD without L2 VMs.
     * @return the entry index, or -1 for TDX_METADATA_FIELD_ID_INCORRECT
     */
    static int lookup(long id) {
        if (!TdMetadata.isSingleElementId(id)) return -1;
        int idx = TdMetadata.find(TdMetadata.TD, id);
        if (idx < 0) return -1;
        int cls = TdMetadata.TD[idx].classCode();
        if (cls == 0x25 || cls == 0x29 || cls == 0x2D) return -1;
        return idx;
    }
}
