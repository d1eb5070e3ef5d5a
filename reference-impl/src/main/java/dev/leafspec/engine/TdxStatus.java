package dev.leafspec.engine;

/**
 * TDX module completion status codes (64-bit, returned in RAX by TDCALL) and operand ids.
 *
 * <p>Values are copied from intel/tdx-module {@code include/auto_gen/tdx_error_codes_defs.h}
 * (branch tdx_1.5, generated from the TDX module ABI spec "Completion Status Codes" table).
 * A status is a class/code in bits 63:32; for many errors bits 31:0 carry a
 * <em>detail</em>: the operand id of the offending operand ({@link #withOperand}), e.g.
 * {@code TDX_OPERAND_INVALID | OPERAND_ID_RCX = 0xC000010000000001}. Bit 63 set means error,
 * bit 62 means non-recoverable.
 */
public final class TdxStatus {
    private TdxStatus() {
    }

    public static final long TDX_SUCCESS = 0x0000000000000000L;
    public static final long TDX_OPERAND_INVALID = 0xC000010000000000L;
    public static final long TDX_OPERAND_ADDR_RANGE_ERROR = 0xC000010100000000L;
    public static final long TDX_OPERAND_BUSY = 0x8000020000000000L;
    public static final long TDX_NO_VALID_VE_INFO = 0xC000070400000000L;
    public static final long TDX_EPT_WALK_FAILED = 0xC0000B0000000000L;
    public static final long TDX_EPT_ENTRY_NOT_PRESENT = 0xC0000B0300000000L;
    public static final long TDX_PAGE_ALREADY_ACCEPTED = 0x00000B0A00000000L;
    public static final long TDX_PAGE_SIZE_MISMATCH = 0xC0000B0B00000000L;
    public static final long TDX_METADATA_FIELD_ID_INCORRECT = 0xC0000C0000000000L;
    public static final long TDX_METADATA_FIELD_NOT_WRITABLE = 0xC0000C0100000000L;
    public static final long TDX_METADATA_FIELD_NOT_READABLE = 0xC0000C0200000000L;
    public static final long TDX_METADATA_FIELD_VALUE_NOT_VALID = 0xC0000C0300000000L;
    public static final long TDX_METADATA_WR_MASK_NOT_VALID = 0xC0000C0A00000000L;
    public static final long TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT = 0x00000C0B00000000L;
    public static final long TDX_INVALID_CPUSVN = 0xC000100000000000L;
    public static final long TDX_INVALID_REPORTMACSTRUCT = 0xC000100100000000L;
    public static final long TDX_GLA_NOT_CANONICAL = 0xC000116000000000L;

    /** Operand ids (TDX module ABI spec "Operand IDs"; tdx_error_codes_defs.h OPERAND_ID_*). GPRs use their encoding 0..15. */
    public static final int OPERAND_ID_RAX = 0;
    public static final int OPERAND_ID_RCX = 1;
    public static final int OPERAND_ID_RDX = 2;
    public static final int OPERAND_ID_R8 = 8;
    public static final int OPERAND_ID_R9 = 9;
    public static final int OPERAND_ID_RTMR = 168;
    public static final int OPERAND_ID_L2_VAPIC_GPA = 170;

    /** @return {@code status} with {@code operand} in bits 31:0 (tdx-module api_error_with_operand_id) */
    public static long withOperand(long status, long operand) {
        return status | (operand & 0xFFFFFFFFL);
    }
}
