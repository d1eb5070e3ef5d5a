package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.PAGE.PROMOTE (leaf 23, versions 0 and 1; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_page_promote.c}):
 * merges 512 contiguous pages mapped by one SEPT page into a 2MB (or 1GB) page and frees the SEPT page.
 *
 * <p>Inputs: RCX (64 bits) = LEVEL (2:0, 1 = 2MB or 2 = 1GB: the level of the merged page) | GPA (51:12, aligned to the
 * level), bits 11:3 and 63:52 reserved; RDX (64 bits) = TDR HPA. Outputs: RCX = the freed SEPT page HPA on success, the
 * architectural SEPT entry with the SEPT errors, else 0; RDX = LEVEL (2:0) | STATE (15:8) with the SEPT errors, else 0;
 * version 1 also R9-R11 = freed L2 SEPT pages, NULL_PA (all ones) when the TD has no such L2 VM (set at the
 * start; the model has no L2 VMs, so they stay so).
 *
 * <p>Errors in order: RCX, RDX are cleared (and for version 1 R9-R11 set to NULL_PA), then a version above 1 →
 * TDX_OPERAND_INVALID(RAX); the TDR checks (operand RDX); TD fatal / keys / TDCS / OP_STATE UNINITIALIZED (row 23);
 * bad RCX (LEVEL not 1..2, misaligned, shared GPA) → TDX_OPERAND_INVALID(RCX); a missing SEPT level above →
 * TDX_EPT_WALK_FAILED(RCX) with details; the entry at LEVEL not NL_MAPPED/NL_BLOCKED (sept_state_lookup row 23: a FREE
 * entry or a leaf) → TDX_EPT_ENTRY_STATE_INCORRECT(RCX) with details; the SEPT page's PAMT entry locked →
 * TDX_OPERAND_BUSY(RCX); a RUNNABLE TD (TLB tracking required): the entry not blocked → TDX_GPA_RANGE_NOT_BLOCKED(RCX)
 * with details, blocked in the current epoch → TDX_TLB_TRACKING_NOT_DONE(RCX); the 512 child entries not all leaves of
 * one state mapping one physically contiguous range aligned to the merged size → TDX_EPT_INVALID_PROMOTE_CONDITIONS
 * (0xC0000B0900000000) with operand RCX and details. Success: the entry at LEVEL becomes a leaf with the children's
 * state (MAPPED or PENDING) mapping the merged range from the first child's HPA (unblocked, as the source writes the
 * first child entry over it), the SEPT page becomes NDA (TDR child count - 1) and RCX returns its HPA. The PAMT of the
 * model stays per 4KB page (the merged pages keep PT_REG and their owner; pamt_promote's 2MB/1GB PAMT entry is not
 * represented, so TDH.PHYMEM.PAGE.RDMD still reports size 0).
 */
final class TdhMemPagePromote implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), tdr = r.gpr(2);
        if (!SeptTeardown.enterV1(r, version)) return TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX;
        long s = SeptTeardown.checkTd(h, tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeptTeardown.checkGpaLevel(td, gpaLevel, 1, 2);
        if (s != 0) return s;
        int level = (int) (gpaLevel & 7);
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        s = TdhMemPageAdd.walk(td, r, gpa, level);
        if (s != 0) return s;
        SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(gpa, level));
        if (e == null || e.leaf) {
            SeptTeardown.details(r, e, level);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT, SeamStatus.OP_RCX);
        }
        if (h.lockedPages.contains(e.hpa >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_RCX);
        if (SeptTeardown.trackingRequired(td)) {
            if (e.state != SeamHost.SEPT_BLOCKED) {
                SeptTeardown.details(r, e, level);
                return TdxStatus.withOperand(SeamStatus.TDX_GPA_RANGE_NOT_BLOCKED, SeamStatus.OP_RCX);
            }
            if (!SeptTeardown.tracked(td, SeptTeardown.bepoch(h, e.hpa))) {
                return TdxStatus.withOperand(SeamStatus.TDX_TLB_TRACKING_NOT_DONE, SeamStatus.OP_RCX);
            }
        }
        // is_sept_page_valid_for_merge: 512 leaves of one state, contiguous HPAs from a base aligned to the merged size
        long child = SeamHost.levelSize(level - 1), size = SeamHost.levelSize(level);
        SeamHost.SeptEntry first = td.sept.get(SeamHost.septKey(gpa, level - 1));
        boolean ok = first != null && first.leaf && (first.hpa & (size - 1)) == 0
                && (first.state == SeamHost.SEPT_MAPPED || first.state == SeamHost.SEPT_PENDING);
        for (int i = 1; ok && i < 512; i++) {
            SeamHost.SeptEntry c = td.sept.get(SeamHost.septKey(gpa + i * child, level - 1));
            ok = c != null && c.leaf && c.state == first.state && c.hpa == first.hpa + i * child;
        }
        long septPage = e.hpa;
        if (!ok) {
            SeptTeardown.details(r, e, level);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_INVALID_PROMOTE_CONDITIONS, SeamStatus.OP_RCX);
        }
        // commit: the entry at LEVEL becomes a leaf copying the first child (its state and base HPA), the 512 child
        // entries go with the freed SEPT page (PAMT NDA, TDR child count - 1); RCX = the freed SEPT page
        for (int i = 0; i < 512; i++) td.sept.remove(SeamHost.septKey(gpa + i * child, level - 1));
        e.leaf = true;
        e.state = first.state;
        e.hpa = first.hpa;
        td.childPages--;
        SeptTeardown.toNda(h, septPage);
        r.gpr(1, septPage);
        return TdxStatus.TDX_SUCCESS;
    }
}
