package dev.leafspec.spec.model;

import java.util.List;
import java.util.Map;

/** A fact on which public sources (or module versions) disagree; both values are kept, keyed by version. */
public record Disagreement(String about, Map<String, String> values, List<String> source) {
}
