package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.RD (leaf 9) / TDG.VP.WR (leaf 10), module 1.5, modelled to the level of input validation
 * (intel/tdx-module {@code tdg_vp_rd_wr.c}): defaults RDX = -1 (read only) and R8 = 0; RCX must be 0,
 * else TDX_OPERAND_INVALID operand RCX; a field id with reserved/LAST_* bits set →
 * TDX_METADATA_FIELD_ID_INCORRECT. The VCPU-scope field tables (TDVPS, TD VMCS) are not modelled:
 * other inputs throw NotSupportedException.
 */
final class TdgVpRdWr implements Leaf {
    private final boolean write;

    TdgVpRdWr(boolean write) {
        this.write = write;
    }

    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long id = regs.gpr(2);
        if (!write) regs.gpr(2, TdMetadata.FIELD_ID_NA);
        regs.gpr(8, 0);
        if (regs.gpr(1) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        if ((write || !TdMetadata.isNull(id)) && !TdMetadata.isSingleElementId(id)) {
            return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        }
        throw new NotSupportedException("leaf " + (write ? "TDG.VP.WR" : "TDG.VP.RD") + " (VCPU-scope field tables)");
    }
}
