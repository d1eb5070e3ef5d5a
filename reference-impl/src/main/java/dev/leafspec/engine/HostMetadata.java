package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;

/**
 * Host-side metadata (TDH.SYS.RD/RDALL, TDH.MNG.RD/WR, TDH.VP.RD/WR): the field tables with the host (VMM) read and
 * write masks, and the values the modelled module reports.
 *
 * <p>Field identifier layout as {@link TdMetadata}: bits 23:0 FIELD_CODE, 33:32 ELEMENT_SIZE_CODE, 37:34
 * LAST_ELEMENT_IN_FIELD, 46:38 LAST_FIELD_IN_SEQUENCE, 54:52 CONTEXT_CODE (0 SYS, 1 TD, 2 VP), 61:56 CLASS_CODE, 63
 * NON_ARCH; 31:24, 49:47, 55 and 62 reserved.
 *
 * <p>Tables (facts: name, id, number of fields and elements, host masks) from intel/tdx-module tdx_1.5
 * {@code include/auto_gen/global_sys_fields_lookup.c} (every global field has a full-width VMM read mask and no VMM
 * write mask, so {@link TdMetadata#SYS} is used as is), {@code tdr_tdcs_fields_lookup.c} and
 * {@code tdvps_fields_lookup.c} (prod_rd/prod_wr masks, and dbg_rd/dbg_wr masks that apply when the TD's ATTRIBUTES.DEBUG
 * is set: {@code metadata_generic.c md_get_access_mask}). The TD VMCS fields (class 0 and the L2 VMCS classes 36, 44,
 * 52) live in {@code td_vmcs_fields_lookup.c}; they are not modelled ({@link NotSupportedException}).
 */
final class HostMetadata {
    private HostMetadata() {
    }

    static final int CTX_SYS = 0, CTX_TD = 1, CTX_VP = 2;

    /** One lookup-table entry with its host masks. */
    static final class F {
        final String name;
        final long id;
        final int numFields, numElem;
        final long prodRd, prodWr, dbgRd, dbgWr;

        F(String name, long id, int numFields, int numElem, long prodRd, long prodWr, long dbgRd, long dbgWr) {
            this.name = name;
            this.id = id;
            this.numFields = numFields;
            this.numElem = numElem;
            this.prodRd = prodRd;
            this.prodWr = prodWr;
            this.dbgRd = dbgRd;
            this.dbgWr = dbgWr;
        }

        int classCode() {
            return (int) ((id >>> 56) & 0x3F);
        }

        int fieldCode() {
            return (int) (id & 0xFFFFFF);
        }

        int count() {
            return numFields * numElem;
        }

        long rdMask(boolean debug) {
            return debug ? dbgRd : prodRd;
        }

        long wrMask(boolean debug) {
            return debug ? dbgWr : prodWr;
        }
    }

    /** @return the index of the entry whose CLASS_CODE matches and whose FIELD_CODE range holds the id's, or -1 */
    static int find(F[] t, long id) {
        int cls = (int) ((id >>> 56) & 0x3F);
        int code = (int) (id & 0xFFFFFF);
        for (int i = 0; i < t.length; i++) {
            if (t[i].classCode() == cls && code >= t[i].fieldCode() && code < t[i].fieldCode() + t[i].count()) return i;
        }
        return -1;
    }

    /** Element index of {@code id} inside entry {@code f}. */
    static int element(F f, long id) {
        return (int) (id & 0xFFFFFF) - f.fieldCode();
    }

    /**
     * md_get_next_element_in_context: the next element of the same entry, or the first element of the next entry the
     * host may read, with the entry's ELEMENT_SIZE_CODE and the context code; all ones after the last.
     */
    static long next(F[] t, int ctx, long id, int idx, boolean debug) {
        if (idx >= 0 && element(t[idx], id) < t[idx].count() - 1) {
            return TdMetadata.withContext((t[idx].id & ~0xFFFFFFL) | ((id & 0xFFFFFF) + 1), ctx);
        }
        for (int i = idx + 1; i < t.length; i++) {
            if (t[i].rdMask(debug) != 0) return TdMetadata.withContext(t[i].id, ctx);
        }
        return TdMetadata.FIELD_ID_NA;
    }

    static boolean vmcsClass(long id) {
        int cls = (int) ((id >>> 56) & 0x3F);
        return cls == 0 || cls == 36 || cls == 44 || cls == 52;
    }

    // ---- values --------------------------------------------------------------------------------------------------

    /** Modelled FMS (CPUID.1.EAX) of every package. */
    static final long PKG_FMS = 0x806F8;
    static final long BUILD_DATE = 20230323, BUILD_NUM = 0;
    /** tdx_api_defs.h TDX_XFAM_FIXED0 (0x6DBE7) restricted to the modelled platform's XCR0|XSS (0x602E7). */
    static final long XFAM_FIXED0 = 0x6DBE7L & TdhMngInit.XFAM_SUPPORTED, XFAM_FIXED1 = 3;
    static final int MAX_RESERVED_PER_TDMR = 16, PAMT_ENTRY_SIZE = 16;

    /**
     * The value of a global field element as the modelled module reports it. Fields of features the model does not
     * have (migration, service TDs, TD partitioning, handoff, FMS lists, configurable CPUID) report 0.
     */
    static long sys(SeamHost h, TdMetadata.Field f, int elem) {
        switch (f.name) {
            case "NUM_PKGS": return h.numPackages;
            case "PKG_FMS": return elem < h.numPackages ? PKG_FMS : 0;
            case "VENDOR_ID": return 0x8086;
            case "BUILD_DATE": return BUILD_DATE;
            case "BUILD_NUM": return BUILD_NUM;
            case "MINOR_VERSION": return 5;
            case "MAJOR_VERSION": return 1;
            case "NUM_TDX_FEATURES": return 1;
            case "TDX_FEATURES0": return TDX_FEATURES0;
            case "NUM_CMRS": return h.cmrs.size();
            case "CMR_BASE": return elem < h.cmrs.size() ? h.cmrs.get(elem)[0] : 0;
            case "CMR_SIZE": return elem < h.cmrs.size() ? h.cmrs.get(elem)[1] : 0;
            case "MAX_TDMRS": return SeamHost.MAX_TDMRS;
            case "MAX_RESERVED_PER_TDMR": return MAX_RESERVED_PER_TDMR;
            case "PAMT_4K_ENTRY_SIZE": case "PAMT_2M_ENTRY_SIZE": case "PAMT_1G_ENTRY_SIZE": return PAMT_ENTRY_SIZE;
            case "TDR_BASE_SIZE": return SeamHost.PAGE;
            case "TDCS_BASE_SIZE": return SeamHost.PAGE * SeamHost.MIN_NUM_TDCS_PAGES;
            case "TDCS_SIZE_PER_L2_VM": return SeamHost.PAGE * SeamHost.TDCS_PAGES_PER_L2_VM;
            case "TDVPS_BASE_SIZE": return SeamHost.PAGE * SeamHost.MIN_TDVPS_PAGES;
            case "TDVPS_SIZE_PER_L2_VM": return SeamHost.PAGE * SeamHost.TDVPS_PAGES_PER_L2_VM;
            case "ATTRIBUTES_FIXED0": return TdhMngInit.ATTRIBUTES_SUPPORTED;
            case "ATTRIBUTES_FIXED1": return 0;
            case "XFAM_FIXED0": return XFAM_FIXED0;
            case "XFAM_FIXED1": return XFAM_FIXED1;
            case "CONFIG_FLAGS_FIXED0": return 7;
            case "CONFIG_FLAGS_FIXED1": return 0;
            case "GUEST_L2_GPA_ATTR_MASK": return 0x807F;
            default: return 0;
        }
    }

    /**
     * TDX_FEATURES0 of the modelled 1.5 module (tdx_api_defs.h tdx_features_enum0_t): bits 0 migration, 1 TD
     * preserving, 2 service TD, 3 TDG.VP.RD/WR, 4 relaxed memory-management concurrency, 5 CPUID virtualization guest
     * control, 7 TD partitioning, 8 local attestation, 9 TD entry enhancements, 10 host priority locks, 11
     * IA32_ARCH_CAPABILITIES config, 18 NO_RBP_MOD — the same value the guest side reports through TDG.SYS.RD.
     */
    static final long TDX_FEATURES0 = new Td().tdxFeatures0();

    /** A host-readable TD-scope element value; {@link NotSupportedException} for fields the model does not keep. */
    static long td(SeamHost h, SeamHost.TdCtx td, F f, int elem) {
        switch (f.name) {
            case "FATAL": return td.fatal ? 1 : 0;
            case "NUM_TDCX": return td.tdcsPages;
            case "CHLDCNT": return td.childPages;
            case "LIFECYCLE_STATE": return td.lifecycle;
            case "TDCX_PA": return elem < td.tdcx.size() ? td.tdcx.get(elem) : 0;
            case "TD_UUID": return td.uuid[elem];
            case "HKID": return td.hkid;
            case "PKG_CONFIG_BITMAP": return td.pkgKeyBitmap;
            case "NUM_VCPUS": return td.numInitVcpus;
            case "NUM_ASSOC_VCPUS": return td.numAssocVcpus(h);
            case "OP_STATE": return td.opState;
            case "NUM_L2_VMS": return td.numL2Vms;
            case "ATTRIBUTES": return td.attributes;
            case "XFAM": return td.xfam;
            case "MAX_VCPUS": return td.maxVcpus;
            case "GPAW": return (td.configFlags & 1);
            case "TSC_FREQUENCY": return td.tscFrequency;
            case "HP_LOCK_TIMEOUT": return td.hpLockTimeoutUsec;
            case "CONFIG_FLAGS": return td.configFlags;
            case "TD_EPOCH": return td.epoch;
            case "MRTD": return le(td.opState == SeamHost.OP_INITIALIZED ? new byte[48] : td.mrtdValue, elem);
            case "MRCONFIGID": return le(td.mrConfigId, elem);
            case "MROWNER": return le(td.mrOwner, elem);
            case "MROWNERCONFIG": return le(td.mrOwnerConfig, elem);
            case "SERVTD_HASH": return le(td.servtdHash, elem);
            case "SERVTD_NUM": return td.servtdNum;
            default: throw new NotSupportedException("TD metadata field " + f.name + " (not modelled)");
        }
    }

    /** A host-readable VCPU-scope element value; {@link NotSupportedException} for fields the model does not keep. */
    static long vp(SeamHost h, SeamHost.VcpuCtx v, F f, int elem) {
        switch (f.name) {
            case "VCPU_INDEX": return v.index;
            case "NUM_TDVPS_PAGES": return v.pages;
            case "ASSOC_LPID": return v.assocLp;
            case "TDVPS_PAGE_PA": return elem < v.pagePas.size() ? v.pagePas.get(elem) : 0;
            case "CPUID_SUPERVISOR_VE": case "CPUID_USER_VE": return 0;
            case "PEND_NMI": return v.pendNmi;
            case "XFAM": return h.tds.get(v.tdr).xfam;
            case "VCPU_EPOCH": return v.epoch;
            default: throw new NotSupportedException("VCPU metadata field " + f.name + " (not modelled)");
        }
    }

    static long le(byte[] b, int qword) {
        return TdhMngInit.le(b, 8 * qword, 8);
    }

    static final F[] TD = {
            new F("FATAL", 0x8010000000000001L, 1, 1, 0xFFL, 0L, 0xFFL, 0L),
            new F("NUM_TDCX", 0x8010000200000002L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("CHLDCNT", 0x8010000300000004L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("LIFECYCLE_STATE", 0x8010000200000005L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("TDCX_PA", 0x8010000300000010L, 9, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("TD_UUID", 0x8010000300000020L, 1, 4, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("HKID", 0x8110000100000001L, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("PKG_CONFIG_BITMAP", 0x8110000300000002L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("HANDOFF_VERSION", 0x8210000100000000L, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("SEAMDB_INDEX", 0x8210000300000001L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SEAMDB_NONCE", 0x8210000300000002L, 1, 4, 0L, 0L, 0L, 0L),
            new F("NUM_VCPUS", 0x9010000200000001L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("NUM_ASSOC_VCPUS", 0x9010000200000002L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("OP_STATE", 0x9010000200000004L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("NUM_L2_VMS", 0x9010000100000005L, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("ATTRIBUTES", 0x1110000300000000L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("XFAM", 0x1110000300000001L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MAX_VCPUS", 0x1110000200000002L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("GPAW", 0x1110000000000003L, 1, 1, 0xFFL, 0L, 0xFFL, 0L),
            new F("EPTP", 0x1110000300000004L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("TSC_OFFSET", 0x111000030000000AL, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("TSC_MULTIPLIER", 0x111000030000000BL, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("TSC_FREQUENCY", 0x111000010000000CL, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("VIRTUAL_TSC", 0x111000030000000DL, 1, 1, 0L, 0L, 0L, 0L),
            new F("NUM_CPUID_VALUES", 0x911000010000000EL, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("XBUFF_SIZE", 0x911000020000000FL, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("NOTIFY_ENABLES", 0x9110000300000010L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, (1L & 0xFFFFFFFFFFFFFFFFL)),
            new F("HP_LOCK_TIMEOUT", 0x9110000300000011L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("VM_CTLS", 0x9110000300000012L, 4, 1, 0xFFFFFFFFFFFFFFFFL, (1L & 0xFFFFFFFFFFFFFFFFL), 0xFFFFFFFFFFFFFFFFL, (1L & 0xFFFFFFFFFFFFFFFFL)),
            new F("CONFIG_FLAGS", 0x1110000300000016L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("TD_CTLS", 0x1110000300000017L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("CPUID_VALID", 0x9110000000000080L, 80, 1, 0L, 0L, 0xFFL, 0L),
            new F("XBUFF_OFFSETS", 0x9110000200000800L, 19, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("TD_EPOCH", 0x9210000300000000L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("REFCOUNT", 0x9210000100000001L, 2, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("MRTD", 0x1310000300000000L, 1, 6, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MRCONFIGID", 0x1310000300000010L, 1, 6, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MROWNER", 0x1310000300000018L, 1, 6, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MROWNERCONFIG", 0x1310000300000020L, 1, 6, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("RTMR", 0x1310000300000040L, 4, 6, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("CPUID_VALUES", 0x9410000300000000L, 80, 2, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_ARCH_CAPABILITIES", 0x961000030000010AL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_BASIC", 0x9610000300000480L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_MISC", 0x9610000300000485L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_CR0_FIXED0", 0x9610000300000486L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_CR0_FIXED1", 0x9610000300000487L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_CR4_FIXED0", 0x9610000300000488L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_CR4_FIXED1", 0x9610000300000489L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_PROCBASED_CTLS2", 0x961000030000048BL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_EPT_VPID_CAP", 0x961000030000048CL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_TRUE_PINBASED_CTLS", 0x961000030000048DL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_TRUE_PROCBASED_CTLS", 0x961000030000048EL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_TRUE_EXIT_CTLS", 0x961000030000048FL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_TRUE_ENTRY_CTLS", 0x9610000300000490L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_VMFUNC", 0x9610000300000491L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_PROCBASED_CTLS3", 0x9610000300000492L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VIRTUAL_IA32_VMX_EXIT_CTLS2", 0x9610000300000493L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MIG_DEC_KEY_SET", 0x9810000000000001L, 1, 1, 0xFFL, 0L, 0xFFL, 0L),
            new F("EXPORT_COUNT", 0x9810000200000002L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("IMPORT_COUNT", 0x9810000200000003L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("MIG_EPOCH", 0x9810000200000004L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("BW_EPOCH", 0x9810000300000005L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("TOTAL_MB_COUNT", 0x9810000300000006L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MIG_DEC_KEY", 0x9810000300000010L, 1, 4, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MIG_DEC_WORKING_KEY", 0x9810000300000014L, 1, 4, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MIG_ENC_KEY", 0x9810000300000018L, 1, 4, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MIG_ENC_WORKING_KEY", 0x981000030000001CL, 1, 4, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MIG_VERSION", 0x9810000100000020L, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("MIG_WORKING_VERSION", 0x9810000100000021L, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("DIRTY_COUNT", 0x9810000300000030L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MIG_COUNT", 0x9810000300000031L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("NUM_MIGS", 0x9810000100000032L, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("NUM_MIGRATED_VCPUS", 0x9810000200000034L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("PRE_IMPORT_UUID", 0x9810000300000040L, 1, 4, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SERVTD_HASH", 0x9910000300000000L, 1, 6, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SERVTD_NUM", 0x9910000100000006L, 1, 1, 0xFFFFL, 0L, 0xFFFFL, 0L),
            new F("SERVTD_BINDINGS_TABLE", 0x9910000300000080L, 1, 16, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MIGSC_LINKS", 0x9A10000300000000L, 512, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("MSR_BITMAPS", 0x2010000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SEPT_ROOT", 0x2110000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_SEPT_ROOT_1", 0x2510000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_SEPT_ROOT_2", 0x2910000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_SEPT_ROOT_3", 0x2D10000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
    };
    static final F[] VP = {
            new F("VAPIC", 0x0120000300000000L, 128, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("EXIT_REASON", 0x0220000200000000L, 1, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("VALID", 0x0220000200000001L, 1, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("EXIT_QUALIFICATION", 0x0220000300000002L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("GLA", 0x0220000300000003L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("GPA", 0x0220000300000004L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("EPTP_INDEX", 0x0220000100000005L, 1, 1, 0L, 0L, 0xFFFFL, 0L),
            new F("INSTRUCTION_LENGTH", 0x8220000200000010L, 1, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("INSTRUCTION_INFORMATION", 0x8220000200000011L, 1, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("RAX", 0x1020000300000000L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("RCX", 0x1020000300000001L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("RDX", 0x1020000300000002L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("RBX", 0x1020000300000003L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("RSP_PLACEHOLDER", 0x1020000300000004L, 1, 1, 0L, 0L, 0L, 0L),
            new F("RBP", 0x1020000300000005L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("RSI", 0x1020000300000006L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("RDI", 0x1020000300000007L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("R8", 0x1020000300000008L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("R9", 0x1020000300000009L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("R10", 0x102000030000000AL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("R11", 0x102000030000000BL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("R12", 0x102000030000000CL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("R13", 0x102000030000000DL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("R14", 0x102000030000000EL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("R15", 0x102000030000000FL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("DR0", 0x1120000300000000L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("DR1", 0x1120000300000001L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("DR2", 0x1120000300000002L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("DR3", 0x1120000300000003L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("DR6", 0x1120000300000006L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, (4294967295L & 0xFFFFFFFFFFFFFFFFL)),
            new F("XCR0", 0x1120000300000020L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("CR2", 0x1120000300000028L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("VCPU_STATE_DETAILS", 0x9120000300000100L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("XBUFF", 0x1220000300000000L, 1536, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_SPEC_CTRL", 0x1320000300000048L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_UMWAIT_CONTROL", 0x13200003000000E1L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_TSX_CTRL", 0x1320000300000122L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_PERFEVTSELx", 0x1320000300000186L, 8, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("MSR_OFFCORE_RSPx", 0x13200003000001A6L, 2, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_XFD", 0x13200003000001C4L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("IA32_XFD_ERR", 0x13200003000001C5L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("IA32_FIXED_CTRx", 0x1320000300000309L, 7, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_PERF_METRICS", 0x1320000300000329L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_FIXED_CTR_CTRL", 0x132000030000038DL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_PERF_GLOBAL_STATUS", 0x132000030000038EL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("IA32_PEBS_ENABLE", 0x13200003000003F1L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("MSR_PEBS_DATA_CFG", 0x13200003000003F2L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("MSR_PEBS_LD_LAT", 0x13200003000003F6L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("MSR_PEBS_FRONTEND", 0x13200003000003F7L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_A_PMCx", 0x13200003000004C1L, 8, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_DS_AREA", 0x1320000300000600L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_XSS", 0x1320000300000DA0L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("IA32_LBR_DEPTH", 0x13200003000014CFL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_UARCH_MISC_CTL", 0x1320000300001B01L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("IA32_STAR", 0x1320000300002081L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("IA32_LSTAR", 0x1320000300002082L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("IA32_FMASK", 0x1320000300002084L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("IA32_KERNEL_GS_BASE", 0x1320000300002102L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("IA32_TSC_AUX", 0x1320000300002103L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("VCPU_STATE", 0xA020000000000000L, 1, 1, 0L, 0L, 0xFFL, 0L),
            new F("VCPU_INDEX", 0xA020000200000002L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("NUM_TDVPS_PAGES", 0xA020000000000003L, 1, 1, 0xFFL, 0L, 0xFFL, 0L),
            new F("ASSOC_LPID", 0xA020000200000004L, 1, 1, 0xFFFFFFFFL, 0L, 0xFFFFFFFFL, 0L),
            new F("VCPU_EPOCH", 0xA020000300000006L, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("CPUID_SUPERVISOR_VE", 0xA020000000000007L, 1, 1, 0xFFL, 0L, 0xFFL, 0L),
            new F("CPUID_USER_VE", 0xA020000000000008L, 1, 1, 0xFFL, 0L, 0xFFL, 0L),
            new F("LAST_EXIT_TSC", 0xA02000030000000AL, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("PEND_NMI", 0x202000000000000BL, 1, 1, 0xFFL, 0xFFL, 0xFFL, 0xFFL),
            new F("XFAM", 0x202000030000000CL, 1, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("LAST_EPF_GPA_LIST_IDX", 0xA02000000000000DL, 1, 1, 0L, 0L, 0xFFL, 0L),
            new F("POSSIBLY_EPF_STEPPING", 0xA02000000000000EL, 1, 1, 0L, 0L, 0xFFL, 0L),
            new F("LAST_TD_EXIT", 0xA02000000000000FL, 1, 1, 0L, 0L, 0xFFL, 0L),
            new F("TDVPS_PAGE_PA", 0xA020000300000010L, 15, 1, 0xFFFFFFFFFFFFFFFFL, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("HP_LOCK_BUSY_START", 0xA020000300000030L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("HP_LOCK_BUSY", 0xA020000000000031L, 1, 1, 0L, 0L, 0xFFL, 0L),
            new F("LAST_SEAMDB_INDEX", 0xA020000300000032L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("NMI_UNBLOCKING_DUE_TO_IRET", 0xA020000000000040L, 1, 1, 0L, 0L, 0xFFL, 0L),
            new F("CURR_VM", 0xA020000100000041L, 1, 1, 0L, 0L, 0xFFFFL, 0L),
            new F("L2_EXIT_HOST_ROUTING", 0xA020000000000042L, 1, 1, 0L, 0L, 0xFFL, 0L),
            new F("VM_LAUNCHED", 0xA020000000000044L, 4, 1, 0L, 0L, 0xFFL, 0L),
            new F("LP_DEPENDENT_HPA_UPDATED", 0xA020000000000048L, 4, 1, 0L, 0L, 0xFFL, 0L),
            new F("MODULE_DEPENDENT_FIELDS_UPDATED", 0xA02000000000004CL, 4, 1, 0L, 0L, 0xFFL, 0L),
            new F("L2_CTLS", 0xA020000300000050L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, (7L & 0xFFFFFFFFFFFFFFFFL)),
            new F("L2_DEBUG_CTLS", 0xA020000300000054L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, (7L & 0xFFFFFFFFFFFFFFFFL)),
            new F("TSC_DEADLINE", 0xA020000300000058L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SHADOW_TSC_DEADLINE", 0xA02000030000005CL, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("BASE_L2_CR0_GUEST_HOST_MASK", 0xA020000300000080L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFF9FFFFFDFL),
            new F("BASE_L2_CR0_READ_SHADOW", 0xA020000300000081L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFF9FFFFFDFL),
            new F("BASE_L2_CR4_GUEST_HOST_MASK", 0xA020000300000082L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFF9FBFL),
            new F("BASE_L2_CR4_READ_SHADOW", 0xA020000300000083L, 1, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFF9FFFFFDFL),
            new F("SHADOW_CR0_GUEST_HOST_MASK", 0xA020000300000084L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SHADOW_CR0_READ_SHADOW", 0xA020000300000088L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SHADOW_CR4_GUEST_HOST_MASK", 0xA02000030000008CL, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SHADOW_CR4_READ_SHADOW", 0xA020000300000090L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SHADOW_INSTRUCTION_TIMEOUT_CONTROL", 0xA020000200000094L, 4, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("SHADOW_PID_HPA", 0xA020000300000098L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("SHADOW_PINBASED_EXEC_CTLS", 0xA02000020000009CL, 4, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("SHADOW_PLE_GAP", 0xA0200002000000A4L, 4, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("SHADOW_PLE_WINDOW", 0xA0200002000000A8L, 4, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("SHADOW_POSTED_INT_NOTIFICATION_VECTOR", 0xA0200001000000ACL, 4, 1, 0L, 0L, 0xFFFFL, 0L),
            new F("SHADOW_PROCBASED_EXEC_CTLS2", 0xA0200002000000B0L, 4, 1, 0L, 0L, 0xFFFFFFFFL, 0L),
            new F("SHADOW_SHARED_EPTP", 0xA0200003000000B4L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_ENTER_GUEST_STATE_GPA", 0xA020000300000100L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_ENTER_GUEST_STATE_HPA", 0xA020000300000104L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VE_INFO_GPA", 0xA020000300000108L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("VE_INFO_HPA", 0xA02000030000010CL, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_VAPIC_GPA", 0xA020000300000110L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_VAPIC_HPA", 0xA020000300000114L, 4, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("CPUID_CONTROL", 0xA120000000000000L, 128, 1, 0L, 0L, 0xFFL, 0L),
            new F("LAST_EPF_GPA_LIST", 0xA220000300000200L, 32, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_VMCS_1", 0x2420000000000000L, 4096, 1, 0L, 0L, 0L, 0L),
            new F("L2_MSR_BITMAPS_1", 0x2520000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("L2_SHADOW_MSR_BITMAPS_1", 0xA620000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_VMCS_2", 0x2C20000000000000L, 4096, 1, 0L, 0L, 0L, 0L),
            new F("L2_MSR_BITMAPS_2", 0x2D20000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("L2_SHADOW_MSR_BITMAPS_2", 0xAE20000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
            new F("L2_VMCS_3", 0x3420000000000000L, 4096, 1, 0L, 0L, 0L, 0L),
            new F("L2_MSR_BITMAPS_3", 0x3520000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL),
            new F("L2_SHADOW_MSR_BITMAPS_3", 0xB620000300000000L, 512, 1, 0L, 0L, 0xFFFFFFFFFFFFFFFFL, 0L),
    };
}
