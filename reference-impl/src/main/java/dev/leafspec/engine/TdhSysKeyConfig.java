package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.KEY.CONFIG (leaf 31; tdx_1.5 {@code api_calls/tdh_sys_key_config.c}), run once on one LP of each package:
 * programs the global private HKID's key. No inputs or outputs. Errors: state not SYSCONFIG_DONE →
 * TDX_SYS_KEY_CONFIG_NOT_PENDING; the package already configured → TDX_KEY_CONFIGURED (not an error). When the
 * last package is configured the module becomes READY.
 */
final class TdhSysKeyConfig implements SeamLeaf {
    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        if (h.sysState != SeamHost.SYSCONFIG_DONE) return SeamStatus.TDX_SYS_KEY_CONFIG_NOT_PENDING;
        long bit = 1L << h.packageOf(h.currentLp);
        if ((h.pkgConfigBitmap & bit) != 0) return SeamStatus.TDX_KEY_CONFIGURED;
        h.pkgConfigBitmap |= bit;
        if (++h.numInitPkgs == h.numPackages) h.sysState = SeamHost.SYS_READY;
        return TdxStatus.TDX_SUCCESS;
    }
}
