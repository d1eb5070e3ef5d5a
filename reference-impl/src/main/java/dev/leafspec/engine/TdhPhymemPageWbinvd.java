package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.PHYMEM.PAGE.WBINVD (leaf 41, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_phymem_page_wbinvd.c}):
 * writes back and invalidates the cache lines of one free page for one HKID (KVM: after TDH.MEM.PAGE.REMOVE with the
 * TD's HKID, and for the TDR with the global private HKID after its reclaim). The model keeps no cache state; the call
 * checks its operand and succeeds.
 *
 * <p>Input: RCX (64 bits) = page PA with the HKID in bits 51:46 (the model's HKID bits); the PA without them must be
 * 4KB aligned with bits 63:52 zero. No outputs. Errors in order: bad PA → TDX_OPERAND_INVALID(RCX); outside the
 * initialised TDMRs → TDX_OPERAND_ADDR_RANGE_ERROR(RCX); PAMT entry locked → TDX_OPERAND_BUSY(RCX); the page not NDA
 * (still owned by a TD: not removed or reclaimed yet) → TDX_PAGE_METADATA_INCORRECT(RCX).
 */
final class TdhPhymemPageWbinvd implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long pa = r.gpr(1) & ~(0x3FL << SeamHost.HKID_SHIFT);
        return h.checkPage(pa, SeamStatus.OP_RCX, SeamHost.PT_NDA);
    }
}
