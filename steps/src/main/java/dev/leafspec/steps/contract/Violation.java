package dev.leafspec.steps.contract;

/**
 * One broken rule found by the checker, worded as a kernel engineer reads it:
 * {@code TDG.VP.INFO [CONTRACT-RESERVED-OUT] R9[63:32] reserved: expected 0x0, got 0x1}.
 *
 * @param leaf     the leaf's name
 * @param rule     the rule id
 * @param register the register concerned (RAX..R15, XMMn), or null
 * @param field    the bit field, e.g. {@code [63:32] reserved}, or null
 * @param detail   expected against actual, in words
 */
public record Violation(String leaf, String rule, String register, String field, String detail) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(leaf).append(" [").append(rule).append("] ");
        if (register != null) sb.append(register);
        if (field != null) sb.append(field);
        if (register != null || field != null) sb.append(": ");
        return sb.append(detail).toString();
    }
}
