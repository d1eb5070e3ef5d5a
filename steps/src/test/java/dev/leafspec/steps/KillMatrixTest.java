package dev.leafspec.steps;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-test kill matrix: every mutant of {@link Mutants} runs against the whole suite (hand-written and generated
 * contract features). A mutant must fail at least one scenario, and every failure message must name the leaf, the rule
 * and the register (the scenario's {@code @leaf:} and {@code @rule:} tags, and a register name). The matrix, mutant ×
 * failing scenarios with the first message, is written to target/self-test/kill-matrix.md and .json.
 */
class KillMatrixTest {
    static final Path OUT = Path.of("target/self-test");
    static final Pattern RULE_LIST = Pattern.compile("\\[([A-Z][A-Za-z0-9.<>#_-]*(?:, [A-Z][A-Za-z0-9.<>#_-]*)*)\\]");
    static final Pattern REGISTER = Pattern.compile("\\b(RAX|RCX|RDX|RBX|RSP|RBP|RSI|RDI|R8|R9|R1[0-5]|RFLAGS|XMM1[0-5]|XMM[0-9])\\b");

    /** A failing scenario of a mutant; whether its message names a leaf, a rule and a register is decided at the end. */
    record Failure(String scenario, String uri, List<String> leaves, List<String> rules, String message) {
        boolean namesLeaf() {
            return leaves.stream().anyMatch(message::contains) || KNOWN_LEAVES.stream().anyMatch(message::contains);
        }

        /** A rule is named when the message carries a bracketed rule list ("TDG.VP.INFO [VP.INFO-1] ...") with a rule id
         *  of the specs, of the suite's @rule: tags or of the contract checker (CONTRACT-*). */
        boolean namesRule() {
            if (rules.stream().anyMatch(message::contains)) return true;
            var m = RULE_LIST.matcher(message);
            while (m.find()) {
                for (String id : m.group(1).split(", ")) {
                    if (KNOWN_RULES.contains(id) || id.matches("CONTRACT-[A-Z-]+")) return true;
                }
            }
            return false;
        }

        boolean namesRegister() {
            return REGISTER.matcher(message).find();
        }

        boolean precise() {
            return namesLeaf() && namesRule() && namesRegister();
        }
    }

    /** Every leaf name of the catalogue, and every rule id: the specs' rules and every @rule: tag of the suite. */
    static final java.util.Set<String> KNOWN_LEAVES = new java.util.TreeSet<>();
    static final java.util.Set<String> KNOWN_RULES = new java.util.TreeSet<>();

    record Row(String mutant, int scenariosRun, int notSupported, List<Failure> failures, long ms) {
        boolean killed() {
            return !failures.isEmpty();
        }
    }

    @AfterAll
    static void restore() {
        Harness.use(Harness.create(Harness.DEFAULT_IMPL));
    }

    @Test
    void everyMutantIsKilledWithAPreciseMessage() throws Exception {
        for (var l : Harness.catalogue().leaves()) {
            KNOWN_LEAVES.add(l.leaf());
            l.rules().forEach(r -> KNOWN_RULES.add(r.id()));
        }
        List<Row> rows = new ArrayList<>();
        for (Supplier<Mutants.Mutant> s : Mutants.all()) rows.add(run(s.get()));
        Files.createDirectories(OUT);
        writeJson(rows);
        writeMarkdown(rows);

        List<String> survivors = rows.stream().filter(r -> !r.killed()).map(Row::mutant).toList();
        assertThat(survivors).as("mutants no scenario kills (see %s)", OUT.resolve("kill-matrix.md")).isEmpty();
        List<String> imprecise = new ArrayList<>();
        for (Row r : rows) {
            for (Failure f : r.failures()) {
                if (!f.precise()) imprecise.add(r.mutant() + " / " + f.scenario() + ": " + missing(f) + " in: " + f.message());
            }
        }
        assertThat(imprecise).as("failure messages that do not name the leaf, the rule and the register").isEmpty();
    }

    private static Row run(Mutants.Mutant m) {
        Harness.use(m);
        List<Failure> failures = new ArrayList<>();
        int[] ran = {0, 0};
        long t0 = System.nanoTime();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(new File("../features")),
                        DiscoverySelectors.selectDirectory(new File("target/generated-features")))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "dev.leafspec.steps")
                .configurationParameter("cucumber.plugin", "rerun:target/self-test/rerun/" + m.name.replaceAll("[^A-Za-z0-9]+", "-") + ".txt")
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.junit-platform.naming-strategy", "long")
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    result.getThrowable().ifPresent(t -> failures.add(new Failure("(engine)", "", List.of(), List.of(),
                            String.valueOf(t))));
                    return;
                }
                ran[0]++;
                KNOWN_RULES.addAll(tagValues(id, "rule:"));
                if (result.getStatus() == TestExecutionResult.Status.ABORTED) ran[1]++;
                if (result.getStatus() != TestExecutionResult.Status.FAILED) return;
                String msg = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
                List<String> leaves = tagValues(id, "leaf:");
                List<String> rules = tagValues(id, "rule:");
                String uri = id.getSource().map(Object::toString).orElse("");
                failures.add(new Failure(id.getDisplayName(), shortUri(uri), leaves, rules, msg));
            }
        });
        return new Row(m.name, ran[0], ran[1], failures, (System.nanoTime() - t0) / 1_000_000);
    }

    private static List<String> tagValues(TestIdentifier id, String prefix) {
        List<String> out = new ArrayList<>();
        for (TestTag t : id.getTags()) {
            String n = t.getName().startsWith("@") ? t.getName().substring(1) : t.getName();
            if (n.startsWith(prefix)) out.add(n.substring(prefix.length()));
        }
        return out;
    }

    private static String shortUri(String source) {
        var m = Pattern.compile("(features/[^?,\\]]+|generated-features/[^?,\\]]+)").matcher(source);
        String s = m.find() ? m.group(1) : source;
        var line = Pattern.compile("line=(\\d+)").matcher(source);
        return line.find() ? s + ":" + line.group(1) : s;
    }

    private static String missing(Failure f) {
        List<String> m = new ArrayList<>();
        if (!f.namesLeaf()) m.add("leaf");
        if (!f.namesRule()) m.add("rule");
        if (!f.namesRegister()) m.add("register");
        return "missing " + String.join(", ", m);
    }

    private static void writeJson(List<Row> rows) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mutant", r.mutant());
            m.put("killed", r.killed());
            m.put("scenariosRun", r.scenariosRun());
            m.put("notSupported", r.notSupported());
            m.put("failingScenarios", r.failures().size());
            m.put("durationMs", r.ms());
            m.put("failures", r.failures().stream().map(f -> {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("scenario", f.scenario());
                fm.put("location", f.uri());
                fm.put("leaves", f.leaves());
                fm.put("rules", f.rules());
                fm.put("message", f.message());
                fm.put("namesLeafRuleAndRegister", f.precise());
                return fm;
            }).toList());
            out.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "leafspec-kill-matrix");
        doc.put("schemaVersion", 1);
        doc.put("mutants", rows.size());
        doc.put("killed", rows.stream().filter(Row::killed).count());
        doc.put("rows", out);
        Files.writeString(OUT.resolve("kill-matrix.json"), json(doc, "") + "\n");
    }

    private static void writeMarkdown(List<Row> rows) throws Exception {
        StringBuilder sb = new StringBuilder();
        long killed = rows.stream().filter(Row::killed).count();
        sb.append("# LeafSpec self-test kill matrix\n\n");
        sb.append(String.format("%d of %d mutants killed. Each mutant (steps/src/test/java/dev/leafspec/steps/Mutants.java) wraps the "
                + "reference engine and breaks one rule; it ran against every hand-written and generated contract scenario.%n%n", killed, rows.size()));
        sb.append("| mutant | killed | failing scenarios | first failing scenario | first message |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            Failure f = r.failures().isEmpty() ? null : r.failures().get(0);
            sb.append("| ").append(cell(r.mutant())).append(" | ").append(r.killed() ? "yes" : "**SURVIVED**").append(" | ")
                    .append(r.failures().size()).append(" of ").append(r.scenariosRun()).append(" | ")
                    .append(f == null ? "" : cell(f.scenario()) + " (" + cell(f.uri()) + ")").append(" | ")
                    .append(f == null ? "" : "`" + cell(firstLine(f.message())) + "`").append(" |\n");
        }
        sb.append("\n## Failing scenarios per mutant\n");
        for (Row r : rows) {
            sb.append("\n### ").append(r.mutant()).append("\n\n");
            if (r.failures().isEmpty()) sb.append("No scenario failed: the mutant survived.\n");
            for (Failure f : r.failures()) {
                sb.append("- ").append(f.scenario()).append(" (").append(f.uri()).append(")")
                        .append(f.precise() ? "" : " — " + missing(f)).append(": `").append(cell(firstLine(f.message()))).append("`\n");
            }
        }
        Files.writeString(OUT.resolve("kill-matrix.md"), sb.toString());
    }

    /** A small JSON writer (the steps module has no JSON library): maps, lists, strings, numbers, booleans. */
    static String json(Object o, String indent) {
        String in = indent + "  ";
        if (o instanceof Map<?, ?> m) {
            if (m.isEmpty()) return "{}";
            List<String> parts = new ArrayList<>();
            for (var e : m.entrySet()) parts.add(in + quote(String.valueOf(e.getKey())) + ": " + json(e.getValue(), in));
            return "{\n" + String.join(",\n", parts) + "\n" + indent + "}";
        }
        if (o instanceof List<?> l) {
            if (l.isEmpty()) return "[]";
            List<String> parts = new ArrayList<>();
            for (Object e : l) parts.add(in + json(e, in));
            return "[\n" + String.join(",\n", parts) + "\n" + indent + "]";
        }
        if (o instanceof Number || o instanceof Boolean) return String.valueOf(o);
        return o == null ? "null" : quote(String.valueOf(o));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String firstLine(String s) {
        String l = s.strip().split("\n", 2)[0];
        return l.length() > 240 ? l.substring(0, 237) + "..." : l;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("`", "'");
    }
}
