package dev.leafspec.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host-side state of the modelled TDX module (what SEAMCALL leaves see): the platform (logical processors,
 * packages, CMRs), the module lifecycle state, the TDMRs with their PAMT (physical-page ownership), the key
 * ownership table (KOT), host physical memory contents, and the TDs built through TDH.MNG.* / TDH.VP.* leaves.
 *
 * <p>Physical addresses: MAX_PA is 52; bits 51:46 are the modelled HKID bits (as the guest side of the engine
 * assumes), so a plain host physical address has bits 63:46 clear. HKIDs 0..{@code privateHkidStart-1} are shared
 * (MKTME) keys, {@code privateHkidStart..63} are TDX private keys.
 *
 * <p>Sources: intel/tdx-module tdx_1.5 {@code src/common/data_structures/tdx_global_data.h} (sys_state),
 * {@code src/common/memory_handlers/pamt_manager.h} (page types), {@code td_control_structures.h} (TDCS page counts),
 * {@code tdx_tdvps.h} (TDVPS page counts).
 */
final class SeamHost {
    // ---- module lifecycle (tdx_global_data.h sysinit_state_e) ---------------------------------
    static final int SYSINIT_PENDING = 0, SYSINIT_DONE = 1, SYSCONFIG_DONE = 2, SYS_READY = 3, SYS_SHUTDOWN = 4;

    // ---- PAMT page types (pamt_manager.h page_type_t) -----------------------------------------
    static final int PT_NDA = 0, PT_RSVD = 1, PT_REG = 3, PT_TDR = 4, PT_TDCX = 5, PT_TDVPR = 6, PT_EPT = 8;

    /** TD lifecycle states (td_control_structures.h td_lifecycle_state_t). */
    static final int TD_HKID_ASSIGNED = 0, TD_KEYS_CONFIGURED = 1, TD_BLOCKED = 2, TD_TEARDOWN = 3;
    /** TD operation states (op_state_e, the ones modelled). */
    static final int OP_UNINITIALIZED = 0, OP_INITIALIZED = 1, OP_RUNNABLE = 2;
    /** OP_STATE after a successful TDH.EXPORT.STATE.IMMUTABLE (op_state_e); leaves on such a TD are not modelled. */
    static final int OP_LIVE_EXPORT = 3;

    /** TDCS/TDVPS page counts (td_control_structures.h, tdx_tdvps.h, tdx_1.5). */
    static final int MIN_NUM_TDCS_PAGES = 6, MAX_NUM_TDCS_PAGES = 9, MIN_TDVPS_PAGES = 6, MAX_TDVPS_PAGES = 15,
            TDVPS_PAGES_PER_L2_VM = 3, TDCS_PAGES_PER_L2_VM = 1;
    static final int MAX_TDMRS = 64;
    /** Pages a TDH.SYS.TDMR.INIT call initialises (tdh_sys_tdmr_init.c TDMR_4K_PAMT_INIT_COUNT = 1K). */
    static final int TDMR_4K_PAMT_INIT_COUNT = 1024;
    static final long PAGE = 4096, GB = 1L << 30;
    static final int HKID_SHIFT = 46;
    static final int NUM_HKIDS = 64;

    // ---- platform (fixture platform.config) ----------------------------------------------------
    int numLps = 4;
    int numPackages = 2;
    int currentLp;
    int privateHkidStart = 32;
    final List<long[]> cmrs = new ArrayList<>();

    // ---- module state ---------------------------------------------------------------------------
    /** The SEAM module is loaded (fixture platform.seam; false: every SEAMCALL fails VMfailInvalid). */
    boolean seamLoaded = true;
    int sysState;
    boolean[] lpInit = new boolean[numLps];
    int numInitLps;
    long pkgConfigBitmap;
    int numInitPkgs;
    int globalHkid;
    /** KOT: per HKID 0 free, 1 reserved for the module, 2 assigned to a TD, 3 reclaimed (blocked) */
    final int[] kot = new int[NUM_HKIDS];
    /** KOT WBINVD_BITMAP per HKID: packages whose caches TDH.PHYMEM.CACHE.WB has still to write back (set by TDH.MNG.VPFLUSHDONE). */
    final long[] wbinvdBitmap = new long[NUM_HKIDS];
    boolean kotLocked;

    final List<Tdmr> tdmrs = new ArrayList<>();
    /** PAMT entries for pages that are not NDA (key: HPA page number). */
    final Map<Long, PamtEntry> pamt = new HashMap<>();
    /** Pages whose PAMT entry is locked by "another flow" (fixture host.lock). */
    final Set<Long> lockedPages = new HashSet<>();
    final Set<String> lockedResources = new HashSet<>();
    /** Host physical memory contents by page number (HPA >>> 12, which HashMap spreads well; page addresses all collide); sparse, absent pages read as zero. */
    final Map<Long, byte[]> memory = new HashMap<>();
    /** TDs by TDR HPA. */
    final Map<Long, TdCtx> tds = new HashMap<>();
    /** VCPUs by TDVPR HPA. */
    final Map<Long, VcpuCtx> vcpus = new HashMap<>();
    /**
     * local_data.reset_avx_state: set by a leaf that ran an AES-GCM primitive (tdx_1.5 src/common/crypto/aes_gcm.c); the
     * dispatcher then zeroes XMM0-15 before returning to the VMM, whatever the status (tdx_vmm_dispatcher.c clear_xmms).
     */
    boolean resetAvxState;
    /** The engine, for TDH.VP.ENTER to run guest TDCALLs (set by {@link TdxModule}; null in a bare SeamHost). */
    TdxModule module;

    static final class Tdmr {
        long base, size, lastInitialized;
        final List<long[]> reserved = new ArrayList<>();
    }

    static final class PamtEntry {
        int type;
        long owner;
        /** BEPOCH: the TD epoch TDH.MEM.RANGE.BLOCK recorded for this page (kept when the page becomes NDA, as the source does). */
        long bepoch;

        PamtEntry(int type, long owner) {
            this.type = type;
            this.owner = owner;
        }
    }

    /** A TD's control structures (TDR + TDCS) as far as modelled. */
    static final class TdCtx {
        final long tdr;
        int hkid;
        int lifecycle = TD_HKID_ASSIGNED;
        long pkgKeyBitmap;
        boolean fatal;
        int tdcsPages;
        int opState = OP_UNINITIALIZED;
        long attributes, xfam, configFlags, eptpControls;
        int maxVcpus, numL2Vms, tscFrequency;
        int numVcpus;
        int numInitVcpus;
        /** pages owned by this TD besides the TDR (TDCX, TDVPR, TDCX of VCPUs, SEPT, REG) */
        int childPages;
        MessageDigest mrtd;
        byte[] mrtdValue = new byte[48];
        final byte[] mrConfigId = new byte[48], mrOwner = new byte[48], mrOwnerConfig = new byte[48];
        /** Secure EPT: key = (gpa >>> 12) << 3 | level → entry */
        final Map<Long, SeptEntry> sept = new HashMap<>();
        /** TDCS page HPAs in TDH.MNG.ADDCX order (TDR.TDCX_PA). */
        final List<Long> tdcx = new ArrayList<>();
        /** TDCS.HP_LOCK_TIMEOUT in microseconds (td_control_structures.h DEFAULT_HP_LOCK_TIMEOUT_USEC = 1 s). */
        long hpLockTimeoutUsec = 1_000_000L;
        /** TLB tracking epoch (TDH.MNG.INIT sets 1; TDH.MEM.TRACK increments it). */
        long epoch;
        /** The guest side of this TD (created at its first TDH.VP.ENTER; {@link HostTdGuest}), or null. */
        Td guest;
        /**
         * TDR.TD_UUID. TDH.MNG.CREATE draws it with RDSEED; the model derives it from the TDR HPA: qword i =
         * 0x9E3779B97F4A7C15 x (4 x (TDR >> 12) + i + 1) mod 2^64 (distinct per TD, never 0).
         */
        final long[] uuid = new long[4];
        /** TDCS service-TD binding table (service_td.h MAX_SERVTDS = 1; {@link TdhServtdBind}). */
        final ServtdBinding[] servtdBindings = {new ServtdBinding()};
        /** TDCS.SERVTD_NUM: slots that left NOT_BOUND. */
        int servtdNum;
        /** TDCS.SERVTD_HASH (TDH.MR.FINALIZE: SHA-384 over the bound slots, all zero when there are none). */
        byte[] servtdHash = new byte[48];
        /** TDCS migration fields (MigrationLeaf): NUM_MIGS (TDH.MIG.STREAM.CREATE), MIG_DEC_KEY_SET (fixture migtd.keys),
         *  f_migsc_links[0].initialized (TDH.EXPORT.STATE.IMMUTABLE), EXPORT_COUNT. */
        int numMigs;
        boolean migDecKeySet, migsc0Initialized;
        long exportCount;

        TdCtx(long tdr) {
            this.tdr = tdr;
            for (int i = 0; i < 4; i++) uuid[i] = 0x9E3779B97F4A7C15L * (4 * (tdr >>> 12) + i + 1);
        }

        /** Root level of the SEPT (3 for 4-level EPT, 4 for 5-level with GPAW 52). */
        int rootLevel() {
            return (configFlags & 1) != 0 ? 4 : 3;
        }

        int gpaw() {
            return (configFlags & 1) != 0 ? 52 : 48;
        }

        /** TDCS.NUM_ASSOC_VCPUS: VCPUs of this TD associated with some LP. */
        int numAssocVcpus(SeamHost h) {
            int n = 0;
            for (VcpuCtx v : h.vcpus.values()) if (v.tdr == tdr && v.assocLp >= 0) n++;
            return n;
        }
    }

    /** One slot of a TD's service-TD binding table (td_control_structures.h servtd_binding_t). */
    static final class ServtdBinding {
        static final int NOT_BOUND = 0, PRE_BOUND = 1, BOUND = 2;
        int state;
        int type;
        long attributes;
        byte[] infoHash = new byte[48];
        long[] uuid = new long[4];
    }

    static final class VcpuCtx {
        final long tdvpr, tdr;
        int pages = 1;
        boolean initialized;
        int index;
        long initialRcx;
        /** TDVPS.ASSOC_LPID: the LP the VCPU is associated with, -1 (VCPU_NO_LP) after TDH.VP.FLUSH. */
        int assocLp = -1;
        /** TDVPS page HPAs: the TDVPR, then the TDH.VP.ADDCX pages (TDVPS.TDVPS_PAGE_PA). */
        final List<Long> pagePas = new ArrayList<>();
        long pendNmi;
        long epoch;
        /** The VCPU's guest program and guest register state (fixture guest.program, TDH.VP.ENTER), or null. */
        GuestRun run;

        VcpuCtx(long tdvpr, long tdr) {
            this.tdvpr = tdvpr;
            this.tdr = tdr;
        }
    }

    /** SEPT entry states, with the architectural encodings returned in RDX[15:8] (model encoding, see docs). */
    static final int SEPT_FREE = 0, SEPT_BLOCKED = 1, SEPT_PENDING = 2, SEPT_MAPPED = 4, SEPT_NL_MAPPED = 4;

    static final class SeptEntry {
        int state;
        boolean leaf;
        long hpa;

        /** TD epoch at TDH.MEM.RANGE.BLOCK (a BLOCKED entry) */
        long blockEpoch;
        /** state before TDH.MEM.RANGE.BLOCK (restored by TDH.MEM.RANGE.UNBLOCK) */
        int stateBeforeBlock;

        SeptEntry(int state, boolean leaf, long hpa) {
            this.state = state;
            this.leaf = leaf;
            this.hpa = hpa;
        }
    }

    SeamHost() {
        reset();
    }

    void reset() {
        numLps = 4;
        numPackages = 2;
        currentLp = 0;
        privateHkidStart = 32;
        cmrs.clear();
        cmrs.add(new long[] {0, 0x1_0000_0000L});
        seamLoaded = true;
        resetModule();
    }

    /** Module state back to SYSINIT_PENDING; platform configuration kept. */
    void resetModule() {
        sysState = SYSINIT_PENDING;
        lpInit = new boolean[numLps];
        numInitLps = 0;
        pkgConfigBitmap = 0;
        numInitPkgs = 0;
        globalHkid = 0;
        java.util.Arrays.fill(kot, 0);
        java.util.Arrays.fill(wbinvdBitmap, 0);
        kotLocked = false;
        tdmrs.clear();
        pamt.clear();
        lockedPages.clear();
        lockedResources.clear();
        memory.clear();
        tds.clear();
        vcpus.clear();
    }

    int packageOf(int lp) {
        return (int) ((long) lp * numPackages / numLps);
    }

    boolean isPrivateHkid(long hkid) {
        return hkid >= privateHkidStart && hkid < NUM_HKIDS;
    }

    // ---- host memory ------------------------------------------------------------------------------

    long read64(long pa) {
        byte[] b = read(pa, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[i] & 0xFF);
        return v;
    }

    byte[] read(long pa, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; ) {
            long p = (pa + i) & ~(PAGE - 1);
            int off = (int) ((pa + i) - p);
            int n = Math.min(len - i, (int) PAGE - off);
            byte[] page = memory.get(p >>> 12);
            if (page != null) System.arraycopy(page, off, out, i, n);
            i += n;
        }
        return out;
    }

    void write(long pa, byte[] data) {
        for (int i = 0; i < data.length; ) {
            long p = (pa + i) & ~(PAGE - 1);
            int off = (int) ((pa + i) - p);
            int n = Math.min(data.length - i, (int) PAGE - off);
            System.arraycopy(data, i, memory.computeIfAbsent(p >>> 12, k -> new byte[(int) PAGE]), off, n);
            i += n;
        }
    }

    void zeroPage(long pa) {
        memory.remove(pa >>> 12);
    }

    // ---- address and PAMT checks --------------------------------------------------------------------

    /** A host physical address of a 4KB page the module owns: aligned, below MAX_PA, HKID bits clear. */
    static boolean validPageHpa(long hpa) {
        return (hpa & (PAGE - 1)) == 0 && (hpa >>> HKID_SHIFT) == 0;
    }

    /**
     * A shared HPA operand (helpers.c shared_hpa_check_with_pwr_2_alignment): aligned, below MAX_PA (bits 63:52
     * clear), with a shared (non-private) HKID.
     */
    boolean validSharedHpa(long hpa, long align) {
        return (hpa & (align - 1)) == 0 && (hpa >>> 52) == 0 && !isPrivateHkid((hpa >>> HKID_SHIFT) & 0x3F);
    }

    /**
     * @return the TDMR holding {@code hpa} with its PAMT initialised there, or null. As pamt_manager.c pamt_get_block, a
     * page counts as initialised only below TDMR.last_initialized rounded down to 1 GB (whole PAMT blocks).
     */
    Tdmr tdmrOf(long hpa) {
        for (Tdmr t : tdmrs) {
            if (hpa >= t.base && hpa < t.base + t.size) return hpa < (t.lastInitialized & ~(GB - 1)) ? t : null;
        }
        return null;
    }

    int pageType(long hpa) {
        PamtEntry e = pamt.get(hpa >>> 12);
        if (e != null) return e.type;
        Tdmr t = tdmrOf(hpa);
        if (t != null) {
            for (long[] r : t.reserved) {
                if (hpa >= t.base + r[0] && hpa < t.base + r[0] + r[1]) return PT_RSVD;
            }
        }
        return PT_NDA;
    }

    long pageOwner(long hpa) {
        PamtEntry e = pamt.get(hpa >>> 12);
        return e == null ? 0 : e.owner;
    }

    /**
     * The common check of a page operand (helpers.c check_and_lock_explicit_4k_private_hpa): address, PAMT range,
     * lock, page type. @return TDX_SUCCESS or the status with {@code operand}
     */
    long checkPage(long hpa, int operand, int expectedType) {
        if (!validPageHpa(hpa)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, operand);
        if (tdmrOf(hpa) == null) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_ADDR_RANGE_ERROR, operand);
        if (lockedPages.contains(hpa >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, operand);
        if (pageType(hpa) != expectedType) return TdxStatus.withOperand(SeamStatus.TDX_PAGE_METADATA_INCORRECT, operand);
        return TdxStatus.TDX_SUCCESS;
    }

    void assign(long hpa, int type, long owner) {
        pamt.put(hpa >>> 12, new PamtEntry(type, owner));
    }

    /** Used by the TD-scope leaves: the TDR checks and the TD's lifecycle/TDCS checks, in the handlers' order. */
    long checkTdr(long tdrHpa, int operand) {
        return checkPage(tdrHpa, operand, PT_TDR);
    }

    /** TD lifecycle must be KEYS_CONFIGURED and the minimum TDCS allocated (helpers.c check_td_in_correct_build_state). */
    static long checkTdUsable(TdCtx td) {
        if (td.opState > OP_RUNNABLE) {
            throw new dev.leafspec.api.NotSupportedException("leaves on a TD in a migration session (OP_STATE " + td.opState + ")");
        }
        if (td.fatal) return SeamStatus.TDX_TD_FATAL;
        if (td.lifecycle != TD_KEYS_CONFIGURED) return SeamStatus.TDX_TD_KEYS_NOT_CONFIGURED;
        if (td.tdcsPages < MIN_NUM_TDCS_PAGES) return SeamStatus.TDX_TDCS_NOT_ALLOCATED;
        return TdxStatus.TDX_SUCCESS;
    }

    static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long septKey(long gpa, int level) {
        return ((gpa >>> 12) << 3) | level;
    }

    /** Bytes covered by one SEPT entry at {@code level} (0 = 4KB). */
    static long levelSize(int level) {
        return PAGE << (9 * level);
    }
}
