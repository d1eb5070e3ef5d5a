package dev.leafspec.cli.certify;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

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

    public List<Waiver> all() {
        return all;
    }

    /**
     * Loads a waivers file (safe YAML).
     *
     * @throws IllegalArgumentException naming the file, the entry index and the problem
     */
    public static Waivers load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such waivers file: " + file);
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> m) || !(m.get("waivers") instanceof List<?> list) || m.size() != 1) {
            throw new IllegalArgumentException(file + ": a waivers file holds one key, 'waivers', with a list of entries");
        }
        List<Waiver> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = file + ": waivers[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> e)) throw new IllegalArgumentException(where + ": an entry is a mapping");
            for (Object k : e.keySet()) {
                if (!KEYS.contains(String.valueOf(k))) throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: " + KEYS + ")");
            }
            String scenario = str(e, "scenario", where);
            String rule = str(e, "rule", where);
            String leaf = str(e, "leaf", where);
            int scopes = (scenario != null ? 1 : 0) + (rule != null ? 1 : 0) + (leaf != null ? 1 : 0);
            if (scopes != 1) throw new IllegalArgumentException(where + ": give exactly one of scenario, rule or leaf");
            String reason = str(e, "reason", where);
            String link = str(e, "link", where);
            if (reason == null) throw new IllegalArgumentException(where + ": reason is required");
            if (link == null) throw new IllegalArgumentException(where + ": link is required");
            Object exp = e.get("expires");
            if (exp == null) throw new IllegalArgumentException(where + ": expires (YYYY-MM-DD) is required");
            LocalDate expires;
            try {
                expires = LocalDate.parse(String.valueOf(exp));
            } catch (DateTimeParseException ex) {
                throw new IllegalArgumentException(where + ": expires: '" + exp + "' is not a date (YYYY-MM-DD)", ex);
            }
            out.add(new Waiver(i, scenario, rule, leaf, reason, link, expires));
        }
        return new Waivers(out);
    }

    private static String str(Map<?, ?> e, String key, String where) {
        Object v = e.get(key);
        if (v == null) return null;
        String s = String.valueOf(v).trim();
        if (s.isEmpty()) throw new IllegalArgumentException(where + ": " + key + " is empty");
        return s;
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
