package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.SYS.RD (leaf 11, module 1.5): reads one global (SYS context) metadata element
 * (intel/tdx-module {@code src/td_dispatcher/vm_exits/tdg_sys_rd.c}, {@code metadata_sys.c}).
 * RDX = field id (CONTEXT_CODE ignored). Defaults RDX = -1, R8 = 0. Null (all-ones) id →
 * TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT with RDX = first readable id. Malformed or unknown id →
 * TDX_METADATA_FIELD_ID_INCORRECT; not guest-readable → TDX_METADATA_FIELD_NOT_READABLE. Success: R8 = value,
 * RDX = next readable id (-1 after the last). Modelled values: VENDOR_ID 0x8086, MAJOR_VERSION 1,
 * MINOR_VERSION 5, NUM_TDX_FEATURES 1, TDX_FEATURES0 as the 1.5 module reports it (bit 18 NO_RBP_MOD).
 */
final class TdgSysRd implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long id = TdMetadata.withContext(regs.gpr(2), TdMetadata.CTX_SYS);
        regs.gpr(2, TdMetadata.FIELD_ID_NA);
        regs.gpr(8, 0);
        if (TdMetadata.isNull(id)) {
            regs.gpr(2, TdMetadata.nextReadable(TdMetadata.SYS, TdMetadata.CTX_SYS, id, -1));
            return TdxStatus.TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
        }
        if (!TdMetadata.isSingleElementId(id)) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        int idx = TdMetadata.find(TdMetadata.SYS, id);
        if (idx < 0) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        TdMetadata.Field f = TdMetadata.SYS[idx];
        if (f.guestRd == 0) return TdxStatus.TDX_METADATA_FIELD_NOT_READABLE;
        regs.gpr(8, m.td.readSysField(f) & f.guestRd);
        regs.gpr(2, TdMetadata.nextReadable(TdMetadata.SYS, TdMetadata.CTX_SYS, id, idx));
        return TdxStatus.TDX_SUCCESS;
    }
}
