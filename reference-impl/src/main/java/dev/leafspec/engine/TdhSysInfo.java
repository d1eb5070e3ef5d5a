package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.INFO (leaf 32; tdx_1.5 {@code api_calls/tdh_sys_info.c}): writes TDSYSINFO_STRUCT and the CMR table to host
 * buffers. Allowed before the module is READY.
 *
 * <p>Inputs: RCX = TDSYSINFO_STRUCT HPA (1024-byte aligned, shared HKID, below MAX_PA); RDX = its size (at least 1024);
 * R8 = CMR_INFO array HPA (512-byte aligned: 32 entries of 16 bytes); R9 = number of entries (at least 32). Outputs:
 * RDX = 1024 (bytes written), R9 = 32 (entries written); both are zeroed first and stay 0 on every error.
 *
 * <p>TDSYSINFO_STRUCT (tdx_api_defs.h td_sys_info_t): ATTRIBUTES @0 (4) = 0, VENDOR_ID @4 (4) = 0x8086, BUILD_DATE @8
 * (4), BUILD_NUM @12 (2), MINOR_VERSION @14 (2) = 5, MAJOR_VERSION @16 (2) = 1, SYS_RD @18 (1) = 1 (use TDH.SYS.RD),
 * MAX_TDMRS @32 (2) = 64, MAX_RESERVED_PER_TDMR @34 (2) = 16, PAMT_ENTRY_SIZE @36 (2) = 16, TDCS_BASE_SIZE @48 (2),
 * TDVPS_BASE_SIZE @52 (2), TDVPS_XFAM_DEPENDENT_SIZE @54 (1) = 0, ATTRIBUTES_FIXED0/1 @64/@72, XFAM_FIXED0/1 @80/@88,
 * NUM_CPUID_CONFIG @128 (4) = 0 (the model has no configurable CPUID entries), the rest zero. CMR entries: base (8),
 * size (8).
 *
 * <p>Errors in order: TDX_SYS_LP_INIT_NOT_DONE; bad RCX → TDX_OPERAND_INVALID(RCX); RDX below 1024 → (RDX); then the
 * TDSYSINFO buffer is zeroed; bad R8 → (R8); R9 below 32 → (R9).
 */
final class TdhSysInfo implements SeamLeaf {
    static final int SIZE = 1024, MAX_CMR = 32;

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long info = r.gpr(1), size = r.gpr(2), cmr = r.gpr(8), num = r.gpr(9);
        r.gpr(2, 0);
        r.gpr(9, 0);
        if (!h.lpInit[h.currentLp]) return SeamStatus.TDX_SYS_LP_INIT_NOT_DONE;
        if (!h.validSharedHpa(info, 1024)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
        if (Long.compareUnsigned(size, SIZE) < 0) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        byte[] b = new byte[SIZE];
        h.write(info, b);
        if (!h.validSharedHpa(cmr, 16L * MAX_CMR)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R8);
        if (Long.compareUnsigned(num, MAX_CMR) < 0) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_R9);
        put(b, 4, 4, 0x8086);
        put(b, 8, 4, HostMetadata.BUILD_DATE);
        put(b, 12, 2, HostMetadata.BUILD_NUM);
        put(b, 14, 2, 5);
        put(b, 16, 2, 1);
        b[18] = 1;
        put(b, 32, 2, SeamHost.MAX_TDMRS);
        put(b, 34, 2, HostMetadata.MAX_RESERVED_PER_TDMR);
        put(b, 36, 2, HostMetadata.PAMT_ENTRY_SIZE);
        put(b, 48, 2, SeamHost.PAGE * SeamHost.MIN_NUM_TDCS_PAGES);
        put(b, 52, 2, SeamHost.PAGE * SeamHost.MIN_TDVPS_PAGES);
        put(b, 64, 8, TdhMngInit.ATTRIBUTES_SUPPORTED);
        put(b, 72, 8, 0);
        put(b, 80, 8, HostMetadata.XFAM_FIXED0);
        put(b, 88, 8, HostMetadata.XFAM_FIXED1);
        h.write(info, b);
        byte[] c = new byte[16 * MAX_CMR];
        for (int i = 0; i < h.cmrs.size(); i++) { // platform.config allows at most MAX_CMR CMRs
            put(c, 16 * i, 8, h.cmrs.get(i)[0]);
            put(c, 16 * i + 8, 8, h.cmrs.get(i)[1]);
        }
        h.write(cmr, c);
        r.gpr(2, SIZE);
        r.gpr(9, MAX_CMR);
        return TdxStatus.TDX_SUCCESS;
    }

    private static void put(byte[] b, int off, int len, long v) {
        for (int i = 0; i < len; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
