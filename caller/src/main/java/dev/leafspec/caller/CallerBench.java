package dev.leafspec.caller;

import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A measurement (not a test): trapped calls per second of caller functions through the harness and the reference
 * engine, every case complete (native call, trap, engine answer, resume, every check), against the trap-only cost
 * (SIGILL + skip, no engine) measured by the harness itself in the same run. {@code bench/run} runs it and
 * bench/report.py puts the result in bench/RESULTS.md.
 *
 * <pre>java -cp caller/target/classes:$(cat classpath) dev.leafspec.caller.CallerBench [N] [LIB] [SPEC] [SYMBOL|all] [--tsv FILE]</pre>
 *
 * Each function is measured pipelined ({@link CallerChecker#runPipelined}: the next call's command goes with the
 * answer to the current trap) and synchronously ({@link CallerChecker#runCase}: one call after the other). With
 * {@code --tsv FILE} the numbers are also written as tab-separated lines (kind, function, calls/s, traps, seconds).
 */
public final class CallerBench {
    private CallerBench() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(argv));
        Path tsv = null;
        int t = args.indexOf("--tsv");
        if (t >= 0) {
            tsv = Path.of(args.get(t + 1));
            args.remove(t + 1);
            args.remove(t);
        }
        Path home = Path.of(System.getProperty("leafspec.home", ".")).toAbsolutePath().normalize();
        int n = args.size() > 0 ? Integer.parseInt(args.get(0)) : 20000;
        Path lib = home.resolve(args.size() > 1 ? args.get(1) : "native/target/callers/libguest-ok.so");
        Path specFile = home.resolve(args.size() > 2 ? args.get(2) : "examples/callers/guest/guest-helpers.caller.yaml");
        String only = args.size() > 3 && !args.get(3).equals("all") ? args.get(3) : null;
        Catalogue cat = SpecLoader.loadCatalogue(home.resolve("leaf-specs"));
        CallerSpec spec = CallerSpecReader.read(specFile, cat).spec();
        CallerChecker checker = new CallerChecker(cat, home, 10_000);
        Path bin = NativeHarness.locate(home).orElseThrow(() -> new IllegalStateException(NativeHarness.unavailableReason(home).orElse("?")));
        StringBuilder rows = new StringBuilder("kind\tfunction\tcalls_per_s\ttraps\tseconds\n");
        try (NativeHarness h = new NativeHarness(bin, lib, 10_000)) {
            System.out.printf("harness: %s, YMM upper halves %s%n", bin, h.ymm() ? "carried (AVX)" : "not available (no AVX state)");
            // warm-up: the JIT compiles the checker and the engine paths
            for (CallerSpec.Function f : spec.functions()) {
                if (only != null && !f.symbol().equals(only)) continue;
                checker.runPipelined(h, spec, f, false, Math.max(3000, n));
                for (int i = 0; i < 500; i++) checker.runCase(h, spec, f, false);
            }
            double trapOnly = trapOnly(h, n);
            System.out.printf("trap only (SIGILL, skip, no engine):      %,12.0f traps/s (%.2f us each)%n", trapOnly, 1e6 / trapOnly);
            rows.append(String.format(Locale.ROOT, "trap-only\t-\t%.1f\t%d\t%.6f%n", trapOnly, n, n / trapOnly));
            long allTraps = 0;
            double allSec = 0;
            for (CallerSpec.Function f : spec.functions()) {
                if (only != null && !f.symbol().equals(only)) continue;
                for (boolean pipelined : new boolean[] {true, false}) {
                    long t0 = System.nanoTime();
                    int traps = 0, failed = 0;
                    if (pipelined) {
                        for (CallerResult r : checker.runPipelined(h, spec, f, false, n)) {
                            traps += r.traps();
                            if (r.status() != CallerResult.Status.PASS) failed++;
                        }
                    } else {
                        for (int i = 0; i < n / 4; i++) {
                            CallerResult r = checker.runCase(h, spec, f, false);
                            traps += r.traps();
                            if (r.status() != CallerResult.Status.PASS) failed++;
                        }
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    String kind = pipelined ? "pipelined" : "synchronous";
                    if (pipelined) {
                        allTraps += traps;
                        allSec += s;
                    }
                    System.out.printf("%-15s %-12s (%s, checked): %,10.0f trapped calls/s (%.2f us each; %.1fx the trap-only cost)%s%n",
                            f.symbol(), kind, f.issues(), traps / s, 1e6 * s / traps, trapOnly * s / traps,
                            failed > 0 ? "  [" + failed + " cases did not PASS]" : "");
                    rows.append(String.format(Locale.ROOT, "%s\t%s\t%.1f\t%d\t%.6f%n", kind, f.symbol(), traps / s, traps, s));
                }
            }
            double after = trapOnly(h, n);
            System.out.printf("trap only again (after the functions):   %,12.0f traps/s%n", after);
            rows.append(String.format(Locale.ROOT, "trap-only-after\t-\t%.1f\t%d\t%.6f%n", after, n, n / after));
            if (allSec > 0) {
                System.out.printf("all functions, pipelined: %,.0f trapped calls/s%n", allTraps / allSec);
                rows.append(String.format(Locale.ROOT, "pipelined-all\t-\t%.1f\t%d\t%.6f%n", allTraps / allSec, allTraps, allSec));
            }
        }
        if (tsv != null) java.nio.file.Files.writeString(tsv, rows);
    }

    private static double trapOnly(NativeHarness h, int n) throws java.io.IOException {
        h.send("T " + Integer.toHexString(n));
        var t = h.nextJson();
        return t.get("trap-only").asDouble() / (t.get("ns").asDouble() / 1e9);
    }
}
