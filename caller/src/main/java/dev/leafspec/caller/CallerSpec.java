package dev.leafspec.caller;

import java.util.List;
import java.util.Map;

/**
 * A caller spec (docs/caller-spec-format.md): the functions of a compiled caller library, how they are called, which
 * leaf or TDG.VP.VMCALL sub-function each issues and what each returns.
 *
 * @param file      the file as given
 * @param name      a title for reports
 * @param structs   struct name → its 8-byte fields in memory order, each named by the register it maps to
 * @param functions the functions, in file order
 */
public record CallerSpec(String file, String name, Map<String, List<String>> structs, List<Function> functions) {
    public CallerSpec {
        structs = Map.copyOf(structs);
        functions = List.copyOf(functions);
    }

    /** What a function returns (key {@code returns}). */
    public enum Returns {
        /** the module's completion status: RAX after the TDCALL/SEAMCALL */
        STATUS,
        /** the host's TDG.VP.VMCALL status (R10) when RAX is TDX_SUCCESS, an error (non-zero, not R10) otherwise */
        HOST_STATUS,
        /** nothing is checked */
        NONE,
        /**
         * {@code returns: { output: R11, bytes: 1 }}: on success (TDX_SUCCESS and, for a TDG.VP.VMCALL sub-function, host
         * status 0 in R10) the low {@code bytes} bytes of the output register, zero-extended (e.g. a port-I/O IN result)
         */
        OUTPUT;

        public static Returns parse(String yaml) {
            return valueOf(yaml.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * The calling convention: SysV (callee-saved RBX, RBP, R12..R15, RSP; arguments in RDI, RSI, RDX, RCX, R8, R9) or a
     * custom one that preserves every GPR and XMM register except {@code clobbers} (arguments go where {@code to} says).
     */
    public record Convention(boolean sysv, List<String> clobbers) {
        public Convention {
            clobbers = clobbers == null ? List.of() : List.copyOf(clobbers);
        }

        public static final Convention SYSV = new Convention(true, List.of());
        public static final List<String> SYSV_ARGS = List.of("RDI", "RSI", "RDX", "RCX", "R8", "R9");
        public static final List<String> SYSV_CALLEE_SAVED = List.of("RBX", "RBP", "R12", "R13", "R14", "R15");

        /** @return true if the convention requires GPR {@code reg} (not RSP) to be unchanged after the call */
        public boolean preserves(String reg) {
            return sysv ? SYSV_CALLEE_SAVED.contains(reg) : !clobbers.contains(reg) && !"RAX".equals(reg);
        }

        /** @return true if XMM{@code n} must be unchanged after the call */
        public boolean preservesXmm(int n) {
            return !sysv && !clobbers.contains("XMM" + n);
        }

        public String describe() {
            return sysv ? "SysV callee-saved" : "the custom convention preserves every register except " + clobbers;
        }
    }

    /**
     * One argument: a value, or (struct != null) a pointer to a fresh struct whose fields ({@code fields}) map to
     * registers (unlisted fields are zero).
     *
     * @param to the register the value must hold at the TDCALL/SEAMCALL (or, for a custom convention, the register it
     *           is passed in); may be null
     * @param reaches a further register the value must hold at the TDCALL/SEAMCALL (e.g. a port passed in RDX that the
     *                helper moves to R14); may be null
     */
    public record Arg(Long value, String to, String struct, Map<String, Long> fields, String reaches) {
        public Arg {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }

        public Arg(Long value, String to, String struct, Map<String, Long> fields) {
            this(value, to, struct, fields, null);
        }
    }

    /** A fixture applied to the reference engine before each run of the function. */
    public record Fixture(String name, Map<String, String> params) {
    }

    /**
     * One function.
     *
     * @param results   "argN.REG" (field REG of the struct passed as argument N) → the register of the call whose value
     *                  must land there on success
     * @param errorCase also run the function with the module answering an error status
     * @param returnsOutput for {@link Returns#OUTPUT}: the output register whose low {@code returnsBytes} bytes are returned
     */
    public record Function(String symbol, int line, Convention convention, String issues, List<Arg> args,
                           Returns returns, Map<String, String> results, List<Fixture> fixtures, boolean errorCase,
                           String returnsOutput, int returnsBytes, List<Map<String, String>> hostAnswers, int maxCalls) {
        /** The default bound on the TDCALLs/SEAMCALLs of one run ({@code max-calls}). */
        public static final int DEFAULT_MAX_CALLS = 64;

        public Function(String symbol, int line, Convention convention, String issues, List<Arg> args,
                        Returns returns, Map<String, String> results, List<Fixture> fixtures, boolean errorCase) {
            this(symbol, line, convention, issues, args, returns, results, fixtures, errorCase, null, 8);
        }

        public Function(String symbol, int line, Convention convention, String issues, List<Arg> args,
                        Returns returns, Map<String, String> results, List<Fixture> fixtures, boolean errorCase,
                        String returnsOutput, int returnsBytes) {
            this(symbol, line, convention, issues, args, returns, results, fixtures, errorCase, returnsOutput, returnsBytes,
                    List.of(), DEFAULT_MAX_CALLS);
        }

        /**
         * @param hostAnswers the host's answers to the function's TDG.VP.VMCALLs in the normal case, in order (each the
         *                    parameters of one {@code host.answer}: {@code status} and register values); after the last one the
         *                    engine's host model answers
         * @param maxCalls    how many TDCALLs/SEAMCALLs one run may issue before it is abandoned as a loop
         */
        public Function {
            args = List.copyOf(args);
            results = Map.copyOf(results);
            fixtures = List.copyOf(fixtures);
            hostAnswers = hostAnswers == null ? List.of() : hostAnswers.stream().map(Map::copyOf).toList();
        }
    }
}
