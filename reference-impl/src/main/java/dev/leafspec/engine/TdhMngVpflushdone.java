package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MNG.VPFLUSHDONE (leaf 19, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mng_vpflushdone.c}): ends
 * the TD's use of its HKID. When no VCPU is associated with any LP, the TD's lifecycle state becomes BLOCKED, the KOT
 * entry of its HKID becomes HKID_FLUSHED, and the HKID's WBINVD_BITMAP is set to the packages configured by
 * TDH.SYS.KEY.CONFIG: TDH.PHYMEM.CACHE.WB must then run on every package before TDH.MNG.KEY.FREEID.
 *
 * <p>Input: RCX (64 bits) = TDR HPA. No outputs. Errors in order: TDR page checks (operand RCX); KOT locked →
 * TDX_OPERAND_BUSY(KOT); lifecycle neither HKID_ASSIGNED nor KEYS_CONFIGURED → TDX_LIFECYCLE_STATE_INCORRECT; with
 * the TDCS allocated and OP_STATE initialised, some VCPU still associated (TDH.VP.FLUSH missing) →
 * TDX_FLUSHVP_NOT_DONE. A TD that never reached TDH.MNG.INIT skips the VCPU check.
 */
final class TdhMngVpflushdone implements SeamLeaf {
    /** KOT entry state HKID_FLUSHED (the model's kot[] value 3). */
    static final int KOT_HKID_FLUSHED = 3;

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdr = r.gpr(1);
        long s = h.checkTdr(tdr, SeamStatus.OP_RCX);
        if (s != 0) return s;
        if (h.lockedResources.contains("KOT")) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_KOT);
        SeamHost.TdCtx td = h.tds.get(tdr);
        if (td.lifecycle != SeamHost.TD_KEYS_CONFIGURED && td.lifecycle != SeamHost.TD_HKID_ASSIGNED) {
            return SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT;
        }
        if (td.tdcsPages >= SeamHost.MIN_NUM_TDCS_PAGES && td.opState != SeamHost.OP_UNINITIALIZED
                && td.numAssocVcpus(h) != 0) {
            return SeamStatus.TDX_FLUSHVP_NOT_DONE;
        }
        h.wbinvdBitmap[td.hkid] = h.pkgConfigBitmap;
        td.lifecycle = SeamHost.TD_BLOCKED;
        h.kot[td.hkid] = KOT_HKID_FLUSHED;
        return TdxStatus.TDX_SUCCESS;
    }
}
