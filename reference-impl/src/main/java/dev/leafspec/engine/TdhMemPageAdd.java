package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

import java.nio.charset.StandardCharsets;

/**
 * TDH.MEM.PAGE.ADD (leaf 2; tdx_1.5 {@code api_calls/tdh_mem_page_add.c}): copies a source page into a new private
 * 4KB page mapped at GPA, and extends MRTD. Inputs: RCX = LEVEL (2:0, must be 0) | GPA (51:12); RDX = TDR HPA;
 * R8 = target page HPA (free, NDA); R9 = source page (shared HPA, 4KB aligned). Outputs RCX/RDX: SEPT entry details
 * on a walk error, else 0.
 *
 * <p>Errors in order: TDR checks (RDX); TD fatal/keys/TDCS; OP_STATE not INITIALIZED (after TDH.MR.FINALIZE) →
 * TDX_OP_STATE_INCORRECT; bad RCX → TDX_OPERAND_INVALID(RCX); a SEPT page missing on the walk →
 * TDX_EPT_WALK_FAILED(RCX); the 4KB entry not FREE → TDX_EPT_ENTRY_STATE_INCORRECT(RCX); bad R9 → (R9); target page
 * checks (R8). MRTD is extended with one 128-byte block: "MEM.PAGE.ADD" zero-padded to 16 bytes, the GPA (8 bytes
 * little-endian), zeros (TDX module ABI spec, TDH.MEM.PAGE.ADD).
 */
final class TdhMemPageAdd implements SeamLeaf {
    private static final byte[] TAG = "MEM.PAGE.ADD".getBytes(StandardCharsets.US_ASCII);

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpaLevel = r.gpr(1), tdr = r.gpr(2), target = r.gpr(8), source = r.gpr(9);
        r.gpr(1, 0);
        r.gpr(2, 0);
        long s = h.checkTdr(tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_INITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        long gpa = gpaLevel & 0x000F_FFFF_FFFF_F000L;
        if ((gpaLevel & 0xFFFL) != 0 || (gpaLevel >>> 52) != 0 || !privateGpa(td, gpa)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        }
        s = walk(td, r, gpa, 0);
        if (s != 0) return s;
        SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(gpa, 0));
        if (e != null) {
            entryDetails(r, e, 0);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT, SeamStatus.OP_RCX);
        }
        if (!h.validSharedHpa(source, SeamHost.PAGE)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R9);
        s = h.checkPage(target, SeamStatus.OP_R8, SeamHost.PT_NDA);
        if (s != 0) return s;
        h.write(target, h.read(source, (int) SeamHost.PAGE));
        h.assign(target, SeamHost.PT_REG, tdr);
        td.sept.put(SeamHost.septKey(gpa, 0), new SeamHost.SeptEntry(SeamHost.SEPT_MAPPED, true, target));
        td.childPages++;
        byte[] block = new byte[128];
        System.arraycopy(TAG, 0, block, 0, TAG.length);
        putLe(block, 16, gpa);
        td.mrtd.update(block);
        return TdxStatus.TDX_SUCCESS;
    }

    /** Private GPA: below 2^GPAW with the SHARED bit (GPAW-1) clear. */
    static boolean privateGpa(SeamHost.TdCtx td, long gpa) {
        return (gpa >>> (td.gpaw() - 1)) == 0;
    }

    /**
     * Walks the SEPT from the root down to the table holding the entry at {@code level}: every entry above must be
     * a present non-leaf entry. On failure writes RCX/RDX (FREE entry: RCX = bit 63 (suppress #VE), RDX = level)
     * and returns TDX_EPT_WALK_FAILED(RCX).
     */
    static long walk(SeamHost.TdCtx td, RegisterFile r, long gpa, int level) {
        for (int l = td.rootLevel(); l > level; l--) {
            long base = gpa & ~(SeamHost.levelSize(l) - 1);
            SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(base, l));
            if (e == null || e.leaf) {
                if (e == null) {
                    r.gpr(1, 1L << 63);
                    r.gpr(2, l);
                } else {
                    entryDetails(r, e, l);
                }
                return TdxStatus.withOperand(SeamStatus.TDX_EPT_WALK_FAILED, SeamStatus.OP_RCX);
            }
        }
        return TdxStatus.TDX_SUCCESS;
    }

    /** RCX = architectural entry (HPA | RWX for present entries), RDX = level | state << 8. */
    static void entryDetails(RegisterFile r, SeamHost.SeptEntry e, int level) {
        r.gpr(1, e.state == SeamHost.SEPT_PENDING ? (1L << 63) | e.hpa : e.hpa | 7);
        r.gpr(2, level | ((long) e.state << 8));
    }

    static void putLe(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
