package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.MEM.PAGE.ACCEPT (leaf 6): accepts a PENDING private page (intel/tdx-module
 * {@code src/td_dispatcher/vm_exits/tdg_mem_page_accept.c}, {@code helpers.c verify_page_info_input,
 * check_gpa_validity}).
 *
 * <p>RCX: bits 2:0 LEVEL (0 = 4 KB, 1 = 2 MB; 1.5 accepts levels 0..1 only), 11:3 reserved (0),
 * 51:12 GPA, 63:52 reserved (0). A reserved bit set, LEVEL &gt; 1, a GPA not aligned to the level's page
 * size, or a GPA that is not a valid private GPA → TDX_OPERAND_INVALID operand RCX.
 *
 * <p>Secure-EPT outcomes: a guest-accessible (accepted) page at or above the requested level →
 * TDX_PAGE_ALREADY_ACCEPTED (0x00000B0A00000000, a warning) with the EPT level of that page in bits 31:0;
 * smaller pages inside the requested range → TDX_PAGE_SIZE_MISMATCH (0xC0000B0B00000000) with the
 * requested level in bits 31:0; a PENDING page of exactly the requested level is accepted (zeroed,
 * MAPPED) → TDX_SUCCESS. No page, or a larger PENDING page: no status — the module does an EPT-violation
 * TD exit to the host (extended exit qualification type ACCEPT), which the host model resolves like KVM
 * (adds a 4 KB page or splits the larger one) before the TDCALL is re-executed.
 */
final class TdgMemPageAccept implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long rcx = regs.gpr(1);
        int level = (int) (rcx & 7);
        long gpa = rcx & 0x000FFFFFFFFFF000L;
        boolean reserved = ((rcx >>> 3) & 0x1FF) != 0 || (rcx >>> 52) != 0;
        if (reserved || level > 1 || (gpa & (GuestMemory.levelSize(level) - 1)) != 0
                || !m.td.memory.isValidGpa(gpa, true)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        GuestMemory mem = m.td.memory;
        GuestMemory.Leaf leaf = mem.find(gpa);
        if (leaf != null && leaf.level >= level) {
            if (leaf.state == GuestMemory.MAPPED) {
                return TdxStatus.withOperand(TdxStatus.TDX_PAGE_ALREADY_ACCEPTED, leaf.level);
            }
            if (leaf.level == level) {
                mem.accept(leaf);
                return TdxStatus.TDX_SUCCESS;
            }
            return violation(m, gpa, level, leaf.level);
        }
        if (mem.anyLeafWithin(gpa, GuestMemory.levelSize(level)) || leaf != null) {
            return TdxStatus.withOperand(TdxStatus.TDX_PAGE_SIZE_MISMATCH, level);
        }
        return violation(m, gpa, level, level);
    }

    /** async_tdexit_ept_violation: data-write qualification; EEQ type 1 (ACCEPT), info = requested level | error level << 3. */
    private static long violation(TdxModule m, long gpa, int reqLevel, int errLevel) {
        long info = reqLevel | ((long) errLevel << 3);
        return m.eptViolation(gpa, 2, 1 | (info << 32));
    }
}
