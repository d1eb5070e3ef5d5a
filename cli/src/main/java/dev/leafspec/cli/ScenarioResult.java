package dev.leafspec.cli;

import java.util.List;

/**
 * The outcome of one scenario of a run.
 *
 * @param area    the feature's folder relative to its root ("tdcall", "tdvmcall", "contract/tdcall")
 * @param feature the feature file's path
 * @param line    the scenario's line in the feature file (0 when unknown)
 * @param name    the scenario's name
 * @param tags    its tags, without '@'
 * @param outcome PASS, FAIL or NOT_SUPPORTED
 * @param message the failure message or the NOT_SUPPORTED reason; empty on PASS
 */
record ScenarioResult(String area, String feature, int line, String name, List<String> tags, Outcome outcome, String message) {
    enum Outcome { PASS, FAIL, NOT_SUPPORTED }

    /** @return the tag values with this prefix, e.g. {@code leaf:} gives the leaf names */
    java.util.List<String> tagValues(String prefix) {
        return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).toList();
    }
}
