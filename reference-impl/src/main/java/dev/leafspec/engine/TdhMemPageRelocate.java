package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.PAGE.RELOCATE (leaf 5, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_page_relocate.c}):
 * moves a 4KB private page to another physical page.
 *
 * <p>Inputs: RCX (64 bits) = LEVEL (2:0, must be 0) | GPA (51:12), bits 11:3 and 63:52 reserved; RDX (64 bits) = TDR
 * HPA; R8 (64 bits) = the target page HPA (4KB aligned, free). Outputs: RCX = the old HPA (now free) on success, the
 * architectural SEPT entry with the SEPT errors, else 0; RDX = LEVEL (2:0) | STATE (15:8) with the SEPT errors, else 0.
 *
 * <p>Errors in order: the TDR checks (operand RDX); TD fatal / keys / TDCS / OP_STATE UNINITIALIZED (row 5) →
 * TDX_OP_STATE_INCORRECT; bad RCX (LEVEL not 0, shared GPA) → TDX_OPERAND_INVALID(RCX); a missing SEPT level →
 * TDX_EPT_WALK_FAILED(RCX) with details; a FREE entry → TDX_EPT_ENTRY_STATE_INCORRECT(RCX) with details; the target
 * equals the current HPA → TDX_OPERAND_INVALID(R8); the current page's PAMT entry locked → TDX_OPERAND_BUSY(RCX); a
 * RUNNABLE TD: the entry not blocked → TDX_GPA_RANGE_NOT_BLOCKED(RCX) with details, blocked in the current TD epoch →
 * TDX_TLB_TRACKING_NOT_DONE(RCX); the target page checks (operand R8: alignment/HKID bits, TDMR, lock, PAMT type NDA).
 *
 * <p>On success the contents are copied (not for a PENDING page), the target becomes a PT_REG page of the TD with BEPOCH
 * 0, the old page becomes NDA, and the SEPT entry maps the target and is unblocked (MAPPED or PENDING again).
 */
final class TdhMemPageRelocate implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), tdr = r.gpr(2), target = r.gpr(8);
        r.gpr(1, 0);
        r.gpr(2, 0);
        long s = SeptTeardown.checkTd(h, tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeptTeardown.checkGpaLevel(td, gpaLevel, 0, 0);
        if (s != 0) return s;
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        s = TdhMemPageAdd.walk(td, r, gpa, 0);
        if (s != 0) return s;
        SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(gpa, 0));
        if (e == null) {
            SeptTeardown.details(r, null, 0);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT, SeamStatus.OP_RCX);
        }
        long source = e.hpa;
        if ((source & 0x000F_FFFF_FFFF_F000L) == (target & 0x000F_FFFF_FFFF_F000L)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R8);
        }
        if (h.lockedPages.contains(source >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_RCX);
        if (SeptTeardown.trackingRequired(td)) {
            if (e.state != SeamHost.SEPT_BLOCKED) {
                SeptTeardown.details(r, e, 0);
                return TdxStatus.withOperand(SeamStatus.TDX_GPA_RANGE_NOT_BLOCKED, SeamStatus.OP_RCX);
            }
            if (!SeptTeardown.tracked(td, SeptTeardown.bepoch(h, source))) {
                return TdxStatus.withOperand(SeamStatus.TDX_TLB_TRACKING_NOT_DONE, SeamStatus.OP_RCX);
            }
        }
        s = h.checkPage(target, SeamStatus.OP_R8, SeamHost.PT_NDA);
        if (s != 0) return s;
        boolean pending = e.state == SeamHost.SEPT_PENDING
                || (e.state == SeamHost.SEPT_BLOCKED && e.stateBeforeBlock == SeamHost.SEPT_PENDING);
        // tdh_mem_page_relocate.c copies only a non-PENDING page (a PENDING page's contents are set by
        // TDG.MEM.PAGE.ACCEPT)
        if (!pending) h.write(target, h.read(source, (int) SeamHost.PAGE));
        h.assign(target, SeamHost.PT_REG, tdr);
        SeptTeardown.toNda(h, source);
        e.hpa = target;
        if (e.state == SeamHost.SEPT_BLOCKED) e.state = e.stateBeforeBlock;
        r.gpr(1, source);
        return TdxStatus.TDX_SUCCESS;
    }
}
