package dev.leafspec.spec.model;

import java.util.Map;

/**
 * A bit field of a register.
 *
 * @param name     the field's name (null for a reserved range)
 * @param bits     its bit range
 * @param reserved NONE for a named field; ZERO when the bits must be zero on input and read as zero on output;
 *                 IGNORED when they are ignored
 * @param values   the closed set of meaningful values with their meaning (empty when any value is allowed)
 * @param note     free text, may be null
 */
public record Field(String name, BitRange bits, Reserved reserved, Map<Long, String> values, String note) {
    public enum Reserved { NONE, ZERO, IGNORED }

    public Field {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** @return the name, or "reserved" for a reserved range */
    public String label() {
        return name != null ? name : "reserved";
    }
}
