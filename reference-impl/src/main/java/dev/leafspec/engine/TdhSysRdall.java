package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDH.SYS.RDALL (leaf 37, module 1.5; tdx_1.5 {@code api_calls/tdh_sys_rdall.c},
 * {@code metadata_generic.c md_dump_list/md_dump_sequence}): dumps the host-readable global metadata, starting at a
 * field, as a metadata list into a 4 KB shared host page. Allowed before the module is READY.
 *
 * <p>Inputs: RDX = HPA of the list page (4 KB aligned, shared HKID, below MAX_PA); R8 = first field id (all ones = from
 * the first field; CONTEXT_CODE ignored). Output R8 = the field to continue from after TDX_METADATA_LIST_OVERFLOW, all
 * ones when the dump completed (R8 is all ones first, and after an early error).
 *
 * <p>List format: u64 header LIST_BUFF_SIZE (15:0, bytes including the header) | NUM_SEQUENCES (31:16); then
 * sequences, each a header (the first field's id, CONTEXT_CODE 0, LAST_ELEMENT_IN_FIELD = elements - 1,
 * LAST_FIELD_IN_SEQUENCE = fields - 1) and one u64 per element. A sequence groups consecutive fields of one class with
 * consecutive FIELD_CODEs, equal element count and size.
 *
 * <p>Errors in order: TDX_SYS_LP_INIT_NOT_DONE; bad RDX → TDX_OPERAND_INVALID(RDX); R8 not null and not naming the
 * start of a field whose ELEMENT_SIZE_CODE matches → TDX_METADATA_FIELD_ID_INCORRECT; the page full before the last
 * field → TDX_METADATA_LIST_OVERFLOW (0xC0000C0400000000) with R8 = the next field: not reachable in the model, since
 * the 65 global fields of 1.5 (354 elements) fit one page, so every dump ends with TDX_SUCCESS.
 */
final class TdhSysRdall implements SeamLeaf {
    private static final int PAGE = 4096;

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long fieldId = TdMetadata.withContext(r.gpr(8), TdMetadata.CTX_SYS);
        r.gpr(8, TdMetadata.FIELD_ID_NA);
        if (!h.lpInit[h.currentLp]) return SeamStatus.TDX_SYS_LP_INIT_NOT_DONE;
        long pa = r.gpr(2);
        if (!h.validSharedHpa(pa, PAGE)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RDX);
        TdMetadata.Field[] t = TdMetadata.SYS;
        int idx;
        int code;
        if (TdMetadata.isNull(fieldId)) {
            idx = 0;
            code = t[0].fieldCode();
        } else {
            idx = TdMetadata.find(t, fieldId);
            if (idx < 0) return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
            code = (int) (fieldId & 0xFFFFFF);
            TdMetadata.Field f = t[idx];
            if ((code - f.fieldCode()) % f.numElem != 0 || ((fieldId >>> 32) & 3) != ((f.id >>> 32) & 3)) {
                return TdxStatus.TDX_METADATA_FIELD_ID_INCORRECT;
            }
        }
        // md_dump_list stops with TDX_METADATA_LIST_OVERFLOW when the page cannot hold the next sequence header and
        // field; the 1.5 global fields never fill a page (354 elements and at most 65 sequence headers after the list
        // header take at most 3,360 bytes), so every dump completes.
        byte[] buf = new byte[PAGE];
        int pos = 8, sequences = 0;
        while (idx >= 0) {
            TdMetadata.Field f = t[idx];
            int seqPos = pos;
            TdMetadata.Field first = f;
            int firstCode = code;
            pos += 8;
            int fields = 0;
            while (true) {
                for (int e = 0; e < f.numElem; e++) {
                    long v = HostMetadata.sys(h, f, code - f.fieldCode() + e) & TdMetadata.sizeMask(f);
                    TdhMemPageAdd.putLe(buf, pos, v);
                    pos += 8;
                }
                fields++;
                int nIdx = idx, nCode = code + f.numElem;
                if (nCode >= f.fieldCode() + f.count()) {
                    nIdx = idx + 1 < t.length ? idx + 1 : -1;
                    nCode = nIdx < 0 ? 0 : t[nIdx].fieldCode();
                }
                boolean sameSeq = nIdx >= 0 && t[nIdx].classCode() == f.classCode() && nCode == code + f.numElem
                        && t[nIdx].numElem == f.numElem && ((t[nIdx].id >>> 32) & 3) == ((f.id >>> 32) & 3);
                idx = nIdx;
                code = nCode;
                if (!sameSeq) break;
                f = t[idx];
            }
            TdhMemPageAdd.putLe(buf, seqPos, sequenceHeader(first, firstCode, fields));
            sequences++;
        }
        TdhMemPageAdd.putLe(buf, 0, (pos & 0xFFFFL) | ((long) sequences << 16));
        h.write(pa, java.util.Arrays.copyOf(buf, pos));
        return TdxStatus.TDX_SUCCESS;
    }

    /** md_set_sequence_header: the entry's id with this FIELD_CODE; reserved bits, WRITE_MASK_VALID and CONTEXT_CODE 0. */
    static long sequenceHeader(TdMetadata.Field f, int code, int fields) {
        long keep = (0x3FL << 56) | (1L << 63) | (3L << 32) | (1L << 50);
        return (f.id & keep) | code | ((long) (f.numElem - 1) << 34) | ((long) (fields - 1) << 38);
    }
}
