package dev.leafspec.bench;

import dev.leafspec.adapter.AdapterSettings;
import dev.leafspec.adapter.ProcessImplementation;
import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Process-adapter round trips (issue 4): TDG.VP.INFO through {@link ProcessImplementation} to the C example adapter
 * (examples/c/adapter.c), one call at a time ({@link ProcessImplementation#call}) and pipelined in batches of
 * {@value #BATCH} ({@link ProcessImplementation#callBatch}). The same-run baseline is the same traffic to a bare
 * echo over the same pipe (bench/src/main/c/echo_adapter.c: every request line comes back as its own reply), so the
 * ratio is the adapter's own cost on top of the pipe and the suite's JSON encoding and parsing.
 *
 * <p>Both programs are compiled with gcc into a temporary folder by the trial setup; without gcc the setup fails
 * with a message saying so (bench/run then leaves this benchmark out). The sources are found from the working
 * directory: the repository root or bench/.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class AdapterBench {
    /** Calls per pipelined batch (and the window: the whole batch is written before its replies are read). */
    public static final int BATCH = 64;

    private Path tmp;
    private ProcessImplementation cAdapter;
    private ProcessImplementation echo;
    private RegisterFile input;
    private RegisterFile one;
    private List<RegisterFile> batch;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        Path root = findRoot();
        tmp = Files.createTempDirectory("leafspec-adapterbench");
        Path c = gcc(root.resolve("examples/c/adapter.c"), tmp.resolve("adapter"));
        Path e = gcc(root.resolve("bench/src/main/c/echo_adapter.c"), tmp.resolve("echo_adapter"));
        cAdapter = new ProcessImplementation(AdapterSettings.of(List.of(c.toString())));
        echo = new ProcessImplementation(AdapterSettings.of(List.of(e.toString())));
        cAdapter.reset();
        echo.reset();

        input = new RegisterFile();
        for (int i = 0; i < 16; i++) input.gpr(i, 0x5EED000000000000L | (long) i << 8 | i);
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) input.xmm(i, 0x5EED000000001000L | i, 0x5EED000000002000L | i);
        input.set(Gpr.RAX, 1);   // TDG.VP.INFO
        one = new RegisterFile();
        batch = new ArrayList<>();
        for (int k = 0; k < BATCH; k++) batch.add(new RegisterFile());

        // the C adapter really answers TDG.VP.INFO (RAX = TDX_SUCCESS, RCX = GPAW 48), the echo returns the input
        one.copyFrom(input);
        cAdapter.call(Instruction.TDCALL, one);
        if (one.get(Gpr.RAX) != 0 || one.get(Gpr.RCX) != 48) throw new IllegalStateException("TDG.VP.INFO did not succeed:\n" + one);
        resetBatch();
        cAdapter.callBatch(Instruction.TDCALL, batch, BATCH);
        for (RegisterFile r : batch) {
            if (r.get(Gpr.RAX) != 0 || r.get(Gpr.RCX) != 48) throw new IllegalStateException("pipelined TDG.VP.INFO did not succeed:\n" + r);
        }
        one.copyFrom(input);
        echo.call(Instruction.TDCALL, one);
        if (!one.equals(input)) throw new IllegalStateException("the echo did not return the register file:\n" + one);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (cAdapter != null) cAdapter.close();
        if (echo != null) echo.close();
        if (tmp != null) {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static Path findRoot() {
        for (Path p : List.of(Path.of("."), Path.of(".."))) {
            if (Files.isRegularFile(p.resolve("examples/c/adapter.c")) && Files.isRegularFile(p.resolve("bench/src/main/c/echo_adapter.c"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("AdapterBench: run from the repository root or bench/ (examples/c/adapter.c not found from "
                + Path.of("").toAbsolutePath() + ")");
    }

    private static Path gcc(Path src, Path exe) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("gcc", "-O2", "-Wall", "-std=c99", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("AdapterBench skipped: gcc is not installed, the C adapter and the echo baseline cannot be built ("
                    + e.getMessage() + ")", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException("AdapterBench: gcc failed on " + src + ":\n" + out);
        return exe;
    }

    private void resetBatch() {
        for (RegisterFile r : batch) r.copyFrom(input);
    }

    /** One TDG.VP.INFO round trip to the C example adapter: write the request, wait for its reply. */
    @Benchmark
    public long cAdapterCall() {
        RegisterFile r = one;
        r.copyFrom(input);
        cAdapter.call(Instruction.TDCALL, r);
        return r.gpr(1);
    }

    /** {@value #BATCH} TDG.VP.INFO calls to the C example adapter, pipelined; the score counts calls. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long cAdapterPipelined() {
        resetBatch();
        cAdapter.callBatch(Instruction.TDCALL, batch, BATCH);
        return batch.get(BATCH - 1).gpr(1);
    }

    /** Baseline: one round trip of the same request to a bare echo over the same pipe. */
    @Benchmark
    public long echoCall() {
        RegisterFile r = one;
        r.copyFrom(input);
        echo.call(Instruction.TDCALL, r);
        return r.gpr(1);
    }

    /** Baseline: {@value #BATCH} of the same requests to the bare echo, pipelined; the score counts calls. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long echoPipelined() {
        resetBatch();
        echo.callBatch(Instruction.TDCALL, batch, BATCH);
        return batch.get(BATCH - 1).gpr(1);
    }
}
