package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.RD (leaf 34, module 1.5; tdx_1.5 {@code api_calls/tdh_sys_rd.c}, {@code metadata_sys.c}): reads one element
 * of a global (SYS context) metadata field. Allowed before the module is READY.
 *
 * <p>Input RDX = field id (64 bits; CONTEXT_CODE 54:52 is ignored and forced to SYS). Outputs RDX = next host-readable
 * element id (all ones after the last), R8 = the element value zero-extended from its size (ELEMENT_SIZE_CODE 33:32).
 * RDX is set to all ones and R8 to 0 first; they keep these values on every error. Every global field of 1.5 is
 * host-readable ({@link TdMetadata#SYS}, 65 entries; values in {@link HostMetadata#sys}).
 *
 * <p>Errors in order: the LP has not run TDH.SYS.LP.INIT → TDX_SYS_LP_INIT_NOT_DONE (0xC000050200000000); the null id
 * (all ones, context ignored) → TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT (0x00000C0B00000000) with RDX = the first id
 * (NUM_PKGS); a reserved bit (31:24, 49:47, 55, 62) or a non-zero LAST_ELEMENT_IN_FIELD/LAST_FIELD_IN_SEQUENCE, or no
 * field with that CLASS_CODE and FIELD_CODE → TDX_METADATA_FIELD_ID_INCORRECT (0xC0000C0000000000).
 */
final class TdhSysRd implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long id = TdMetadata.withContext(r.gpr(2), TdMetadata.CTX_SYS);
        r.gpr(2, TdMetadata.FIELD_ID_NA);
        r.gpr(8, 0);
        if (!h.lpInit[h.currentLp]) return SeamStatus.TDX_SYS_LP_INIT_NOT_DONE;
        TdMetadata.Field[] t = TdMetadata.SYS;
        if (TdMetadata.isNull(id)) {
            r.gpr(2, t[0].id);
            return TdxStatus.TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
        }
        if (!TdMetadata.isSingleElementId(id)) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        int idx = TdMetadata.find(t, id);
        if (idx < 0) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        TdMetadata.Field f = t[idx];
        int elem = (int) (id & 0xFFFFFF) - f.fieldCode();
        r.gpr(8, HostMetadata.sys(h, f, elem) & TdMetadata.sizeMask(f));
        r.gpr(2, nextElement(t, id, idx));
        return TdxStatus.TDX_SUCCESS;
    }

    /** md_get_next_element_in_context for the SYS context with host access (every field readable). */
    static long nextElement(TdMetadata.Field[] t, long id, int idx) {
        TdMetadata.Field f = t[idx];
        if ((int) (id & 0xFFFFFF) - f.fieldCode() < f.count() - 1) {
            return TdMetadata.withContext((f.id & ~0xFFFFFFL) | ((id & 0xFFFFFF) + 1), TdMetadata.CTX_SYS);
        }
        return idx + 1 < t.length ? t[idx + 1].id : TdMetadata.FIELD_ID_NA;
    }
}
