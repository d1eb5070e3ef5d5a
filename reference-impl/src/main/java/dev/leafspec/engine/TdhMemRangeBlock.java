package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.RANGE.BLOCK (leaf 7, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_range_block.c}): blocks
 * the SEPT entry that maps a GPA range so the TD creates no new TLB translations for it, and records the TD epoch in
 * the PAMT BEPOCH of the page the entry maps (the private page for a leaf entry, the SEPT page for a non-leaf one).
 *
 * <p>Inputs: RCX (64 bits) = LEVEL (2:0, 0 = 4KB .. the EPT page-walk level, 3 with 4-level EPT) | GPA (51:12,
 * aligned to the level), bits 11:3 and 63:52 reserved; RDX (64 bits) = TDR HPA. Outputs: RCX = the architectural
 * SEPT entry and RDX = LEVEL (2:0) | STATE (15:8) for the SEPT errors below, otherwise both 0.
 *
 * <p>Errors in order: TDR checks (operand RDX); TD fatal / keys / TDCS / OP_STATE UNINITIALIZED
 * ({@link SeptTeardown#checkTd}); bad RCX → TDX_OPERAND_INVALID(RCX); a parent SEPT page missing →
 * TDX_EPT_WALK_FAILED(RCX) with details; the entry already blocked → TDX_GPA_RANGE_ALREADY_BLOCKED(RCX) (status class
 * 0: not an error) with details; the entry FREE → TDX_EPT_ENTRY_STATE_INCORRECT(RCX) with details
 * (sept_state_lookup row 7 allows NL_MAPPED, MAPPED, PENDING and the BLOCKEDW variants). The per-entry SEPT lock and
 * the SEPT tree lock are never contended in the model.
 */
final class TdhMemRangeBlock implements SeamLeaf {
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
        if (e == null || e.state == SeamHost.SEPT_BLOCKED) {
            SeptTeardown.details(r, e, level);
            return TdxStatus.withOperand(e == null ? SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT
                    : SeamStatus.TDX_GPA_RANGE_ALREADY_BLOCKED, SeamStatus.OP_RCX);
        }
        e.stateBeforeBlock = e.state;
        e.state = SeamHost.SEPT_BLOCKED;
        e.blockEpoch = td.epoch;
        SeamHost.PamtEntry p = h.pamt.get(e.hpa >>> 12);
        if (p != null) p.bepoch = td.epoch;
        return TdxStatus.TDX_SUCCESS;
    }
}
