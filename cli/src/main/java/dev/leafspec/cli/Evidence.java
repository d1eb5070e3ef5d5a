package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leafspec.cli.certify.TreeHash;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The raw evidence a report folder holds next to conformance-report.json (the Cucumber reports and message stream, the
 * run summary, the repro scripts, the adapter's stderr): hashed at certify time, re-checked by {@code leafspec verify},
 * and cleared when a run reuses an {@code --out} folder so nothing of an earlier run is mistaken for this one's.
 */
final class Evidence {
    /** The evidence files, relative to the report folder (repro scripts come on top: {@code repro/*.sh}). */
    static final List<String> FILES = List.of("cucumber-messages.ndjson", "cucumber.json", "junit.xml", "cucumber.html",
            "summary.json", "adapter-stderr.log");
    /** What a run writes into its report folder: cleared before a run reuses the folder. */
    static final List<String> WRITTEN = List.of("cucumber-messages.ndjson", "cucumber.json", "junit.xml", "cucumber.html",
            "summary.json", "adapter-stderr.log", "conformance-report.json", "certificate.html", "certification-junit.xml",
            "profile.yaml", "waivers.yaml");

    private Evidence() {
    }

    /** Deletes what an earlier run wrote into {@code dir} (the files above and repro/*.sh); other files stay. */
    static void clearStale(Path dir) throws IOException {
        for (String f : WRITTEN) Files.deleteIfExists(dir.resolve(f));
        Path repro = dir.resolve("repro");
        if (Files.isDirectory(repro)) {
            try (Stream<Path> s = Files.list(repro)) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".sh")).toList()) Files.delete(p);
            }
            try (Stream<Path> s = Files.list(repro)) {
                if (s.findAny().isEmpty()) Files.delete(repro);
            }
        }
    }

    /** @return the evidence files present in {@code dir}, sorted */
    static List<String> present(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : FILES) if (Files.isRegularFile(dir.resolve(f))) out.add(f);
        Path repro = dir.resolve("repro");
        if (Files.isDirectory(repro)) {
            try (Stream<Path> s = Files.list(repro)) {
                s.filter(p -> p.getFileName().toString().endsWith(".sh")).forEach(p -> out.add("repro/" + p.getFileName()));
            }
        }
        out.sort(null);
        return out;
    }

    /** @return SHA-256 of every evidence file in {@code dir}, by path relative to it */
    static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String f : present(dir)) out.put(f, TreeHash.ofFile(dir.resolve(f)));
        return out;
    }

    /** Checks the recorded {@code hashes.evidence} against {@code dir}: each file present with its hash, none unrecorded. */
    static void check(Path dir, JsonNode recorded, List<String> problems) throws IOException {
        if (!recorded.isObject()) {
            problems.add("the report records no SHA-256 of its evidence files (hashes.evidence): the Cucumber reports cannot be checked");
            return;
        }
        for (var it = recorded.fields(); it.hasNext(); ) {
            var e = it.next();
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) problems.add("evidence file " + e.getKey() + " is missing");
            else if (!TreeHash.ofFile(f).equals(e.getValue().asText())) {
                problems.add("evidence file " + e.getKey() + " SHA-256 differs: report " + e.getValue().asText() + ", here " + TreeHash.ofFile(f));
            }
        }
        for (String f : present(dir)) {
            if (!recorded.has(f)) problems.add("evidence file " + f + " is not recorded in the report (left from another run, or added)");
        }
    }

    /**
     * Reads the scenario outcomes Cucumber recorded in cucumber.json: an undefined step makes UNDEFINED (a suite-authoring
     * error, reported as a harness error, not a row), failed or ambiguous steps a FAIL,
     * skipped or pending ones (NOT_SUPPORTED aborts the scenario) a NOT_SUPPORTED, else PASS; a Background's steps count
     * for the scenario after it.
     *
     * @return outcome by "absolute feature path:line"
     */
    static Map<String, String> outcomes(Path cucumberJson) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode features = new ObjectMapper().readTree(cucumberJson.toFile());
        for (JsonNode f : features) {
            String uri = f.path("uri").asText();
            String file;
            try {
                file = uri.startsWith("file:") ? Path.of(URI.create(uri)).toAbsolutePath().normalize().toString() : uri;
            } catch (RuntimeException e) {
                // a relative file: URI (features given as a relative path, e.g. "file:features/caller/x.feature")
                file = uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
            }
            List<String> background = new ArrayList<>();
            for (JsonNode e : f.path("elements")) {
                List<String> statuses = new ArrayList<>();
                for (String part : new String[] {"before", "steps", "after"}) {
                    for (JsonNode s : e.path(part)) statuses.add(s.path("result").path("status").asText());
                }
                if (e.path("type").asText().equals("background")) {
                    background = statuses;
                    continue;
                }
                statuses.addAll(background);
                background = new ArrayList<>();
                String outcome = statuses.contains("undefined") ? "UNDEFINED"
                        : statuses.stream().anyMatch(s -> s.equals("failed") || s.equals("ambiguous") || s.equals("undefined")) ? "FAIL"
                        : statuses.stream().anyMatch(s -> s.equals("skipped") || s.equals("pending")) ? "NOT_SUPPORTED" : "PASS";
                out.put(file + ":" + e.path("line").asInt(), outcome);
            }
        }
        return out;
    }

    /** @return the raw outcome (PASS, FAIL, NOT_SUPPORTED) a certification result comes from */
    static String raw(String verdict) {
        return switch (verdict) {
            case "PASS", "UNEXPECTED_PASS" -> "PASS";
            case "NOT_SUPPORTED" -> "NOT_SUPPORTED";
            default -> "FAIL";
        };
    }

    /**
     * Cross-checks report rows (feature, line, result) against cucumber.json: every row has the outcome Cucumber recorded
     * and every scenario Cucumber ran has a row.
     */
    static void crossCheck(Path dir, Iterable<JsonNode> rows, String what, List<String> problems) {
        Path json = dir.resolve("cucumber.json");
        if (!Files.isRegularFile(json)) return; // reported as a missing evidence file
        Map<String, String> cucumber;
        try {
            cucumber = outcomes(json);
        } catch (IOException | RuntimeException e) {
            problems.add("cucumber.json cannot be read: " + e.getMessage().split("\n", 2)[0]);
            return;
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (JsonNode s : rows) {
            String key = s.path("feature").asText() + ":" + s.path("line").asInt();
            String found = match(cucumber, key);
            seen.put(found != null ? found : key, s.path("name").asText());
            String recorded = found == null ? null : cucumber.get(found);
            String result = s.path("result").asText();
            if (recorded == null) {
                problems.add(what + " '" + s.path("name").asText() + "' (" + key + ") is not in cucumber.json");
            } else if (!recorded.equals(raw(result))) {
                problems.add(what + " '" + s.path("name").asText() + "' (" + key + ") is " + result + " in the report but "
                        + recorded + " in cucumber.json");
            }
        }
        for (String key : cucumber.keySet()) {
            if (!seen.containsKey(key) && !cucumber.get(key).equals("UNDEFINED")) problems.add("cucumber.json has a scenario at " + key + " that the report does not list");
        }
    }

    /**
     * The cucumber.json key of a report row {@code path:line}: the same key, or a relative one ({@code features/x.feature:12},
     * when Cucumber was given a relative path) that the row's absolute path ends with.
     */
    static String match(Map<String, String> cucumber, String key) {
        if (cucumber.containsKey(key)) return key;
        String k = key.replace('\\', '/');
        for (String c : cucumber.keySet()) {
            String r = c.replace('\\', '/');
            if (!r.startsWith("/") && k.endsWith("/" + r)) return c;
        }
        return null;
    }
}
