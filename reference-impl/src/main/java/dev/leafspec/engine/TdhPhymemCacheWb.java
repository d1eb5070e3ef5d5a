package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.PHYMEM.CACHE.WB (leaf 40, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_phymem_cache_wb.c}): writes
 * back and invalidates the current package's caches, then clears that package's bit in the WBINVD_BITMAP of every
 * HKID that was HKID_FLUSHED (TDH.MNG.VPFLUSHDONE done) when the call started. The VMM runs it on one LP of every
 * package (KVM: one CPU per package) before TDH.MNG.KEY.FREEID.
 *
 * <p>Input: RCX (64 bits) = CMD: 0 start, 1 resume an interrupted write-back. No outputs. Errors in order: CMD above 1
 * → TDX_OPERAND_INVALID(RCX); this package's write-back table entry held (fixture host.lock resource WBCACHE) →
 * TDX_OPERAND_BUSY(WBCACHE, 188); KOT locked → TDX_OPERAND_BUSY(KOT, 186); start with no private HKID in state
 * HKID_FLUSHED → TDX_NO_HKID_READY_TO_WBCACHE (status class 0); resume with no saved interruption point →
 * TDX_WBCACHE_RESUME_ERROR. The model is never interrupted (no TDX_INTERRUPTED_RESUMABLE), so a resume always finds
 * no saved point. Running it again on a package already done succeeds while some HKID is still flushed.
 */
final class TdhPhymemCacheWb implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long cmd = r.gpr(1);
        if (cmd > 1 || cmd < 0) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        if (h.lockedResources.contains("WBCACHE")) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_WBCACHE);
        }
        if (h.lockedResources.contains("KOT")) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_KOT);
        if (cmd == 1) return SeamStatus.TDX_WBCACHE_RESUME_ERROR;
        long bit = 1L << h.packageOf(h.currentLp);
        boolean any = false;
        for (int k = h.privateHkidStart; k < SeamHost.NUM_HKIDS; k++) {
            if (h.kot[k] == TdhMngVpflushdone.KOT_HKID_FLUSHED) {
                any = true;
                h.wbinvdBitmap[k] &= ~bit;
            }
        }
        return any ? TdxStatus.TDX_SUCCESS : SeamStatus.TDX_NO_HKID_READY_TO_WBCACHE;
    }
}
