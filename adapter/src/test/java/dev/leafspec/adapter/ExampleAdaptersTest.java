package dev.leafspec.adapter;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The example adapters (examples/python/adapter.py, examples/c/adapter.c built with gcc) model the leaves they
 * declare, through ProcessImplementation. The full feature runs are in the CLI tests.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExampleAdaptersTest {
    static final Path HOME = Path.of(System.getProperty("leafspec.home", "..")).toAbsolutePath().normalize();
    static final long OPERAND_INVALID = 0xC000010000000000L;

    @TempDir
    Path dir;

    /** @return true once process {@code pid} is gone (a killed child is reaped asynchronously), waiting at most {@code ms} */
    static boolean goneWithin(long pid, long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > end) return false;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static boolean gccAvailable() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Builds examples/c/adapter.c with plain gcc into {@code dir}; skips the test (with the reason) without gcc. */
    static Path buildC(Path dir) throws Exception {
        Assumptions.assumeTrue(gccAvailable(), "gcc is not installed: the C example adapter cannot be built (CI has gcc)");
        Path exe = dir.resolve("adapter");
        Process p = new ProcessBuilder("gcc", "-O2", "-Wall", "-Werror", "-std=c99", "-o", exe.toString(),
                HOME.resolve("examples/c/adapter.c").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).withFailMessage("gcc failed:%n%s", out).isZero();
        return exe;
    }

    private static RegisterFile patterned() {
        RegisterFile r = new RegisterFile();
        for (int i = 0; i < 16; i++) r.gpr(i, 0x5EED_0000_0000_0000L | ((long) i << 8) | i);
        for (int i = 0; i < 16; i++) r.xmm(i, 0x5EED_0000_0000_1000L | i, 0x5EED_0000_0000_2000L | i);
        return r;
    }

    private static void exercise(ProcessImplementation p) {
        assertThat(p.capabilities().leaves()).containsExactlyInAnyOrder("TDG.VP.INFO", "TDG.VP.VMCALL", "TDG.VP.VMCALL<Instruction.CPUID>");
        p.reset();
        // TDG.VP.INFO with the default TD
        RegisterFile r = patterned().set(Gpr.RAX, 1);
        RegisterFile before = r.copy();
        p.call(Instruction.TDCALL, r);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RCX)).isEqualTo(48);
        assertThat(r.get(Gpr.RDX)).isZero();
        assertThat(r.get(Gpr.R8)).isEqualTo(0x0000_0008_0000_0004L);
        assertThat(r.get(Gpr.R9)).isZero();
        assertThat(r.get(Gpr.R10)).isEqualTo(1);
        assertThat(r.get(Gpr.R11)).isZero();
        for (Gpr g : List.of(Gpr.RBX, Gpr.RSP, Gpr.RBP, Gpr.RSI, Gpr.RDI, Gpr.R12, Gpr.R13, Gpr.R14, Gpr.R15)) {
            assertThat(r.get(g)).as(g.name()).isEqualTo(before.get(g));
        }
        // RAX decode: reserved bit, version 1, unknown leaf: TDX_OPERAND_INVALID (RAX) and nothing else changes
        for (long rax : new long[]{0x0000_0000_0100_0001L, 0x10001L, 13, 0xFFFF}) {
            RegisterFile bad = patterned().set(Gpr.RAX, rax);
            RegisterFile expect = bad.copy().set(Gpr.RAX, OPERAND_INVALID);
            p.call(Instruction.TDCALL, bad);
            assertThat(bad).as("RAX 0x%x", rax).isEqualTo(expect);
        }
        // a known leaf the example does not model is NOT_SUPPORTED, never faked
        NotSupportedException ns = catchThrowableOfType(NotSupportedException.class,
                () -> p.call(Instruction.TDCALL, patterned().set(Gpr.RAX, 4)));
        assertThat(ns.capability()).isEqualTo("leaf number 4");
        assertThat(catchThrowableOfType(NotSupportedException.class, () -> p.fixture("host.answer", Map.of())).capability())
                .isEqualTo("fixture host.answer");
        // TDG.VP.VMCALL: RSP in the bitmap is rejected with operand RCX, the host is not called
        RegisterFile v = patterned().set(Gpr.RAX, 0).set(Gpr.RCX, 0x3C10).set(Gpr.R10, 0).set(Gpr.R11, 10);
        RegisterFile vExpect = v.copy().set(Gpr.RAX, OPERAND_INVALID | 1);
        p.call(Instruction.TDCALL, v);
        assertThat(v).isEqualTo(vExpect);
        assertThat(p.observe("host.last-exit")).isNull();
        // Instruction.CPUID through the host's table; unselected registers (RBX, RSI, XMM4) restored
        p.fixture("host.cpuid", Map.of("leaf", "0x40000000", "subleaf", "0", "eax", "0x40000001", "ebx", "0x4B4D564B",
                "ecx", "0x564B4D56", "edx", "0x4D"));
        RegisterFile c = patterned().set(Gpr.RAX, 0).set(Gpr.RCX, 0xFC00 | (1L << 19)).set(Gpr.R10, 0).set(Gpr.R11, 10)
                .set(Gpr.R12, 0x40000000L).set(Gpr.R13, 0);
        RegisterFile cBefore = c.copy();
        p.call(Instruction.TDCALL, c);
        assertThat(c.get(Gpr.RAX)).isZero();
        assertThat(c.get(Gpr.RCX)).isEqualTo(cBefore.get(Gpr.RCX));
        assertThat(c.get(Gpr.R10)).isZero();
        assertThat(c.get(Gpr.R12)).isEqualTo(0x40000001L);
        assertThat(c.get(Gpr.R13)).isEqualTo(0x4B4D564BL);
        assertThat(c.get(Gpr.R14)).isEqualTo(0x564B4D56L);
        assertThat(c.get(Gpr.R15)).isEqualTo(0x4DL);
        assertThat(c.get(Gpr.RBX)).isEqualTo(cBefore.get(Gpr.RBX));
        assertThat(c.get(Gpr.RSI)).isEqualTo(cBefore.get(Gpr.RSI));
        assertThat(c.xmmLow(4)).isEqualTo(cBefore.xmmLow(4));
        assertThat(c.xmmLow(3)).isEqualTo(cBefore.xmmLow(3));
        RegisterFile host = p.observe("host.last-exit");
        assertThat(host).isNotNull();
        assertThat(host.get(Gpr.RAX)).isEqualTo(77);
        assertThat(host.get(Gpr.R12)).isEqualTo(0x40000000L);
        assertThat(host.get(Gpr.RBX)).isZero();
        assertThat(host.xmmLow(3)).as("XMM3 selected").isEqualTo(cBefore.xmmLow(3));
        assertThat(host.xmmLow(4)).as("XMM4 not selected").isZero();
        // td.config and the 1.0 module
        p.fixture("td.config", Map.of("GPAW", "52", "VERSION", "1.0", "VCPU_INDEX", "2"));
        RegisterFile i10 = patterned().set(Gpr.RAX, 1);
        p.call(Instruction.TDCALL, i10);
        assertThat(i10.get(Gpr.RCX)).isEqualTo(52);
        assertThat(i10.get(Gpr.R9)).isEqualTo(2);
        assertThat(i10.get(Gpr.R10)).isZero();
        // reset restores the defaults
        p.reset();
        RegisterFile again = patterned().set(Gpr.RAX, 1);
        p.call(Instruction.TDCALL, again);
        assertThat(again.get(Gpr.RCX)).isEqualTo(48);
    }

    @Test
    void thePythonExampleModelsItsLeaves() {
        try (ProcessImplementation p = new ProcessImplementation(AdapterSettings.of(
                List.of("python3", HOME.resolve("examples/python/adapter.py").toString())))) {
            assertThat(p.identity().name()).isEqualTo("LeafSpec Python example");
            exercise(p);
            assertThat(p.connection().close(2000)).isZero();
        }
    }

    @Test
    void theCExampleBuildsWithPlainGccAndModelsItsLeaves() throws Exception {
        Path exe = buildC(dir);
        try (ProcessImplementation p = new ProcessImplementation(AdapterSettings.of(List.of(exe.toString())))) {
            assertThat(p.identity().name()).isEqualTo("LeafSpec C example");
            exercise(p);
            // throughput of the full path (suite encode, pipe, C decode/model/encode, pipe, suite decode); printed, with a loose floor
            RegisterFile r = patterned().set(Gpr.RAX, 1);
            for (int i = 0; i < 20_000; i++) p.call(Instruction.TDCALL, r.set(Gpr.RAX, 1));
            int n = 100_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) p.call(Instruction.TDCALL, r.set(Gpr.RAX, 1));
            double perSec = n / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("C example adapter: %.0f TDG.VP.INFO calls/s through ProcessImplementation%n", perSec);
            assertThat(perSec).isGreaterThan(2_000);
            assertThat(p.connection().close(2000)).isZero();
        }
    }
}
