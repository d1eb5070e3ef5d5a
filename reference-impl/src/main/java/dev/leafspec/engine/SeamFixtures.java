package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

import java.util.Locale;
import java.util.Map;

/** The host-side (SEAMCALL) fixtures of docs/fixtures.md: platform.config, platform.lp, platform.ready, host.memory, host.lock. */
final class SeamFixtures {
    private SeamFixtures() {
    }

    /** The layout {@code platform.ready} configures (documented in docs/fixtures.md). */
    static final long READY_TDMR_BASE = 0x4000_0000L, READY_TDMR_SIZE = 0x4000_0000L;
    static final long READY_PAMT_1G = 0x1000_0000L, READY_PAMT_2M = 0x1000_1000L, READY_PAMT_4K = 0x1040_0000L;
    static final long READY_TDMR_INFO_ARRAY = 0x2000_0000L, READY_TDMR_INFO = 0x2000_1000L;
    static final int READY_GLOBAL_HKID = 32;

    static void platformConfig(SeamHost h, Map<String, String> p) {
        if (h.sysState != SeamHost.SYSINIT_PENDING) {
            throw new IllegalArgumentException("platform.config must come before TDH.SYS.INIT");
        }
        for (Map.Entry<String, String> e : p.entrySet()) {
            String k = e.getKey().trim().toUpperCase(Locale.ROOT).replace('-', '_');
            long v;
            switch (k) {
                case "LPS":
                    v = Params.parseNumber(e.getValue(), k);
                    if (v < 1 || v > 64) throw new IllegalArgumentException("LPS must be 1..64");
                    h.numLps = (int) v;
                    break;
                case "PACKAGES":
                    v = Params.parseNumber(e.getValue(), k);
                    if (v < 1 || v > 8) throw new IllegalArgumentException("PACKAGES must be 1..8");
                    h.numPackages = (int) v;
                    break;
                case "PRIVATE_HKID_START":
                    v = Params.parseNumber(e.getValue(), k);
                    if (v < 1 || v > 63) throw new IllegalArgumentException("PRIVATE_HKID_START must be 1..63");
                    h.privateHkidStart = (int) v;
                    break;
                case "CMRS": {
                    h.cmrs.clear();
                    for (String c : e.getValue().split(",")) {
                        String[] bs = c.trim().split("[:+]");
                        if (bs.length != 2) throw new IllegalArgumentException("CMRS: 'base:size, base:size'");
                        h.cmrs.add(new long[] {Params.parseNumber(bs[0], "CMR base"), Params.parseNumber(bs[1], "CMR size")});
                    }
                    if (h.cmrs.size() > TdhSysInfo.MAX_CMR) throw new IllegalArgumentException("CMRS: at most 32 CMRs (MAX_CMR)");
                    break;
                }
                default: throw new IllegalArgumentException("platform.config: unknown key '" + e.getKey() + "'");
            }
        }
        if (h.numPackages > h.numLps) throw new IllegalArgumentException("more PACKAGES than LPS");
        h.lpInit = new boolean[h.numLps];
        h.currentLp = 0;
    }

    /**
     * Fixture platform.seam: {@code state: unloaded} — no SEAM module is loaded, so every SEAMCALL fails VMfailInvalid
     * (RFLAGS.CF = 1, no register written; Linux arch/x86/virt/vmx/tdx reports it as the software value
     * TDX_SEAMCALL_VMFAILINVALID, not a module status); {@code state: loaded} is the default.
     */
    static void platformSeam(SeamHost h, Map<String, String> p) {
        String s = Params.get(p, "state");
        if (s == null) throw new IllegalArgumentException("platform.seam: missing parameter 'state'");
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "unloaded": h.seamLoaded = false; break;
            case "loaded": h.seamLoaded = true; break;
            default: throw new IllegalArgumentException("platform.seam: state must be 'loaded' or 'unloaded'");
        }
    }

    /**
     * Fixture migtd.keys: the TD's Migration TD has written the migration keys (in the source, TDG.SERVTD.WR of
     * MIG_DEC_KEY/MIG_ENC_KEY sets TDCS.MIG_DEC_KEY_SET), so the next TDH.EXPORT.STATE.IMMUTABLE (NEW) can start a session.
     */
    static void migtdKeys(SeamHost h, Map<String, String> p) {
        SeamHost.TdCtx td = h.tds.get(Params.number(p, "tdr"));
        if (td == null) throw new IllegalArgumentException("migtd.keys: no TD has its TDR at " + p.get("tdr"));
        td.migDecKeySet = true;
    }

    static void platformLp(SeamHost h, Map<String, String> p) {
        long lp = Params.number(p, "lp");
        if (lp < 0 || lp >= h.numLps) throw new IllegalArgumentException("no logical processor " + lp);
        h.currentLp = (int) lp;
    }

    static void hostMemory(SeamHost h, Map<String, String> p) {
        long hpa = Params.number(p, "hpa");
        String bytes = Params.get(p, "bytes");
        String qwords = Params.get(p, "qwords");
        if (bytes != null) h.write(hpa, Params.hexBytes(bytes));
        if (qwords != null) {
            String[] q = qwords.trim().split("[,\\s]+");
            byte[] b = new byte[8 * q.length];
            for (int i = 0; i < q.length; i++) TdhMemPageAdd.putLe(b, 8 * i, Params.parseNumber(q[i], "qword"));
            h.write(hpa, b);
        }
        String fill = Params.get(p, "fill");
        if (fill != null) {
            byte[] b = new byte[(int) Params.number(p, "length", SeamHost.PAGE)];
            java.util.Arrays.fill(b, (byte) Params.parseNumber(fill, "fill"));
            h.write(hpa, b);
        }
    }

    static void hostLock(SeamHost h, Map<String, String> p) {
        String res = Params.get(p, "resource");
        if (res != null) {
            String r = res.trim().toUpperCase(Locale.ROOT);
            if (!r.equals("KOT") && !r.equals("WBCACHE")) {
                throw new IllegalArgumentException("host.lock: resource must be KOT or WBCACHE (or give 'hpa')");
            }
            h.lockedResources.add(r);
        }
        String hpa = Params.get(p, "hpa");
        if (hpa != null) h.lockedPages.add(Params.parseNumber(hpa, "hpa") >>> 12);
        if (res == null && hpa == null) throw new IllegalArgumentException("host.lock needs 'hpa' or 'resource'");
    }

    /**
     * Brings a freshly reset module to READY through its own SEAMCALL leaves: TDH.SYS.INIT, TDH.SYS.LP.INIT on every
     * LP, TDH.SYS.CONFIG with one TDMR (1 GB at 0x40000000, PAMTs at 0x10000000/0x10001000/0x10400000, global HKID 32),
     * TDH.SYS.KEY.CONFIG on one LP of every package, TDH.SYS.TDMR.INIT until done. The current LP is 0 afterwards.
     */
    static void platformReady(SeamHost h) {
        if (h.sysState == SeamHost.SYS_READY) return;
        if (h.sysState != SeamHost.SYSINIT_PENDING) throw new IllegalArgumentException("platform.ready on a partly initialised module");
        SeamcallDispatcher d = new SeamcallDispatcher();
        RegisterFile r = new RegisterFile();
        run(d, h, r, SeamcallDispatcher.TDH_SYS_INIT, 0, 0, 0);
        for (int lp = 0; lp < h.numLps; lp++) {
            h.currentLp = lp;
            run(d, h, r, SeamcallDispatcher.TDH_SYS_LP_INIT, 0, 0, 0);
        }
        byte[] info = new byte[64];
        long[] w = {READY_TDMR_BASE, READY_TDMR_SIZE, READY_PAMT_1G, 0x1000, READY_PAMT_2M, 0x2000, READY_PAMT_4K, 0x40_0000};
        for (int i = 0; i < w.length; i++) TdhMemPageAdd.putLe(info, 8 * i, w[i]);
        h.write(READY_TDMR_INFO, info);
        byte[] arr = new byte[8];
        TdhMemPageAdd.putLe(arr, 0, READY_TDMR_INFO);
        h.write(READY_TDMR_INFO_ARRAY, arr);
        run(d, h, r, SeamcallDispatcher.TDH_SYS_CONFIG, READY_TDMR_INFO_ARRAY, 1, h.privateHkidStart);
        for (int pkg = 0; pkg < h.numPackages; pkg++) {
            for (int lp = 0; lp < h.numLps; lp++) {
                if (h.packageOf(lp) == pkg) {
                    h.currentLp = lp;
                    break;
                }
            }
            run(d, h, r, SeamcallDispatcher.TDH_SYS_KEY_CONFIG, 0, 0, 0);
        }
        h.currentLp = 0;
        do {
            run(d, h, r, SeamcallDispatcher.TDH_SYS_TDMR_INIT, READY_TDMR_BASE, 0, 0);
        } while (r.gpr(2) < READY_TDMR_BASE + READY_TDMR_SIZE);
    }

    private static void run(SeamcallDispatcher d, SeamHost h, RegisterFile r, int leaf, long rcx, long rdx, long r8) {
        r.clear();
        r.gpr(0, leaf);
        r.gpr(1, rcx);
        r.gpr(2, rdx);
        r.gpr(8, r8);
        d.call(h, r);
        if (r.gpr(0) != 0) {
            throw new IllegalStateException(String.format("platform.ready: leaf %d returned 0x%016x", leaf, r.gpr(0)));
        }
    }
}
