package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * TDH.VP.RD (leaf 26, versions 0 and 1) and TDH.VP.WR (leaf 43) on module 1.5 (tdx_1.5
 * {@code api_calls/tdh_vp_rd_wr.c}, {@code metadata_vp.c}): read or write one element of a VCPU-scope (TDVPS) field.
 *
 * <p>Inputs: RCX = TDVPR HPA; RDX = field id (CONTEXT_CODE ignored, forced to VP); TDH.VP.WR also R8 = value, R9 =
 * write mask. Outputs: R8 = the element (or its value before the write) masked by the host read mask, 0 on error;
 * TDH.VP.RD version 1 also RDX = the next host-readable element id (all ones after the last and on every error).
 * Host masks: tdvps_fields_lookup.c prod masks, debug masks with ATTRIBUTES.DEBUG ({@link HostMetadata#VP}).
 *
 * <p>Errors in order: version above 1 → TDX_OPERAND_INVALID(RAX); the TDVPR page checks with operand RCX (type
 * TDVPR); owner TDR locked → TDX_OPERAND_BUSY(TDR); TDX_TD_FATAL; TDX_TD_KEYS_NOT_CONFIGURED; TDX_TDCS_NOT_ALLOCATED;
 * OP_STATE UNINITIALIZED → TDX_OP_STATE_INCORRECT; TDVPS pages incomplete → TDX_TDCX_NUM_INCORRECT; the VCPU not
 * initialised → TDX_VCPU_STATE_INCORRECT; associated with another LP → TDX_VCPU_ASSOCIATED (0x8000070100000000),
 * otherwise it becomes associated with the current LP; then the metadata statuses as TDH.MNG.RD/WR.
 *
 * <p>Modelled values: VCPU_INDEX, NUM_TDVPS_PAGES, ASSOC_LPID, TDVPS_PAGE_PA, CPUID_SUPERVISOR_VE/USER_VE (0),
 * PEND_NMI (read/write, 8 bits), XFAM, VCPU_EPOCH. TD VMCS classes (0, 36, 44, 52) and other readable fields are not
 * modelled ({@link NotSupportedException}).
 */
final class TdhVpRdWr implements SeamLeaf {
    private final boolean write;

    TdhVpRdWr(boolean write) {
        this.write = write;
    }

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdvpr = r.gpr(1), id = TdMetadata.withContext(r.gpr(2), HostMetadata.CTX_VP);
        long value = r.gpr(8), mask = r.gpr(9);
        boolean next = !write && version > 0;
        if (next) r.gpr(2, TdMetadata.FIELD_ID_NA);
        r.gpr(8, 0);
        if (version > 1) return TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX;
        long s = h.checkPage(tdvpr, SeamStatus.OP_RCX, SeamHost.PT_TDVPR);
        if (s != 0) return s;
        SeamHost.VcpuCtx v = h.vcpus.get(tdvpr);
        SeamHost.TdCtx td = h.tds.get(v.tdr);
        if (h.lockedPages.contains(v.tdr >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_TDR);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState == SeamHost.OP_UNINITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        if (v.pages != SeamHost.MIN_TDVPS_PAGES + SeamHost.TDVPS_PAGES_PER_L2_VM * td.numL2Vms) {
            return SeamStatus.TDX_TDCX_NUM_INCORRECT;
        }
        if (!v.initialized) return SeamStatus.TDX_VCPU_STATE_INCORRECT;
        if (v.assocLp >= 0 && v.assocLp != h.currentLp) return SeamStatus.TDX_VCPU_ASSOCIATED;
        v.assocLp = h.currentLp;
        boolean debug = (td.attributes & 1) != 0;
        HostMetadata.F[] t = HostMetadata.VP;
        if (next && TdMetadata.isNull(id)) {
            r.gpr(2, HostMetadata.next(t, HostMetadata.CTX_VP, id, -1, debug));
            return TdxStatus.TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
        }
        if (!TdMetadata.isSingleElementId(id)) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        if (HostMetadata.vmcsClass(id)) throw new NotSupportedException("TD VMCS fields through TDH.VP.RD/WR");
        int idx = HostMetadata.find(t, id);
        if (idx < 0) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
        HostMetadata.F f = t[idx];
        long rd = f.rdMask(debug);
        if (!write) {
            if (rd == 0) return TdxStatus.TDX_METADATA_FIELD_NOT_READABLE;
            r.gpr(8, HostMetadata.vp(h, v, f, HostMetadata.element(f, id)) & rd);
            if (next) r.gpr(2, HostMetadata.next(t, HostMetadata.CTX_VP, id, idx, debug));
            return TdxStatus.TDX_SUCCESS;
        }
        long combined = f.wrMask(debug) & mask;
        if (combined == 0) return TdxStatus.TDX_METADATA_FIELD_NOT_WRITABLE;
        if (!f.name.equals("PEND_NMI")) throw new NotSupportedException("TDH.VP.WR of " + f.name + " (not modelled)");
        long old = v.pendNmi;
        v.pendNmi = (old & ~combined) | (value & combined);
        r.gpr(8, old & rd);
        return TdxStatus.TDX_SUCCESS;
    }
}
