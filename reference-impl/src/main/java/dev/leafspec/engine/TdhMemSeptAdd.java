package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.SEPT.ADD (leaf 3, version 0; tdx_1.5 {@code api_calls/tdh_mem_sept_add.c}): adds a Secure EPT page below
 * the entry at LEVEL. Inputs: RCX = LEVEL (2:0, 1..root level) | GPA (51:12, aligned to the entry's range),
 * 11:3 and 63:52 reserved; RDX = TDR HPA (bit 0 ALLOW_EXISTING, 11:1 and 63:52 reserved); R8 = new SEPT page HPA
 * (bit 63 ignored). Outputs RCX = the architectural SEPT entry where a walk stopped (0x8000000000000000 for a FREE
 * entry), RDX = its level (2:0) and state (15:8); both 0 on success.
 *
 * <p>Errors in order: RDX reserved bits → TDX_OPERAND_INVALID(RDX); TDR checks (RDX); TD fatal/keys/TDCS; OP_STATE
 * not INITIALIZED/RUNNABLE → TDX_OP_STATE_INCORRECT; bad RCX (level, alignment, shared bit, beyond GPAW) →
 * (RCX); a parent entry missing → TDX_EPT_WALK_FAILED(RCX); the entry neither FREE nor NL_MAPPED (sept_state_lookup
 * row 3) → TDX_EPT_ENTRY_STATE_INCORRECT(RCX); R8 = NULL_PA (all ones: no new page, version 1 only) → (R8); an
 * NL_MAPPED entry → TDX_EPT_ENTRY_STATE_INCORRECT(RCX) with details (with ALLOW_EXISTING: success, page unused);
 * page checks (R8, must be NDA; bit 63 ignored). Version 1 (L2 SEPT pages) is not modelled.
 */
final class TdhMemSeptAdd implements SeamLeaf {
    /** NULL_PA (x86_defs.h): R8 = all ones means "no new SEPT page". */
    private static final long NULL_PA = -1L;

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        if (version > 1) return TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX;
        if (version == 1) throw new NotSupportedException("TDH.MEM.SEPT.ADD version 1 (L2 SEPT pages)");
        long gpaLevel = r.gpr(1), tdrFlags = r.gpr(2), r8 = r.gpr(8);
        long page = r8 == NULL_PA ? r8 : r8 & ~(1L << 63);
        r.gpr(1, 0);
        r.gpr(2, 0);
        if ((tdrFlags & 0xFFEL) != 0 || (tdrFlags >>> 52) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        }
        long tdr = tdrFlags & ~0xFFFL;
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
        if ((gpaLevel & 0xFF8L) != 0 || (gpaLevel >>> 52) != 0 || level < 1 || level > td.rootLevel()
                || (gpa & (SeamHost.levelSize(level) - 1)) != 0 || !TdhMemPageAdd.privateGpa(td, gpa)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        }
        s = TdhMemPageAdd.walk(td, r, gpa, level);
        if (s != 0) return s;
        SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(gpa, level));
        if (e != null && (e.leaf || e.state != SeamHost.SEPT_NL_MAPPED)) {
            SeptTeardown.details(r, e, level);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT, SeamStatus.OP_RCX);
        }
        // process_l1_page: no new page (NULL_PA) is allowed only from version 1
        if (page == NULL_PA) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R8);
        if (e != null) {
            if ((tdrFlags & 1) != 0) return TdxStatus.TDX_SUCCESS;
            TdhMemPageAdd.entryDetails(r, e, level);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT, SeamStatus.OP_RCX);
        }
        s = h.checkPage(page, SeamStatus.OP_R8, SeamHost.PT_NDA);
        if (s != 0) return s;
        // init_new_sept_page fills the page with SEPTE_INIT_VALUE; the model keeps SEPT entries in TdCtx.sept, so
        // the page's contents are not modelled (nothing reads them)
        h.assign(page, SeamHost.PT_EPT, tdr);
        td.sept.put(SeamHost.septKey(gpa, level), new SeamHost.SeptEntry(SeamHost.SEPT_NL_MAPPED, false, page));
        td.childPages++;
        return TdxStatus.TDX_SUCCESS;
    }
}
