package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.PAGE.AUG (SEAMCALL leaf 6, version 0; intel/tdx-module tdx_1.5
 * {@code src/vmm_dispatcher/api_calls/tdh_mem_page_aug.c}, {@code include/auto_gen/op_state_lookup.c},
 * {@code include/auto_gen/sept_state_lookup.c}): adds a free 4KB or 2MB page to a TD as a PENDING private page that the
 * guest must accept with TDG.MEM.PAGE.ACCEPT.
 *
 * <p><b>Inputs</b> (64-bit registers): RCX = LEVEL (2:0; 0 = 4KB, 1 = 2MB) | GPA (51:12, aligned to the level's page
 * size), bits 11:3 and 63:52 reserved; RDX = TDR HPA; R8 = HPA of the new page (free, aligned to the page size).
 * <b>Outputs</b>: RCX/RDX = 0, except with TDX_EPT_WALK_FAILED and TDX_EPT_ENTRY_STATE_INCORRECT, where RCX is the
 * architectural SEPT entry where the walk stopped and RDX its level (2:0) and state (15:8) (model encoding, see
 * docs/fixtures.md).
 *
 * <p><b>Errors</b> in the handler's order: TDR checks (RDX: TDX_OPERAND_INVALID, TDX_OPERAND_ADDR_RANGE_ERROR,
 * TDX_OPERAND_BUSY, TDX_PAGE_METADATA_INCORRECT); TD fatal / keys not configured / TDCS not allocated; OP_STATE not
 * INITIALIZED or RUNNABLE → TDX_OP_STATE_INCORRECT (so PAGE.AUG is allowed before TDH.MR.FINALIZE); bad RCX (reserved
 * bits, LEVEL &gt; 1, misaligned GPA, SHARED bit set or beyond GPAW) → TDX_OPERAND_INVALID (RCX); a missing SEPT page
 * above the level → TDX_EPT_WALK_FAILED (RCX); the entry at LEVEL not FREE → TDX_EPT_ENTRY_STATE_INCORRECT (RCX); the
 * new page (R8): misaligned / HKID bits → TDX_OPERAND_INVALID, outside a TDMR → TDX_OPERAND_ADDR_RANGE_ERROR, locked →
 * TDX_OPERAND_BUSY, any 4KB page of the range not free → TDX_PAGE_METADATA_INCORRECT.
 *
 * <p><b>Success</b>: the SEPT leaf entry is PENDING with the new page, the page (each 4KB page of a 2MB range) is PAMT
 * type REG owned by the TD, and the TD's child count grows by 1 or 512.
 */
final class TdhMemPageAug implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), tdr = r.gpr(2), page = r.gpr(8);
        r.gpr(1, 0);
        r.gpr(2, 0);
        long s = h.checkTdr(tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_INITIALIZED && td.opState != SeamHost.OP_RUNNABLE) {
            return SeamStatus.TDX_OP_STATE_INCORRECT;
        }
        int level = (int) (gpaLevel & 7);
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        if (((gpaLevel >>> 3) & 0x1FF) != 0 || (gpaLevel >>> 52) != 0 || level > 1
                || (gpa & (SeamHost.levelSize(level) - 1)) != 0 || !TdhMemPageAdd.privateGpa(td, gpa)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        }
        s = TdhMemPageAdd.walk(td, r, gpa, level);
        if (s != 0) return s;
        SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(gpa, level));
        if (e != null) {
            TdhMemPageAdd.entryDetails(r, e, level);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT, SeamStatus.OP_RCX);
        }
        long size = SeamHost.levelSize(level);
        if ((page & (size - 1)) != 0) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R8);
        for (long p = page; p < page + size; p += SeamHost.PAGE) {
            s = h.checkPage(p, SeamStatus.OP_R8, SeamHost.PT_NDA);
            if (s != 0) return s;
        }
        // as in tdh_mem_page_aug.c the page contents are left alone: a PENDING page is never read, and
        // TDG.MEM.PAGE.ACCEPT initialises it
        for (long p = page; p < page + size; p += SeamHost.PAGE) h.assign(p, SeamHost.PT_REG, tdr);
        td.sept.put(SeamHost.septKey(gpa, level), new SeamHost.SeptEntry(SeamHost.SEPT_PENDING, true, page));
        td.childPages += 1 << (9 * level);
        return TdxStatus.TDX_SUCCESS;
    }
}
