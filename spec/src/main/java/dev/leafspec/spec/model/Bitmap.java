package dev.leafspec.spec.model;

import java.util.List;

/**
 * The TDG.VP.VMCALL register-selection bitmap (GHCI spec, TDG.VP.VMCALL input operands;
 * TDX module ABI spec, TDG.VP.VMCALL).
 *
 * @param register      the register holding it (RCX)
 * @param gprs          bits selecting GPRs, bit n = GPR n ("15:0")
 * @param xmms          bits selecting XMMs, bit 16+n = XMMn ("31:16")
 * @param reserved      bits that must be zero ("63:32")
 * @param forbidden     registers that may never be selected
 * @param forbiddenWhen registers forbidden under a condition (RBP when NO_RBP_MOD)
 */
public record Bitmap(String register, BitRange gprs, BitRange xmms, BitRange reserved,
                     List<String> forbidden, List<Conditional> forbiddenWhen) {
    public Bitmap {
        forbidden = forbidden == null ? List.of() : List.copyOf(forbidden);
        forbiddenWhen = forbiddenWhen == null ? List.of() : List.copyOf(forbiddenWhen);
    }

    /** A register forbidden only when {@code when} (a named TD feature such as NO_RBP_MOD) holds. */
    public record Conditional(String register, String when) {
    }
}
