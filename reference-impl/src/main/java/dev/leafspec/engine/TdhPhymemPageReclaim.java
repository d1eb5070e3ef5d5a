package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.PHYMEM.PAGE.RECLAIM (leaf 28, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_phymem_page_reclaim.c}):
 * returns a page of a torn-down TD (lifecycle TEARDOWN, after TDH.MNG.KEY.FREEID) to the host: its PAMT entry becomes
 * NDA (the owner and BEPOCH fields keep their values, as in the source). For a page other than the TDR, the owner's
 * child count drops by 1; the TDR itself is reclaimed last, when its child count is 0.
 *
 * <p>Input: RCX (64 bits) = page PA (4KB aligned, bits 63:52 and HKID bits 51:46 zero). Outputs: RCX = PAMT page type
 * (PT_REG 3, PT_TDR 4, PT_TDCX 5, PT_TDVPR 6, PT_EPT 8), RDX = owner TDR PA, R8 = page size (2:0, 0 = 4KB; the model
 * has 4KB PAMT leaves only), R9..R11 = 0; all six are cleared first and RCX/RDX/R8 are written before the owner and
 * lifecycle checks, so those errors return them too.
 *
 * <p>Errors in order: bad PA → TDX_OPERAND_INVALID(RCX); outside the initialised TDMRs →
 * TDX_OPERAND_ADDR_RANGE_ERROR(RCX); PAMT entry locked → TDX_OPERAND_BUSY(RCX); page NDA or reserved →
 * TDX_PAGE_METADATA_INCORRECT(RCX); not a TDR: owner TDR locked → TDX_OPERAND_BUSY(TDR), owner not in TEARDOWN →
 * TDX_LIFECYCLE_STATE_INCORRECT; a TDR: not in TEARDOWN → TDX_LIFECYCLE_STATE_INCORRECT, child count not 0 →
 * TDX_TD_ASSOCIATED_PAGES_EXIST.
 */
final class TdhPhymemPageReclaim implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long pa = r.gpr(1);
        for (int g : new int[] {1, 2, 8, 9, 10, 11}) r.gpr(g, 0);
        if (!SeamHost.validPageHpa(pa)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        if (h.tdmrOf(pa) == null) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_ADDR_RANGE_ERROR, SeamStatus.OP_RCX);
        if (h.lockedPages.contains(pa >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_RCX);
        int type = h.pageType(pa);
        if (type == SeamHost.PT_NDA || type == SeamHost.PT_RSVD) {
            return TdxStatus.withOperand(SeamStatus.TDX_PAGE_METADATA_INCORRECT, SeamStatus.OP_RCX);
        }
        long owner = h.pageOwner(pa);
        r.gpr(1, type);
        r.gpr(2, owner); // R8 (page size) stays 0: 4KB, the only PAMT size of the model
        if (type != SeamHost.PT_TDR) {
            if (h.lockedPages.contains(owner >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_TDR);
            SeamHost.TdCtx td = h.tds.get(owner);
            if (td.lifecycle != SeamHost.TD_TEARDOWN) return SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT;
            td.childPages--;
            if (type == SeamHost.PT_TDVPR) h.vcpus.remove(pa);
        } else {
            SeamHost.TdCtx td = h.tds.get(pa);
            if (td.lifecycle != SeamHost.TD_TEARDOWN) return SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT;
            if (td.childPages != 0) return SeamStatus.TDX_TD_ASSOCIATED_PAGES_EXIST;
            h.tds.remove(pa);
        }
        SeptTeardown.toNda(h, pa);
        return TdxStatus.TDX_SUCCESS;
    }
}
