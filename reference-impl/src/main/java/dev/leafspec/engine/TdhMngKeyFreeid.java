package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MNG.KEY.FREEID (leaf 20, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_mng_key_freeid.c}): frees
 * the TD's HKID once every package wrote its caches back; the KOT entry becomes HKID_FREE (TDH.MNG.CREATE may assign
 * the HKID again) and the TD's lifecycle state TEARDOWN, in which TDH.PHYMEM.PAGE.RECLAIM returns its pages.
 *
 * <p>Input: RCX (64 bits) = TDR HPA. No outputs. Errors in order: TDR page checks (operand RCX); lifecycle not
 * BLOCKED (TDH.MNG.VPFLUSHDONE not done, or the HKID already freed) → TDX_LIFECYCLE_STATE_INCORRECT; KOT locked →
 * TDX_OPERAND_BUSY(KOT); the HKID's WBINVD_BITMAP not 0 (TDH.PHYMEM.CACHE.WB missing on some package) →
 * TDX_WBCACHE_NOT_COMPLETE.
 */
final class TdhMngKeyFreeid implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdr = r.gpr(1);
        long s = h.checkTdr(tdr, SeamStatus.OP_RCX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        if (td.lifecycle != SeamHost.TD_BLOCKED) return SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT;
        if (h.lockedResources.contains("KOT")) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_KOT);
        if (h.wbinvdBitmap[td.hkid] != 0) return SeamStatus.TDX_WBCACHE_NOT_COMPLETE;
        h.kot[td.hkid] = 0;
        td.lifecycle = SeamHost.TD_TEARDOWN;
        return TdxStatus.TDX_SUCCESS;
    }
}
