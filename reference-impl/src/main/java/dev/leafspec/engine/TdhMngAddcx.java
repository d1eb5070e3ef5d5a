package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MNG.ADDCX (leaf 1; tdx_1.5 {@code api_calls/tdh_mng_add_cx.c}): adds a TDCS page. Inputs: RCX = new page HPA,
 * RDX = TDR HPA. Errors: the TDR checks with operand RDX; TD fatal → TDX_TD_FATAL; keys not configured on every
 * package → TDX_TD_KEYS_NOT_CONFIGURED; already 9 TDCS pages → TDX_TDCX_NUM_INCORRECT; OP_STATE not
 * UNINITIALIZED → TDX_OP_STATE_INCORRECT; then the page checks with operand RCX (page must be NDA). The page becomes
 * TDCX owned by the TDR. TDH.MNG.INIT needs at least 6 (tdx_1.5 MIN_NUM_TDCS_PAGES).
 */
final class TdhMngAddcx implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long page = r.gpr(1), tdr = r.gpr(2);
        long s = h.checkTdr(tdr, SeamStatus.OP_RDX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        if (td.fatal) return SeamStatus.TDX_TD_FATAL;
        if (td.lifecycle != SeamHost.TD_KEYS_CONFIGURED) return SeamStatus.TDX_TD_KEYS_NOT_CONFIGURED;
        if (td.tdcsPages >= SeamHost.MAX_NUM_TDCS_PAGES) return SeamStatus.TDX_TDCX_NUM_INCORRECT;
        if (td.opState != SeamHost.OP_UNINITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        s = h.checkPage(page, SeamStatus.OP_RCX, SeamHost.PT_NDA);
        if (s != 0) return s;
        h.zeroPage(page);
        h.assign(page, SeamHost.PT_TDCX, tdr);
        td.tdcsPages++;
        td.tdcx.add(page);
        td.childPages++;
        return TdxStatus.TDX_SUCCESS;
    }
}
