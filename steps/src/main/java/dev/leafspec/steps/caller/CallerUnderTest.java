package dev.leafspec.steps.caller;

import dev.leafspec.caller.CallerChecker;
import dev.leafspec.caller.CallerResult;
import dev.leafspec.caller.CallerSpec;
import dev.leafspec.caller.CallerSpecReader;
import dev.leafspec.caller.NativeHarness;
import dev.leafspec.spec.SpecError;
import dev.leafspec.spec.model.Catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The caller library and caller spec the features under {@code features/caller} certify, and the cached results of
 * running every function of the spec once (normal and module-error cases) through {@link CallerChecker}: every caller
 * scenario judges the same run, each for its rules.
 * <ul>
 *   <li>{@code leafspec.caller.lib} and {@code leafspec.caller.spec}: the library (.so) and its caller spec, set by
 *       {@code leafspec certify --caller LIB --caller-spec YAML} or by hand ({@code -Dleafspec.caller.lib=...}).
 *       Several pairs may be given, separated by the path separator, the n-th library with the n-th spec.</li>
 *   <li>unset: the bundled correct examples, {@code native/target/callers/libguest-ok.so} with
 *       {@code examples/callers/guest/guest-helpers.caller.yaml} and {@code libhost-ok.so} with
 *       {@code examples/callers/host/host-helpers.caller.yaml}.</li>
 *   <li>{@code leafspec.caller.timeout}: per-reply timeout of the harness in ms (default 5000).</li>
 * </ul>
 */
public final class CallerUnderTest {
    public static final String LIB_PROPERTY = "leafspec.caller.lib";
    public static final String SPEC_PROPERTY = "leafspec.caller.spec";
    public static final String TIMEOUT_PROPERTY = "leafspec.caller.timeout";

    /** One library with its caller spec. */
    public record Target(Path lib, Path spec) {
        public String describe() {
            return lib.getFileName() + " (" + spec.getFileName() + ")";
        }
    }

    /**
     * The outcome of running one target.
     *
     * @param spec    the parsed caller spec, or null when it has errors
     * @param problem a spec or harness problem that stopped the run (every scenario fails with it), or null
     * @param notSupported why nothing could run here (every scenario ends NOT_SUPPORTED), or null
     */
    public record Run(Target target, CallerSpec spec, List<CallerResult> results, String problem, String notSupported) {
    }

    private static final Map<String, Run> CACHE = new LinkedHashMap<>();

    private CallerUnderTest() {
    }

    /** @return the LeafSpec home: {@code leafspec.home}, {@code LEAFSPEC_HOME}, or the working directory or a parent holding leaf-specs/ */
    public static Path home() {
        String p = System.getProperty("leafspec.home");
        if (p == null || p.isBlank()) p = System.getenv("LEAFSPEC_HOME");
        if (p != null && !p.isBlank()) return Path.of(p).toAbsolutePath().normalize();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("leaf-specs").resolve("status"))) return d;
        }
        return Path.of("").toAbsolutePath();
    }

    /** @return the targets named by the system properties, or the bundled correct examples */
    public static List<Target> targets() {
        Path home = home();
        String libs = System.getProperty(LIB_PROPERTY);
        String specs = System.getProperty(SPEC_PROPERTY);
        List<Target> out = new ArrayList<>();
        if ((libs == null || libs.isBlank()) && (specs == null || specs.isBlank())) {
            out.add(new Target(home.resolve("native/target/callers/libguest-ok.so"), home.resolve("examples/callers/guest/guest-helpers.caller.yaml")));
            out.add(new Target(home.resolve("native/target/callers/libhost-ok.so"), home.resolve("examples/callers/host/host-helpers.caller.yaml")));
            return out;
        }
        if (libs == null || libs.isBlank() || specs == null || specs.isBlank()) {
            throw new IllegalArgumentException("-D" + LIB_PROPERTY + " and -D" + SPEC_PROPERTY + " go together (a library and its caller spec)");
        }
        String[] l = libs.split(java.io.File.pathSeparator);
        String[] s = specs.split(java.io.File.pathSeparator);
        if (l.length != s.length) {
            throw new IllegalArgumentException(LIB_PROPERTY + " names " + l.length + " libraries but " + SPEC_PROPERTY + " " + s.length + " caller specs");
        }
        for (int i = 0; i < l.length; i++) {
            out.add(new Target(Path.of(l[i].trim()).toAbsolutePath().normalize(), Path.of(s[i].trim()).toAbsolutePath().normalize()));
        }
        return out;
    }

    /** @return the cached run of {@code t}, running it first if this library and spec (as they are now) have not run */
    public static synchronized Run run(Target t, Catalogue catalogue) {
        String key = key(t, catalogue);
        Run r = CACHE.get(key);
        if (r == null) {
            r = runNow(t, catalogue);
            CACHE.put(key, r);
        }
        return r;
    }

    /** @return the run of {@code t} made during this process (by the caller features), if any */
    public static synchronized Optional<Run> cached(Target t, Catalogue catalogue) {
        return Optional.ofNullable(CACHE.get(key(t, catalogue)));
    }

    /** Forgets every run (a rebuilt library with the same timestamp would otherwise be judged from the cache). */
    public static synchronized void clear() {
        CACHE.clear();
    }

    private static String key(Target t, Catalogue catalogue) {
        return t.lib() + "|" + stamp(t.lib()) + "|" + t.spec() + "|" + stamp(t.spec()) + "|" + catalogue.bundleSha256();
    }

    private static String stamp(Path p) {
        try {
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    private static Run runNow(Target t, Catalogue catalogue) {
        Path home = home();
        if (!Files.isRegularFile(t.spec())) return new Run(t, null, List.of(), "no such caller spec: " + t.spec(), null);
        var read = CallerSpecReader.read(t.spec(), catalogue);
        if (!read.errors().isEmpty()) {
            return new Run(t, null, List.of(), "the caller spec has errors:\n" + String.join("\n",
                    read.errors().stream().map(SpecError::toString).toList()), null);
        }
        Optional<String> unavailable = NativeHarness.unavailableReason(home);
        if (unavailable.isPresent()) {
            // one NOT_SUPPORTED result per function, with the reason (the checker does not start the harness)
            return new Run(t, read.spec(), new CallerChecker(catalogue, home, 1000).certify(t.lib(), read.spec()), null, unavailable.get());
        }
        if (!Files.isRegularFile(t.lib())) return new Run(t, read.spec(), List.of(), "no such caller library: " + t.lib(), null);
        long timeout = Long.getLong(TIMEOUT_PROPERTY, 5000L);
        List<CallerResult> results = new CallerChecker(catalogue, home, timeout).certify(t.lib(), read.spec());
        String problem = null;
        List<String> harness = results.stream().filter(r -> r.function().equals("(harness)")).flatMap(r -> r.messages().stream()).toList();
        if (!harness.isEmpty()) problem = String.join("\n", harness);
        boolean allNotSupported = !results.isEmpty() && results.stream().allMatch(r -> r.status() == CallerResult.Status.NOT_SUPPORTED);
        String ns = allNotSupported ? results.get(0).messages().stream().findFirst().orElse("not supported") : null;
        return new Run(t, read.spec(), results, problem, ns);
    }
}
