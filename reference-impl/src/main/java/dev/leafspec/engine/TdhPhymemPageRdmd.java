package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.PHYMEM.PAGE.RDMD (leaf 24, version 0; tdx_1.5 {@code src/vmm_dispatcher/api_calls/tdh_phymem_page_rdmd.c}):
 * reads a page's PAMT metadata.
 *
 * <p>Input: RCX (64 bits) = page PA (4KB aligned, bits 63:52 and HKID bits 51:46 zero). Outputs (RCX, RDX, R8..R11
 * cleared first, so they are 0 on error): RCX = page type (PT_NDA 0, PT_RSVD 1, PT_REG 3, PT_TDR 4, PT_TDCX 5,
 * PT_TDVPR 6, PT_EPT 8), RDX = owner TDR PA from the PAMT entry (a page made NDA by TDH.MEM.PAGE.REMOVE,
 * TDH.MEM.SEPT.REMOVE or TDH.PHYMEM.PAGE.RECLAIM keeps its former owner there), R8 = page size (2:0; 0 = 4KB in the
 * model), R9 = BEPOCH (the TD epoch of the last TDH.MEM.RANGE.BLOCK) for PT_REG and PT_EPT pages, else 0; R10, R11 = 0.
 *
 * <p>Errors in order: bad PA → TDX_OPERAND_INVALID(RCX); outside the initialised TDMRs →
 * TDX_OPERAND_ADDR_RANGE_ERROR(RCX); PAMT entry locked → TDX_OPERAND_BUSY(RCX).
 */
final class TdhPhymemPageRdmd implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long pa = r.gpr(1);
        for (int g : new int[] {1, 2, 8, 9, 10, 11}) r.gpr(g, 0);
        if (!SeamHost.validPageHpa(pa)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        if (h.tdmrOf(pa) == null) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_ADDR_RANGE_ERROR, SeamStatus.OP_RCX);
        if (h.lockedPages.contains(pa >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_RCX);
        int type = h.pageType(pa);
        r.gpr(1, type);
        r.gpr(2, h.pageOwner(pa));
        if (type == SeamHost.PT_REG || type == SeamHost.PT_EPT) r.gpr(9, SeptTeardown.bepoch(h, pa));
        return TdxStatus.TDX_SUCCESS;
    }
}
