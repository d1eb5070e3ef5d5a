package dev.leafspec.caller;

import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;

import java.nio.file.Path;

/**
 * A quick measurement (not a test): trapped calls per second of a caller function through the harness and the reference
 * engine, against the trap-only cost (SIGILL + skip, no engine) measured by the harness itself.
 *
 * <pre>java -cp caller/target/classes:$(cat classpath) dev.leafspec.caller.CallerBench [N] [LIB] [SPEC] [SYMBOL]</pre>
 */
public final class CallerBench {
    private CallerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("leafspec.home", ".")).toAbsolutePath().normalize();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        Path lib = home.resolve(args.length > 1 ? args[1] : "native/target/callers/libguest-ok.so");
        Path specFile = home.resolve(args.length > 2 ? args[2] : "examples/callers/guest/guest-helpers.caller.yaml");
        Catalogue cat = SpecLoader.loadCatalogue(home.resolve("leaf-specs"));
        CallerSpec spec = CallerSpecReader.read(specFile, cat).spec();
        CallerChecker checker = new CallerChecker(cat, home, 10_000);
        Path bin = NativeHarness.locate(home).orElseThrow(() -> new IllegalStateException(NativeHarness.unavailableReason(home).orElse("?")));
        try (NativeHarness h = new NativeHarness(bin, lib, 10_000)) {
            h.send("T " + Integer.toHexString(n));
            var t = h.next();
            double trapOnly = t.get("trap-only").asDouble() / (t.get("ns").asDouble() / 1e9);
            System.out.printf("trap only (SIGILL, skip, no engine):      %,12.0f traps/s (%.2f us each)%n", trapOnly, 1e6 / trapOnly);
            for (CallerSpec.Function f : spec.functions()) {
                if (args.length > 3 && !f.symbol().equals(args[3])) continue;
                for (int i = 0; i < 2000; i++) checker.runCase(h, spec, f, false); // warm-up
                long t0 = System.nanoTime();
                int traps = 0;
                for (int i = 0; i < n; i++) traps += checker.runCase(h, spec, f, false).traps();
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%-22s (%s, checked): %,12.0f trapped calls/s (%.2f us each; %.1fx the trap-only cost)%n",
                        f.symbol(), f.issues(), traps / s, 1e6 * s / traps, trapOnly * s / traps);
            }
        }
    }
}
