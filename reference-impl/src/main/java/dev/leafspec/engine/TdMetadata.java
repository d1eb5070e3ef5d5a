package dev.leafspec.engine;

/**
 * Metadata field tables and access rules for TDG.VM.RD/WR (TD context) and TDG.SYS.RD (SYS context).
 *
 * <p>Field identifier layout (TDX module ABI spec "Metadata Field Identifier"; intel/tdx-module
 * {@code include/tdx_api_defs.h md_field_id_t}): bits 23:0 FIELD_CODE, 31:24 reserved, 33:32
 * ELEMENT_SIZE_CODE, 37:34 LAST_ELEMENT_IN_FIELD, 46:38 LAST_FIELD_IN_SEQUENCE, 49:47 reserved,
 * 50 INC_SIZE, 51 WRITE_MASK_VALID, 54:52 CONTEXT_CODE (0 SYS, 1 TD, 2 VP), 55 reserved,
 * 61:56 CLASS_CODE, 62 reserved, 63 NON_ARCH.
 *
 * <p>The tables below list every entry of tdx-module 1.5 {@code include/auto_gen/tdr_tdcs_fields_lookup.c}
 * and {@code global_sys_fields_lookup.c} with the guest read and write masks (facts only: name, id,
 * number of fields and elements, masks). Lookup is by CLASS_CODE and FIELD_CODE range
 * ({@code metadata_generic.c md_find_entry_idx}); a single-element id must have all reserved bits,
 * LAST_ELEMENT_IN_FIELD and LAST_FIELD_IN_SEQUENCE zero ({@code md_check_as_single_element_id}),
 * otherwise TDX_METADATA_FIELD_ID_INCORRECT.
 */
final class TdMetadata {
    private TdMetadata() {
    }

    static final long FIELD_ID_NA = -1L;
    static final long CONTEXT_CODE_MASK = 0x7L << 52;
    static final int CTX_SYS = 0;
    static final int CTX_TD = 1;

    /** One lookup-table entry: {@code numFields} fields of {@code numElem} elements each. */
    static final class Field {
        final String name;
        final long id;
        final int numFields;
        final int numElem;
        final long guestRd;
        final long guestWr;

        Field(String name, long id, int numFields, int numElem, long guestRd, long guestWr) {
            this.name = name;
            this.id = id;
            this.numFields = numFields;
            this.numElem = numElem;
            this.guestRd = guestRd;
            this.guestWr = guestWr;
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
    }

    /** TD context (TDR and TDCS), tdx-module 1.5 tdr_tdcs_fields_lookup.c, in table order. */
    static final Field[] TD = {
            new Field("FATAL", 0x8010000000000001L, 1, 1, (0L & 0xFFL), (0L & 0xFFL)),
            new Field("NUM_TDCX", 0x8010000200000002L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("CHLDCNT", 0x8010000300000004L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("LIFECYCLE_STATE", 0x8010000200000005L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("TDCX_PA", 0x8010000300000010L, 9, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("TD_UUID", 0x8010000300000020L, 1, 4, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("HKID", 0x8110000100000001L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("PKG_CONFIG_BITMAP", 0x8110000300000002L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("HANDOFF_VERSION", 0x8210000100000000L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("SEAMDB_INDEX", 0x8210000300000001L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("SEAMDB_NONCE", 0x8210000300000002L, 1, 4, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("NUM_VCPUS", 0x9010000200000001L, 1, 1, (-1L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("NUM_ASSOC_VCPUS", 0x9010000200000002L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("OP_STATE", 0x9010000200000004L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("NUM_L2_VMS", 0x9010000100000005L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("ATTRIBUTES", 0x1110000300000000L, 1, 1, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("XFAM", 0x1110000300000001L, 1, 1, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MAX_VCPUS", 0x1110000200000002L, 1, 1, (-1L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("GPAW", 0x1110000000000003L, 1, 1, (-1L & 0xFFL), (0L & 0xFFL)),
            new Field("EPTP", 0x1110000300000004L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("TSC_OFFSET", 0x111000030000000AL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("TSC_MULTIPLIER", 0x111000030000000BL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("TSC_FREQUENCY", 0x111000010000000CL, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("VIRTUAL_TSC", 0x111000030000000DL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("NUM_CPUID_VALUES", 0x911000010000000EL, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("XBUFF_SIZE", 0x911000020000000FL, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("NOTIFY_ENABLES", 0x9110000300000010L, 1, 1, (1L & 0xFFFFFFFFFFFFFFFFL), (1L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("HP_LOCK_TIMEOUT", 0x9110000300000011L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VM_CTLS", 0x9110000300000012L, 4, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("CONFIG_FLAGS", 0x1110000300000016L, 1, 1, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("TD_CTLS", 0x1110000300000017L, 1, 1, (-1L & 0xFFFFFFFFFFFFFFFFL), (1L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("CPUID_VALID", 0x9110000000000080L, 80, 1, (0L & 0xFFL), (0L & 0xFFL)),
            new Field("XBUFF_OFFSETS", 0x9110000200000800L, 19, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("TD_EPOCH", 0x9210000300000000L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("REFCOUNT", 0x9210000100000001L, 2, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MRTD", 0x1310000300000000L, 1, 6, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MRCONFIGID", 0x1310000300000010L, 1, 6, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MROWNER", 0x1310000300000018L, 1, 6, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MROWNERCONFIG", 0x1310000300000020L, 1, 6, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("RTMR", 0x1310000300000040L, 4, 6, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("CPUID_VALUES", 0x9410000300000000L, 80, 2, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_ARCH_CAPABILITIES", 0x961000030000010AL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_BASIC", 0x9610000300000480L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_MISC", 0x9610000300000485L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_CR0_FIXED0", 0x9610000300000486L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_CR0_FIXED1", 0x9610000300000487L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_CR4_FIXED0", 0x9610000300000488L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_CR4_FIXED1", 0x9610000300000489L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_PROCBASED_CTLS2", 0x961000030000048BL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_EPT_VPID_CAP", 0x961000030000048CL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_TRUE_PINBASED_CTLS", 0x961000030000048DL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_TRUE_PROCBASED_CTLS", 0x961000030000048EL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_TRUE_EXIT_CTLS", 0x961000030000048FL, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_TRUE_ENTRY_CTLS", 0x9610000300000490L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_VMFUNC", 0x9610000300000491L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_PROCBASED_CTLS3", 0x9610000300000492L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VIRTUAL_IA32_VMX_EXIT_CTLS2", 0x9610000300000493L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIG_DEC_KEY_SET", 0x9810000000000001L, 1, 1, (0L & 0xFFL), (0L & 0xFFL)),
            new Field("EXPORT_COUNT", 0x9810000200000002L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("IMPORT_COUNT", 0x9810000200000003L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("MIG_EPOCH", 0x9810000200000004L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("BW_EPOCH", 0x9810000300000005L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("TOTAL_MB_COUNT", 0x9810000300000006L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIG_DEC_KEY", 0x9810000300000010L, 1, 4, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIG_DEC_WORKING_KEY", 0x9810000300000014L, 1, 4, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIG_ENC_KEY", 0x9810000300000018L, 1, 4, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIG_ENC_WORKING_KEY", 0x981000030000001CL, 1, 4, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIG_VERSION", 0x9810000100000020L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MIG_WORKING_VERSION", 0x9810000100000021L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("DIRTY_COUNT", 0x9810000300000030L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIG_COUNT", 0x9810000300000031L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("NUM_MIGS", 0x9810000100000032L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("NUM_MIGRATED_VCPUS", 0x9810000200000034L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("PRE_IMPORT_UUID", 0x9810000300000040L, 1, 4, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("SERVTD_HASH", 0x9910000300000000L, 1, 6, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("SERVTD_NUM", 0x9910000100000006L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("SERVTD_BINDINGS_TABLE", 0x9910000300000080L, 1, 16, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIGSC_LINKS", 0x9A10000300000000L, 512, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MSR_BITMAPS", 0x2010000300000000L, 512, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("SEPT_ROOT", 0x2110000300000000L, 512, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("L2_SEPT_ROOT_1", 0x2510000300000000L, 512, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("L2_SEPT_ROOT_2", 0x2910000300000000L, 512, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("L2_SEPT_ROOT_3", 0x2D10000300000000L, 512, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
    };

    /** SYS context, tdx-module 1.5 global_sys_fields_lookup.c, in table order. */
    static final Field[] SYS = {
            new Field("NUM_PKGS", 0x0000000200000000L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("PKG_FMS", 0x0000000200000001L, 8, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("VENDOR_ID", 0x0800000200000000L, 1, 1, (-1L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("BUILD_DATE", 0x8800000200000001L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("BUILD_NUM", 0x8800000100000002L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MINOR_VERSION", 0x0800000100000003L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MAJOR_VERSION", 0x0800000100000004L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("UPDATE_VERSION", 0x0800000100000005L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("INTERNAL_VERSION", 0x0800000100000006L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MODULE_HV", 0x8900000100000000L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MIN_UPDATE_HV", 0x8900000100000001L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("NO_DOWNGRADE", 0x8900000000000002L, 1, 1, (0L & 0xFFL), (0L & 0xFFL)),
            new Field("NUM_HANDOFF_PAGES", 0x8900000100000003L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("HANDOFF_DATA_VALID", 0x8900000000000004L, 1, 1, (0L & 0xFFL), (0L & 0xFFL)),
            new Field("HANDOFF_DATA_HV", 0x8900000100000005L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("HANDOFF_DATA_SIZE", 0x8900000200000006L, 1, 1, (0L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("SYS_ATTRIBUTES", 0x0A00000200000000L, 1, 1, (-1L & 0xFFFFFFFFL), (0L & 0xFFFFFFFFL)),
            new Field("NUM_TDX_FEATURES", 0x0A00000000000001L, 1, 1, (-1L & 0xFFL), (0L & 0xFFL)),
            new Field("TDX_FEATURES0", 0x0A00000300000008L, 1, 1, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("NUM_CMRS", 0x9000000100000000L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("CMR_BASE", 0x9000000300000080L, 32, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("CMR_SIZE", 0x9000000300000100L, 32, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MAX_TDMRS", 0x9100000100000008L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MAX_RESERVED_PER_TDMR", 0x9100000100000009L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("PAMT_4K_ENTRY_SIZE", 0x9100000100000010L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("PAMT_2M_ENTRY_SIZE", 0x9100000100000011L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("PAMT_1G_ENTRY_SIZE", 0x9100000100000012L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("TDR_BASE_SIZE", 0x9800000100000000L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("TDCS_BASE_SIZE", 0x9800000100000100L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("TDCS_SIZE_PER_L2_VM", 0x9800000100000101L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("TDVPS_BASE_SIZE", 0x9800000100000200L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("TDVPS_SIZE_PER_L2_VM", 0x9800000100000201L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("ATTRIBUTES_FIXED0", 0x1900000300000000L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("ATTRIBUTES_FIXED1", 0x1900000300000001L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("XFAM_FIXED0", 0x1900000300000002L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("XFAM_FIXED1", 0x1900000300000003L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("NUM_CPUID_CONFIG", 0x9900000100000004L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("CONFIG_FLAGS_FIXED0", 0x9900000300000006L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("CONFIG_FLAGS_FIXED1", 0x9900000300000007L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("CPUID_CONFIG_LEAVES", 0x9900000300000400L, 32, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("CPUID_CONFIG_VALUES", 0x9900000300000500L, 32, 2, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("IA32_ARCH_CAPABILITIES_CONFIG_MASK", 0x9900000300000600L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("NUM_ALLOWED_FMS", 0x9900000100000800L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("NUM_DISALLOWED_FMS", 0x9900000100000801L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("ALLOWED_FMS", 0x9900000300000810L, 64, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("DISALLOWED_FMS", 0x9900000300000850L, 64, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIG_ATTRIBUTES", 0xA000000300000000L, 1, 1, (-1L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("MIN_EXPORT_VERSION", 0x2000000100000001L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MAX_EXPORT_VERSION", 0x2000000100000002L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MIN_IMPORT_VERSION", 0x2000000100000003L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MAX_IMPORT_VERSION", 0x2000000100000004L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("MAX_MIGS", 0xA000000100000010L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("NUM_IMMUTABLE_STATE_PAGES", 0xA000000000000020L, 1, 1, (0L & 0xFFL), (0L & 0xFFL)),
            new Field("NUM_TD_STATE_PAGES", 0xA000000000000021L, 1, 1, (0L & 0xFFL), (0L & 0xFFL)),
            new Field("NUM_VP_STATE_PAGES", 0xA000000000000022L, 1, 1, (0L & 0xFFL), (0L & 0xFFL)),
            new Field("MAX_SERV_TDS", 0xA100000100000000L, 1, 1, (0L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("SERVTD_ATTR_FIXED0", 0xA100000300000001L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("SERVTD_ATTR_FIXED1", 0xA100000300000002L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("GUEST_L2_GPA_ATTR_MASK", 0xA200000100000000L, 1, 1, (-1L & 0xFFFFL), (0L & 0xFFFFL)),
            new Field("VM_CTLS_FIXED0", 0xA200000300000001L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VM_CTLS_FIXED1", 0xA200000300000002L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VPCU_L2_CTLS_FIXED0", 0xA200000300000003L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VCPU_L2_CTLS_FIXED1", 0xA200000300000004L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VPCU_L2_DEBUG_CTLS_FIXED0", 0xA200000300000005L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
            new Field("VCPU_L2_DEBUG_CTLS_FIXED1", 0xA200000300000006L, 1, 1, (0L & 0xFFFFFFFFFFFFFFFFL), (0L & 0xFFFFFFFFFFFFFFFFL)),
    };

    /** is_null_field_id: all bits except CONTEXT_CODE are 1. */
    static boolean isNull(long fieldId) {
        return (fieldId | CONTEXT_CODE_MASK) == FIELD_ID_NA;
    }

    /** md_check_as_single_element_id. */
    static boolean isSingleElementId(long id) {
        long reserved0 = (id >>> 24) & 0xFF;
        long lastElem = (id >>> 34) & 0xF;
        long lastField = (id >>> 38) & 0x1FF;
        long reserved1 = (id >>> 47) & 0x7;
        long reserved2 = (id >>> 55) & 0x1;
        long reserved3 = (id >>> 62) & 0x1;
        return (reserved0 | lastElem | lastField | reserved1 | reserved2 | reserved3) == 0;
    }

    /** @return the index of the entry matching CLASS_CODE and FIELD_CODE, or -1 */
    static int find(Field[] table, long id) {
        int cls = (int) ((id >>> 56) & 0x3F);
        int code = (int) (id & 0xFFFFFF);
        for (int i = 0; i < table.length; i++) {
            Field f = table[i];
            if (f.classCode() == cls && code >= f.fieldCode() && code < f.fieldCode() + f.count()) return i;
        }
        return -1;
    }

    static long withContext(long id, int ctx) {
        return (id & ~CONTEXT_CODE_MASK) | ((long) ctx << 52);
    }

    /**
     * md_get_next_element_in_context over the modelled table: the next element of the same entry
     * (input id with FIELD_CODE + 1) or the first element of the next guest-readable entry, or -1.
     */
    static long nextReadable(Field[] table, int ctx, long id, int idx) {
        if (idx >= 0) {
            Field f = table[idx];
            int elem = (int) (id & 0xFFFFFF) - f.fieldCode();
            if (elem < f.count() - 1) {
                return withContext((id & ~0xFFFFFFL) | ((id & 0xFFFFFF) + 1), ctx);
            }
        }
        for (int i = idx + 1; i < table.length; i++) {
            if (table[i].guestRd != 0) return table[i].id;
        }
        return FIELD_ID_NA;
    }

    /** Element size mask from ELEMENT_SIZE_CODE (bits 33:32 of the entry id). */
    static long sizeMask(Field f) {
        int code = (int) ((f.id >>> 32) & 3);
        return code == 3 ? -1L : (1L << (8 << code)) - 1;
    }
}
