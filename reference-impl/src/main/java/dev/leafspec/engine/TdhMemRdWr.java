package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MEM.RD (leaf 12) and TDH.MEM.WR (leaf 14), version 0 (tdx_1.5
 * {@code src/vmm_dispatcher/api_calls/tdh_mem_rd_wr.c}): read or write 8 bytes of a debug TD's private memory.
 *
 * <p>Inputs: RCX (64 bits) = GPA, 8-byte aligned; RDX (64 bits) = TDR HPA; TDH.MEM.WR also R8 (64 bits) = the data.
 * Outputs: R8 = the 8 bytes at the GPA (for TDH.MEM.WR: before the write); RCX = the architectural SEPT entry and RDX
 * = LEVEL (2:0) | STATE (15:8) only with TDX_EPT_ENTRY_NOT_PRESENT / TDX_EPT_ENTRY_STATE_INCORRECT; RCX, RDX and R8
 * are 0 otherwise (also on success).
 *
 * <p>Errors in order: the TDR checks, operand RDX; TD fatal / keys / TDCS; OP_STATE UNINITIALIZED →
 * TDX_OP_STATE_INCORRECT (op_state_lookup rows 12/14); ATTRIBUTES.DEBUG (bit 0) clear → TDX_TD_NON_DEBUG
 * (0xC000060500000000); RCX not 8-byte aligned → TDX_OPERAND_INVALID(RCX); a shared GPA or one beyond the GPA width →
 * TDX_OPERAND_INVALID(RCX); no present leaf maps the GPA (a missing SEPT level, a FREE, PENDING or BLOCKED entry: the
 * walk to a leaf needs RWX != 0) → TDX_EPT_ENTRY_NOT_PRESENT(RCX) (0xC0000B0300000001) with the entry where the walk
 * stopped. MAPPED is the only modelled state sept_state_lookup rows 12/14 allow (the others are migration states).
 */
final class TdhMemRdWr implements SeamLeaf {
    private final boolean write;

    TdhMemRdWr(boolean write) {
        this.write = write;
    }

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long gpa = r.gpr(1), tdr = r.gpr(2), data = r.gpr(8);
        r.gpr(1, 0);
        r.gpr(2, 0);
        r.gpr(8, 0);
        long s = SeptTeardown.checkTd(h, tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        if ((td.attributes & 1) == 0) return SeamStatus.TDX_TD_NON_DEBUG;
        if ((gpa & 7) != 0 || !TdhMemPageAdd.privateGpa(td, gpa)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        }
        SeamHost.SeptEntry leaf = null;
        int level = td.rootLevel();
        for (; level >= 0; level--) {
            SeamHost.SeptEntry e = td.sept.get(SeamHost.septKey(gpa & ~(SeamHost.levelSize(level) - 1), level));
            if (e == null || e.leaf || e.state == SeamHost.SEPT_BLOCKED || level == 0) {
                leaf = e;
                break;
            }
        }
        if (leaf == null || !leaf.leaf || leaf.state != SeamHost.SEPT_MAPPED) {
            SeptTeardown.details(r, leaf, level);
            return TdxStatus.withOperand(SeamStatus.TDX_EPT_ENTRY_NOT_PRESENT, SeamStatus.OP_RCX);
        }
        long pa = leaf.hpa + (gpa & (SeamHost.levelSize(level) - 1));
        r.gpr(8, h.read64(pa));
        if (write) {
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) b[i] = (byte) (data >>> (8 * i));
            h.write(pa, b);
        }
        return TdxStatus.TDX_SUCCESS;
    }
}
