package dev.leafspec.cli.certify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The certification rules, shared by {@code leafspec certify} (which applies them) and {@code leafspec verify}
 * (which applies them again to a report and compares).
 */
public final class Certification {
    private Certification() {
    }

    /** Overall verdicts and their exit codes. */
    public enum Overall {
        CONFORMANT(0), NON_CONFORMANT(1), HARNESS_ERROR(2), NOTHING_RAN(3);

        public final int exitCode;

        Overall(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /**
     * One scenario's certification result.
     *
     * @param waiver the scope of the waiver applied (EXPECTED_FAIL, UNEXPECTED_PASS), or null
     */
    public record ScenarioVerdict(String name, String feature, int line, String area, List<String> leaves,
                                  List<String> rules, Verdict verdict, String message, String waiver) {
    }

    /**
     * One leaf's row in the matrix.
     *
     * @param status PASS, FAIL, NOT_SUPPORTED, NOT_RUN or HARNESS_ERROR
     */
    public record LeafResult(String leaf, boolean required, Map<Verdict, Integer> counts, String status) {
    }

    /**
     * Applies waivers to a raw outcome.
     *
     * @param raw PASS, FAIL or NOT_SUPPORTED from the run; FAIL messages starting ADAPTER_ERROR / TIMEOUT become those
     */
    public static Verdict judge(String raw, String message, Waivers.Waiver active) {
        Verdict v = switch (raw) {
            case "PASS" -> Verdict.PASS;
            case "NOT_SUPPORTED" -> Verdict.NOT_SUPPORTED;
            default -> message != null && message.startsWith("ADAPTER_ERROR: ") ? Verdict.ADAPTER_ERROR
                    : message != null && message.startsWith("TIMEOUT: ") ? Verdict.TIMEOUT : Verdict.FAIL;
        };
        if (active != null) {
            if (v == Verdict.FAIL) return Verdict.EXPECTED_FAIL;
            if (v == Verdict.PASS) return Verdict.UNEXPECTED_PASS;
        }
        return v;
    }

    /** @return the per-leaf matrix: every required leaf, then every other leaf a scenario names */
    public static List<LeafResult> leaves(List<ScenarioVerdict> scenarios, List<String> requiredLeaves) {
        Map<String, Map<Verdict, Integer>> counts = new LinkedHashMap<>();
        for (String l : requiredLeaves) counts.put(l, new EnumMap<>(Verdict.class));
        for (ScenarioVerdict s : scenarios) {
            for (String l : s.leaves()) counts.computeIfAbsent(l, k -> new EnumMap<>(Verdict.class)).merge(s.verdict(), 1, Integer::sum);
        }
        Set<String> required = Set.copyOf(requiredLeaves);
        List<LeafResult> out = new ArrayList<>();
        counts.forEach((leaf, c) -> out.add(new LeafResult(leaf, required.contains(leaf), c, status(c))));
        return out;
    }

    static String status(Map<Verdict, Integer> c) {
        if (c.isEmpty()) return "NOT_RUN";
        if (c.containsKey(Verdict.ADAPTER_ERROR) || c.containsKey(Verdict.TIMEOUT)) return "HARNESS_ERROR";
        if (c.containsKey(Verdict.FAIL) || c.containsKey(Verdict.UNEXPECTED_PASS)) return "FAIL";
        if (c.containsKey(Verdict.NOT_SUPPORTED)) return "NOT_SUPPORTED";
        return "PASS";
    }

    /** @return the overall verdict: nothing ran, a harness or adapter error, non-conformant, or conformant */
    public static Overall overall(List<ScenarioVerdict> scenarios, List<LeafResult> leaves, int harnessFaults) {
        if (harnessFaults > 0) return Overall.HARNESS_ERROR;
        boolean anyRan = scenarios.stream().anyMatch(s -> s.verdict() != Verdict.NOT_SUPPORTED);
        if (!anyRan) return Overall.NOTHING_RAN;
        if (scenarios.stream().anyMatch(s -> s.verdict() == Verdict.ADAPTER_ERROR || s.verdict() == Verdict.TIMEOUT)) {
            return Overall.HARNESS_ERROR;
        }
        if (scenarios.stream().anyMatch(s -> s.verdict() == Verdict.FAIL || s.verdict() == Verdict.UNEXPECTED_PASS)) {
            return Overall.NON_CONFORMANT;
        }
        if (leaves.stream().anyMatch(l -> l.required() && !l.status().equals("PASS"))) return Overall.NON_CONFORMANT;
        return Overall.CONFORMANT;
    }

    /** @return the number of scenarios with each result, every result named (zero included), in vocabulary order */
    public static Map<String, Integer> counts(List<ScenarioVerdict> verdicts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) counts.put(v.name(), (int) verdicts.stream().filter(s -> s.verdict() == v).count());
        return counts;
    }

    /**
     * Puts the results part of a conformance report: verdict, exitCode, counts, the per-leaf matrix and per-rule counts.
     * @return the counts put
     */
    public static Map<String, Integer> putResults(Map<String, Object> report, Overall overall, List<ScenarioVerdict> verdicts,
                                                  List<LeafResult> leafResults) {
        report.put("verdict", overall.name());
        report.put("exitCode", overall.exitCode);
        Map<String, Integer> counts = counts(verdicts);
        report.put("counts", counts);
        List<Map<String, Object>> leafRows = new ArrayList<>();
        for (LeafResult l : leafResults) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("leaf", l.leaf());
            m.put("required", l.required());
            m.put("status", l.status());
            Map<String, Integer> c = new LinkedHashMap<>();
            l.counts().forEach((k, n) -> c.put(k.name(), n));
            m.put("counts", c);
            leafRows.add(m);
        }
        report.put("leaves", leafRows);
        Map<String, Map<String, Integer>> ruleRows = new java.util.TreeMap<>();
        for (ScenarioVerdict s : verdicts) {
            for (String rule : s.rules()) ruleRows.computeIfAbsent(rule, k -> new LinkedHashMap<>()).merge(s.verdict().name(), 1, Integer::sum);
        }
        report.put("rules", ruleRows);
        return counts;
    }
}
