package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.SEPT.RD (leaf 25, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mem_sept_rd.c}): reads the
 * Secure EPT entry that maps a GPA at a given level.
 *
 * <p>Inputs: RCX (64 bits) = LEVEL (2:0, 0 = 4KB up to the EPT page-walk level, 3 with 4-level EPT) | GPA (51:12,
 * aligned to the level), bits 11:3 and 63:52 reserved; RDX (64 bits) = READ_L2_ATTRIBUTES (bit 0) | TDR HPA (51:12).
 * Outputs: RCX = the architectural SEPT entry, RDX = LEVEL (2:0) | STATE (15:8) (model encoding, docs/fixtures.md);
 * R8 = the L2 attributes, written only when READ_L2_ATTRIBUTES is 1 (0: the model has no L2 VMs). RCX/RDX are 0 on
 * errors without entry details.
 *
 * <p>Errors in order: the TDR (RDX with bit 0 masked) checks, operand RDX; TD fatal / keys / TDCS / OP_STATE
 * UNINITIALIZED → TDX_OP_STATE_INCORRECT (op_state_lookup row 25 allows every other state); READ_L2_ATTRIBUTES on a TD
 * without ATTRIBUTES.DEBUG → TDX_OPERAND_INVALID(RDX); bad RCX (verify_page_info_input, private GPA) →
 * TDX_OPERAND_INVALID(RCX); a missing parent SEPT page → TDX_EPT_WALK_FAILED(RCX) with the entry where the walk
 * stopped. Any state of the entry is readable (sept_state_lookup row 25), FREE included.
 */
final class TdhMemSeptRd implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), rdx = r.gpr(2);
        boolean readL2 = (rdx & 1) != 0;
        long tdr = rdx & ~1L;
        r.gpr(1, 0);
        r.gpr(2, 0);
        long s = SeptTeardown.checkTd(h, tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        if (readL2 && (td.attributes & 1) == 0) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        s = SeptTeardown.checkGpaLevel(td, gpaLevel, 0, td.rootLevel());
        if (s != 0) return s;
        int level = (int) (gpaLevel & 7);
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        s = TdhMemPageAdd.walk(td, r, gpa, level);
        if (s != 0) return s;
        if (readL2) r.gpr(8, 0);
        SeptTeardown.details(r, td.sept.get(SeamHost.septKey(gpa, level)), level);
        return TdxStatus.TDX_SUCCESS;
    }
}
