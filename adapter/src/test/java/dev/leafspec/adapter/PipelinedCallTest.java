package dev.leafspec.adapter;

import dev.leafspec.adapter.AdapterFaultException.Reason;
import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** ProcessImplementation.callBatch / AdapterConnection.requestPipelined: order, ids, and faults inside a batch. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelinedCallTest {
    @TempDir
    Path dir;

    /** Register files whose RAX, RBX and XMM0 tell them apart. */
    private static List<RegisterFile> batch(int n) {
        List<RegisterFile> b = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            RegisterFile r = new RegisterFile();
            r.set(Gpr.RAX, 1000L * k);
            r.set(Gpr.RBX, 0x5EED_0000_0000_0000L | k);
            r.rflags(0x2 | ((long) k << 32));
            r.xmm(0, k, ~(long) k);
            b.add(r);
        }
        return b;
    }

    @Test
    void repliesAreMatchedInOrderAcrossSeveralWindows() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "good"))) {
            p.reset();
            long firstId = p.connection().peekNextId();
            List<RegisterFile> b = batch(150);
            p.callBatch(Instruction.TDCALL, b, 64);   // windows of 64, 64, 22
            for (int k = 0; k < b.size(); k++) {
                RegisterFile r = b.get(k);
                assertThat(r.get(Gpr.RAX)).as("RAX of call %d", k).isEqualTo(1000L * k + 1);
                assertThat(r.get(Gpr.RBX)).isEqualTo(0x5EED_0000_0000_0000L | k);
                assertThat(r.get(Gpr.R15)).isEqualTo(0x2 | ((long) k << 32));
                assertThat(r.xmmLow(15)).isEqualTo(k + 1L);
                assertThat(r.xmmHigh(15)).isEqualTo(~(long) k);
            }
            assertThat(p.connection().peekNextId()).isEqualTo(firstId + 150);
            // the connection stays in step: single calls and another batch after it
            RegisterFile one = batch(1).get(0);
            p.call(Instruction.TDCALL, one);
            assertThat(one.get(Gpr.RAX)).isEqualTo(1L);
            p.callBatch(Instruction.TDCALL, new ArrayList<>());
            List<RegisterFile> b2 = batch(3);
            p.callBatch(Instruction.TDCALL, b2, 1);
            assertThat(b2.get(2).get(Gpr.RAX)).isEqualTo(2001L);
        }
    }

    @Test
    void aWindowLargerThanTheUnreadLineLimitIsCapped() throws IOException {
        AdapterSettings s = FakeAdapters.settings(dir, "good").withLimits(1 << 20, 20);
        try (ProcessImplementation p = new ProcessImplementation(s)) {
            p.reset();
            List<RegisterFile> b = batch(100);
            p.callBatch(Instruction.TDCALL, b, 1000);
            assertThat(b.get(99).get(Gpr.RAX)).isEqualTo(99_001L);
        }
    }

    @Test
    void aWrongIdInTheMiddleOfABatchIsNamedAndNothingIsChanged() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "wrong-id-third"))) {
            p.reset();
            long firstId = p.connection().peekNextId();
            List<RegisterFile> b = batch(10);
            AdapterFaultException e = catchThrowableOfType(AdapterFaultException.class, () -> p.callBatch(Instruction.TDCALL, b));
            assertThat(e.reason()).isEqualTo(Reason.WRONG_ID);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: wrong-id: the reply to 'call' #" + (firstId + 2) + " (pipelined)")
                    .contains("carries id " + (firstId + 3));
            for (int k = 0; k < b.size(); k++) assertThat(b.get(k).get(Gpr.RAX)).isEqualTo(1000L * k);
            assertThat(p.connection().broken()).isTrue();
            assertThatThrownBy(() -> p.callBatch(Instruction.TDCALL, batch(2)))
                    .isInstanceOf(AdapterFaultException.class).hasMessageStartingWith("ADAPTER_ERROR: broken: ");
            p.reset();   // a fresh child, whose third call is wrong again: the first two of a new batch are fine
            assertThat(p.restarts()).isEqualTo(1);
            List<RegisterFile> two = batch(2);
            p.callBatch(Instruction.TDCALL, two);
            assertThat(two.get(1).get(Gpr.RAX)).isEqualTo(1001L);
        }
    }

    @Test
    void aHangInTheMiddleOfABatchEndsInATimeoutAndTheChildIsStopped() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "hang-third").withTimeoutMs(300))) {
            p.reset();
            long pid = p.connection().pid();
            long firstId = p.connection().peekNextId();
            long t0 = System.nanoTime();
            AdapterFaultException e = catchThrowableOfType(AdapterFaultException.class, () -> p.callBatch(Instruction.TDCALL, batch(8)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.getMessage()).startsWith("TIMEOUT: no reply to 'call' #" + (firstId + 2) + " (pipelined) within 300 ms");
            assertThat(ms).isBetween(250L, 3000L);
            assertThat(ExampleAdaptersTest.goneWithin(pid, 2000)).as("the child is stopped").isTrue();
            p.reset();
            assertThat(p.restarts()).isEqualTo(1);
        }
    }

    @Test
    void garbageInABatchIsNamed() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "garbage"))) {
            p.reset();
            AdapterFaultException e = catchThrowableOfType(AdapterFaultException.class, () -> p.callBatch(Instruction.TDCALL, batch(4)));
            assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
            assertThat(e.getMessage()).startsWith("ADAPTER_ERROR: garbage: ").contains("(pipelined)").contains("this is not json");
        }
    }

    @Test
    void anErrorReplyInABatchThrowsAfterTheEarlierResultsAndKeepsTheChild() throws IOException {
        try (ProcessImplementation p = new ProcessImplementation(FakeAdapters.settings(dir, "unsupported-third"))) {
            p.reset();
            List<RegisterFile> b = batch(6);
            NotSupportedException ns = catchThrowableOfType(NotSupportedException.class, () -> p.callBatch(Instruction.TDCALL, b));
            assertThat(ns.capability()).isEqualTo("leaf number 3");
            assertThat(b.get(0).get(Gpr.RAX)).isEqualTo(1L);
            assertThat(b.get(1).get(Gpr.RAX)).isEqualTo(1001L);
            for (int k = 2; k < 6; k++) assertThat(b.get(k).get(Gpr.RAX)).isEqualTo(1000L * k);
            assertThat(p.connection().broken()).isFalse();
            List<RegisterFile> more = batch(2);
            p.callBatch(Instruction.TDCALL, more);
            assertThat(more.get(1).get(Gpr.RAX)).isEqualTo(1001L);
        }
    }

    @Test
    void thePythonExampleAnswersPipelinedRequestsInOrder() {
        pipelineAgainst(List.of("python3", ExampleAdaptersTest.HOME.resolve("examples/python/adapter.py").toString()));
    }

    @Test
    void theCExampleAnswersPipelinedRequestsInOrder() throws Exception {
        pipelineAgainst(List.of(ExampleAdaptersTest.buildC(dir).toString()));
    }

    private static void pipelineAgainst(List<String> cmd) {
        try (ProcessImplementation p = new ProcessImplementation(AdapterSettings.of(cmd))) {
            p.reset();
            List<RegisterFile> b = new ArrayList<>();
            for (int k = 0; k < 100; k++) {
                // TDG.VP.INFO (leaf 1) and, every third call, an unknown leaf: TDX_OPERAND_INVALID, nothing else changed
                RegisterFile r = new RegisterFile().set(Gpr.RAX, k % 3 == 2 ? 0x7F : 1).set(Gpr.R12, k);
                b.add(r);
            }
            p.callBatch(Instruction.TDCALL, b, 32);
            for (int k = 0; k < 100; k++) {
                RegisterFile r = b.get(k);
                assertThat(r.get(Gpr.RAX)).as("%s call %d", cmd, k).isEqualTo(k % 3 == 2 ? ExampleAdaptersTest.OPERAND_INVALID : 0L);
                if (k % 3 != 2) assertThat(r.get(Gpr.RCX)).as("GPAW").isEqualTo(48);
                assertThat(r.get(Gpr.R12)).isEqualTo(k);
            }
        }
    }
}
