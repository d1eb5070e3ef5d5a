package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.SEPT.REMOVE (leaf 30, versions 0 and 1; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_sept_remove.c}):
 * removes an empty Secure EPT page; the non-leaf entry that mapped it becomes FREE, the page becomes NDA and the TDR
 * child count drops by 1.
 *
 * <p>Inputs: RCX (64 bits) = LEVEL (2:0, 1 .. the EPT page-walk level: the level of the entry that maps the SEPT page)
 * | GPA (51:12, aligned to the level's range), bits 11:3 and 63:52 reserved; RDX (64 bits) = TDR HPA. Outputs: on
 * success RCX = HPA of the removed SEPT page, RDX = 0; SEPT errors put entry details in RCX/RDX; version 1 also sets
 * R9, R10, R11 (removed L2 SEPT pages of VMs 1..3) to NULL_PA (all ones) — the model has no L2 VMs, so they stay so.
 *
 * <p>Errors in order: version above 1 → TDX_OPERAND_INVALID(RAX) (after RCX/RDX are cleared and, for versions above
 * 0, R9..R11 set); TDR checks (operand RDX); TD fatal / keys / TDCS / OP_STATE UNINITIALIZED; bad RCX →
 * TDX_OPERAND_INVALID(RCX); a parent SEPT page missing → TDX_EPT_WALK_FAILED(RCX) with details; the entry not a
 * non-leaf entry (NL_MAPPED or NL_BLOCKED, sept_state_lookup row 30) → TDX_EPT_ENTRY_STATE_INCORRECT(RCX) with
 * details; the SEPT page's PAMT entry locked → TDX_OPERAND_BUSY(RCX); in OP_STATE RUNNABLE, not blocked →
 * TDX_GPA_RANGE_NOT_BLOCKED(RCX) with details, not tracked → TDX_TLB_TRACKING_NOT_DONE(RCX); one of the page's 512
 * entries not FREE → TDX_EPT_PAGE_NOT_FREE(RCX) with details.
 */
final class TdhMemSeptRemove implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), tdr = r.gpr(2);
        if (!SeptTeardown.enterV1(r, version)) return TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX;
        long s = SeptTeardown.checkTd(h, tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeptTeardown.checkGpaLevel(td, gpaLevel, 1, td.rootLevel());
        if (s != 0) return s;
        int level = (int) (gpaLevel & 7);
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        s = TdhMemPageAdd.walk(td, r, gpa, level);
        if (s != 0) return s;
        long key = SeamHost.septKey(gpa, level);
        SeamHost.SeptEntry e = td.sept.get(key);
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
        long size = SeamHost.levelSize(level);
        for (long k : td.sept.keySet()) {
            int l = (int) (k & 7);
            long g = (k >>> 3) << 12;
            if (l == level - 1 && g >= gpa && g < gpa + size) {
                SeptTeardown.details(r, e, level);
                return TdxStatus.withOperand(SeamStatus.TDX_EPT_PAGE_NOT_FREE, SeamStatus.OP_RCX);
            }
        }
        td.sept.remove(key);
        td.childPages--;
        SeptTeardown.toNda(h, e.hpa);
        r.gpr(1, e.hpa);
        return TdxStatus.TDX_SUCCESS;
    }
}
