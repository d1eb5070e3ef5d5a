package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MNG.KEY.CONFIG (leaf 8; tdx_1.5 {@code api_calls/tdh_mng_key_config.c}): programs the TD's key on the current
 * LP's package; run once per package. Input RCX = TDR HPA. Errors: the TDR checks with operand RCX
 * (TDX_OPERAND_INVALID, TDX_OPERAND_ADDR_RANGE_ERROR, TDX_OPERAND_BUSY, TDX_PAGE_METADATA_INCORRECT); TD fatal →
 * TDX_TD_FATAL; lifecycle not HKID_ASSIGNED → TDX_LIFECYCLE_STATE_INCORRECT; already on this package →
 * TDX_KEY_CONFIGURED (not an error). After the last package the lifecycle state is KEYS_CONFIGURED.
 */
final class TdhMngKeyConfig implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdr = r.gpr(1);
        long s = h.checkTdr(tdr, SeamStatus.OP_RCX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        if (td.fatal) return SeamStatus.TDX_TD_FATAL;
        if (td.lifecycle != SeamHost.TD_HKID_ASSIGNED) return SeamStatus.TDX_LIFECYCLE_STATE_INCORRECT;
        long bit = 1L << h.packageOf(h.currentLp);
        if ((td.pkgKeyBitmap & bit) != 0) return SeamStatus.TDX_KEY_CONFIGURED;
        td.pkgKeyBitmap |= bit;
        if (Long.bitCount(td.pkgKeyBitmap) == h.numPackages) td.lifecycle = SeamHost.TD_KEYS_CONFIGURED;
        return TdxStatus.TDX_SUCCESS;
    }
}
