package dev.leafspec.spec.model;

import java.util.Map;

/** Register values for a call that reaches {@code status} on a freshly reset implementation. */
public record Example(Map<String, Long> inputs, String status) {
    public Example {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }
}
