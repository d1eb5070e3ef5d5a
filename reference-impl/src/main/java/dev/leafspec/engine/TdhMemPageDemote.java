package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.PAGE.DEMOTE (leaf 15, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_page_demote.c}): splits
 * a 2MB or 1GB private page into 512 smaller pages mapped by a new SEPT page.
 *
 * <p>Inputs: RCX (64 bits) = LEVEL (2:0, 1 = 2MB or 2 = 1GB) | GPA (51:12, aligned to the level), bits 11:3 and 63:52
 * reserved; RDX (64 bits) = L2_SEPT_ADD_MODE (bit 0) | TDR HPA (51:12), bits 11:1 and 63:52 reserved; R8 = the new SEPT
 * page HPA (free, in a TDMR); R9-R11 = L2 SEPT pages (read only for L2 VMs; the model has none). Outputs: RCX = the
 * architectural SEPT entry, RDX = LEVEL (2:0) | STATE (15:8) with the SEPT errors; 0 otherwise.
 *
 * <p>Errors in order: a reserved RDX bit → TDX_OPERAND_INVALID(RDX); the TDR checks (operand RDX); TD fatal / keys /
 * TDCS / OP_STATE UNINITIALIZED (op_state_lookup row 15) → TDX_OP_STATE_INCORRECT; bad RCX (LEVEL not 1..2, misaligned,
 * shared GPA) → TDX_OPERAND_INVALID(RCX); a missing SEPT level above → TDX_EPT_WALK_FAILED(RCX) with details; the entry
 * at LEVEL not a leaf in MAPPED, BLOCKED, PENDING or PENDING_BLOCKED (sept_state_lookup row 15) →
 * TDX_EPT_ENTRY_STATE_INCORRECT(RCX) with details. Splitting a 2MB leaf (built by TDH.MEM.PAGE.AUG level 1 or
 * TDH.MEM.PAGE.PROMOTE) is not modelled: such a call ends NOT_SUPPORTED.
 */
final class TdhMemPageDemote implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), rdx = r.gpr(2);
        r.gpr(1, 0);
        r.gpr(2, 0);
        if ((rdx & 0xFFEL) != 0 || (rdx >>> 52) != 0) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        long tdr = rdx & ~1L;
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
        if (e == null || !e.leaf) {
            SeptTeardown.details(r, e, level);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT, SeamStatus.OP_RCX);
        }
        throw new NotSupportedException("leaf TDH.MEM.PAGE.DEMOTE of a 2MB/1GB leaf (splitting a large page is not modelled)");
    }
}
