package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MNG.CREATE (leaf 9; tdx_1.5 {@code api_calls/tdh_mng_create.c}): makes a free page the TDR of a new TD and
 * assigns it a private HKID. Inputs: RCX = TDR HPA (4KB aligned, bits 63:46 clear), RDX = HKID (15:0; 63:16
 * reserved). Errors: RDX reserved bits or not a private HKID → TDX_OPERAND_INVALID(RDX); RCX misaligned or with
 * HKID/high bits → (RCX); not in an initialised TDMR → TDX_OPERAND_ADDR_RANGE_ERROR(RCX); PAMT entry locked →
 * TDX_OPERAND_BUSY(RCX); page not NDA → TDX_PAGE_METADATA_INCORRECT(RCX); KOT locked → TDX_OPERAND_BUSY(KOT);
 * HKID in use → TDX_HKID_NOT_FREE. The TD starts in lifecycle state HKID_ASSIGNED.
 */
final class TdhMngCreate implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdr = r.gpr(1), hkid = r.gpr(2);
        if ((hkid >>> 16) != 0 || !h.isPrivateHkid(hkid)) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        }
        long s = h.checkPage(tdr, SeamStatus.OP_RCX, SeamHost.PT_NDA);
        if (s != 0) return s;
        if (h.lockedResources.contains("KOT")) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_KOT);
        if (h.kot[(int) hkid] != 0) return SeamStatus.TDX_HKID_NOT_FREE;
        h.kot[(int) hkid] = 2;
        h.zeroPage(tdr);
        h.assign(tdr, SeamHost.PT_TDR, 0);
        SeamHost.TdCtx td = new SeamHost.TdCtx(tdr);
        td.hkid = (int) hkid;
        h.tds.put(tdr, td);
        return TdxStatus.TDX_SUCCESS;
    }
}
