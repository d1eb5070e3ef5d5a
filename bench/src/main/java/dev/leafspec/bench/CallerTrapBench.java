package dev.leafspec.bench;

import dev.leafspec.caller.CallerChecker;
import dev.leafspec.caller.CallerResult;
import dev.leafspec.caller.CallerSpec;
import dev.leafspec.caller.CallerSpecReader;
import dev.leafspec.caller.NativeHarness;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Trapped calls end to end (issue 5): the example guest helpers (native/target/callers/libguest-ok.so, built from
 * examples/callers/guest by native/build.sh) run natively in the harness (native/harness.c); each TDCALL raises SIGILL,
 * goes to the reference engine, its answer is written back, the function resumes and returns, and every caller rule
 * is checked ({@link CallerChecker}). The score counts calls; every call is a complete case (fresh engine, all
 * checks) and must PASS, else the benchmark fails.
 *
 * <p>Same-run baseline: {@link #trapOnly}, the harness executing TDCALL in a loop with a SIGILL handler that only skips
 * it (no engine, no pipe), timed by the harness itself. Without the harness (no gcc, not x86-64 Linux) the setup
 * fails with the reason and bench/run reports the benchmark as not run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class CallerTrapBench {
    /** Calls per benchmark invocation (pipelined: each call's command is sent with the answer to the previous trap). */
    public static final int BATCH = 256;
    /** Traps per trap-only invocation. */
    public static final int TRAPS = 4096;

    private NativeHarness harness;
    private CallerChecker checker;
    private CallerSpec spec;
    private CallerSpec.Function tdvmcall;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path root = findRoot();
        NativeHarness.unavailableReason(root).ifPresent(r -> {
            throw new IllegalStateException("CallerTrapBench skipped: " + r);
        });
        Catalogue cat = SpecLoader.loadCatalogue(root.resolve("leaf-specs"));
        var read = CallerSpecReader.read(root.resolve("examples/callers/guest/guest-helpers.caller.yaml"), cat);
        if (!read.errors().isEmpty()) throw new IllegalStateException("guest-helpers.caller.yaml: " + read.errors());
        spec = read.spec();
        tdvmcall = spec.functions().stream().filter(f -> f.symbol().equals("ex_tdvmcall")).findFirst().orElseThrow();
        checker = new CallerChecker(cat, root, 10_000);
        harness = new NativeHarness(NativeHarness.locate(root).orElseThrow(), root.resolve("native/target/callers/libguest-ok.so"), 10_000);
        // JIT warm-up of the checker, the engine and the harness protocol beyond JMH's short warm-up iterations (the
        // engine is a lot of code for C2 on 2 CPUs); every call is checked here too
        for (CallerSpec.Function f : spec.functions()) checked(checker.runPipelined(harness, spec, f, false, WARMUP_CALLS));
        for (int i = 0; i < WARMUP_CALLS / 4; i++) checked(List.of(checker.runCase(harness, spec, tdvmcall, false)));
    }

    /** Calls of each function made by the trial set-up before JMH's own warm-up iterations. */
    static final int WARMUP_CALLS = 8000;

    @TearDown(Level.Trial)
    public void tearDown() {
        if (harness != null) harness.close();
    }

    private static Path findRoot() {
        for (Path p : List.of(Path.of("."), Path.of(".."))) {
            if (Files.isRegularFile(p.resolve("examples/callers/guest/guest-helpers.caller.yaml")) && Files.isDirectory(p.resolve("leaf-specs"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("CallerTrapBench: run from the repository root or bench/ (examples/callers not found from "
                + Path.of("").toAbsolutePath() + ")");
    }

    private static int checked(List<CallerResult> results) {
        int traps = 0;
        for (CallerResult r : results) {
            if (r.status() != CallerResult.Status.PASS) throw new IllegalStateException("a checked call did not PASS: " + r);
            traps += r.traps();
        }
        return traps;
    }

    /** {@value #BATCH} calls of ex_tdvmcall (TDG.VP.VMCALL&lt;Instruction.CPUID&gt;, hostile host, bitmap checks), pipelined. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int pipelinedTdvmcall() throws IOException {
        return checked(checker.runPipelined(harness, spec, tdvmcall, false, BATCH));
    }

    /** {@value #BATCH} calls spread over every function of the example spec (TDCALL helpers, TDVMCALL, port I/O), pipelined. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int pipelinedAllFunctions() throws IOException {
        int traps = 0;
        int per = BATCH / spec.functions().size();
        int rest = BATCH - per * spec.functions().size();
        for (CallerSpec.Function f : spec.functions()) {
            traps += checked(checker.runPipelined(harness, spec, f, false, per + (rest-- > 0 ? 1 : 0)));
        }
        return traps;
    }

    /** One ex_tdvmcall call at a time: command, trap, answer, return (two pipe round trips). */
    @Benchmark
    public int synchronousTdvmcall() throws IOException {
        return checked(List.of(checker.runCase(harness, spec, tdvmcall, false)));
    }

    /** Baseline: {@value #TRAPS} TDCALLs trapped and skipped by the harness (SIGILL delivery and return only). */
    @Benchmark
    @OperationsPerInvocation(TRAPS)
    public long trapOnly() throws IOException {
        harness.send("T " + Integer.toHexString(TRAPS));
        var t = harness.nextJson();
        if (t.path("trap-only").asInt() != TRAPS) throw new IllegalStateException("trap-only run: " + t);
        return t.path("ns").asLong();
    }
}
