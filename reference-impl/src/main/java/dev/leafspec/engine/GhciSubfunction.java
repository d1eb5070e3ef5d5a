package dev.leafspec.engine;

import java.util.Locale;

/**
 * TDG.VP.VMCALL sub-function selectors (R11 when R10 = 0) from the GHCI spec, "TDG.VP.VMCALL
 * sub-functions" (Linux {@code arch/x86/include/asm/shared/tdx.h} TDVMCALL_*, {@code hlt/cpuid/io/msr/mmio}
 * handlers in {@code arch/x86/coco/tdx/tdx.c}; KVM {@code arch/x86/kvm/vmx/tdx.c handle_tdvmcall}).
 * {@code Instruction.*} and {@code #VE.RequestMMIO} use the VMX basic exit reason of the emulated event.
 */
public final class GhciSubfunction {
    private GhciSubfunction() {
    }

    public static final long CPUID = 10;
    public static final long HLT = 12;
    public static final long IO = 30;
    public static final long RDMSR = 31;
    public static final long WRMSR = 32;
    public static final long REQUEST_MMIO = 48;
    public static final long WBINVD = 54;
    public static final long PCONFIG = 65;
    public static final long GET_TD_VM_CALL_INFO = 0x10000;
    public static final long MAP_GPA = 0x10001;
    public static final long GET_QUOTE = 0x10002;
    public static final long REPORT_FATAL_ERROR = 0x10003;
    public static final long SETUP_EVENT_NOTIFY_INTERRUPT = 0x10004;
    public static final long SERVICE = 0x10005;
    /** MigTD transport calls (td-shim tdx-tdcall TDVMCALL_MIGTD; not in the published GHCI 1.0/1.5 documents). */
    public static final long MIGTD = 0x10006;

    /** GHCI names in the order the capability list and the report use. */
    static final String[] NAMES = {
        "GetTdVmCallInfo", "MapGPA", "GetQuote", "ReportFatalError", "SetupEventNotifyInterrupt", "Service", "MigTD",
        "Instruction.CPUID", "Instruction.HLT", "Instruction.IO", "Instruction.RDMSR", "Instruction.WRMSR",
        "#VE.RequestMMIO", "Instruction.WBINVD", "Instruction.PCONFIG",
    };
    static final long[] CODES = {
        GET_TD_VM_CALL_INFO, MAP_GPA, GET_QUOTE, REPORT_FATAL_ERROR, SETUP_EVENT_NOTIFY_INTERRUPT, SERVICE, MIGTD,
        CPUID, HLT, IO, RDMSR, WRMSR, REQUEST_MMIO, WBINVD, PCONFIG,
    };

    /**
     * Parses a GHCI name ({@code MapGPA}, {@code Instruction.CPUID}, {@code TDG.VP.VMCALL<MapGPA>}) or a number (R11 value).
     * @throws IllegalArgumentException if neither
     */
    public static long parse(String text) {
        String t = text.trim();
        if (t.startsWith("TDG.VP.VMCALL<") && t.endsWith(">")) t = t.substring(14, t.length() - 1);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(t)) return CODES[i];
        }
        String u = t.toUpperCase(Locale.ROOT);
        if (u.equals("REQUESTMMIO") || u.equals("MMIO") || u.equals("VE.REQUESTMMIO")) return REQUEST_MMIO;
        if (u.startsWith("INSTRUCTION.")) {
            throw new IllegalArgumentException("unknown GHCI sub-function '" + text + "'");
        }
        return Params.parseNumber(t, "subfunction");
    }
}
