package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MNG.RD (leaf 11, versions 0 and 1) and TDH.MNG.WR (leaf 13) on module 1.5 (tdx_1.5
 * {@code api_calls/tdh_mng_rd_wr.c}, {@code metadata_td.c}): read or write one element of a TD-scope (TDR/TDCS) field.
 *
 * <p>Inputs: RCX = TDR HPA; RDX = field id (CONTEXT_CODE ignored, forced to TD); TDH.MNG.WR also R8 = value, R9 = write
 * mask. Outputs: R8 = the element (TDH.MNG.RD) or its value before the write (TDH.MNG.WR), masked by the host read
 * mask, 0 on error; TDH.MNG.RD version 1 also RDX = the next host-readable element id (all ones after the last and on
 * every error). Host masks: the tdr_tdcs_fields_lookup.c prod masks, or the debug masks when ATTRIBUTES.DEBUG (bit 0)
 * is set ({@link HostMetadata#TD}).
 *
 * <p>Errors in order: version above 1 → TDX_OPERAND_INVALID(RAX); the TDR checks with operand RCX (TDX_OPERAND_INVALID,
 * TDX_OPERAND_ADDR_RANGE_ERROR, TDX_OPERAND_BUSY, TDX_PAGE_METADATA_INCORRECT); TDX_TD_FATAL; lifecycle not
 * KEYS_CONFIGURED → TDX_TD_KEYS_NOT_CONFIGURED; fewer than 6 TDCS pages → TDX_TDCS_NOT_ALLOCATED; OP_STATE
 * UNINITIALIZED (before TDH.MNG.INIT) → TDX_OP_STATE_INCORRECT; version 1 with the null id →
 * TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT with RDX = the first readable id; a malformed id or no such field →
 * TDX_METADATA_FIELD_ID_INCORRECT; read mask 0 → TDX_METADATA_FIELD_NOT_READABLE; write: write mask AND R9 = 0 →
 * TDX_METADATA_FIELD_NOT_WRITABLE; HP_LOCK_TIMEOUT (0x9110000300000011, microseconds) needs R9 = all ones
 * (TDX_METADATA_WR_MASK_NOT_VALID) and a value in 10000..100000000 (TDX_METADATA_FIELD_VALUE_NOT_VALID).
 *
 * <p>Modelled values: FATAL, NUM_TDCX, CHLDCNT, LIFECYCLE_STATE, TDCX_PA, HKID, PKG_CONFIG_BITMAP, NUM_VCPUS,
 * NUM_ASSOC_VCPUS, OP_STATE, NUM_L2_VMS, ATTRIBUTES, XFAM, MAX_VCPUS, GPAW, TSC_FREQUENCY, HP_LOCK_TIMEOUT,
 * CONFIG_FLAGS, TD_EPOCH, MRTD (0 until TDH.MR.FINALIZE), MRCONFIGID, MROWNER, MROWNERCONFIG, SERVTD_HASH, SERVTD_NUM.
 * Other readable fields
 * (and writes to VM_CTLS) are not modelled.
 */
final class TdhMngRdWr implements SeamLeaf {
    private final boolean write;

    TdhMngRdWr(boolean write) {
        this.write = write;
    }

    static final long MIN_HP_LOCK_TIMEOUT_USEC = 10_000, MAX_HP_LOCK_TIMEOUT_USEC = 100_000_000;

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdr = r.gpr(1), id = TdMetadata.withContext(r.gpr(2), HostMetadata.CTX_TD);
        long value = r.gpr(8), mask = r.gpr(9);
        boolean next = !write && version > 0;
        if (next) r.gpr(2, TdMetadata.FIELD_ID_NA);
        r.gpr(8, 0);
        if (version > 1) return TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX;
        long s = h.checkTdr(tdr, SeamStatus.OP_RCX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState == SeamHost.OP_UNINITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        boolean debug = (td.attributes & 1) != 0;
        HostMetadata.F[] t = HostMetadata.TD;
        if (next && TdMetadata.isNull(id)) {
            r.gpr(2, HostMetadata.next(t, HostMetadata.CTX_TD, id, -1, debug));
            return TdxStatus.TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
        }
        if (!TdMetadata.isSingleElementId(id)) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        int idx = HostMetadata.find(t, id);
        if (idx < 0) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        HostMetadata.F f = t[idx];
        long rd = f.rdMask(debug);
        if (!write) {
            if (rd == 0) return TdxStatus.TDX_METADATA_FIELD_NOT_READABLE;
            r.gpr(8, HostMetadata.td(h, td, f, HostMetadata.element(f, id)) & rd);
            if (next) r.gpr(2, HostMetadata.next(t, HostMetadata.CTX_TD, id, idx, debug));
            return TdxStatus.TDX_SUCCESS;
        }
        long combined = f.wrMask(debug) & mask;
        if (combined == 0) return TdxStatus.TDX_METADATA_FIELD_NOT_WRITABLE;
                if (!f.name.equals("HP_LOCK_TIMEOUT")) {
            throw new dev.leafspec.api.NotSupportedException("TDH.MNG.WR of " + f.name + " (not modelled)");
        }
        if (combined != -1L) return TdxStatus.TDX_METADATA_WR_MASK_NOT_VALID;
        if (value < MIN_HP_LOCK_TIMEOUT_USEC || value > MAX_HP_LOCK_TIMEOUT_USEC) {
            return TdxStatus.TDX_METADATA_FIELD_VALUE_NOT_VALID;
        }
        long old = td.hpLockTimeoutUsec;
        td.hpLockTimeoutUsec = value;
        r.gpr(8, old & rd);
        return TdxStatus.TDX_SUCCESS;
    }
}
