package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.PAGE.REMOVE (leaf 29, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_page_remove.c}):
 * removes a private page from the TD; its PAMT entry becomes NDA (a free page the host may reuse), the TDR child count
 * drops by 1 (4KB; 512^level for larger pages) and the SEPT entry becomes FREE.
 *
 * <p>Inputs: RCX (64 bits) = LEVEL (2:0, 0..2) | GPA (51:12, aligned to the level), bits 11:3 and 63:52 reserved;
 * RDX (64 bits) = TDR HPA. Outputs: on success RCX = HPA of the removed page and RDX = 0; SEPT errors put the entry
 * details in RCX/RDX ({@link SeptTeardown#details}); otherwise both 0.
 *
 * <p>Errors in order: TDR checks (operand RDX); TD fatal / keys / TDCS / OP_STATE UNINITIALIZED; bad RCX →
 * TDX_OPERAND_INVALID(RCX); a parent SEPT page missing → TDX_EPT_WALK_FAILED(RCX) with details; the entry not a leaf
 * or FREE → TDX_EPT_ENTRY_STATE_INCORRECT(RCX) with details (sept_state_lookup row 29: MAPPED, BLOCKED, PENDING and
 * their blocked variants); the page's PAMT entry locked → TDX_OPERAND_BUSY(RCX); in OP_STATE RUNNABLE, the entry not
 * blocked → TDX_GPA_RANGE_NOT_BLOCKED(RCX) with details, and the block not tracked → TDX_TLB_TRACKING_NOT_DONE(RCX).
 * Before TDH.MR.FINALIZE (INITIALIZED) a mapped page is removed without blocking.
 */
final class TdhMemPageRemove implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), tdr = r.gpr(2);
        r.gpr(1, 0);
        r.gpr(2, 0);
        long s = SeptTeardown.checkTd(h, tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeptTeardown.checkGpaLevel(td, gpaLevel, 0, 2);
        if (s != 0) return s;
        int level = (int) (gpaLevel & 7);
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        s = TdhMemPageAdd.walk(td, r, gpa, level);
        if (s != 0) return s;
        long key = SeamHost.septKey(gpa, level);
        SeamHost.SeptEntry e = td.sept.get(key);
        if (e == null || !e.leaf) {
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
        td.sept.remove(key);
        td.childPages -= 1 << (9 * level);
        // the model's PAMT is per 4KB page: every page of a 2MB/1GB leaf becomes NDA
        for (long p = e.hpa; p < e.hpa + SeamHost.levelSize(level); p += SeamHost.PAGE) SeptTeardown.toNda(h, p);
        r.gpr(1, e.hpa);
        return TdxStatus.TDX_SUCCESS;
    }
}
