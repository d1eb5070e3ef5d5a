package dev.leafspec.caller;

import java.util.List;

/**
 * The outcome of running one function of a caller library in one case ({@code normal}: the reference engine answers;
 * {@code module-error}: the module answers TDX_OPERAND_INVALID).
 *
 * @param messages for FAIL, each {@code function [case]: REGISTER: what is wrong [RULE-ID]}; for NOT_SUPPORTED the reason
 * @param traps    how many TDCALL/SEAMCALL the function executed
 */
public record CallerResult(String function, String issues, String caseName, Status status, List<String> messages, int traps) {
    public enum Status { PASS, FAIL, NOT_SUPPORTED }

    public CallerResult {
        messages = List.copyOf(messages);
    }

    @Override
    public String toString() {
        String head = String.format("%-13s %s [%s] (%s)", status, function, caseName, issues);
        return messages.isEmpty() ? head : head + "\n    " + String.join("\n    ", messages);
    }
}
