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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * TDG.VP.VMCALL round trips through the reference engine's host VMM model: the module builds the host's
 * view of the exit, the host answers, the module copies the selected registers back. Every invocation first
 * resets the guest's inputs (a {@link RegisterFile#copyFrom}), so the same-run baseline is that reset plus a
 * trivial SPI call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class VmcallBench {
    static final long SUCCESS = 0;
    /** GHCI sub-function numbers (R11). */
    static final long INSTRUCTION_CPUID = 10, MAP_GPA = 0x10001;

    private LeafImplementation engine;
    private LeafImplementation trivial;
    private RegisterFile regs;
    private RegisterFile cpuidIn;
    private RegisterFile mapGpaIn;

    @Setup
    public void setUp() {
        engine = new TdxModule();
        engine.fixture("host.cpuid", Map.of("leaf", "0x1", "subleaf", "0", "eax", "0x806F8",
                "ebx", "0x00800800", "ecx", "0xFEFA3203", "edx", "0x178BFBFF"));
        trivial = new TrivialImplementation();
        regs = new RegisterFile();

        // Instruction.CPUID: RCX selects R10..R15 (0xFC00); R10 = 0 (GHCI standard), R11 = 10, R12 = EAX, R13 = ECX
        cpuidIn = new RegisterFile();
        for (int i = 0; i < 16; i++) cpuidIn.gpr(i, 0x5EED000000000000L | (long) i << 8 | i);
        cpuidIn.gpr(0, 0);
        cpuidIn.gpr(1, 0xFC00);
        cpuidIn.gpr(10, 0);
        cpuidIn.gpr(11, INSTRUCTION_CPUID);
        cpuidIn.gpr(12, 1);
        cpuidIn.gpr(13, 0);

        // MapGPA: RCX selects R10..R13 (0x3C00); R12 = a private GPA (convert to private: idempotent), R13 = 4 KB
        mapGpaIn = cpuidIn.copy();
        mapGpaIn.gpr(1, 0x3C00);
        mapGpaIn.gpr(11, MAP_GPA);
        mapGpaIn.gpr(12, 0x200000);
        mapGpaIn.gpr(13, 0x1000);

        check("Instruction.CPUID", cpuidIn, true);
        check("MapGPA", mapGpaIn, false);
    }

    private void check(String what, RegisterFile in, boolean cpuid) {
        regs.copyFrom(in);
        engine.call(Instruction.TDCALL, regs);
        if (regs.gpr(0) != SUCCESS || regs.gpr(10) != SUCCESS || (cpuid && regs.gpr(12) != 0x806F8)) {
            throw new IllegalStateException("TDG.VP.VMCALL<" + what + "> did not succeed:\n" + regs);
        }
    }

    /** TDG.VP.VMCALL&lt;Instruction.CPUID&gt; (leaf 1) round trip, inputs reset each invocation. */
    @Benchmark
    public long vmcallCpuid() {
        RegisterFile r = regs;
        r.copyFrom(cpuidIn);
        engine.call(Instruction.TDCALL, r);
        return r.gpr(10) ^ r.gpr(12);
    }

    /** TDG.VP.VMCALL&lt;MapGPA&gt; (4 KB to private) round trip, inputs reset each invocation. */
    @Benchmark
    public long vmcallMapGpa() {
        RegisterFile r = regs;
        r.copyFrom(mapGpaIn);
        engine.call(Instruction.TDCALL, r);
        return r.gpr(10) ^ r.gpr(11);
    }

    /** Baseline: the same input reset plus a trivial SPI call that only writes RAX = 0. */
    @Benchmark
    public long baselineResetAndTrivialCall() {
        RegisterFile r = regs;
        r.copyFrom(cpuidIn);
        trivial.call(Instruction.TDCALL, r);
        return r.gpr(10) ^ r.gpr(12);
    }
}
