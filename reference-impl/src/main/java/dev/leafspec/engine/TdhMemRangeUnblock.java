package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.RANGE.UNBLOCK (leaf 39, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_range_unblock.c}):
 * restores a blocked SEPT entry to the state it had before TDH.MEM.RANGE.BLOCK, once the block is TLB-tracked.
 *
 * <p>Inputs: RCX (64 bits) = LEVEL (2:0, 0 .. the EPT page-walk level) | GPA (51:12), bits 11:3 and 63:52 reserved;
 * RDX (64 bits) = TDR HPA. Outputs: RCX/RDX = SEPT entry details for the SEPT errors (see
 * {@link SeptTeardown#details}), otherwise 0.
 *
 * <p>Errors in order: TDR checks (operand RDX); TD fatal / keys / TDCS / OP_STATE UNINITIALIZED; bad RCX →
 * TDX_OPERAND_INVALID(RCX); a parent SEPT page missing → TDX_EPT_WALK_FAILED(RCX) with details; the entry not blocked
 * → TDX_EPT_ENTRY_STATE_INCORRECT(RCX) with details (sept_state_lookup row 39: NL_BLOCKED, BLOCKED, PENDING_BLOCKED);
 * in OP_STATE RUNNABLE, the block's epoch not yet tracked (no TDH.MEM.TRACK since the block) →
 * TDX_TLB_TRACKING_NOT_DONE with operand SEPT_TREE (146; tdx_1.5.01 — 1.5.05 names RCX), RCX/RDX 0.
 */
final class TdhMemRangeUnblock implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), tdr = r.gpr(2);
        r.gpr(1, 0);
        r.gpr(2, 0);
        long s = SeptTeardown.checkTd(h, tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeptTeardown.checkGpaLevel(td, gpaLevel, 0, td.rootLevel());
        if (s != 0) return s;
        int level = (int) (gpaLevel & 7);
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        s = TdhMemPageAdd.walk(td, r, gpa, level);
        if (s != 0) return s;
        SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(gpa, level));
        if (e == null || e.state != SeamHost.SEPT_BLOCKED) {
            SeptTeardown.details(r, e, level);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT, SeamStatus.OP_RCX);
        }
        if (SeptTeardown.trackingRequired(td) && !SeptTeardown.tracked(td, SeptTeardown.bepoch(h, e.hpa))) {
            return TdxStatus.withOperand(SeamStatus.TDX_TLB_TRACKING_NOT_DONE, SeamStatus.OP_SEPT_TREE);
        }
        e.state = e.stateBeforeBlock;
        return TdxStatus.TDX_SUCCESS;
    }
}
