package dev.leafspec.engine;

/**
 * VCPU-context (CONTEXT_CODE 2) metadata for TDG.VP.RD / TDG.VP.WR: which field identifiers exist and
 * which bits the guest may read and write (facts from intel/tdx-module tdx_1.5
 * {@code include/auto_gen/td_vmcs_fields_lookup.c} and {@code include/auto_gen/tdvps_fields_lookup.c}).
 *
 * <p><b>TD VMCS (CLASS_CODE 0).</b> FIELD_CODE is the VMCS field encoding. The 144 TD VMCS entries
 * carry no guest masks (the generated table sets none, so both are 0): the guest can name them but never
 * read or write them. Their ids have INC_SIZE = 1, so an entry of N fields covers codes
 * {@code code .. code + 2N - 1}; an odd code is the "high" access of a 64-bit field, which
 * {@code metadata_vp.c md_vp_get_element} rejects with TDX_METADATA_FIELD_ID_INCORRECT. The model assumes
 * VMREAD succeeds for every listed encoding (the real module fails with FIELD_ID_INCORRECT on a CPU that
 * lacks one).
 *
 * <p><b>L2 VMCS (CLASS_CODE 0x24, 0x2C, 0x34)</b> and the L2 MSR-bitmap classes exist only for L2 VMs;
 * the modelled TD has none (TDCS.NUM_L2_VMS = 0), so they are TDX_METADATA_FIELD_ID_INCORRECT
 * ({@code md_vp_get_element}: {@code vm_id > num_l2_vms}; {@code metadata_generic.c md_get_lookup_table}
 * drops the 3 per-L2-VM TDVPS entries of absent VMs).
 *
 * <p><b>TDVPS (other classes).</b> The table below is tdvps_fields_lookup.c entries 0..109 (name, id,
 * fields, elements, guest read mask, guest write mask). Guest-readable in 1.5: VCPU_INDEX (read only),
 * CPUID_SUPERVISOR_VE and CPUID_USER_VE (8-bit, read/write), L2_CTLS[0..3] (read all, write bits 2:0),
 * TSC_DEADLINE[0..3] (read/write), CPUID_CONTROL[0..127] (8-bit, read all, write bits 1:0).
 */
final class VpMetadata {
    private VpMetadata() {
    }

    static final int CTX_VP = 2;
    static final int CLASS_TD_VMCS = 0;

    /** TD VMCS entries: (field code, number of fields) pairs, td_vmcs_fields_lookup.c order. */
    static final int[] TD_VMCS = {
            0x0000, 1, 0x0002, 1, 0x0004, 1, 0x0006, 1, 0x0800, 1, 0x0802, 1, 0x0804, 1, 0x0806, 1, 0x0808, 1, 0x080A, 1,
            0x080C, 1, 0x080E, 1, 0x0810, 1, 0x0812, 1, 0x0814, 1, 0x2000, 2, 0x2004, 1, 0x2006, 1, 0x2008, 1, 0x200A, 1,
            0x200C, 1, 0x200E, 1, 0x2010, 1, 0x2012, 1, 0x2014, 1, 0x2016, 1, 0x2018, 1, 0x201A, 1, 0x201C, 4, 0x2024, 1,
            0x2026, 1, 0x2028, 1, 0x202A, 1, 0x202C, 1, 0x202E, 1, 0x2032, 1, 0x2034, 1, 0x2036, 1, 0x2038, 1, 0x203A, 1,
            0x203C, 1, 0x203E, 1, 0x2040, 1, 0x204A, 1, 0x204C, 1, 0x2400, 1, 0x2800, 1, 0x2802, 1, 0x2804, 1, 0x2806, 1,
            0x2808, 1, 0x280A, 4, 0x2814, 1, 0x2816, 1, 0x2818, 1, 0x4000, 1, 0x4002, 1, 0x4004, 1, 0x4006, 1, 0x4008, 1,
            0x400A, 1, 0x400C, 1, 0x400E, 1, 0x4010, 1, 0x4012, 1, 0x4014, 1, 0x4016, 1, 0x4018, 1, 0x401A, 1, 0x401C, 1,
            0x401E, 1, 0x4020, 1, 0x4022, 1, 0x4024, 1, 0x4026, 1, 0x4400, 1, 0x4402, 1, 0x4404, 1, 0x4406, 1, 0x4408, 1,
            0x440A, 1, 0x440C, 1, 0x440E, 1, 0x4800, 1, 0x4802, 1, 0x4804, 1, 0x4806, 1, 0x4808, 1, 0x480A, 1, 0x480C, 1,
            0x480E, 1, 0x4810, 1, 0x4812, 1, 0x4814, 1, 0x4816, 1, 0x4818, 1, 0x481A, 1, 0x481C, 1, 0x481E, 1, 0x4820, 1,
            0x4822, 1, 0x4824, 1, 0x4826, 1, 0x4828, 1, 0x482A, 1, 0x482E, 1, 0x6000, 1, 0x6002, 1, 0x6004, 1, 0x6006, 1,
            0x6008, 4, 0x6400, 1, 0x6402, 1, 0x6404, 1, 0x6406, 1, 0x6408, 1, 0x640A, 1, 0x6800, 1, 0x6802, 1, 0x6804, 1,
            0x6806, 1, 0x6808, 1, 0x680A, 1, 0x680C, 1, 0x680E, 1, 0x6810, 1, 0x6812, 1, 0x6814, 1, 0x6816, 1, 0x6818, 1,
            0x681A, 1, 0x681C, 1, 0x681E, 1, 0x6820, 1, 0x6822, 1, 0x6824, 1, 0x6826, 1, 0x6828, 1, 0x682A, 1, 0x682C, 1,
            0x6C08, 1, 0x6C14, 1, 0x6C16, 1, 0x6C1A, 1
    };

    /** TDVPS entries 0..109 of tdvps_fields_lookup.c (the per-L2-VM entries 110..118 are absent without L2 VMs). */
    static final TdMetadata.Field[] TDVPS = {
            new TdMetadata.Field("VAPIC", 0x0120000300000000L, 128, 1, 0, 0),
            new TdMetadata.Field("EXIT_REASON", 0x0220000200000000L, 1, 1, 0, 0),
            new TdMetadata.Field("VALID", 0x0220000200000001L, 1, 1, 0, 0),
            new TdMetadata.Field("EXIT_QUALIFICATION", 0x0220000300000002L, 1, 1, 0, 0),
            new TdMetadata.Field("GLA", 0x0220000300000003L, 1, 1, 0, 0),
            new TdMetadata.Field("GPA", 0x0220000300000004L, 1, 1, 0, 0),
            new TdMetadata.Field("EPTP_INDEX", 0x0220000100000005L, 1, 1, 0, 0),
            new TdMetadata.Field("INSTRUCTION_LENGTH", 0x8220000200000010L, 1, 1, 0, 0),
            new TdMetadata.Field("INSTRUCTION_INFORMATION", 0x8220000200000011L, 1, 1, 0, 0),
            new TdMetadata.Field("RAX", 0x1020000300000000L, 1, 1, 0, 0),
            new TdMetadata.Field("RCX", 0x1020000300000001L, 1, 1, 0, 0),
            new TdMetadata.Field("RDX", 0x1020000300000002L, 1, 1, 0, 0),
            new TdMetadata.Field("RBX", 0x1020000300000003L, 1, 1, 0, 0),
            new TdMetadata.Field("RSP_PLACEHOLDER", 0x1020000300000004L, 1, 1, 0, 0),
            new TdMetadata.Field("RBP", 0x1020000300000005L, 1, 1, 0, 0),
            new TdMetadata.Field("RSI", 0x1020000300000006L, 1, 1, 0, 0),
            new TdMetadata.Field("RDI", 0x1020000300000007L, 1, 1, 0, 0),
            new TdMetadata.Field("R8", 0x1020000300000008L, 1, 1, 0, 0),
            new TdMetadata.Field("R9", 0x1020000300000009L, 1, 1, 0, 0),
            new TdMetadata.Field("R10", 0x102000030000000AL, 1, 1, 0, 0),
            new TdMetadata.Field("R11", 0x102000030000000BL, 1, 1, 0, 0),
            new TdMetadata.Field("R12", 0x102000030000000CL, 1, 1, 0, 0),
            new TdMetadata.Field("R13", 0x102000030000000DL, 1, 1, 0, 0),
            new TdMetadata.Field("R14", 0x102000030000000EL, 1, 1, 0, 0),
            new TdMetadata.Field("R15", 0x102000030000000FL, 1, 1, 0, 0),
            new TdMetadata.Field("DR0", 0x1120000300000000L, 1, 1, 0, 0),
            new TdMetadata.Field("DR1", 0x1120000300000001L, 1, 1, 0, 0),
            new TdMetadata.Field("DR2", 0x1120000300000002L, 1, 1, 0, 0),
            new TdMetadata.Field("DR3", 0x1120000300000003L, 1, 1, 0, 0),
            new TdMetadata.Field("DR6", 0x1120000300000006L, 1, 1, 0, 0),
            new TdMetadata.Field("XCR0", 0x1120000300000020L, 1, 1, 0, 0),
            new TdMetadata.Field("CR2", 0x1120000300000028L, 1, 1, 0, 0),
            new TdMetadata.Field("VCPU_STATE_DETAILS", 0x9120000300000100L, 1, 1, 0, 0),
            new TdMetadata.Field("XBUFF", 0x1220000300000000L, 1536, 1, 0, 0),
            new TdMetadata.Field("IA32_SPEC_CTRL", 0x1320000300000048L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_UMWAIT_CONTROL", 0x13200003000000E1L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_TSX_CTRL", 0x1320000300000122L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_PERFEVTSELx", 0x1320000300000186L, 8, 1, 0, 0),
            new TdMetadata.Field("MSR_OFFCORE_RSPx", 0x13200003000001A6L, 2, 1, 0, 0),
            new TdMetadata.Field("IA32_XFD", 0x13200003000001C4L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_XFD_ERR", 0x13200003000001C5L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_FIXED_CTRx", 0x1320000300000309L, 7, 1, 0, 0),
            new TdMetadata.Field("IA32_PERF_METRICS", 0x1320000300000329L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_FIXED_CTR_CTRL", 0x132000030000038DL, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_PERF_GLOBAL_STATUS", 0x132000030000038EL, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_PEBS_ENABLE", 0x13200003000003F1L, 1, 1, 0, 0),
            new TdMetadata.Field("MSR_PEBS_DATA_CFG", 0x13200003000003F2L, 1, 1, 0, 0),
            new TdMetadata.Field("MSR_PEBS_LD_LAT", 0x13200003000003F6L, 1, 1, 0, 0),
            new TdMetadata.Field("MSR_PEBS_FRONTEND", 0x13200003000003F7L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_A_PMCx", 0x13200003000004C1L, 8, 1, 0, 0),
            new TdMetadata.Field("IA32_DS_AREA", 0x1320000300000600L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_XSS", 0x1320000300000DA0L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_LBR_DEPTH", 0x13200003000014CFL, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_UARCH_MISC_CTL", 0x1320000300001B01L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_STAR", 0x1320000300002081L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_LSTAR", 0x1320000300002082L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_FMASK", 0x1320000300002084L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_KERNEL_GS_BASE", 0x1320000300002102L, 1, 1, 0, 0),
            new TdMetadata.Field("IA32_TSC_AUX", 0x1320000300002103L, 1, 1, 0, 0),
            new TdMetadata.Field("VCPU_STATE", 0xA020000000000000L, 1, 1, 0, 0),
            new TdMetadata.Field("VCPU_INDEX", 0xA020000200000002L, 1, 1, 0xFFFFFFFFL, 0),
            new TdMetadata.Field("NUM_TDVPS_PAGES", 0xA020000000000003L, 1, 1, 0, 0),
            new TdMetadata.Field("ASSOC_LPID", 0xA020000200000004L, 1, 1, 0, 0),
            new TdMetadata.Field("VCPU_EPOCH", 0xA020000300000006L, 1, 1, 0, 0),
            new TdMetadata.Field("CPUID_SUPERVISOR_VE", 0xA020000000000007L, 1, 1, 0xFFL, 0xFFL),
            new TdMetadata.Field("CPUID_USER_VE", 0xA020000000000008L, 1, 1, 0xFFL, 0xFFL),
            new TdMetadata.Field("LAST_EXIT_TSC", 0xA02000030000000AL, 1, 1, 0, 0),
            new TdMetadata.Field("PEND_NMI", 0x202000000000000BL, 1, 1, 0, 0),
            new TdMetadata.Field("XFAM", 0x202000030000000CL, 1, 1, 0, 0),
            new TdMetadata.Field("LAST_EPF_GPA_LIST_IDX", 0xA02000000000000DL, 1, 1, 0, 0),
            new TdMetadata.Field("POSSIBLY_EPF_STEPPING", 0xA02000000000000EL, 1, 1, 0, 0),
            new TdMetadata.Field("LAST_TD_EXIT", 0xA02000000000000FL, 1, 1, 0, 0),
            new TdMetadata.Field("TDVPS_PAGE_PA", 0xA020000300000010L, 15, 1, 0, 0),
            new TdMetadata.Field("HP_LOCK_BUSY_START", 0xA020000300000030L, 1, 1, 0, 0),
            new TdMetadata.Field("HP_LOCK_BUSY", 0xA020000000000031L, 1, 1, 0, 0),
            new TdMetadata.Field("LAST_SEAMDB_INDEX", 0xA020000300000032L, 1, 1, 0, 0),
            new TdMetadata.Field("NMI_UNBLOCKING_DUE_TO_IRET", 0xA020000000000040L, 1, 1, 0, 0),
            new TdMetadata.Field("CURR_VM", 0xA020000100000041L, 1, 1, 0, 0),
            new TdMetadata.Field("L2_EXIT_HOST_ROUTING", 0xA020000000000042L, 1, 1, 0, 0),
            new TdMetadata.Field("VM_LAUNCHED", 0xA020000000000044L, 4, 1, 0, 0),
            new TdMetadata.Field("LP_DEPENDENT_HPA_UPDATED", 0xA020000000000048L, 4, 1, 0, 0),
            new TdMetadata.Field("MODULE_DEPENDENT_FIELDS_UPDATED", 0xA02000000000004CL, 4, 1, 0, 0),
            new TdMetadata.Field("L2_CTLS", 0xA020000300000050L, 4, 1, -1L, 0x7L),
            new TdMetadata.Field("L2_DEBUG_CTLS", 0xA020000300000054L, 4, 1, 0, 0),
            new TdMetadata.Field("TSC_DEADLINE", 0xA020000300000058L, 4, 1, -1L, -1L),
            new TdMetadata.Field("SHADOW_TSC_DEADLINE", 0xA02000030000005CL, 4, 1, 0, 0),
            new TdMetadata.Field("BASE_L2_CR0_GUEST_HOST_MASK", 0xA020000300000080L, 1, 1, 0, 0),
            new TdMetadata.Field("BASE_L2_CR0_READ_SHADOW", 0xA020000300000081L, 1, 1, 0, 0),
            new TdMetadata.Field("BASE_L2_CR4_GUEST_HOST_MASK", 0xA020000300000082L, 1, 1, 0, 0),
            new TdMetadata.Field("BASE_L2_CR4_READ_SHADOW", 0xA020000300000083L, 1, 1, 0, 0),
            new TdMetadata.Field("SHADOW_CR0_GUEST_HOST_MASK", 0xA020000300000084L, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_CR0_READ_SHADOW", 0xA020000300000088L, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_CR4_GUEST_HOST_MASK", 0xA02000030000008CL, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_CR4_READ_SHADOW", 0xA020000300000090L, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_INSTRUCTION_TIMEOUT_CONTROL", 0xA020000200000094L, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_PID_HPA", 0xA020000300000098L, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_PINBASED_EXEC_CTLS", 0xA02000020000009CL, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_PLE_GAP", 0xA0200002000000A4L, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_PLE_WINDOW", 0xA0200002000000A8L, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_POSTED_INT_NOTIFICATION_VECTOR", 0xA0200001000000ACL, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_PROCBASED_EXEC_CTLS2", 0xA0200002000000B0L, 4, 1, 0, 0),
            new TdMetadata.Field("SHADOW_SHARED_EPTP", 0xA0200003000000B4L, 4, 1, 0, 0),
            new TdMetadata.Field("L2_ENTER_GUEST_STATE_GPA", 0xA020000300000100L, 4, 1, 0, 0),
            new TdMetadata.Field("L2_ENTER_GUEST_STATE_HPA", 0xA020000300000104L, 4, 1, 0, 0),
            new TdMetadata.Field("VE_INFO_GPA", 0xA020000300000108L, 4, 1, 0, 0),
            new TdMetadata.Field("VE_INFO_HPA", 0xA02000030000010CL, 4, 1, 0, 0),
            new TdMetadata.Field("L2_VAPIC_GPA", 0xA020000300000110L, 4, 1, 0, 0),
            new TdMetadata.Field("L2_VAPIC_HPA", 0xA020000300000114L, 4, 1, 0, 0),
            new TdMetadata.Field("CPUID_CONTROL", 0xA120000000000000L, 128, 1, 0xFFL, 0x3L),
            new TdMetadata.Field("LAST_EPF_GPA_LIST", 0xA220000300000200L, 32, 1, 0, 0),
    };

    static final int IDX_VCPU_INDEX = index("VCPU_INDEX");
    static final int IDX_CPUID_SUPERVISOR_VE = index("CPUID_SUPERVISOR_VE");
    static final int IDX_CPUID_USER_VE = index("CPUID_USER_VE");
    static final int IDX_L2_CTLS = index("L2_CTLS");
    static final int IDX_TSC_DEADLINE = index("TSC_DEADLINE");
    static final int IDX_CPUID_CONTROL = index("CPUID_CONTROL");

    private static int index(String name) {
        for (int i = 0; i < TDVPS.length; i++) {
            if (TDVPS[i].name.equals(name)) return i;
        }
        throw new IllegalStateException(name);
    }

    /** Lookup result: not found (TDX_METADATA_FIELD_ID_INCORRECT). */
    static final int NOT_FOUND = -1;
    /** Lookup result: a TD VMCS field (exists; guest masks 0). */
    static final int TD_VMCS_FIELD = -2;

    /**
     * md_check_element_and_get_entry + the VMCS checks of md_vp_get_element for a single-element id
     * (context already VP).
     * @return an index into {@link #TDVPS}, {@link #TD_VMCS_FIELD} or {@link #NOT_FOUND}
     */
    static int lookup(long id) {
        int cls = (int) ((id >>> 56) & 0x3F);
        int code = (int) (id & 0xFFFFFF);
        if (cls == CLASS_TD_VMCS) {
            for (int i = 0; i < TD_VMCS.length; i += 2) {
                if (code >= TD_VMCS[i] && code < TD_VMCS[i] + 2 * TD_VMCS[i + 1]) {
                    return (code & 1) != 0 ? NOT_FOUND : TD_VMCS_FIELD;
                }
            }
            return NOT_FOUND;
        }
        return TdMetadata.find(TDVPS, id);
    }
}
