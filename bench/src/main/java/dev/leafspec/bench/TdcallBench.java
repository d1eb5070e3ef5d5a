package dev.leafspec.bench;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.engine.TdxModule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

/**
 * TDG.VP.INFO (TDCALL leaf 1) on the reference engine against two same-run baselines: a trivial
 * {@link LeafImplementation} call that only writes RAX = 0, and a {@link RegisterFile#copyFrom} of a whole
 * register file. One thread: the SPI is single-threaded by contract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class TdcallBench {
    /** Both fields have the interface type, so both benchmarks call through the same SPI. */
    private LeafImplementation engine;
    private LeafImplementation trivial;
    private RegisterFile regs;
    private RegisterFile source;

    @Setup
    public void setUp() {
        engine = new TdxModule();
        trivial = new TrivialImplementation();
        regs = new RegisterFile();
        source = new RegisterFile();
        for (int i = 0; i < 16; i++) source.gpr(i, 0x5EED000000000000L | (long) i << 8 | i);
        // sanity: the benchmark measures the success path, not an error
        regs.gpr(0, 1);
        engine.call(Instruction.TDCALL, regs);
        if (regs.gpr(0) != 0 || (regs.gpr(8) & 0xFFFFFFFFL) == 0) {
            throw new IllegalStateException("TDG.VP.INFO did not succeed:\n" + regs);
        }
    }

    /** One TDG.VP.INFO call: RAX = 1 (leaf 1, version 0), every output written back into the register file. */
    @Benchmark
    public long tdgVpInfo() {
        RegisterFile r = regs;
        r.gpr(0, 1);
        engine.call(Instruction.TDCALL, r);
        return r.gpr(0) ^ r.gpr(8);
    }

    /** Baseline: the same SPI call on an implementation that only writes RAX = 0. */
    @Benchmark
    public long baselineTrivialCall() {
        RegisterFile r = regs;
        r.gpr(0, 1);
        trivial.call(Instruction.TDCALL, r);
        return r.gpr(0) ^ r.gpr(8);
    }

    /** Baseline: copying a whole register file (16 GPRs, RFLAGS, 16 XMMs), as a harness does per call. */
    @Benchmark
    public long baselineRegisterFileCopy() {
        RegisterFile r = regs;
        r.copyFrom(source);
        return r.gpr(0) ^ r.gpr(8);
    }
}
