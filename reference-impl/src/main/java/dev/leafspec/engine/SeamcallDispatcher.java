package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * The SEAMCALL dispatcher (intel/tdx-module tdx_1.5 {@code src/vmm_dispatcher/tdx_vmm_dispatcher.c}).
 *
 * <p><b>RAX decode</b> ({@code include/tdx_api_defs.h tdx_leaf_and_version_t}): bits 15:0 leaf number, 23:16
 * version, 63:24 reserved. In this order:
 * <ol>
 *   <li>a reserved bit set: RAX = TDX_OPERAND_INVALID (0xC000010000000000) with operand RAX (0); nothing else changes;</li>
 *   <li>a version above 0 for a leaf other than TDH.MEM.PAGE.PROMOTE (23), TDH.MEM.SEPT.ADD (3),
 *       TDH.MEM.SEPT.REMOVE (30), TDH.MNG.RD (11) and TDH.VP.RD (26): the same status; those leaves check the
 *       version themselves;</li>
 *   <li>after TDH.SYS.SHUTDOWN every leaf but TDH.SYS.LP.SHUTDOWN returns TDX_SYS_SHUTDOWN;</li>
 *   <li>until the module is READY (TDH.SYS.KEY.CONFIG done on every package) only TDH.SYS.INFO, RD, RDALL, INIT,
 *       LP.INIT, CONFIG, KEY.CONFIG, LP.SHUTDOWN and UPDATE run; every other leaf returns TDX_SYS_NOT_READY
 *       (0xC000050500000000) with no other register changed;</li>
 *   <li>an unknown leaf number: TDX_OPERAND_INVALID with operand RAX.</li>
 * </ol>
 * A known leaf the engine does not model throws {@link NotSupportedException} ("leaf NAME") once the RAX checks pass.
 */
final class SeamcallDispatcher {
    /** SEAMCALL leaf numbers (tdx_api_defs.h seamcall_leaf_opcode_t, tdx_1.5). */
    static final int TDH_VP_ENTER = 0, TDH_MNG_ADDCX = 1, TDH_MEM_PAGE_ADD = 2, TDH_MEM_SEPT_ADD = 3, TDH_VP_ADDCX = 4,
            TDH_MEM_PAGE_RELOCATE = 5, TDH_MEM_PAGE_AUG = 6, TDH_MEM_RANGE_BLOCK = 7, TDH_MNG_KEY_CONFIG = 8,
            TDH_MNG_CREATE = 9, TDH_VP_CREATE = 10, TDH_MNG_RD = 11, TDH_MEM_RD = 12, TDH_MNG_WR = 13, TDH_MEM_WR = 14,
            TDH_MEM_PAGE_DEMOTE = 15, TDH_MR_EXTEND = 16, TDH_MR_FINALIZE = 17, TDH_VP_FLUSH = 18,
            TDH_MNG_VPFLUSHDONE = 19, TDH_MNG_KEY_FREEID = 20, TDH_MNG_INIT = 21, TDH_VP_INIT = 22,
            TDH_MEM_PAGE_PROMOTE = 23, TDH_PHYMEM_PAGE_RDMD = 24, TDH_MEM_SEPT_RD = 25, TDH_VP_RD = 26,
            TDH_MNG_KEY_RECLAIMID = 27, TDH_PHYMEM_PAGE_RECLAIM = 28, TDH_MEM_PAGE_REMOVE = 29,
            TDH_MEM_SEPT_REMOVE = 30, TDH_SYS_KEY_CONFIG = 31, TDH_SYS_INFO = 32, TDH_SYS_INIT = 33, TDH_SYS_RD = 34,
            TDH_SYS_LP_INIT = 35, TDH_SYS_TDMR_INIT = 36, TDH_SYS_RDALL = 37, TDH_MEM_TRACK = 38,
            TDH_MEM_RANGE_UNBLOCK = 39, TDH_PHYMEM_CACHE_WB = 40, TDH_PHYMEM_PAGE_WBINVD = 41, TDH_MEM_SEPT_WR = 42,
            TDH_VP_WR = 43, TDH_SYS_LP_SHUTDOWN = 44, TDH_SYS_CONFIG = 45, TDH_SERVTD_BIND = 48,
            TDH_SERVTD_PREBIND = 49, TDH_SYS_SHUTDOWN = 52, TDH_SYS_UPDATE = 53;

    private static final int NUM = 128;
    private static final String[] NAMES = new String[NUM];
    private final SeamLeaf[] leaves = new SeamLeaf[NUM];
    private static final boolean[] MULTI_VERSION = new boolean[NUM];
    private static final boolean[] BEFORE_READY = new boolean[NUM];

    static {
        String[][] n = {{"0", "TDH.VP.ENTER"}, {"1", "TDH.MNG.ADDCX"}, {"2", "TDH.MEM.PAGE.ADD"}, {"3", "TDH.MEM.SEPT.ADD"},
            {"4", "TDH.VP.ADDCX"}, {"5", "TDH.MEM.PAGE.RELOCATE"}, {"6", "TDH.MEM.PAGE.AUG"}, {"7", "TDH.MEM.RANGE.BLOCK"},
            {"8", "TDH.MNG.KEY.CONFIG"}, {"9", "TDH.MNG.CREATE"}, {"10", "TDH.VP.CREATE"}, {"11", "TDH.MNG.RD"},
            {"12", "TDH.MEM.RD"}, {"13", "TDH.MNG.WR"}, {"14", "TDH.MEM.WR"}, {"15", "TDH.MEM.PAGE.DEMOTE"},
            {"16", "TDH.MR.EXTEND"}, {"17", "TDH.MR.FINALIZE"}, {"18", "TDH.VP.FLUSH"}, {"19", "TDH.MNG.VPFLUSHDONE"},
            {"20", "TDH.MNG.KEY.FREEID"}, {"21", "TDH.MNG.INIT"}, {"22", "TDH.VP.INIT"}, {"23", "TDH.MEM.PAGE.PROMOTE"},
            {"24", "TDH.PHYMEM.PAGE.RDMD"}, {"25", "TDH.MEM.SEPT.RD"}, {"26", "TDH.VP.RD"}, {"27", "TDH.MNG.KEY.RECLAIMID"},
            {"28", "TDH.PHYMEM.PAGE.RECLAIM"}, {"29", "TDH.MEM.PAGE.REMOVE"}, {"30", "TDH.MEM.SEPT.REMOVE"},
            {"31", "TDH.SYS.KEY.CONFIG"}, {"32", "TDH.SYS.INFO"}, {"33", "TDH.SYS.INIT"}, {"34", "TDH.SYS.RD"},
            {"35", "TDH.SYS.LP.INIT"}, {"36", "TDH.SYS.TDMR.INIT"}, {"37", "TDH.SYS.RDALL"}, {"38", "TDH.MEM.TRACK"},
            {"39", "TDH.MEM.RANGE.UNBLOCK"}, {"40", "TDH.PHYMEM.CACHE.WB"}, {"41", "TDH.PHYMEM.PAGE.WBINVD"},
            {"42", "TDH.MEM.SEPT.WR"}, {"43", "TDH.VP.WR"}, {"44", "TDH.SYS.LP.SHUTDOWN"}, {"45", "TDH.SYS.CONFIG"},
            {"48", "TDH.SERVTD.BIND"}, {"49", "TDH.SERVTD.PREBIND"}, {"52", "TDH.SYS.SHUTDOWN"}, {"53", "TDH.SYS.UPDATE"},
            {"64", "TDH.EXPORT.ABORT"}, {"65", "TDH.EXPORT.BLOCKW"}, {"66", "TDH.EXPORT.RESTORE"}, {"68", "TDH.EXPORT.MEM"},
            {"70", "TDH.EXPORT.PAUSE"}, {"71", "TDH.EXPORT.TRACK"}, {"72", "TDH.EXPORT.STATE.IMMUTABLE"},
            {"73", "TDH.EXPORT.STATE.TD"}, {"74", "TDH.EXPORT.STATE.VP"}, {"75", "TDH.EXPORT.UNBLOCKW"},
            {"80", "TDH.IMPORT.ABORT"}, {"81", "TDH.IMPORT.END"}, {"82", "TDH.IMPORT.COMMIT"}, {"83", "TDH.IMPORT.MEM"},
            {"84", "TDH.IMPORT.TRACK"}, {"85", "TDH.IMPORT.STATE.IMMUTABLE"}, {"86", "TDH.IMPORT.STATE.TD"},
            {"87", "TDH.IMPORT.STATE.VP"}, {"96", "TDH.MIG.STREAM.CREATE"}};
        for (String[] e : n) NAMES[Integer.parseInt(e[0])] = e[1];
        for (int l : new int[] {TDH_MEM_PAGE_PROMOTE, TDH_MEM_SEPT_ADD, TDH_MEM_SEPT_REMOVE, TDH_MNG_RD, TDH_VP_RD}) {
            MULTI_VERSION[l] = true;
        }
        for (int l : new int[] {TDH_SYS_INFO, TDH_SYS_RD, TDH_SYS_RDALL, TDH_SYS_INIT, TDH_SYS_LP_INIT, TDH_SYS_CONFIG,
                TDH_SYS_KEY_CONFIG, TDH_SYS_LP_SHUTDOWN, TDH_SYS_UPDATE}) {
            BEFORE_READY[l] = true;
        }
    }

    SeamcallDispatcher() {
        leaves[TDH_SYS_INIT] = new TdhSysInit();
        leaves[TDH_SYS_LP_INIT] = new TdhSysLpInit();
        leaves[TDH_SYS_CONFIG] = new TdhSysConfig();
        leaves[TDH_SYS_KEY_CONFIG] = new TdhSysKeyConfig();
        leaves[TDH_SYS_TDMR_INIT] = new TdhSysTdmrInit();
        leaves[TDH_MNG_CREATE] = new TdhMngCreate();
        leaves[TDH_MNG_KEY_CONFIG] = new TdhMngKeyConfig();
        leaves[TDH_MNG_ADDCX] = new TdhMngAddcx();
        leaves[TDH_MNG_INIT] = new TdhMngInit();
        leaves[TDH_VP_CREATE] = new TdhVpCreate();
        leaves[TDH_VP_ADDCX] = new TdhVpAddcx();
        leaves[TDH_VP_INIT] = new TdhVpInit();
        leaves[TDH_MEM_SEPT_ADD] = new TdhMemSeptAdd();
        leaves[TDH_MEM_PAGE_ADD] = new TdhMemPageAdd();
        leaves[TDH_MR_EXTEND] = new TdhMrExtend();
        leaves[TDH_MR_FINALIZE] = new TdhMrFinalize();
        leaves[TDH_SYS_INFO] = new TdhSysInfo();
        leaves[TDH_SYS_RD] = new TdhSysRd();
        leaves[TDH_SYS_RDALL] = new TdhSysRdall();
        leaves[TDH_MNG_RD] = new TdhMngRdWr(false);
        leaves[TDH_MNG_WR] = new TdhMngRdWr(true);
        leaves[TDH_VP_RD] = new TdhVpRdWr(false);
        leaves[TDH_VP_WR] = new TdhVpRdWr(true);
        // TD teardown (issue 3)
        leaves[TDH_MEM_RANGE_BLOCK] = new TdhMemRangeBlock();
        leaves[TDH_MEM_TRACK] = new TdhMemTrack();
        leaves[TDH_MEM_RANGE_UNBLOCK] = new TdhMemRangeUnblock();
        leaves[TDH_MEM_PAGE_REMOVE] = new TdhMemPageRemove();
        leaves[TDH_MEM_SEPT_REMOVE] = new TdhMemSeptRemove();
        leaves[TDH_VP_FLUSH] = new TdhVpFlush();
        leaves[TDH_MNG_VPFLUSHDONE] = new TdhMngVpflushdone();
        leaves[TDH_PHYMEM_CACHE_WB] = new TdhPhymemCacheWb();
        leaves[TDH_MNG_KEY_FREEID] = new TdhMngKeyFreeid();
        leaves[TDH_MNG_KEY_RECLAIMID] = new TdhMngKeyReclaimid();
        leaves[TDH_PHYMEM_PAGE_RECLAIM] = new TdhPhymemPageReclaim();
        leaves[TDH_PHYMEM_PAGE_RDMD] = new TdhPhymemPageRdmd();
        leaves[TDH_PHYMEM_PAGE_WBINVD] = new TdhPhymemPageWbinvd();
        leaves[TDH_VP_ENTER] = new TdhVpEnter();
        leaves[TDH_MEM_PAGE_AUG] = new TdhMemPageAug();
        // module shutdown/update, SEPT and debug memory access, page size/relocation (issue 3)
        leaves[TDH_SYS_LP_SHUTDOWN] = new TdhSysLpShutdown();
        leaves[TDH_SYS_SHUTDOWN] = new TdhSysShutdown();
        leaves[TDH_SYS_UPDATE] = new TdhSysUpdate();
        leaves[TDH_MEM_SEPT_RD] = new TdhMemSeptRd();
        leaves[TDH_MEM_RD] = new TdhMemRdWr(false);
        leaves[TDH_MEM_WR] = new TdhMemRdWr(true);
        leaves[TDH_MEM_PAGE_DEMOTE] = new TdhMemPageDemote();
        leaves[TDH_MEM_PAGE_PROMOTE] = new TdhMemPagePromote();
        leaves[TDH_MEM_PAGE_RELOCATE] = new TdhMemPageRelocate();
        // service-TD binding (TdhServtdBind)
        leaves[TDH_SERVTD_BIND] = new TdhServtdBind(false);
        leaves[TDH_SERVTD_PREBIND] = new TdhServtdBind(true);
        // TD migration leaves up to their TD state checks (MigrationLeaf)
        for (MigrationLeaf l : MigrationLeaf.all()) leaves[l.number()] = l;
    }

    /**
     * Modelled leaves not advertised in the capabilities (none: TDH.SYS.TDMR.INIT and TDH.MEM.SEPT.ADD pass their
     * generated contract scenarios since the checker lets dispatcher-level TDX_SYS_NOT_READY leave outputs unchanged
     * and checks multi-version leaves on an initialized module).
     */
    static final java.util.Set<String> NOT_ADVERTISED = java.util.Set.of();

    /** @return the names of the modelled leaves, for the capabilities */
    static String[] modelledNames() {
        SeamcallDispatcher d = new SeamcallDispatcher();
        java.util.List<String> l = new java.util.ArrayList<>();
        for (int i = 0; i < NUM; i++) if (d.leaves[i] != null && !NOT_ADVERTISED.contains(NAMES[i])) l.add(NAMES[i]);
        return l.toArray(new String[0]);
    }

    void call(SeamHost h, RegisterFile regs) {
        long rax = regs.gpr(0);
        int leafNo = (int) (rax & 0xFFFF);
        int version = (int) ((rax >>> 16) & 0xFF);
        if ((rax >>> 24) != 0 || (version > 0 && (leafNo >= NUM || !MULTI_VERSION[leafNo]))) {
            regs.gpr(0, TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX);
            return;
        }
        if (leafNo >= NUM || NAMES[leafNo] == null) {
            regs.gpr(0, TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX);
            return;
        }
        SeamLeaf leaf = leaves[leafNo];
        if (leaf == null) throw new NotSupportedException("leaf " + NAMES[leafNo]);
        if (h.sysState == SeamHost.SYS_SHUTDOWN && leafNo != TDH_SYS_LP_SHUTDOWN) {
            regs.gpr(0, SeamStatus.TDX_SYS_SHUTDOWN);
            return;
        }
        if (h.sysState != SeamHost.SYS_READY && !BEFORE_READY[leafNo]) {
            regs.gpr(0, SeamStatus.TDX_SYS_NOT_READY);
            return;
        }
        h.resetAvxState = false;
        regs.gpr(0, leaf.execute(h, regs, version));
        if (h.resetAvxState) {
            // tdx_vmm_dispatcher.c: a flow that ran AES-GCM returns with XMM0-15 zeroed (clear_xmms), whatever its status
            for (int i = 0; i < RegisterFile.XMM_COUNT; i++) regs.xmm(i, 0, 0);
            h.resetAvxState = false;
        }
    }
}
