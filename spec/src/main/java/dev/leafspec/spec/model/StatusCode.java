package dev.leafspec.spec.model;

import java.util.List;
import java.util.Map;

/**
 * A TDX completion-status code (bits 31:0 clear; those bits carry an operand id or detail).
 *
 * @param name            e.g. TDX_OPERAND_INVALID
 * @param value           the 64-bit value, or null when it differs by version
 * @param valuesByVersion module version → value, where versions disagree (empty otherwise)
 * @param statusClass     class name from bits 47:40, may be null
 * @param error           bit 63
 * @param nonRecoverable  bit 62
 * @param source          where the value comes from
 */
public record StatusCode(String name, Long value, Map<String, Long> valuesByVersion, String statusClass,
                         boolean error, boolean nonRecoverable, List<String> source) {
    public StatusCode {
        valuesByVersion = valuesByVersion == null ? Map.of() : Map.copyOf(valuesByVersion);
        source = source == null ? List.of() : List.copyOf(source);
    }

    /** @return every value this code may take across module versions */
    public java.util.Set<Long> allValues() {
        java.util.Set<Long> s = new java.util.HashSet<>(valuesByVersion.values());
        if (value != null) s.add(value);
        return s;
    }
}
