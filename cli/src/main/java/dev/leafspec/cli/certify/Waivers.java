package dev.leafspec.cli.certify;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waivers: known failures an implementation's vendor declares, each scoped to one scenario (by name), one rule
 * (by id) or one leaf, with a reason, a link and an expiry date. A waived failure is EXPECTED_FAIL; a waived
 * scenario that passes is UNEXPECTED_PASS; an expired waiver no longer applies.
 *
 * <pre>
 * waivers:
 *   - rule: VP.INFO-3
 *     reason: "R11 not zeroed; fixed in 2.1"
 *     link: https://example.org/bug/123
 *     expires: 2027-06-30
 * </pre>
 */
public final class Waivers {
    /** One waiver; exactly one of scenario, rule, leaf is set. */
    public record Waiver(int index, String scenario, String rule, String leaf, String reason, String link, LocalDate expires) {
        /** @return "rule VP.INFO-3", "leaf TDG.VP.INFO" or "scenario '...'" */
        public String scope() {
            if (rule != null) return "rule " + rule;
            if (leaf != null) return "leaf " + leaf;
            return "scenario '" + scenario + "'";
        }

        public boolean expiredOn(LocalDate day) {
            return expires.isBefore(day);
        }
    }

    private static final Set<String> KEYS = Set.of("scenario", "rule", "leaf", "reason", "link", "expires");

    private final List<Waiver> all;

    private Waivers(List<Waiver> all) {
        this.all = List.copyOf(all);
    }

    public static Waivers none() {
        return new Waivers(List.of());
    }

    /**
     * The report's {@code waivers} rows: scope, reason, link, expiry, whether it had expired on {@code today} and how many
     * results it turned into EXPECTED_FAIL or UNEXPECTED_PASS ({@code applied}).
     */
    public List<java.util.Map<String, Object>> reportRows(java.time.LocalDate today, java.util.Map<Waiver, Integer> applied) {
        List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Waiver w : all()) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("scope", w.scope());
            m.put("reason", w.reason());
            m.put("link", w.link());
            m.put("expires", w.expires().toString());
            m.put("expired", w.expiredOn(today));
            m.put("applied", applied.getOrDefault(w, 0));
            rows.add(m);
        }
        return rows;
    }

    public List<Waiver> all() {
        return all;
    }

    /**
     * Loads a waivers file (safe YAML).
     *
     * @throws IllegalArgumentException listing every problem, one per line, as {@code file:line:column: path: message}
     */
    public static Waivers load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such waivers file: " + file);
        byte[] bytes = Files.readAllBytes(file);
        List<String> errors = new ArrayList<>();
        int[] notText = dev.leafspec.spec.Utf8.firstError(bytes);
        if (notText != null) {
            throw new IllegalArgumentException(file + ":" + notText[0] + ":" + notText[1] + ": " + dev.leafspec.spec.Utf8.message(notText));
        }
        Node doc;
        try {
            doc = new Compose(LoadSettings.builder().setLabel(file.toString()).setUseMarks(true).setAllowDuplicateKeys(false).build())
                    .composeString(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            throw new IllegalArgumentException(at(file, m) + "not valid YAML: " + (e.getContext() != null ? e.getContext() + "; " : "")
                    + String.valueOf(e.getProblem()).replace('\n', ' ').trim(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        Node list = null;
        if (doc instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String k = scalar(t.getKeyNode());
                if ("waivers".equals(k) && t.getValueNode() instanceof SequenceNode) list = t.getValueNode();
                else errors.add(at(file, t.getKeyNode()) + "unknown key '" + k + "' (a waivers file holds one key, 'waivers')");
            }
        }
        if (!(list instanceof SequenceNode seq)) {
            errors.add(0, at(file, doc) + "a waivers file holds one key, 'waivers', with a list of entries");
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        List<Waiver> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node entry = seq.getValue().get(i);
            String where = "waivers[" + i + "]";
            if (!(entry instanceof MappingNode e)) {
                errors.add(at(file, entry) + where + ": an entry is a mapping");
                continue;
            }
            java.util.Map<String, Node> keys = new java.util.LinkedHashMap<>();
            for (NodeTuple t : e.getValue()) {
                String k = scalar(t.getKeyNode());
                if (!KEYS.contains(k)) errors.add(at(file, t.getKeyNode()) + where + ": unknown key '" + k + "' (known: " + KEYS + ")");
                else if (keys.containsKey(k)) errors.add(at(file, t.getKeyNode()) + where + ": duplicate key '" + k + "'");
                else keys.put(k, t.getValueNode());
            }
            int before = errors.size();
            String scenario = str(file, keys, "scenario", where, errors);
            String rule = str(file, keys, "rule", where, errors);
            String leaf = str(file, keys, "leaf", where, errors);
            int scopes = (keys.containsKey("scenario") ? 1 : 0) + (keys.containsKey("rule") ? 1 : 0) + (keys.containsKey("leaf") ? 1 : 0);
            if (scopes != 1) errors.add(at(file, entry) + where + ": give exactly one of scenario, rule or leaf");
            String reason = str(file, keys, "reason", where, errors);
            String link = str(file, keys, "link", where, errors);
            if (!keys.containsKey("reason")) errors.add(at(file, entry) + where + ": reason is required");
            if (!keys.containsKey("link")) errors.add(at(file, entry) + where + ": link is required");
            String exp = str(file, keys, "expires", where, errors);
            LocalDate expires = null;
            if (!keys.containsKey("expires")) {
                errors.add(at(file, entry) + where + ": expires (YYYY-MM-DD) is required");
            } else if (exp != null) {
                try {
                    expires = LocalDate.parse(exp);
                } catch (DateTimeParseException ex) {
                    errors.add(at(file, keys.get("expires")) + where + ".expires: '" + exp + "' is not a date (YYYY-MM-DD)");
                }
            }
            if (errors.size() == before) out.add(new Waiver(i, scenario, rule, leaf, reason, link, expires));
        }
        if (!errors.isEmpty()) throw new IllegalArgumentException(String.join("\n", errors));
        return new Waivers(out);
    }

    private static String at(Path file, Node n) {
        return at(file, n == null ? null : n.getStartMark().orElse(null));
    }

    private static String at(Path file, Mark m) {
        return m == null ? file + ": " : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": ";
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : String.valueOf(n);
    }

    private static String str(Path file, java.util.Map<String, Node> keys, String key, String where, List<String> errors) {
        Node n = keys.get(key);
        if (n == null) return null;
        if (!(n instanceof ScalarNode s)) {
            errors.add(at(file, n) + where + "." + key + ": a single value is required");
            return null;
        }
        String v = s.getValue().trim();
        if (v.isEmpty()) {
            errors.add(at(file, n) + where + "." + key + ": is empty");
            return null;
        }
        return v;
    }

    /**
     * @param message the scenario's failure message, or "" when it passed: a rule waiver also matches a failure whose
     *                message names the broken rule in brackets ({@code [CONTRACT-RESERVED-OUT]}, {@code [VP.INFO-3]})
     * @return the first waiver (expired or not) whose scope matches the scenario, or null. A scenario matches a rule
     * waiver when it is tagged {@code @rule:<id>}, or when it failed with a message naming {@code [<id>]}; a leaf waiver
     * when it is tagged {@code @leaf:<name>}; a scenario waiver when its name contains the text.
     */
    public Waiver match(String scenarioName, List<String> rules, List<String> leaves, String message) {
        for (Waiver w : all) {
            if (w.scenario() != null && scenarioName.contains(w.scenario())) return w;
            if (w.rule() != null && (rules.contains(w.rule()) || (message != null && message.contains("[" + w.rule() + "]")))) return w;
            if (w.leaf() != null && leaves.contains(Profile.tag(w.leaf()))) return w;
        }
        return null;
    }
}
