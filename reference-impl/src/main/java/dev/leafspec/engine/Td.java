package dev.leafspec.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of the modelled TD and its current VCPU as the TDX module keeps it (TDR, TDCS, TDVPS):
 * configuration, measurements, the #VE information area and private/shared memory.
 * Everything is deterministic; {@link #reset()} restores the defaults documented in docs/fixtures.md.
 */
final class Td {
    /** Module version modelled: 10 = "1.0", 15 = "1.5". */
    int version;
    int gpaw;
    long attributes;
    long xfam;
    int maxVcpus;
    int numVcpus;
    int vcpuIndex;
    boolean noRbpMod;
    boolean flexiblePendingVe;
    /** TDCS.TD_CTLS; bit 0 PENDING_VE_DISABLE (td_control_structures.h td_ctls_t). */
    long tdCtls;
    long notifyEnables;
    /** TSC frequency in units of 25 MHz (TDCS.TSC_FREQUENCY). */
    long tscFrequency;
    /** Whether the platform supports SEAMVERIFYREPORT (TDG.MR.VERIFYREPORT; TDX_FEATURES0 bit 8). */
    boolean verifyReportAvailable;
    /** Whether the platform supports SEAMGETKEY (TDG.MR.KEY.GET; tdh_sys_init.c sealing_supported). */
    boolean sealingSupported;
    /** TDCS.CONFIG_FLAGS bit 7 SEALING (TDX 1.5.34 config_flags_t): TDG.MR.KEY.GET enabled. */
    boolean sealing;

    final byte[][] rtmr = new byte[4][48];
    final byte[] mrtd = new byte[48];
    final byte[] mrConfigId = new byte[48];
    final byte[] mrOwner = new byte[48];
    final byte[] mrOwnerConfig = new byte[48];
    final byte[] servtdHash = new byte[48];

    /** #VE information area (TDVPS.VE_INFO). */
    boolean veValid;
    long veExitReason;
    long veExitQualification;
    long veGla;
    long veGpa;
    /** Instruction length in bits 31:0, instruction information in bits 63:32. */
    long veInstLenAndInfo;

    /** TDVPS.CPUID_SUPERVISOR_VE / CPUID_USER_VE (8-bit booleans; non-zero = #VE on CPUID at CPL 0 / CPL &gt; 0). */
    int cpuidSupervisorVe;
    int cpuidUserVe;
    /** TDVPS.L2_CTLS[vm], vm 0..3 (64-bit). */
    final long[] l2Ctls = new long[4];
    /** TDVPS.TSC_DEADLINE[vm], vm 0..3 (64-bit; all ones = no deadline, the TDH.VP.INIT value). */
    final long[] tscDeadline = new long[4];
    /** TDVPS.CPUID_CONTROL[0..127] (8-bit each: bit 0 supervisor #VE, bit 1 user #VE). */
    final byte[] cpuidControl = new byte[128];

    /**
     * TDR.TD_UUID (4 x 64 bits). The module generates it when the TD is created; the model uses a fixed
     * arbitrary value (writable with the td.field fixture, field 0x8010000300000020 + element).
     */
    final long[] tdUuid = new long[4];
    static final long[] DEFAULT_TD_UUID = {0x3C5A_91E7_0D2B_64F1L, 0x8E14_7A03_C9D6_25B8L,
            0x51F0_B8C2_6E97_0A4DL, 0xA7D3_1F5C_48E2_9B06L};

    /** Other TD-scope field elements set by the td.field fixture, by (class << 24 | field code). */
    final Map<Long, Long> otherFields = new HashMap<>();

    final GuestMemory memory = new GuestMemory();

    Td() {
        reset();
    }

    void reset() {
        version = 15;
        gpaw = 48;
        attributes = 0;
        xfam = 0x3; // x87 and SSE (XFAM bits 1:0), the architectural minimum
        maxVcpus = 8;
        numVcpus = 4;
        vcpuIndex = 0;
        noRbpMod = false;
        flexiblePendingVe = false;
        tdCtls = 0;
        notifyEnables = 0;
        tscFrequency = 100; // 2.5 GHz
        verifyReportAvailable = true;
        sealingSupported = true;
        sealing = false;
        for (byte[] r : rtmr) java.util.Arrays.fill(r, (byte) 0);
        System.arraycopy(sha384("LeafSpec reference TD initial contents".getBytes(StandardCharsets.US_ASCII)), 0, mrtd, 0, 48);
        java.util.Arrays.fill(mrConfigId, (byte) 0);
        java.util.Arrays.fill(mrOwner, (byte) 0);
        java.util.Arrays.fill(mrOwnerConfig, (byte) 0);
        java.util.Arrays.fill(servtdHash, (byte) 0);
        veValid = false;
        veExitReason = veExitQualification = veGla = veGpa = veInstLenAndInfo = 0;
        cpuidSupervisorVe = cpuidUserVe = 0;
        java.util.Arrays.fill(l2Ctls, 0);
        java.util.Arrays.fill(tscDeadline, -1L);
        java.util.Arrays.fill(cpuidControl, (byte) 0);
        System.arraycopy(DEFAULT_TD_UUID, 0, tdUuid, 0, 4);
        otherFields.clear();
        memory.reset(gpaw);
    }

    boolean is15() {
        return version >= 15;
    }

    /** NO_RBP_MOD is a TDX 1.5 feature (TDX_FEATURES0 bit 18, CONFIG_FLAGS bit 2); ignored when modelling 1.0. */
    boolean effectiveNoRbpMod() {
        return noRbpMod && is15();
    }

    boolean pendingVeDisable() {
        return (tdCtls & 1) != 0;
    }

    /**
     * TDCS.CONFIG_FLAGS: bit 0 GPAW (52-bit), bit 1 FLEXIBLE_PENDING_VE, bit 2 NO_RBP_MOD (tdx_api_defs.h config_flags_t),
     * bit 7 SEALING (TDX 1.5.34).
     */
    long configFlags() {
        return (gpaw == 52 ? 1 : 0) | (flexiblePendingVe ? 2 : 0) | (noRbpMod ? 4 : 0) | (sealing ? 0x80 : 0);
    }

    static byte[] sha384(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long qword(byte[] b, int index) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[index * 8 + i] & 0xFF);
        return v;
    }

    static void putQword(byte[] b, int index, long v) {
        for (int i = 0; i < 8; i++) b[index * 8 + i] = (byte) (v >>> (8 * i));
    }

    private static long key(TdMetadata.Field f, int elem) {
        return ((long) f.classCode() << 24) | (f.fieldCode() + elem);
    }

    /** Reads element {@code elem} of TD-scope field {@code f} (raw, before the read mask). */
    long readTdField(TdMetadata.Field f, int elem) {
        switch (f.name) {
            case "NUM_VCPUS": return numVcpus & 0xFFFFFFFFL;
            case "NUM_L2_VMS": return 0;
            case "ATTRIBUTES": return attributes;
            case "XFAM": return xfam;
            case "MAX_VCPUS": return maxVcpus & 0xFFFFFFFFL;
            case "GPAW": return gpaw == 52 ? 1 : 0;
            case "TSC_FREQUENCY": return tscFrequency;
            case "NOTIFY_ENABLES": return notifyEnables;
            case "CONFIG_FLAGS": return configFlags();
            case "TD_CTLS": return tdCtls;
            case "MRTD": return qword(mrtd, elem);
            case "MRCONFIGID": return qword(mrConfigId, elem);
            case "MROWNER": return qword(mrOwner, elem);
            case "MROWNERCONFIG": return qword(mrOwnerConfig, elem);
            case "RTMR": return qword(rtmr[elem / 6], elem % 6);
            case "SERVTD_HASH": return qword(servtdHash, elem);
            case "SERVTD_NUM": return 0;
            case "TD_UUID": return tdUuid[elem];
            default: return otherFields.getOrDefault(key(f, elem), 0L) & TdMetadata.sizeMask(f);
        }
    }

    /** Writes element {@code elem} of TD-scope field {@code f} (already masked by the caller). */
    void writeTdField(TdMetadata.Field f, int elem, long v) {
        switch (f.name) {
            case "NUM_VCPUS": numVcpus = (int) v; break;
            case "ATTRIBUTES": attributes = v; break;
            case "XFAM": xfam = v; break;
            case "MAX_VCPUS": maxVcpus = (int) v; break;
            case "GPAW": gpaw = (v & 1) != 0 ? 52 : 48; memory.setGpaw(gpaw); break;
            case "TSC_FREQUENCY": tscFrequency = v; break;
            case "NOTIFY_ENABLES": notifyEnables = v; break;
            case "CONFIG_FLAGS":
                gpaw = (v & 1) != 0 ? 52 : 48;
                memory.setGpaw(gpaw);
                flexiblePendingVe = (v & 2) != 0;
                noRbpMod = (v & 4) != 0;
                sealing = (v & 0x80) != 0;
                break;
            case "TD_CTLS": tdCtls = v; break;
            case "MRTD": putQword(mrtd, elem, v); break;
            case "MRCONFIGID": putQword(mrConfigId, elem, v); break;
            case "MROWNER": putQword(mrOwner, elem, v); break;
            case "MROWNERCONFIG": putQword(mrOwnerConfig, elem, v); break;
            case "RTMR": putQword(rtmr[elem / 6], elem % 6, v); break;
            case "SERVTD_HASH": putQword(servtdHash, elem, v); break;
            case "TD_UUID": tdUuid[elem] = v; break;
            default: otherFields.put(key(f, elem), v & TdMetadata.sizeMask(f));
        }
    }

    /**
     * Reads element {@code elem} of TDVPS entry {@code idx} ({@link VpMetadata#TDVPS}) before the read mask.
     * Entries the guest cannot read keep no value in the model and read as 0.
     */
    long readVpField(int idx, int elem) {
        if (idx == VpMetadata.IDX_VCPU_INDEX) return vcpuIndex & 0xFFFFFFFFL;
        if (idx == VpMetadata.IDX_CPUID_SUPERVISOR_VE) return cpuidSupervisorVe & 0xFF;
        if (idx == VpMetadata.IDX_CPUID_USER_VE) return cpuidUserVe & 0xFF;
        if (idx == VpMetadata.IDX_L2_CTLS) return l2Ctls[elem];
        if (idx == VpMetadata.IDX_TSC_DEADLINE) return tscDeadline[elem];
        if (idx == VpMetadata.IDX_CPUID_CONTROL) return cpuidControl[elem] & 0xFF;
        return 0;
    }

    /** Writes element {@code elem} of TDVPS entry {@code idx}; {@code v} is already truncated to the element size. */
    void writeVpField(int idx, int elem, long v) {
        if (idx == VpMetadata.IDX_CPUID_SUPERVISOR_VE) cpuidSupervisorVe = (int) v;
        else if (idx == VpMetadata.IDX_CPUID_USER_VE) cpuidUserVe = (int) v;
        else if (idx == VpMetadata.IDX_L2_CTLS) l2Ctls[elem] = v;
        else if (idx == VpMetadata.IDX_TSC_DEADLINE) tscDeadline[elem] = v;
        else if (idx == VpMetadata.IDX_CPUID_CONTROL) cpuidControl[elem] = (byte) v;
        else throw new IllegalStateException("TDVPS entry " + idx + " is not guest-writable");
    }

    /** TDX_FEATURES0 as tdx-module 1.5 metadata_sys.c reports it (bits per tdx_api_defs.h tdx_features_enum0_t). */
    long tdxFeatures0() {
        long v = 0;
        v |= 1L;          // 0 TD migration
        v |= 1L << 1;     // 1 TD preserving
        v |= 1L << 2;     // 2 service TD
        v |= 1L << 3;     // 3 TDG.VP.RD/WR
        v |= 1L << 4;     // 4 relaxed memory-management concurrency
        v |= 1L << 5;     // 5 CPUID virtualization guest control
        v |= 1L << 7;     // 7 TD partitioning
        if (verifyReportAvailable) v |= 1L << 8; // 8 local attestation
        v |= 1L << 9;     // 9 TD entry enhancements
        v |= 1L << 10;    // 10 host priority locks
        v |= 1L << 11;    // 11 config IA32_ARCH_CAPABILITIES
        v |= 1L << 16;    // 16 pending EPT violation v2
        v |= 1L << 17;    // 17 FMS config
        v |= 1L << 18;    // 18 NO_RBP_MOD
        v |= 1L << 19;    // 19 L2 TLB invalidation optimization
        return v;
    }

    /** @return the SYS field value, or null if the model keeps no value for it (the field is not guest-readable). */
    long readSysField(TdMetadata.Field f) {
        switch (f.name) {
            case "VENDOR_ID": return 0x8086;
            case "MINOR_VERSION": return 5;
            case "MAJOR_VERSION": return 1;
            case "SYS_ATTRIBUTES": return 0;
            case "NUM_TDX_FEATURES": return 1;
            case "TDX_FEATURES0": return tdxFeatures0();
            case "MIG_ATTRIBUTES": return 0;
            case "MIN_EXPORT_VERSION": case "MAX_EXPORT_VERSION":
            case "MIN_IMPORT_VERSION": case "MAX_IMPORT_VERSION": return 0;
            case "GUEST_L2_GPA_ATTR_MASK": return 0x807F; // BITS(6,0) | BIT(15)
            default: return 0;
        }
    }
}
