package dev.leafspec.adapter;

import dev.leafspec.adapter.AdapterFaultException.Reason;
import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.api.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** ProcessImplementation against fake adapters: the good path and every named fault, never a hang. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessImplementationTest {
    @TempDir
    Path dir;

    private static RegisterFile sample() {
        RegisterFile r = new RegisterFile();
        for (int i = 0; i < 16; i++) r.gpr(i, 0x5EED_0000_0000_0000L | ((long) i << 8) | i);
        r.set(Gpr.RAX, 0xFFFF_FFFF_FFFF_FFFEL);
        r.set(Gpr.RBX, 0x8000_0000_0000_0001L);
        r.rflags(0x246);
        r.xmm(0, 0xFFFF_FFFF_FFFF_FFFFL, 0x1234_5678_9ABC_DEF0L);
        r.xmm(7, 0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L);
        return r;
    }

    private AdapterFaultException callFault(ProcessImplementation p) {
        p.reset();
        return catchThrowableOfType(AdapterFaultException.class, () -> p.call(Instruction.TDCALL, sample()));
    }

    @Test
    void aGoodAdapterRoundTripsEveryBitOfTheRegisterFile() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "good"))) {
            assertThat(p.identity().name()).isEqualTo("fake");
            assertThat(p.capabilities().roles()).containsExactly(Role.MODULE_TDCALL);
            assertThat(p.capabilities().supportsLeaf("TDG.VP.INFO")).isTrue();
            p.reset();
            RegisterFile r = sample();
            RegisterFile before = r.copy();
            p.call(Instruction.TDCALL, r);
            assertThat(r.get(Gpr.RAX)).isEqualTo(0xFFFF_FFFF_FFFF_FFFFL);
            assertThat(r.get(Gpr.RBX)).isEqualTo(0x8000_0000_0000_0001L);
            assertThat(r.get(Gpr.R15)).isEqualTo(0x246L);
            assertThat(r.rflags()).isEqualTo(0x246L);
            // XMM15 = XMM0 + 1 as a 128-bit number: the low half carries into the high half
            assertThat(r.xmmLow(15)).isZero();
            assertThat(r.xmmHigh(15)).isEqualTo(0x1234_5678_9ABC_DEF1L);
            assertThat(r.xmmLow(7)).isEqualTo(before.xmmLow(7));
            assertThat(r.xmmHigh(7)).isEqualTo(before.xmmHigh(7));
            for (int i = 2; i < 15; i++) if (i != 3) assertThat(r.gpr(i)).isEqualTo(before.gpr(i));
            p.fixture("td.config", Map.of("GPAW", "52"));
            NotSupportedException ns = catchThrowableOfType(NotSupportedException.class, () -> p.fixture("host.cpuid", Map.of()));
            assertThat(ns.capability()).isEqualTo("fixture host.cpuid");
            assertThatThrownBy(() -> p.fixture("bad", Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such value");
            assertThat(p.observe("host.last-exit")).isNull();
            assertThat(p.readGuestMemory(0x1000, 3)).containsExactly(0xAB, 0xAB, 0xAB);
            p.writeGuestMemory(0x1000, new byte[]{1, 2, 3});
            assertThat(p.connection().request("no-such-op", "").path("error").asText()).isEqualTo("not-supported");
            assertThat(p.connection().close(2000)).isZero();
        }
    }

    @Test
    void aCrashIsNamedWithTheExitCodeAndStderrAndTheNextResetRestarts() throws IOException {
        Path marker = dir.resolve("crashed");
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "crash-once", marker.toString()))) {
            long pid = p.connection().pid();
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.EXITED);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: exited: ").contains("exit code 3").contains("dying on purpose");
            assertThat(ExampleAdaptersTest.goneWithin(pid, 2000)).as("the child is stopped").isTrue();
            // before the reset the adapter stays broken: no silent reuse
            assertThat(catchThrowableOfType(AdapterFaultException.class, () -> p.call(Instruction.TDCALL, sample())).reason())
                    .isEqualTo(Reason.BROKEN);
            p.reset();
            assertThat(p.restarts()).isEqualTo(1);
            assertThat(p.connection().pid()).isNotEqualTo(pid);
            RegisterFile r = sample();
            p.call(Instruction.TDCALL, r);
            assertThat(r.get(Gpr.RAX)).isEqualTo(0xFFFF_FFFF_FFFF_FFFFL);
        }
    }

    @Test
    void aHangEndsInATimeoutAndTheChildIsStopped() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "hang").withTimeoutMs(300))) {
            long pid = p.connection().pid();
            long t0 = System.nanoTime();
            AdapterFaultException e = callFault(p);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.getMessage()).startsWith("TIMEOUT: no reply to 'call' #").contains("within 300 ms");
            assertThat(ms).isBetween(250L, 3000L);
            assertThat(ExampleAdaptersTest.goneWithin(pid, 2000)).as("the child is stopped").isTrue();
            p.reset();
            assertThat(p.restarts()).isEqualTo(1);
        }
    }

    @Test
    void aGarbageLineIsNamed() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "garbage"))) {
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: garbage: ").contains("this is not json");
        }
    }

    @Test
    void aTruncatedReplyIsNamed() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "truncated"))) {
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: truncated: ").contains("ends early");
        }
    }

    @Test
    void outputEndingMidLineIsATruncation() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "partial-exit"))) {
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
            assertThat(e.getMessage()).contains("in the middle of a line").contains("exit code 0");
        }
    }

    @Test
    void aReplyWithTheWrongIdIsNamed() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "wrong-id"))) {
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.WRONG_ID);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: wrong-id: ").contains("carries id");
        }
    }

    @Test
    void anOverlongLineIsAFlood() throws IOException {
        AdapterSettings s = FakeAdapters.settings(dir, "long-line").withLimits(64 * 1024, 256);
        try (ProcessImplementation p = new ProcessImplementation(s)) {
            long t0 = System.nanoTime();
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.LINE_TOO_LONG);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: line-too-long: a line longer than 65536 bytes");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1900); // found by the limit, not the timeout
        }
    }

    @Test
    void endlessBlankLinesAreAFlood() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "blank-flood"))) {
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_LINES);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: too-many-lines: ");
        }
    }

    @Test
    void unsolicitedLinesBetweenRequestsAreAFlood() throws IOException, InterruptedException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "unsolicited").withTimeoutMs(500))) {
            AdapterFaultException e = callFault(p);
            // the first unsolicited line is read as the reply: no id
            assertThat(e.reason()).isIn(Reason.BAD_REPLY, Reason.TOO_MANY_LINES);
        }
        // lines nobody asked for pile up between requests: the reader stops at the limit
        AdapterConnection c = AdapterConnection.start(FakeAdapters.settings(dir, "unsolicited").withLimits(1 << 20, 50), new StderrLog());
        try {
            c.request("hello", "", 5000);
            assertThatThrownBy(() -> c.request("call", ",\"insn\":\"TDCALL\",\"regs\":{}", 500)).isInstanceOf(AdapterFaultException.class);
        } finally {
            c.kill();
        }
    }

    @Test
    void malformedRegisterValuesAreABadReply() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "bad-regs"))) {
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.BAD_REPLY);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: bad-reply: ").contains("RAX must be a \"0x...\" hex string");
        }
    }

    @Test
    void anErrorTheProtocolDoesNotMapIsReportedButKeepsTheChild() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "reported-error"))) {
            AdapterFaultException e = callFault(p);
            assertThat(e.reason()).isEqualTo(Reason.ADAPTER_REPORTED);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: adapter-reported: ").contains("'internal'").contains("ZeroDivisionError");
            assertThat(p.connection().broken()).isFalse();
        }
    }

    @Test
    void anotherProtocolVersionFailsTheHandshake() throws IOException {
        AdapterFaultException e = catchThrowableOfType(AdapterFaultException.class,
                () -> new ProcessImplementation(FakeAdapters.settings(dir, "protocol-2")));
        assertThat(e.reason()).isEqualTo(Reason.HANDSHAKE);
        assertThat(e.getMessage()).isEqualTo("ADAPTER_ERROR: handshake: the adapter speaks protocol 2, this suite speaks 1");
    }

    @Test
    void aProgramThatDoesNotExistCannotStart() {
        AdapterFaultException e = catchThrowableOfType(AdapterFaultException.class,
                () -> ProcessImplementation.fromSpec("cmd:" + dir.resolve("no-such-adapter")));
        assertThat(e.reason()).isEqualTo(Reason.START_FAILED);
        assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: start-failed: cannot start ");
    }

    @Test
    void aChildThatExitsAtOnceFailsTheHandshakeAsAnExit() {
        AdapterFaultException e = catchThrowableOfType(AdapterFaultException.class,
                () -> new ProcessImplementation(AdapterSettings.of(List.of("sh", "-c", "echo broken >&2; exit 7"))));
        assertThat(e.reason()).isEqualTo(Reason.EXITED);
        assertThat(e.getMessage()).contains("exit code 7").contains("broken");
    }

    @Test
    void cmdPrefixAndCommandLineSplitting() {
        assertThat(ProcessImplementation.handles("cmd:python3 a.py")).isTrue();
        assertThat(ProcessImplementation.handles("LeafSpec reference engine")).isFalse();
        assertThat(CommandLines.split("python3  'my dir/a.py' \"x y\" a\\ b")).containsExactly("python3", "my dir/a.py", "x y", "a b");
        assertThatThrownBy(() -> CommandLines.split("a 'b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLines.split("   ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AdapterSettings.of("a").timeoutMs()).isEqualTo(5000);
    }
}
