package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

import java.nio.charset.StandardCharsets;

/**
 * TDH.MR.EXTEND (leaf 16; tdx_1.5 {@code api_calls/tdh_mr_extend.c}): extends MRTD with a 256-byte chunk of a page
 * added by TDH.MEM.PAGE.ADD. Inputs: RCX = chunk GPA (256-byte aligned, private), RDX = TDR HPA. Outputs RCX/RDX:
 * SEPT entry details on error, else 0. MRTD gets one 128-byte block ("MR.EXTEND" zero-padded to 16 bytes, the GPA
 * (8 bytes little-endian), zeros) and then the 256 bytes of the chunk.
 *
 * <p>Errors: TDR checks (RDX); TD fatal/keys/TDCS; OP_STATE not INITIALIZED → TDX_OP_STATE_INCORRECT; bad RCX →
 * TDX_OPERAND_INVALID(RCX); no MAPPED 4KB leaf at the GPA → TDX_EPT_ENTRY_NOT_PRESENT(RCX) with the entry where the
 * walk stopped.
 */
final class TdhMrExtend implements SeamLeaf {
    private static final byte[] TAG = "MR.EXTEND".getBytes(StandardCharsets.US_ASCII);

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpa = r.gpr(1), tdr = r.gpr(2);
        r.gpr(1, 0);
        r.gpr(2, 0);
        long s = h.checkTdr(tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_INITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        if ((gpa & 0xFF) != 0 || !TdhMemPageAdd.privateGpa(td, gpa)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        }
        long page = gpa & ~0xFFFL;
        if (TdhMemPageAdd.walk(td, r, page, 0) != 0) {
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_NOT_PRESENT, SeamStatus.OP_RCX);
        }
        SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(page, 0));
        if (e == null || e.state != SeamHost.SEPT_MAPPED) {
            if (e == null) {
                r.gpr(1, 1L << 63);
                r.gpr(2, 0);
            } else {
                TdhMemPageAdd.entryDetails(r, e, 0);
            }
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_NOT_PRESENT, SeamStatus.OP_RCX);
        }
        byte[] block = new byte[128];
        System.arraycopy(TAG, 0, block, 0, TAG.length);
        TdhMemPageAdd.putLe(block, 16, gpa);
        td.mrtd.update(block);
        td.mrtd.update(h.read(e.hpa + (gpa & 0xFFF), 256));
        return TdxStatus.TDX_SUCCESS;
    }
}
