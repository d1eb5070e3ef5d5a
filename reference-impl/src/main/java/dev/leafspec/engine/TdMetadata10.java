package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VM.RD/WR as TDX module 1.0 implements them (TDX 1.0 V1.0.3 source as published in
 * niooss-ledger/tdx-module commit fd485aae: {@code src/td_dispatcher/vm_exits/tdg_vm_rd_wr.c},
 * {@code include/tdx_api_defs.h}, {@code include/auto_gen/tdx_error_codes_defs.h}).
 *
 * <p>1.0 has no metadata field identifiers: RDX is a {@code td_ctrl_struct_field_code_t} (bits 31:0 field code,
 * 55:32 reserved, 62:56 CLASS_CODE, 63 NON_ARCH) and the handler for the class (TDCS classes 16 to 19 only)
 * compares the <em>whole</em> 64-bit value with the known field codes. Anything else (another class such as the
 * TDR classes 0 and 1, an unknown code, any reserved bit, a 1.5-style id with element size or context bits)
 * gives TDX_OPERAND_INVALID with operand RDX. Each known field has a guest read mask (the field's size, or 0)
 * and a guest write mask; only NOTIFY_ENABLES bit 0 is writable.
 * <ul>
 * <li>R8 is set to 0 first; RCX must be 0, else TDX_OPERAND_INVALID (RCX). RDX is never written.</li>
 * <li>Read: read mask 0 → TDX_FIELD_NOT_READABLE (0xC000072100000000); else R8 = value AND read mask.</li>
 * <li>Write: effective mask = write mask AND R9; 0 → TDX_FIELD_NOT_WRITABLE (0xC000072000000000) (no readable
 *     check, so a known non-readable field also gives this); bits of R9 outside the write mask are ignored
 *     (no value check); R8 = old value AND read mask. TDX_OPERAND_BUSY (RDX) on a concurrent change is not
 *     modelled (the model has no concurrency).</li>
 * </ul>
 */
final class TdMetadata10 {
    private TdMetadata10() {
    }

    /** 1.0 tdx_error_codes_defs.h; not in the 1.5 error-code header. */
    static final long TDX_FIELD_NOT_WRITABLE = 0xC000072000000000L;
    static final long TDX_FIELD_NOT_READABLE = 0xC000072100000000L;

    /** 1.0 field code range {@code code .. code + count - 1}, masks, and where the model keeps the value. */
    static final class Entry {
        final String name;
        final long code;
        final int count;
        final long rdMask;
        final long wrMask;
        /** The 1.5 table entry holding the same TDCS field in {@link Td}, or null if the guest never sees it. */
        final TdMetadata.Field storage;

        Entry(String name, long code, int count, long rdMask, long wrMask) {
            this.name = name;
            this.code = code;
            this.count = count;
            this.rdMask = rdMask;
            this.wrMask = wrMask;
            this.storage = rdMask == 0 ? null : field15(name);
        }

        boolean contains(long fieldCode) {
            return Long.compareUnsigned(fieldCode, code) >= 0 && Long.compareUnsigned(fieldCode - code, count) < 0;
        }
    }

    private static final long B8 = 0xFFL;
    private static final long B16 = 0xFFFFL;
    private static final long B32 = 0xFFFFFFFFL;
    private static final long B64 = -1L;
    /** MAX_NUM_CPUID_LOOKUP in 1.0 (cpuid_configurations_defines.h). */
    static final int NUM_CPUID_LOOKUP = 58;
    /** XBUFF_OFFSETS_NUM = XCR0_MAX_VALID_BIT + 1 in 1.0. */
    static final int XBUFF_OFFSETS_NUM = 19;

    /**
     * The TDCS field codes 1.0 tdg_vm_rd_wr.c knows (classes 16 TD management, 17 execution controls,
     * 18 TLB epoch tracking, 19 measurement), with the read mask the handler derives from the field size.
     */
    static final Entry[] TABLE = {
            new Entry("FINALIZED", 0x9000000000000000L, 1, 0, 0),
            new Entry("NUM_VCPUS", 0x9000000000000001L, 1, B32, 0),
            new Entry("NUM_ASSOC_VCPUS", 0x9000000000000002L, 1, 0, 0),
            new Entry("SECURE_EPT_LOCK", 0x9000000000000010L, 1, 0, 0),
            new Entry("EPOCH_LOCK", 0x9000000000000011L, 1, 0, 0),
            new Entry("RTMR_LOCK", 0x9000000000000012L, 1, 0, 0),
            new Entry("ATTRIBUTES", 0x1100000000000000L, 1, B64, 0),
            new Entry("XFAM", 0x1100000000000001L, 1, B64, 0),
            new Entry("MAX_VCPUS", 0x1100000000000002L, 1, B32, 0),
            new Entry("GPAW", 0x1100000000000003L, 1, B8, 0),
            new Entry("EPTP", 0x1100000000000004L, 1, 0, 0),
            new Entry("TSC_OFFSET", 0x110000000000000AL, 1, 0, 0),
            new Entry("TSC_MULTIPLIER", 0x110000000000000BL, 1, 0, 0),
            new Entry("TSC_FREQUENCY", 0x110000000000000CL, 1, B16, 0),
            new Entry("NOTIFY_ENABLES", 0x9100000000000010L, 1, 1, 1),
            new Entry("CPUID_VALUES", 0x9100000000000400L, 4 * NUM_CPUID_LOOKUP, 0, 0),
            new Entry("XBUFF_OFFSETS", 0x1100000000000800L, XBUFF_OFFSETS_NUM, 0, 0),
            new Entry("TD_EPOCH", 0x9200000000000000L, 1, 0, 0),
            new Entry("REFCOUNT", 0x9200000000000001L, 2, 0, 0),
            new Entry("MRTD", 0x1300000000000000L, 6, B64, 0),
            new Entry("MRCONFIGID", 0x1300000000000010L, 6, B64, 0),
            new Entry("MROWNER", 0x1300000000000018L, 6, B64, 0),
            new Entry("MROWNERCONFIG", 0x1300000000000020L, 6, B64, 0),
            new Entry("RTMR", 0x1300000000000040L, 4 * 6, B64, 0),
    };

    private static TdMetadata.Field field15(String name) {
        for (TdMetadata.Field f : TdMetadata.TD) {
            if (f.name.equals(name)) return f;
        }
        throw new IllegalStateException("no 1.5 TD field " + name);
    }

    /** @return the entry whose code range holds the whole 64-bit {@code fieldCode}, or null */
    static Entry find(long fieldCode) {
        for (Entry e : TABLE) {
            if (e.contains(fieldCode)) return e;
        }
        return null;
    }

    /** The shared 1.0 tdg_vm_rd_wr handler: RCX = VM index, RDX = field code, R8 = value, R9 = write mask. */
    static long readWrite(Td td, RegisterFile regs, boolean write) {
        long wrValue = regs.gpr(8);
        long wrRequestMask = regs.gpr(9);
        regs.gpr(8, 0);
        if (regs.gpr(1) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        long fieldCode = regs.gpr(2);
        Entry e = find(fieldCode);
        if (e == null) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RDX);
        int elem = (int) (fieldCode - e.code);
        long rdValue = e.storage == null ? 0 : td.readTdField(e.storage, elem);
        if (write) {
            long wrMask = e.wrMask & wrRequestMask;
            if (wrMask == 0) return TDX_FIELD_NOT_WRITABLE;
            td.writeTdField(e.storage, elem, (rdValue & ~wrMask) | (wrValue & wrMask));
        } else if (e.rdMask == 0) {
            return TDX_FIELD_NOT_READABLE;
        }
        regs.gpr(8, rdValue & e.rdMask);
        return TdxStatus.TDX_SUCCESS;
    }
}
