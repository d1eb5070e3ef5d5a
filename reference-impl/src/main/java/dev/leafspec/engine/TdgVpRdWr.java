package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.RD (leaf 9) and TDG.VP.WR (leaf 10), module 1.5: read, or write under a mask, one element of a
 * VCPU-scope metadata field of the calling VCPU. Rules from intel/tdx-module tdx_1.5
 * {@code src/td_dispatcher/vm_exits/tdg_vp_rd_wr.c}, {@code src/common/metadata_handlers/metadata_generic.c}
 * ({@code md_check_as_single_element_id, md_read_element, md_write_element,
 * md_get_next_element_in_context}) and {@code metadata_vp.c} ({@code md_vp_get_element,
 * md_vp_read_element, md_vp_write_element}); field tables in {@link VpMetadata}.
 *
 * <p><b>Inputs</b> (64-bit each): RCX must be 0. RDX = field identifier ({@link TdMetadata}: 23:0
 * FIELD_CODE, 33:32 ELEMENT_SIZE_CODE, 37:34 LAST_ELEMENT_IN_FIELD, 46:38 LAST_FIELD_IN_SEQUENCE, 50 INC_SIZE,
 * 51 WRITE_MASK_VALID, 54:52 CONTEXT_CODE, 61:56 CLASS_CODE, 63 NON_ARCH; reserved 31:24, 49:47, 55, 62).
 * CONTEXT_CODE is replaced by 2 (VP); ELEMENT_SIZE_CODE, INC_SIZE and WRITE_MASK_VALID are ignored.
 * TDG.VP.WR also takes R8 = value and R9 = write mask.
 *
 * <p><b>Order of checks and outputs</b>:
 * <ol>
 * <li>Defaults: TDG.VP.RD sets RDX = all ones (null field id); both set R8 = 0. These are the values
 *     after every error.</li>
 * <li>RCX != 0 → TDX_OPERAND_INVALID (0xC000010000000000) | operand RCX (1).</li>
 * <li>TDG.VP.RD only: a null id (all bits except CONTEXT_CODE set) → TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
 *     (0x00000C0B00000000) with RDX = the first guest-readable VCPU field id (VCPU_INDEX,
 *     0xA020000200000002). TDG.VP.WR treats a null id like any other id.</li>
 * <li>A reserved bit, LAST_ELEMENT_IN_FIELD or LAST_FIELD_IN_SEQUENCE set; no matching entry (including the
 *     L2 classes of a TD without L2 VMs); or an odd TD VMCS code (high access) →
 *     TDX_METADATA_FIELD_ID_INCORRECT (0xC0000C0000000000).</li>
 * <li>Read: guest read mask 0 → TDX_METADATA_FIELD_NOT_READABLE (0xC0000C0200000000). Success: R8 = element
 *     value AND read mask, RDX = next guest-readable element id (input id with FIELD_CODE + 1 inside the
 *     same entry, else the next readable entry's id, else all ones).</li>
 * <li>Write: guest write mask AND R9 = 0 → TDX_METADATA_FIELD_NOT_WRITABLE (0xC0000C0100000000). Bits set in R9
 *     outside the write mask must equal the current value (taken as 0 when the write covers the whole
 *     element), else TDX_METADATA_FIELD_VALUE_NOT_VALID (0xC0000C0300000000). Success: the masked bits are
 *     written and R8 = the previous value AND read mask; RDX is not written.</li>
 * </ol>
 * Writes to L2_CTLS and TSC_DEADLINE of VM 0 or of a VM that does not exist are stored without the
 * L2-specific side effects ({@code md_vp_element_tdvps_wr_handle} ignores them), so the TSC-deadline
 * TDX_OPERAND_INVALID case cannot occur in a TD without L2 VMs. CPUID_SUPERVISOR_VE / CPUID_USER_VE are the
 * same state TDG.VP.CPUIDVE.SET writes.
 */
final class TdgVpRdWr implements Leaf {
    private final boolean write;

    TdgVpRdWr(boolean write) {
        this.write = write;
    }

    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long id = TdMetadata.withContext(regs.gpr(2), VpMetadata.CTX_VP);
        long value = regs.gpr(8);
        long mask = regs.gpr(9);
        if (!write) regs.gpr(2, TdMetadata.FIELD_ID_NA);
        regs.gpr(8, 0);
        if (regs.gpr(1) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        if (!write && TdMetadata.isNull(id)) {
            regs.gpr(2, TdMetadata.nextReadable(VpMetadata.TDVPS, VpMetadata.CTX_VP, id, -1));
            return TdxStatus.TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
        }
        if (!TdMetadata.isSingleElementId(id)) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        int idx = VpMetadata.lookup(id);
        if (idx == VpMetadata.NOT_FOUND) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        if (idx == VpMetadata.TD_VMCS_FIELD) {
            return write ? TdxStatus.TDX_METADATA_FIELD_NOT_WRITABLE : TdxStatus.TDX_METADATA_FIELD_NOT_READABLE;
        }
        TdMetadata.Field f = VpMetadata.TDVPS[idx];
        int elem = (int) (id & 0xFFFFFF) - f.fieldCode();
        long sizeMask = TdMetadata.sizeMask(f);
        long current = m.td.readVpField(idx, elem) & sizeMask;
        if (!write) {
            if (f.guestRd == 0) return TdxStatus.TDX_METADATA_FIELD_NOT_READABLE;
            regs.gpr(2, TdMetadata.nextReadable(VpMetadata.TDVPS, VpMetadata.CTX_VP, id, idx));
            regs.gpr(8, current & f.guestRd);
            return TdxStatus.TDX_SUCCESS;
        }
        long combined = f.guestWr & mask;
        if (combined == 0) return TdxStatus.TDX_METADATA_FIELD_NOT_WRITABLE;
        long base = combined == sizeMask ? 0 : current;
        long forbidden = mask & ~f.guestWr;
        if ((base & forbidden) != (value & forbidden)) return TdxStatus.TDX_METADATA_FIELD_VALUE_NOT_VALID;
        m.td.writeVpField(idx, elem, ((base & ~combined) | (value & combined)) & sizeMask);
        regs.gpr(8, current & f.guestRd);
        return TdxStatus.TDX_SUCCESS;
    }
}
