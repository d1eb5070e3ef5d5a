package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.MEM.PAGE.ATTR.WR (leaf 24, module 1.5): writes the L2 attributes of a private page (creating or
 * removing L2 aliases). The modelled TD has no L2 VMs (TDCS.NUM_L2_VMS = 0), so the only accepted
 * attribute/flag input is zero; rules from intel/tdx-module tdx_1.5
 * {@code src/td_dispatcher/vm_exits/tdg_mem_page_attr_wr.c}, {@code helpers.c verify_page_info_input,
 * check_gpa_validity, walk_private_gpa}, {@code sept_state_lookup.c} (leaf 24 allowed states) and
 * {@code td_other_exits.c async_tdexit_ept_violation}.
 *
 * <p><b>Inputs</b>: RCX = page info (2:0 LEVEL 0 = 4 KB, 1 = 2 MB, 2 = 1 GB; 11:3 reserved; 51:12 GPA;
 * 63:52 reserved). RDX = new attributes, 16 bits per VM (15:0 L1, 31:16 VM1, 47:32 VM2, 63:48 VM3).
 * R8 = attribute flags, 16 bits per VM (bits 14:0 attribute mask, bit 15 INVEPT).
 *
 * <p><b>Checks, in order</b>:
 * <ol>
 * <li>For VM 0..3 in turn (VM 0 is L1; VMs 1..3 do not exist): RDX slice non-zero → TDX_OPERAND_INVALID
 *     (0xC000010000000000) | operand RDX (2); R8 slice non-zero → TDX_OPERAND_INVALID | operand R8 (8).</li>
 * <li>RCX reserved bits, LEVEL &gt; 2, GPA not aligned to the level, or GPA not a valid private GPA →
 *     TDX_OPERAND_INVALID | operand RCX (1).</li>
 * <li>Secure-EPT walk to LEVEL: a larger page holds the GPA, or no page is mapped there (also a free entry) →
 *     EPT-violation TD exit (exit qualification: data write; extended qualification type 5 ATTR_WR, info =
 *     requested level | reached level &lt;&lt; 3); the host model splits the larger page or adds a 4 KB PENDING
 *     page and the TDCALL runs again. Smaller pages inside the range → TDX_PAGE_SIZE_MISMATCH
 *     (0xC0000B0B00000000) with LEVEL in bits 31:0.</li>
 * </ol>
 * On these errors RCX = RDX = 0. On success (a MAPPED or PENDING page of exactly LEVEL) nothing changes:
 * RCX = the input page info with bit 62 (PENDING) set for a pending page, RDX = 0 (the L1 attributes are
 * always 0, {@code sept_manager.h sept_get_gpa_attr}, and there are no L2 attributes), status TDX_SUCCESS.
 * TDX_PAGE_ATTR_INVALID and TDX_L2_SEPT_WALK_FAILED need L2 VMs and cannot occur.
 */
final class TdgMemPageAttrWr implements Leaf {
    /** vmcs_defs.h VMX_EEQ_ATTR_WR. */
    static final long EEQ_TYPE_ATTR_WR = 5;

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
        int level = (int) (rcx & 7);
        long gpa = rcx & 0x000FFFFFFFFFF000L;
        if (status == 0) {
            boolean reserved = ((rcx >>> 3) & 0x1FF) != 0 || (rcx >>> 52) != 0;
            if (reserved || level > 2 || (gpa & (GuestMemory.levelSize(level) - 1)) != 0
                    || !m.td.memory.isValidGpa(gpa, true)) {
                status = TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
            }
        }
        if (status == 0) {
            GuestMemory mem = m.td.memory;
            GuestMemory.Leaf leaf = mem.find(gpa);
            if (leaf != null && leaf.level > level) {
                return violation(m, gpa, level, leaf.level);
            }
            if (leaf == null || leaf.level < level) {
                if (mem.anyLeafWithin(gpa, GuestMemory.levelSize(level))) {
                    status = TdxStatus.withOperand(TdxStatus.TDX_PAGE_SIZE_MISMATCH, level);
                } else {
                    return violation(m, gpa, level, level);
                }
            } else {
                regs.gpr(1, rcx | (leaf.state == GuestMemory.PENDING ? 1L << 62 : 0));
                regs.gpr(2, 0);
                return TdxStatus.TDX_SUCCESS;
            }
        }
        regs.gpr(1, 0);
        regs.gpr(2, 0);
        return status;
    }

    private static long violation(TdxModule m, long gpa, int reqLevel, int errLevel) {
        long info = reqLevel | ((long) errLevel << 3);
        return m.eptViolationSplit(gpa, 2, EEQ_TYPE_ATTR_WR | (info << 32));
    }
}
