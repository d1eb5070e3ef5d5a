package dev.leafspec.engine;

/**
 * Host-side (SEAMCALL) completion statuses and operand ids, copied from intel/tdx-module branch tdx_1.5
 * {@code include/auto_gen/tdx_error_codes_defs.h}. Bits 63:32 are the class/code; bits 31:0 carry the operand id
 * ({@link TdxStatus#withOperand}). The module lifecycle statuses are the source's names: there is no
 * "SYSINIT_NOT_DONE"/"SYSCONFIG_NOT_DONE" in tdx_1.5; out-of-order lifecycle calls return the *_NOT_PENDING codes.
 */
public final class SeamStatus {
    private SeamStatus() {
    }

    public static final long TDX_INTERRUPTED_RESUMABLE = 0x8000000300000000L;
    public static final long TDX_SYS_BUSY = 0x8000020200000000L;
    public static final long TDX_PAGE_METADATA_INCORRECT = 0xC000030000000000L;
    public static final long TDX_PAGE_ALREADY_FREE = 0x0000030100000000L;
    public static final long TDX_TD_ASSOCIATED_PAGES_EXIST = 0xC000040000000000L;
    public static final long TDX_SYS_INIT_NOT_PENDING = 0xC000050000000000L;
    public static final long TDX_SYS_LP_INIT_NOT_DONE = 0xC000050200000000L;
    public static final long TDX_SYS_LP_INIT_DONE = 0xC000050300000000L;
    public static final long TDX_SYS_NOT_READY = 0xC000050500000000L;
    public static final long TDX_SYS_SHUTDOWN = 0xC000050600000000L;
    public static final long TDX_SYS_KEY_CONFIG_NOT_PENDING = 0xC000050700000000L;
    public static final long TDX_SYS_LP_INIT_NOT_PENDING = 0xC000050B00000000L;
    public static final long TDX_SYS_CONFIG_NOT_PENDING = 0xC000050C00000000L;
    public static final long TDX_TD_FATAL = 0xE000060400000000L;
    public static final long TDX_TDCS_NOT_ALLOCATED = 0xC000060600000000L;
    public static final long TDX_LIFECYCLE_STATE_INCORRECT = 0xC000060700000000L;
    public static final long TDX_OP_STATE_INCORRECT = 0xC000060800000000L;
    public static final long TDX_NO_VCPUS = 0xC000060900000000L;
    public static final long TDX_TDCX_NUM_INCORRECT = 0xC000061000000000L;
    public static final long TDX_VCPU_STATE_INCORRECT = 0xC000070000000000L;
    public static final long TDX_MAX_VCPUS_EXCEEDED = 0xC000070500000000L;
    public static final long TDX_VCPU_ASSOCIATED = 0x8000070100000000L;
    public static final long TDX_VCPU_NOT_ASSOCIATED = 0x8000070200000000L;
    public static final long TDX_PREVIOUS_TLB_EPOCH_BUSY = 0x8000020100000000L;
    public static final long TDX_WBCACHE_NOT_COMPLETE = 0x8000081700000000L;
    public static final long TDX_NO_HKID_READY_TO_WBCACHE = 0x0000082100000000L;
    public static final long TDX_WBCACHE_RESUME_ERROR = 0xC000082300000000L;
    public static final long TDX_FLUSHVP_NOT_DONE = 0x8000082400000000L;
    public static final long TDX_GPA_RANGE_NOT_BLOCKED = 0xC0000B0600000000L;
    public static final long TDX_GPA_RANGE_ALREADY_BLOCKED = 0x00000B0700000000L;
    public static final long TDX_TLB_TRACKING_NOT_DONE = 0xC0000B0800000000L;
    public static final long TDX_EPT_PAGE_NOT_FREE = 0xC0000B0E00000000L;
    public static final long TDX_TD_KEYS_NOT_CONFIGURED = 0x8000081000000000L;
    public static final long TDX_KEY_CONFIGURED = 0x0000081500000000L;
    public static final long TDX_HKID_NOT_FREE = 0xC000082000000000L;
    public static final long TDX_INVALID_TDMR = 0xC0000A0000000000L;
    public static final long TDX_NON_ORDERED_TDMR = 0xC0000A0100000000L;
    public static final long TDX_TDMR_OUTSIDE_CMRS = 0xC0000A0200000000L;
    public static final long TDX_TDMR_ALREADY_INITIALIZED = 0x00000A0300000000L;
    public static final long TDX_INVALID_PAMT = 0xC0000A1000000000L;
    public static final long TDX_PAMT_OUTSIDE_CMRS = 0xC0000A1100000000L;
    public static final long TDX_PAMT_OVERLAP = 0xC0000A1200000000L;
    public static final long TDX_EPT_WALK_FAILED = 0xC0000B0000000000L;
    public static final long TDX_EPT_ENTRY_NOT_PRESENT = 0xC0000B0300000000L;
    public static final long TDX_EPT_ENTRY_STATE_INCORRECT = 0xC0000B0D00000000L;
    // TDH.SYS.SHUTDOWN/UPDATE, TDH.MEM.RD/WR, TDH.MEM.PAGE.PROMOTE (issue 3)
    public static final long TDX_SYS_STATE_INCORRECT = 0xC000050800000000L;
    public static final long TDX_SYS_INVALID_HANDOFF = 0xC000050900000000L;
    public static final long TDX_TD_NON_DEBUG = 0xC000060500000000L;
    public static final long TDX_EPT_INVALID_PROMOTE_CONDITIONS = 0xC0000B0900000000L;
    public static final long TDX_TD_NOT_MIGRATABLE = 0xC0000E0900000000L;
    public static final long TDX_MIN_MIGS_NOT_CREATED = 0xC0000E1400000000L;
    public static final long TDX_SERVTD_ALREADY_BOUND_FOR_TYPE = 0xC0000D0000000000L,
            TDX_SERVTD_TYPE_MISMATCH = 0xC0000D0100000000L, TDX_SERVTD_ATTR_MISMATCH = 0xC0000D0200000000L,
            TDX_SERVTD_INFO_HASH_MISMATCH = 0xC0000D0300000000L, TDX_SERVTD_UUID_MISMATCH = 0xC0000D0400000000L,
            TDX_SERVTD_BOUND = 0xC0000D0600000000L;
    public static final long TDX_INVALID_RESUMPTION = 0xC000000600000000L,
            TDX_MIGRATION_STREAM_STATE_INCORRECT = 0xC0000E0500000000L, TDX_MAX_MIGS_NUM_EXCEEDED = 0xC0000E0600000000L,
            TDX_MIGRATION_DECRYPTION_KEY_NOT_SET = 0xC0000E0800000000L,
            TDX_PREVIOUS_EXPORT_CLEANUP_INCOMPLETE = 0xC0000E0A00000000L;

    /** Operand ids (tdx_error_codes_defs.h OPERAND_ID_*). */
    public static final int OP_RCX = 1, OP_RDX = 2, OP_R8 = 8, OP_R9 = 9, OP_R10 = 10, OP_ATTRIBUTES = 64, OP_XFAM = 65,
            OP_EXEC_CONTROLS = 66, OP_EPTP_CONTROLS = 67, OP_MAX_VCPUS = 68, OP_TSC_FREQUENCY = 70, OP_NUM_L2_VMS = 71,
            OP_TDR = 128, OP_METADATA_FIELD = 176, OP_WBCACHE = 188, OP_SEPT_TREE = 146, OP_OP_STATE = 172, OP_KOT = 186,
            OP_SERVTD_BINDINGS = 174, OP_MIG_BUFF_LIST_ENTRY = 98;
}
