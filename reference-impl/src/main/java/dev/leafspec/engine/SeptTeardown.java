package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * Checks shared by the TD-memory teardown leaves TDH.MEM.RANGE.BLOCK, TDH.MEM.TRACK, TDH.MEM.RANGE.UNBLOCK,
 * TDH.MEM.PAGE.REMOVE and TDH.MEM.SEPT.REMOVE (intel/tdx-module tdx_1.5 {@code src/common/helpers/helpers.c}
 * check_state_map_tdcs_and_lock, verify_page_info_input, lock_sept_check_and_walk_private_gpa;
 * {@code helpers.h} is_tlb_tracked; {@code include/auto_gen/op_state_lookup.c} and {@code sept_state_lookup.c}).
 *
 * <p>TLB tracking: TDH.MEM.RANGE.BLOCK writes the TD epoch (TDCS.TD_EPOCH, 1 after TDH.MNG.INIT) into the PAMT
 * BEPOCH of the page the blocked entry maps; TDH.MEM.TRACK increments the TD epoch. A blocked page is tracked when
 * its BEPOCH is below the TD epoch and no VCPU still runs in the older epoch. The model has no VCPU inside the TD
 * between SEAMCALLs (TDH.VP.ENTER returns before the next SEAMCALL), so both epoch reference counts are 0 and the
 * test reduces to {@code bepoch < td_epoch}. Only the RUNNABLE operation state requires tracking
 * (state_flags_lookup.tlb_tracking_required); before TDH.MR.FINALIZE (INITIALIZED) pages are removed without it.
 */
final class SeptTeardown {
    private SeptTeardown() {
    }

    /**
     * The TDR operand and the TD state, in the handlers' order: TDR page checks with {@code operand}
     * (TDX_OPERAND_INVALID, TDX_OPERAND_ADDR_RANGE_ERROR, TDX_OPERAND_BUSY, TDX_PAGE_METADATA_INCORRECT); TD fatal →
     * TDX_TD_FATAL; lifecycle not KEYS_CONFIGURED (also after TDH.MNG.VPFLUSHDONE) → TDX_TD_KEYS_NOT_CONFIGURED; fewer
     * than 6 TDCS pages → TDX_TDCS_NOT_ALLOCATED; OP_STATE UNINITIALIZED → TDX_OP_STATE_INCORRECT (the five leaves'
     * rows of seamcall_state_lookup allow every other modelled state).
     */
    /**
     * The entry of the leaves with a version-1 form (TDH.MEM.PAGE.PROMOTE, TDH.MEM.SEPT.REMOVE; tdx_1.5): RCX and RDX
     * are cleared, version 1 sets R9..R11 to NULL_PA (all ones) before any check.
     *
     * @return false for a version above 1 (TDX_OPERAND_INVALID with operand RAX)
     */
    static boolean enterV1(RegisterFile r, int version) {
        r.gpr(1, 0);
        r.gpr(2, 0);
        if (version > 0) {
            r.gpr(9, -1L);
            r.gpr(10, -1L);
            r.gpr(11, -1L);
        }
        return version <= 1;
    }

    static long checkTd(SeamHost h, long tdr, int operand) {
        long s = h.checkTdr(tdr, operand);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState == SeamHost.OP_UNINITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        return TdxStatus.TDX_SUCCESS;
    }

    /**
     * verify_page_info_input and the private-GPA check: RCX bits 11:3 and 63:52 zero, LEVEL (2:0) in
     * [{@code min}, {@code max}], GPA (51:12) aligned to the level's range, SHARED bit clear and below 2^GPAW;
     * otherwise TDX_OPERAND_INVALID with operand RCX.
     */
    static long checkGpaLevel(SeamHost.TdCtx td, long gpaLevel, int min, int max) {
        int level = (int) (gpaLevel & 7);
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        if ((gpaLevel & 0xFF8L) != 0 || (gpaLevel >>> 52) != 0 || level < min || level > max
                || (gpa & (SeamHost.levelSize(level) - 1)) != 0 || !TdhMemPageAdd.privateGpa(td, gpa)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        }
        return TdxStatus.TDX_SUCCESS;
    }

    /** Architectural state in RDX[15:8] (model encoding, docs/fixtures.md): a blocked PENDING page reads 3 (PENDING_BLOCKED). */
    static int publicState(SeamHost.SeptEntry e) {
        if (e.state == SeamHost.SEPT_BLOCKED && e.stateBeforeBlock == SeamHost.SEPT_PENDING) return 3;
        return e.state;
    }

    /**
     * SEPT entry details (set_arch_septe_details_in_vmm_regs): RCX = the entry (a FREE entry reads bit 63, suppress
     * #VE, only; a blocked entry has RWX clear and bit 63 set; a PENDING entry bit 63 | HPA; else HPA | RWX), RDX =
     * level (2:0) | state (15:8).
     */
    static void details(RegisterFile r, SeamHost.SeptEntry e, int level) {
        if (e == null) {
            r.gpr(1, 1L << 63);
            r.gpr(2, level);
        } else if (e.state == SeamHost.SEPT_BLOCKED) {
            r.gpr(1, (1L << 63) | e.hpa);
            r.gpr(2, level | ((long) publicState(e) << 8));
        } else {
            TdhMemPageAdd.entryDetails(r, e, level);
        }
    }

    /** is_tlb_tracked with both epoch reference counts 0 (see the class comment). */
    static boolean tracked(SeamHost.TdCtx td, long bepoch) {
        return bepoch < td.epoch;
    }

    /** op_state_is_tlb_tracking_required: only RUNNABLE among the modelled states. */
    static boolean trackingRequired(SeamHost.TdCtx td) {
        return td.opState == SeamHost.OP_RUNNABLE;
    }

    /** The PAMT BEPOCH of {@code hpa} (0 for a page without a PAMT entry). */
    static long bepoch(SeamHost h, long hpa) {
        SeamHost.PamtEntry p = h.pamt.get(hpa >>> 12);
        return p == null ? 0 : p.bepoch;
    }

    /** The page becomes NDA; as in the source (PAMT.PT = PT_NDA only), the owner and BEPOCH fields keep their values. */
    static void toNda(SeamHost h, long hpa) {
        SeamHost.PamtEntry p = h.pamt.get(hpa >>> 12);
        if (p != null) p.type = SeamHost.PT_NDA;
    }
}
