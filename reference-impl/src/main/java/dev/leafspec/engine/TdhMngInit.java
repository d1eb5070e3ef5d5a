package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.MNG.INIT (leaf 21; tdx_1.5 {@code api_calls/tdh_mng_init.c}): configures the TD from a TD_PARAMS page and
 * starts the MRTD measurement. Inputs: RCX = TDR HPA, RDX = shared HPA of TD_PARAMS (1024-byte aligned). Output
 * RCX = 0 (the CPUID leaf/sub-leaf of a rejected CPUID_CONFIG entry; CPUID_CONFIG is not checked by the model).
 *
 * <p>TD_PARAMS (tdx_api_defs.h td_params_t, 1024 bytes): ATTRIBUTES @0 (8), XFAM @8 (8), MAX_VCPUS @16 (2),
 * NUM_L2_VMS @18 (1), MSR_CONFIG_CTLS @19 (1, bits 7:1 reserved), reserved @20 (4), EPTP_CONTROLS @24 (8),
 * CONFIG_FLAGS @32 (8: bit 0 GPAW, 1 FLEXIBLE_PENDING_VE, 2 NO_RBP_MOD; 63:3 reserved), TSC_FREQUENCY @40 (2, units
 * of 25 MHz), reserved @42 (38), MRCONFIGID @80, MROWNER @128, MROWNERCONFIG @176 (48 each),
 * IA32_ARCH_CAPABILITIES_CONFIG @224 (8), reserved @232 (24), CPUID_CONFIG @256 (12 x 16), reserved to 1024.
 *
 * <p>Errors in order (tdh_mng_init.c read_and_set_td_configurations): TDR checks (RCX); TDX_TD_FATAL;
 * TDX_TD_KEYS_NOT_CONFIGURED; fewer than 6 TDCS pages → TDX_TDCS_NOT_ALLOCATED; OP_STATE not UNINITIALIZED →
 * TDX_OP_STATE_INCORRECT; RDX not a 1024-byte aligned shared HPA → TDX_OPERAND_INVALID(RDX); ATTRIBUTES outside DEBUG(0), SEPT_VE_DISABLE(28), MIGRATABLE(29), PKS(30), PERFMON(63), or
 * MIGRATABLE with DEBUG or PERFMON → (ATTRIBUTES); XFAM without x87/SSE (bits 1:0), outside the modelled platform's 0x602E7, AVX-512 bits 7:5 not
 * all-or-none or without AVX, AMX bits 18:17 not both → (XFAM); MAX_VCPUS 0 → (MAX_VCPUS); NUM_L2_VMS above 3 →
 * (NUM_L2_VMS); fewer than 6 + NUM_L2_VMS TDCS pages → TDX_TDCS_NOT_ALLOCATED; CONFIG_FLAGS reserved bits →
 * (EXEC_CONTROLS) — after the reserved bytes 23:20 (RDX); EPTP_CONTROLS other than memory type WB (6) with page-walk length 4 or 5 (5 when GPAW), other bits 0 →
 * (EPTP_CONTROLS); TSC_FREQUENCY outside 4..400 → (TSC_FREQUENCY); then the reserved bytes 79:42, MSR_CONFIG_CTLS bits
 * 7:1, reserved bytes 255:232 and, after CPUID_CONFIG, bytes 1023:448 → (RDX). Success: OP_STATE INITIALIZED.
 */
final class TdhMngInit implements SeamLeaf {
    static final long ATTRIBUTES_SUPPORTED = 0x1L | (1L << 28) | (1L << 29) | (1L << 30) | (1L << 63);
    static final long XFAM_SUPPORTED = 0x602E7L;
    /** EPTP_CONTROLS: memory type WB (6) in bits 2:0, page-walk length minus 1 in bits 5:3. */
    static final long EPTP_WB_PWL4 = 6 | (3 << 3), EPTP_WB_PWL5 = 6 | (4 << 3);

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long tdr = r.gpr(1), paramsPa = r.gpr(2);
        r.gpr(1, 0);
        long s = h.checkTdr(tdr, SeamStatus.OP_RCX);
        if (s != 0) return s;
        SeamHost.TdCtx td = h.tds.get(tdr);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_UNINITIALIZED) return SeamStatus.TDX_OP_STATE_INCORRECT;
        if (!h.validSharedHpa(paramsPa, 1024)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        byte[] p = h.read(paramsPa, 1024);
        long attributes = le(p, 0, 8), xfam = le(p, 8, 8), eptp = le(p, 24, 8), flags = le(p, 32, 8);
        int maxVcpus = (int) le(p, 16, 2), numL2 = p[18] & 0xFF, tsc = (int) le(p, 40, 2);
        // read_and_set_td_configurations, in the source's order
        if ((attributes & ~ATTRIBUTES_SUPPORTED) != 0) return invalid(SeamStatus.OP_ATTRIBUTES);
        // helpers.c verify_td_attributes: a MIGRATABLE TD can be neither DEBUG nor PERFMON
        if ((attributes & (1L << 29)) != 0 && (attributes & (1L | (1L << 63))) != 0) return invalid(SeamStatus.OP_ATTRIBUTES);
        long avx512 = xfam & 0xE0;
        if ((xfam & 3) != 3 || (xfam & ~XFAM_SUPPORTED) != 0 || (avx512 != 0 && (avx512 != 0xE0 || (xfam & 4) == 0))
                || ((xfam >>> 17) & 3) == 1 || ((xfam >>> 17) & 3) == 2) {
            return invalid(SeamStatus.OP_XFAM);
        }
        if (maxVcpus == 0) return invalid(SeamStatus.OP_MAX_VCPUS);
        if (numL2 > 3) return invalid(SeamStatus.OP_NUM_L2_VMS);
        if (td.tdcsPages < SeamHost.MIN_NUM_TDCS_PAGES + SeamHost.TDCS_PAGES_PER_L2_VM * numL2) {
            return SeamStatus.TDX_TDCS_NOT_ALLOCATED;
        }
        if (!zero(p, 20, 4)) return invalid(SeamStatus.OP_RDX); // reserved_0
        if ((flags & ~7L) != 0) return invalid(SeamStatus.OP_EXEC_CONTROLS);
        // helpers.c verify_and_set_td_eptp_controls: WB, a 4- or 5-level walk (the modelled platform has PML5 and MAX_PA
        // 52), every other bit 0; GPAW (shared bit 51) needs the 5-level walk
        if ((eptp != EPTP_WB_PWL4 && eptp != EPTP_WB_PWL5) || ((flags & 1) != 0 && eptp != EPTP_WB_PWL5)) {
            return invalid(SeamStatus.OP_EPTP_CONTROLS);
        }
        if (tsc < 4 || tsc > 400) return invalid(SeamStatus.OP_TSC_FREQUENCY);
        if (!zero(p, 42, 38)) return invalid(SeamStatus.OP_RDX); // reserved_1
        if ((p[19] & 0xFE) != 0) return invalid(SeamStatus.OP_RDX); // MSR_CONFIG_CTLS bits 7:1
        if (!zero(p, 232, 24)) return invalid(SeamStatus.OP_RDX); // reserved_2
        // read_and_set_cpuid_configurations: CPUID_CONFIG values are not checked by the model; then reserved_3
        if (!zero(p, 256 + 12 * 16, 1024 - 256 - 12 * 16)) return invalid(SeamStatus.OP_RDX);
        td.attributes = attributes;
        td.xfam = xfam;
        td.maxVcpus = maxVcpus;
        td.numL2Vms = numL2;
        td.configFlags = flags;
        td.eptpControls = eptp;
        td.tscFrequency = tsc;
        System.arraycopy(p, 80, td.mrConfigId, 0, 48);
        System.arraycopy(p, 128, td.mrOwner, 0, 48);
        System.arraycopy(p, 176, td.mrOwnerConfig, 0, 48);
        td.mrtd = SeamHost.sha384();
        td.epoch = 1;
        td.opState = SeamHost.OP_INITIALIZED;
        return TdxStatus.TDX_SUCCESS;
    }

    private static long invalid(int operand) {
        return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, operand);
    }

    static boolean zero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) if (b[i] != 0) return false;
        return true;
    }

    static long le(byte[] b, int off, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xFF);
        return v;
    }
}
