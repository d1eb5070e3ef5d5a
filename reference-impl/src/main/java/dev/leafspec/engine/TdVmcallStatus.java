package dev.leafspec.engine;

import java.util.Locale;

/**
 * TDG.VP.VMCALL sub-function completion status, returned by the host VMM in R10
 * (GHCI spec "TDG.VP.VMCALL-Instruction Return Codes"; Linux {@code arch/x86/include/asm/shared/tdx.h}
 * TDVMCALL_STATUS_*; KVM {@code arch/x86/kvm/vmx/tdx.h}). SUBFUNC_UNSUPPORTED was added by a later GHCI
 * revision and is what KVM returns for sub-functions it does not implement.
 */
public final class TdVmcallStatus {
    private TdVmcallStatus() {
    }

    public static final long SUCCESS = 0x0000000000000000L;
    public static final long RETRY = 0x0000000000000001L;
    public static final long INVALID_OPERAND = 0x8000000000000000L;
    public static final long GPA_INUSE = 0x8000000000000001L;
    public static final long ALIGN_ERROR = 0x8000000000000002L;
    public static final long SUBFUNC_UNSUPPORTED = 0x8000000000000003L;

    /**
     * Parses a status given as a catalogue name ({@code TDG.VP.VMCALL_RETRY}), a short name ({@code RETRY})
     * or a number.
     * @throws IllegalArgumentException for anything else
     */
    public static long parse(String text) {
        String t = text.trim();
        String n = t.toUpperCase(Locale.ROOT);
        if (n.startsWith("TDG.VP.VMCALL_")) n = n.substring("TDG.VP.VMCALL_".length());
        if (n.startsWith("TDVMCALL_STATUS_")) n = n.substring("TDVMCALL_STATUS_".length());
        switch (n) {
            case "SUCCESS": return SUCCESS;
            case "RETRY": return RETRY;
            case "INVALID_OPERAND": case "OPERAND_INVALID": return INVALID_OPERAND;
            case "GPA_INUSE": return GPA_INUSE;
            case "ALIGN_ERROR": return ALIGN_ERROR;
            case "SUBFUNC_UNSUPPORTED": return SUBFUNC_UNSUPPORTED;
            default: return Params.parseNumber(t, "status");
        }
    }
}
