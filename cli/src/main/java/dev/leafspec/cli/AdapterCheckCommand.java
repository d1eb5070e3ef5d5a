package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leafspec.adapter.AdapterConnection;
import dev.leafspec.adapter.AdapterFaultException;
import dev.leafspec.adapter.ProcessImplementation;
import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code leafspec adapter-check --impl cmd:...}: checks that an out-of-process adapter speaks the protocol
 * (docs/adapter-protocol.md) before a full run: handshake, reset, one TDG.VP.INFO call, a malformed request and an
 * unknown op answered with error replies, a {@code sleep} past the timeout reported as TIMEOUT with a working
 * restart, and a clean {@code bye}. One PASS/FAIL line per check.
 */
@Command(name = "adapter-check", mixinStandardHelpOptions = true,
        description = {"Check that an out-of-process adapter (cmd:COMMAND) speaks the LeafSpec adapter protocol: "
                + "handshake, reset, a TDG.VP.INFO call, error replies to a malformed request and an unknown op, "
                + "a 'sleep' past the timeout (reported as TIMEOUT, then the adapter is restarted) and a clean bye.",
                "",
                "Exit codes: 0 every check passed; 2 a check failed or the arguments are wrong."})
final class AdapterCheckCommand implements Callable<Integer> {
    @Option(names = "--impl", required = true, paramLabel = "cmd:COMMAND",
            description = "The adapter command line, e.g. 'cmd:python3 examples/python/adapter.py'.")
    String impl;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
            description = "Per-request reply timeout in milliseconds (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--sleep-timeout", paramLabel = "MS", defaultValue = "500",
            description = "The timeout the timeout check uses; the adapter is asked to sleep 2 s longer (default: ${DEFAULT-VALUE}).")
    long sleepTimeoutMs;

    private final List<String> failures = new ArrayList<>();

    private void pass(String check, String detail) {
        System.out.printf("PASS  %-16s %s%n", check, detail);
    }

    private void fail(String check, String detail) {
        System.out.printf("FAIL  %-16s %s%n", check, detail);
        failures.add(check);
    }

    @Override
    public Integer call() {
        for (var o : new Object[][] {{"--timeout", timeoutMs}, {"--sleep-timeout", sleepTimeoutMs}}) {
            if ((long) o[1] <= 0) {
                System.err.println("leafspec adapter-check: " + o[0] + " must be a positive number of milliseconds, got " + o[1]);
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        if (!ProcessImplementation.handles(impl)) {
            System.err.println("leafspec adapter-check: --impl must be cmd:COMMAND (an adapter command line), got: " + impl);
            return LeafSpecCli.HARNESS_ERROR;
        }
        System.out.println("Checking adapter " + impl.substring(ProcessImplementation.PREFIX.length()));
        ProcessImplementation p;
        try {
            p = new ProcessImplementation(ProcessImplementation.settingsFor(impl).withTimeoutMs(timeoutMs));
        } catch (RuntimeException e) {
            fail("handshake", e.getMessage());
            for (String c : List.of("reset", "call", "malformed", "unknown-op", "timeout", "bye")) fail(c, "not run: no handshake");
            return summary();
        }
        try {
            var id = p.identity();
            var caps = p.capabilities();
            pass("handshake", "protocol 1; " + id.name() + " " + id.version() + " (" + id.vendor() + "); roles " + caps.roles()
                    + ", " + caps.leaves().size() + " leaves, spec versions " + caps.specVersions());
            check("reset", () -> {
                p.reset();
                return "ok";
            });
            check("call", () -> callInfo(p));
            check("malformed", () -> malformed(p));
            check("unknown-op", () -> unknownOp(p));
            check("timeout", () -> timeout(p));
            byeCheck(p);
        } finally {
            p.close();
        }
        return summary();
    }

    private interface Check {
        String run() throws Exception;
    }

    private void check(String name, Check c) {
        try {
            pass(name, c.run());
        } catch (CheckFailed e) {
            fail(name, e.getMessage());
        } catch (Exception e) {
            fail(name, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String m) {
            super(m);
        }
    }

    private static String callInfo(ProcessImplementation p) {
        RegisterFile r = new RegisterFile();
        for (int i = 0; i < 16; i++) r.gpr(i, 0x5EED_0000_0000_0000L | ((long) i << 8) | i);
        r.set(Gpr.RAX, 1);
        RegisterFile before = r.copy();
        p.call(Instruction.TDCALL, r);
        long rax = r.get(Gpr.RAX);
        long gpaw = r.get(Gpr.RCX) & 0x3F;
        if (rax != 0) throw new CheckFailed(String.format("TDG.VP.INFO returned RAX=0x%016x, expected TDX_SUCCESS (0)", rax));
        if (gpaw != 48 && gpaw != 52) throw new CheckFailed("TDG.VP.INFO returned GPAW " + gpaw + " in RCX[5:0], expected 48 or 52");
        if (r.get(Gpr.RSP) != before.get(Gpr.RSP)) throw new CheckFailed("TDG.VP.INFO changed RSP");
        return String.format("TDG.VP.INFO: RAX=0x0 (TDX_SUCCESS), GPAW %d, NUM_VCPUS %d, MAX_VCPUS %d",
                gpaw, r.get(Gpr.R8) & 0xFFFFFFFFL, r.get(Gpr.R8) >>> 32);
    }

    private String malformed(ProcessImplementation p) {
        AdapterConnection c = p.connection();
        JsonNode reply = c.sendRaw("{\"id\": this is not json", timeoutMs);
        String error = reply.path("error").asText("");
        if (!"bad-request".equals(error)) {
            throw new CheckFailed("expected {\"id\":null,\"error\":\"bad-request\",...}, got " + reply);
        }
        if (reply.has("id") && !reply.get("id").isNull()) throw new CheckFailed("the bad-request reply should carry \"id\":null, got " + reply);
        p.reset(); // still alive and answering
        return "answered bad-request (" + reply.path("message").asText("no message") + ") and kept running";
    }

    private String unknownOp(ProcessImplementation p) {
        JsonNode reply = p.connection().request("no-such-op", "", timeoutMs);
        if (!"not-supported".equals(reply.path("error").asText(""))) {
            throw new CheckFailed("expected {\"error\":\"not-supported\",\"capability\":\"op no-such-op\"}, got " + reply);
        }
        return "answered not-supported (" + reply.path("capability").asText("") + ")";
    }

    private String timeout(ProcessImplementation p) {
        AdapterConnection c = p.connection();
        JsonNode quick = c.request("sleep", ",\"ms\":10", timeoutMs);
        if (quick.hasNonNull("error")) {
            throw new CheckFailed("'sleep' (required by adapter-check) was answered with " + quick);
        }
        long pid = c.pid();
        long t0 = System.nanoTime();
        try {
            c.request("sleep", ",\"ms\":" + (sleepTimeoutMs + 2000), sleepTimeoutMs);
            throw new CheckFailed("a sleep of " + (sleepTimeoutMs + 2000) + " ms was answered within the " + sleepTimeoutMs + " ms timeout");
        } catch (AdapterFaultException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (e.reason() != AdapterFaultException.Reason.TIMEOUT || !e.getMessage().startsWith(AdapterFaultException.TIMEOUT_PREFIX)) {
                throw new CheckFailed("expected a TIMEOUT, got " + e.getMessage());
            }
            if (ms > sleepTimeoutMs + 1500) throw new CheckFailed("the TIMEOUT took " + ms + " ms for a " + sleepTimeoutMs + " ms timeout");
            p.reset();
            long newPid = p.connection().pid();
            callInfoOrReset(p);
            return "no reply within " + sleepTimeoutMs + " ms: TIMEOUT after " + ms + " ms; the adapter was stopped and restarted (pid "
                    + pid + " -> " + newPid + ") and answers again";
        }
    }

    private static void callInfoOrReset(ProcessImplementation p) {
        if (p.capabilities().supportsLeaf("TDG.VP.INFO")) callInfo(p);
    }

    private void byeCheck(ProcessImplementation p) {
        AdapterConnection c = p.connection();
        if (c.broken()) {
            fail("bye", "not run: the adapter failed earlier (" + c.fault().getMessage() + ")");
            return;
        }
        Integer code = c.close(2000);
        if (code == null) {
            fail("bye", c.fault() != null ? c.fault().getMessage() : "the adapter did not exit within 2 s after bye");
        } else if (code != 0) {
            fail("bye", "the adapter exited with code " + code + " after bye (expected 0)");
        } else {
            pass("bye", "answered and exited with code 0");
        }
    }

    private int summary() {
        if (failures.isEmpty()) {
            System.out.println("All checks passed.");
            return LeafSpecCli.OK;
        }
        System.out.println(failures.size() + " check(s) failed: " + String.join(", ", failures));
        return LeafSpecCli.HARNESS_ERROR;
    }
}
