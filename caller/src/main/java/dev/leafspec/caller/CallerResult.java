package dev.leafspec.caller;

import java.util.List;

/**
 * The outcome of running one function of a caller library in one case ({@code normal}: the reference engine answers;
 * {@code module-error}: the module answers TDX_OPERAND_INVALID).
 *
 * @param messages for FAIL, each {@code function [case]: REGISTER: what is wrong [RULE-ID]}; for NOT_SUPPORTED the reason
 * @param traps    how many TDCALL/SEAMCALL the function executed
 * @param notes    checks that could not be made here, whatever the status (e.g. no YMM state without AVX)
 */
public record CallerResult(String function, String issues, String caseName, Status status, List<String> messages, int traps,
                           List<String> notes) {
    public enum Status { PASS, FAIL, NOT_SUPPORTED }

    public CallerResult {
        messages = List.copyOf(messages);
        notes = List.copyOf(notes);
    }

    public CallerResult(String function, String issues, String caseName, Status status, List<String> messages, int traps) {
        this(function, issues, caseName, status, messages, traps, List.of());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("%-13s %s [%s] (%s)", status, function, caseName, issues));
        for (String m : messages) sb.append("\n    ").append(m);
        for (String n : notes) sb.append("\n    note: ").append(n);
        return sb.toString();
    }
}
