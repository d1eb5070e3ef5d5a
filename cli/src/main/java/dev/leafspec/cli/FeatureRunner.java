package dev.leafspec.cli;

import dev.leafspec.steps.NotSupported;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.descriptor.UriSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Runs Cucumber features on the JUnit Platform (the cucumber engine) and collects one {@link ScenarioResult}
 * per scenario. Cucumber's own HTML, JSON, JUnit XML and message reports are written to {@code out}.
 */
final class FeatureRunner {
    /** A failure outside any scenario: the engine or the glue could not start. */
    record Fault(String where, String message) {
    }

    /** A feature file or folder to run; {@code line} &gt; 0 selects the scenario at that line of a file. */
    record Target(Path path, int line) {
        /** Parses {@code path} or {@code path:line}. */
        static Target parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.substring(colon + 1).matches("\\d+")) {
                return new Target(Path.of(text.substring(0, colon)).toAbsolutePath().normalize(),
                        Integer.parseInt(text.substring(colon + 1)));
            }
            return new Target(Path.of(text).toAbsolutePath().normalize(), 0);
        }
    }

    private static final java.util.regex.Pattern SELECTABLE = java.util.regex.Pattern.compile(
            "^\\s*(Feature|Rule|Background|Scenario|Scenario Outline|Scenario Template|Example|Examples|Scenarios)\\s*:.*");

    /**
     * Checks a FILE:LINE target names something Cucumber can select there: a Feature, Rule, Scenario (Outline) or
     * Examples line, or an example row (a table row after an Examples header).
     *
     * @return why the line selects nothing (Cucumber would silently run the whole file), or null
     */
    static String lineProblem(Target t) {
        if (t.line() <= 0 || Files.isDirectory(t.path())) {
            return t.line() > 0 ? t.path() + " is a folder: a :LINE selects a scenario of a .feature file" : null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(t.path(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "cannot read " + t.path() + ": " + e.getMessage();
        }
        String where = t.path() + ":" + t.line();
        if (t.line() > lines.size()) return where + " names no scenario: the file has " + lines.size() + " lines";
        String text = lines.get(t.line() - 1);
        if (SELECTABLE.matcher(text).matches() && !text.trim().startsWith("Background")) return null;
        if (text.trim().startsWith("|")) {
            // an example row: a table row below an Examples line, not its header
            for (int i = t.line() - 2; i >= 0; i--) {
                String prev = lines.get(i).trim();
                if (prev.startsWith("|") || prev.isEmpty() || prev.startsWith("#")) continue;
                boolean examples = prev.matches("(Examples|Scenarios)\\s*:.*");
                if (!examples) break;
                int header = i + 1;
                while (header < lines.size() && !lines.get(header).trim().startsWith("|")) header++;
                if (header != t.line() - 1) return null;
                break;
            }
        }
        return where + " names no scenario (a FILE:LINE target is the line of a Scenario, Scenario Outline, Examples or "
                + "example row, Rule or Feature); the line is: " + text.trim();
    }

    final List<ScenarioResult> results = Collections.synchronizedList(new ArrayList<>());
    final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param roots   folders whose features count as areas (each scenario's area is its folder relative to a root)
     * @param targets feature files or folders to run
     * @param tags    a Cucumber tag expression, or null
     * @param out     the report folder
     */
    void run(List<Path> roots, List<Target> targets, String tags, Path out, Map<String, String> extraConfig) throws Exception {
        Files.createDirectories(out);
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (Target t : targets) {
            if (Files.isDirectory(t.path())) {
                selectors.add(DiscoverySelectors.selectDirectory(t.path().toFile()));
            } else if (t.line() > 0) {
                selectors.add(DiscoverySelectors.selectFile(t.path().toFile(),
                        org.junit.platform.engine.discovery.FilePosition.from(t.line())));
            } else {
                selectors.add(DiscoverySelectors.selectFile(t.path().toFile()));
            }
        }
        String plugins = String.join(", ",
                "html:" + out.resolve("cucumber.html"),
                "json:" + out.resolve("cucumber.json"),
                "junit:" + out.resolve("junit.xml"),
                "message:" + out.resolve("cucumber-messages.ndjson"));
        LauncherDiscoveryRequestBuilder rb = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("cucumber.glue", "dev.leafspec.steps")
                .configurationParameter("cucumber.plugin", plugins)
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.junit-platform.naming-strategy", "long")
                .configurationParameter("junit.platform.discovery.issue.severity.critical", "error")
                .filters(org.junit.platform.launcher.EngineFilter.includeEngines("cucumber"));
        if (tags != null && !tags.isBlank()) rb.configurationParameter("cucumber.filter.tags", tags);
        extraConfig.forEach(rb::configurationParameter);
        LauncherDiscoveryRequest request = rb.build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new Listener(roots));
    }

    /** A harness failure in words: a discovery issue (e.g. a Gherkin syntax error) without the launcher's wrapping. */
    static String describe(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int i = m.indexOf("during test discovery:");
        String d = i >= 0 ? m.substring(i + "during test discovery:".length()).trim() : m;
        String[] lines = d.split("\n");
        if (lines.length <= 12) return d;
        return String.join("\n", java.util.Arrays.copyOf(lines, 12)) + "\n    ... (" + (lines.length - 12) + " more lines)";
    }

    /** @return the step text of Cucumber's "The step 'X' is undefined" (or "... and N other step(s) are undefined"), or null */
    static String undefinedStep(String message) {
        if (message == null || !message.startsWith("The step ")) return null;
        int end = message.indexOf(" is undefined.");
        int others = message.indexOf(" and ");
        if (others > 0 && message.contains(" are undefined.") && (end < 0 || others < end)) end = others;
        if (end < 0) return null;
        String step = message.substring("The step ".length(), end).trim();
        if (step.length() >= 2 && (step.charAt(0) == '\'' || step.charAt(0) == '"')) step = step.substring(1, step.length() - 1);
        return step;
    }

    /** @return the line of {@code step} in the feature file, searched from the scenario's line (a Background's before it) */
    static int stepLine(Path file, int scenarioLine, String step) {
        try {
            List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            int from = Math.max(0, scenarioLine - 1);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = pass == 0 ? from : 0; i < lines.size(); i++) {
                    String t = lines.get(i).trim();
                    int sp = t.indexOf(' ');
                    if (sp > 0 && t.substring(sp + 1).trim().equals(step)) return i + 1;
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // fall back to the scenario's line
        }
        return scenarioLine;
    }

    private final class Listener implements TestExecutionListener {
        private final List<Path> roots;

        Listener(List<Path> roots) {
            this.roots = roots;
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    faults.add(new Fault(id.getDisplayName(), result.getThrowable().map(FeatureRunner::describe).orElse("failed")));
                }
                return;
            }
            Path file = file(id.getSource().orElse(null));
            ScenarioResult.Outcome outcome;
            String message = result.getThrowable().map(Throwable::getMessage).orElse("");
            if (message == null) message = result.getThrowable().map(Throwable::toString).orElse("");
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    outcome = ScenarioResult.Outcome.PASS;
                    message = "";
                }
                case ABORTED -> {
                    outcome = ScenarioResult.Outcome.NOT_SUPPORTED;
                    if (message.startsWith(NotSupported.PREFIX)) message = message.substring(NotSupported.PREFIX.length());
                }
                default -> {
                    outcome = ScenarioResult.Outcome.FAIL;
                    String step = undefinedStep(message);
                    if (step != null) {
                        // a suite-authoring error, not a verdict on the implementation: a harness fault (exit 2)
                        int line = line(id.getSource().orElse(null));
                        String at = file == null ? "?" : file + ":" + stepLine(file, line, step);
                        faults.add(new Fault(at, "undefined step '" + step + "' in scenario '" + id.getDisplayName() + "' (" + file + ":" + line
                                + "): no step definition matches it (the step vocabulary is in docs/steps.md)"));
                        return;
                    }
                }
            }
            List<String> tags = id.getTags().stream().map(t -> t.getName()).sorted().toList();
            results.add(new ScenarioResult(area(file), file == null ? "?" : file.toString(), line(id.getSource().orElse(null)),
                    id.getDisplayName(), tags, outcome, message));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            // scenarios left out by --tags are not results at all: they did not run
            if (reason != null && reason.contains("cucumber.filter.tags")) return;
            if (id.isTest()) {
                Path file = file(id.getSource().orElse(null));
                results.add(new ScenarioResult(area(file), file == null ? "?" : file.toString(), line(id.getSource().orElse(null)),
                        id.getDisplayName(),
                        id.getTags().stream().map(t -> t.getName()).sorted().toList(), ScenarioResult.Outcome.NOT_SUPPORTED, reason));
            }
        }

        private int line(TestSource source) {
            if (source instanceof FileSource fs) return fs.getPosition().map(p -> p.getLine()).orElse(0);
            if (source instanceof UriSource us) {
                String q = us.getUri().getQuery();
                if (q != null && q.startsWith("line=")) {
                    try {
                        return Integer.parseInt(q.substring(5).split("&")[0]);
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
            return 0;
        }

        private Path file(TestSource source) {
            if (source instanceof FileSource fs) return fs.getFile().toPath().toAbsolutePath().normalize();
            if (source instanceof UriSource us && "file".equals(us.getUri().getScheme())) {
                return Path.of(us.getUri().getPath()).toAbsolutePath().normalize();
            }
            return null;
        }

        private String area(Path file) {
            if (file == null) return "other";
            for (Path root : roots) {
                Path r = root.toAbsolutePath().normalize();
                if (file.startsWith(r)) {
                    Path rel = r.relativize(file).getParent();
                    return rel == null ? "(top)" : rel.toString().replace('\\', '/');
                }
            }
            Path parent = file.getParent();
            return parent == null ? "other" : parent.getFileName().toString();
        }
    }
}
