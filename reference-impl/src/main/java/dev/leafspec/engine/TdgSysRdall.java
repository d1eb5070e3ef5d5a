package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.SYS.RDALL (leaf 12, module 1.5): dumps the guest-readable global (SYS context) metadata fields,
 * starting at a given field, as a metadata list into a 4 KB private guest page. Rules from intel/tdx-module
 * tdx_1.5 {@code src/td_dispatcher/vm_exits/tdg_sys_rdall.c} and
 * {@code src/common/metadata_handlers/metadata_generic.c md_dump_list / md_dump_sequence}; field table
 * {@link TdMetadata#SYS} (global_sys_fields_lookup.c).
 *
 * <p><b>Inputs</b>: RDX = GPA of the list page (64 bits); R8 = first field id (64 bits; all ones = start at
 * the first guest-readable field; CONTEXT_CODE is replaced by 0). RCX is not read.
 *
 * <p><b>Checks, in order</b>:
 * <ol>
 * <li>R8 = all ones first (the value after any operand error).</li>
 * <li>RDX not 4 KB aligned → TDX_OPERAND_INVALID (0xC000010000000000) | operand RDX (2).</li>
 * <li>RDX shared or not a valid GPA for the TD's GPAW → TDX_OPERAND_INVALID | RDX
 *     ({@code helpers.c check_walk_and_map_guest_side_gpa}); not mapped → EPT-violation TD exit; PENDING →
 *     #VE (see {@link TdxModule}).</li>
 * <li>R8 not null and not naming the start of a SYS field whose ELEMENT_SIZE_CODE (bits 33:32) matches the
 *     entry's (only CLASS_CODE, FIELD_CODE and ELEMENT_SIZE_CODE are compared:
 *     {@code md_check_field_and_get_entry}) → TDX_METADATA_FIELD_ID_INCORRECT (0xC0000C0000000000), R8 all
 *     ones, the page untouched.</li>
 * </ol>
 *
 * <p><b>List format</b> (little endian, written from offset 0; the rest of the page is untouched):
 * header u64 = LIST_BUFF_SIZE (bits 15:0, bytes used including the header) | NUM_SEQUENCES (31:16) |
 * reserved 0 (63:32); then sequences: a sequence header (a field id: the first field's id from the table
 * with CONTEXT_CODE 0, WRITE_MASK_VALID 0, reserved bits 0, LAST_ELEMENT_IN_FIELD = elements - 1,
 * LAST_FIELD_IN_SEQUENCE = fields - 1) followed by one u64 per element. A sequence groups consecutive
 * readable fields of one class with consecutive FIELD_CODEs, equal element count and equal element size;
 * non-readable fields are skipped.
 *
 * <p><b>Result</b>: TDX_SUCCESS with R8 = all ones when the dump reached the end of the context; otherwise
 * TDX_METADATA_LIST_OVERFLOW (0xC0000C0400000000) with R8 = the field id to continue from. The guest-readable
 * SYS fields of 1.5 (12 fields in 8 sequences, 168 bytes) always fit one page, so a dump from the null id
 * ends with TDX_SUCCESS.
 */
final class TdgSysRdall implements Leaf {
    static final long TDX_METADATA_LIST_OVERFLOW = 0xC0000C0400000000L;
    private static final int PAGE = 4096;

    /** The list being built (one page); reused, so the call allocates nothing. */
    private final byte[] buf;

    TdgSysRdall() {
        this(PAGE);
    }

    /**
     * A list buffer of {@code listBytes} instead of the 4 KB page: md_dump_list's capacity rules (a sequence header and
     * a whole field must fit, TDX_METADATA_LIST_OVERFLOW with the field to continue from) then show with the 1.5 field
     * table, which always fits one page. For the engine's unit tests.
     */
    TdgSysRdall(int listBytes) {
        buf = new byte[listBytes];
    }

    /** Iterator position: entry index and FIELD_CODE of the current field; -1 index = end of context. */
    private int itIdx;
    private int itCode;

    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long fieldId = TdMetadata.withContext(regs.gpr(8), TdMetadata.CTX_SYS);
        regs.gpr(8, TdMetadata.FIELD_ID_NA);
        long gpa = regs.gpr(2);
        if ((gpa & 0xFFF) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RDX);
        }
        long acc = m.guestAccess(gpa, true, true);
        if (acc != TdxStatus.TDX_SUCCESS) {
            return TdxModule.isSignal(acc) ? acc : TdxStatus.withOperand(acc, TdxStatus.OPERAND_ID_RDX);
        }
        TdMetadata.Field[] t = TdMetadata.SYS;
        if (TdMetadata.isNull(fieldId)) {
            itIdx = 0;
            itCode = t[0].fieldCode();
            if (t[0].guestRd == 0) nextAccessibleField();
            if (itIdx < 0) return TdxStatus.TDX_SUCCESS;
        } else {
            int idx = TdMetadata.find(t, fieldId);
            if (idx < 0) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
            TdMetadata.Field f = t[idx];
            int code = (int) (fieldId & 0xFFFFFF);
            if ((code - f.fieldCode()) % f.numElem != 0 || ((fieldId >>> 32) & 3) != ((f.id >>> 32) & 3)) {
                return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
            }
            itIdx = idx;
            itCode = code;
        }
        int used = dumpList(m.td);
        m.td.memory.write(gpa, buf, used);
        if (itIdx < 0) return TdxStatus.TDX_SUCCESS;
        regs.gpr(8, currentFieldId());
        return TDX_METADATA_LIST_OVERFLOW;
    }

    /** md_dump_list into {@link #buf} from the iterator position. @return bytes written from offset 0 */
    private int dumpList(Td td) {
        TdMetadata.Field[] t = TdMetadata.SYS;
        int remaining = buf.length - 8;
        int pos = 8;
        int numSequences = 0;
        TdMetadata.Field entry = t[itIdx];
        while (remaining >= 8 + entry.numElem * 8) {
            // md_dump_sequence: sequence header at pos, elements after it
            int avail = remaining - 8;
            int elements = 0;
            int fields = 0;
            boolean noSpace = true;
            while (avail >= entry.numElem * 8) {
                boolean readable = entry.guestRd != 0;
                if (readable) {
                    if (fields == 0) putLong(pos, sequenceHeader(entry, itCode));
                    long v = td.readSysField(entry) & entry.guestRd;
                    for (int e = 0; e < entry.numElem; e++) putLong(pos + 8 + (elements + e) * 8, e == 0 ? v : 0);
                    avail -= entry.numElem * 8;
                    elements += entry.numElem;
                    fields++;
                }
                int lastIdx = itIdx;
                int lastCode = itCode;
                nextAccessibleField();
                if (!readable || itIdx < 0 || t[itIdx].classCode() != t[lastIdx].classCode()
                        || lastCode + entry.numElem != itCode || t[itIdx].numElem != entry.numElem
                        || ((t[itIdx].id >>> 32) & 3) != ((entry.id >>> 32) & 3)) {
                    noSpace = false;
                    break;
                }
                entry = t[itIdx];
            }
            if (elements > 0) {
                // LAST_FIELD_IN_SEQUENCE (bits 46:38) = fields - 1
                putLong(pos, getLong(pos) | ((long) (fields - 1) << 38));
                numSequences++;
                pos += 8 + elements * 8;
                remaining -= 8 + elements * 8;
            }
            if (noSpace || itIdx < 0) break;
            entry = t[itIdx];
        }
        putLong(0, (pos & 0xFFFFL) | ((long) (numSequences & 0xFFFF) << 16));
        return pos;
    }

    /** md_set_sequence_header: the table id with this FIELD_CODE, CONTEXT_CODE 0, reserved and WRITE_MASK_VALID 0. */
    private static long sequenceHeader(TdMetadata.Field f, int code) {
        long h = (f.id & ~0xFFFFFFL) | code;
        h &= ~(0xFFL << 24);            // reserved 31:24
        h &= ~(0xFL << 34);             // LAST_ELEMENT_IN_FIELD, set below
        h &= ~(0x1FFL << 38);           // LAST_FIELD_IN_SEQUENCE, set by the caller
        h &= ~(0x7L << 47);             // reserved 49:47
        h &= ~(1L << 51);               // WRITE_MASK_VALID
        h &= ~TdMetadata.CONTEXT_CODE_MASK;
        h &= ~(1L << 55);               // reserved 55
        h &= ~(1L << 62);               // reserved 62
        return h | ((long) (f.numElem - 1) << 34);
    }

    /** md_get_next_accessible_item at field granularity (GUEST_RD access): next field with a non-zero read mask. */
    private void nextAccessibleField() {
        TdMetadata.Field[] t = TdMetadata.SYS;
        do {
            TdMetadata.Field f = t[itIdx];
            int fieldNum = (itCode - f.fieldCode()) / f.numElem;
            if (fieldNum < f.numFields - 1) {
                itCode += f.numElem;
            } else if (itIdx == t.length - 1) {
                itIdx = -1;
                return;
            } else {
                itIdx++;
                itCode = t[itIdx].fieldCode();
            }
        } while (t[itIdx].guestRd == 0);
    }

    private long currentFieldId() {
        return (TdMetadata.SYS[itIdx].id & ~0xFFFFFFL) | itCode;
    }

    private void putLong(int off, long v) {
        for (int i = 0; i < 8; i++) buf[off + i] = (byte) (v >>> (8 * i));
    }

    private long getLong(int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (buf[off + i] & 0xFF);
        return v;
    }
}
