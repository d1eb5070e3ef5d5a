package dev.leafspec.caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The native harness ({@code native/harness.c}) as a child process: one per caller library. Command lines go to its
 * stdin; replies come back from its stdout as fixed-layout records (trap {@code t}, return {@code d}) or JSON lines
 * (hello, fault, aborted, error, trap-only). Protocol 2, in the header of harness.c and in docs/caller-spec-format.md.
 * What is sent is buffered and written when the next reply is awaited and none is buffered yet, so a command sent
 * ahead travels with the answer to a trap (one pipe round trip a call). A watchdog kills the child when a reply takes
 * longer than the timeout; reading then ends with an IOException.
 */
public final class NativeHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader in;
    private final BufferedWriter out;
    private final long timeoutMs;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile boolean timedOut;
    private final Thread watchdog;
    private final boolean ymm;
    private final char[] answer = new char[2 + 17 * (16 + 1 + 32 + 32)];
    private int alen;
    /**
     * The most each side polls for the other's reply before it blocks (system property leafspec.harness.spinUs; default
     * 100 µs with 2 or more CPUs, else 0): a reply within it costs no sleep and wake-up, which is most of a pipe round
     * trip (tens of µs on a VM). The budget adapts on both sides: back to the maximum after a reply that came while
     * polling, halved after one that did not, with every 16th wait polling the maximum again; so on a machine too
     * busy for polling to pay it costs little, and it comes back when the machine is quiet.
     */
    static final long SPIN_US = Long.getLong("leafspec.harness.spinUs", Runtime.getRuntime().availableProcessors() > 1 ? 100 : 0);
    private final long spinMaxNs;
    private long spinNs;
    private int spinWaits;

    /** A reply of the harness: a fixed-layout record (TRAP, DONE) or a JSON line (the rest, in {@link #json}). */
    public static final class Reply {
        public enum Kind { TRAP, DONE, FAULT, ABORTED, ERROR, OTHER }

        public final Kind kind;
        /** the JSON line (FAULT, ABORTED, ERROR, OTHER), else null */
        public final JsonNode json;
        /** TRAP: TDCALL or SEAMCALL */
        public final Instruction instruction;
        /** TRAP: the address of the instruction */
        public final long rip;
        /** TRAP: the register file at the instruction; DONE: right after the return */
        public final RegisterFile regs;
        /** YMM0..15 bits 255:128 as (low, high) pairs, or null when the harness has no AVX state */
        public final long[] ymmh;
        /** DONE: RSP at the call instruction */
        public final long entryRsp;
        /** DONE: register index -> the buffer passed in it, as it is after the return */
        public final Map<Integer, byte[]> bufs;

        private Reply(Kind kind, JsonNode json, Instruction instruction, long rip, RegisterFile regs, long[] ymmh, long entryRsp,
                      Map<Integer, byte[]> bufs) {
            this.kind = kind;
            this.json = json;
            this.instruction = instruction;
            this.rip = rip;
            this.regs = regs;
            this.ymmh = ymmh;
            this.entryRsp = entryRsp;
            this.bufs = bufs;
        }
    }

    /*
     * System property leafspec.harness.ymm=off starts the harness as on a CPU without AVX state (the YMM upper halves
     * are then neither carried nor checked, and results say so).
     */

    /**
     * Finds the harness binary: system property {@code leafspec.harness}, else {@code native/target/leafspec-harness}
     * under {@code home}.
     *
     * @return the binary, or empty when it is not there (see {@link #unavailableReason})
     */
    public static Optional<Path> locate(Path home) {
        String p = System.getProperty("leafspec.harness");
        Path bin = p != null && !p.isBlank() ? Path.of(p) : home.resolve("native/target/leafspec-harness");
        return Files.isExecutable(bin) ? Optional.of(bin) : Optional.empty();
    }

    /** @return why caller scenarios cannot run here, or empty when they can */
    public static Optional<String> unavailableReason(Path home) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("TDCALL/SEAMCALL trapping needs x86-64 Linux (this is " + os + " " + arch + ")");
        }
        if (locate(home).isPresent()) return Optional.empty();
        Path why = home.resolve("native/target/harness-unavailable.txt");
        try {
            if (Files.exists(why)) return Optional.of("native harness not built: " + Files.readString(why).trim());
        } catch (IOException ignored) {
            // fall through
        }
        return Optional.of("native harness not built: " + home.resolve("native/target/leafspec-harness")
                + " is missing (build it with `mvn -pl native compile` or `sh native/build.sh`; needs gcc)");
    }

    /** Starts the harness on {@code library} and reads its hello line. */
    public NativeHarness(Path harness, Path library, long timeoutMs) throws IOException {
        this.timeoutMs = timeoutMs;
        ProcessBuilder pb = new ProcessBuilder(harness.toString(), library.toAbsolutePath().toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        if ("off".equals(System.getProperty("leafspec.harness.ymm"))) pb.environment().put("LEAFSPEC_HARNESS_NO_YMM", "1");
        spinNs = spinMaxNs = SPIN_US * 1000L;
        pb.environment().put("LEAFSPEC_HARNESS_SPIN_US", Long.toString(SPIN_US));
        process = pb.start();
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        out = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        watchdog = new Thread(this::watch, "leafspec-harness-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        JsonNode hello = nextJson();
        if (hello.has("error")) {
            close();
            throw new IOException("the harness cannot load " + library + ": " + hello.get("error").asText());
        }
        if (!hello.has("hello")) {
            close();
            throw new IOException("the harness did not say hello: " + hello);
        }
        if (hello.path("protocol").asInt() != 2) {
            close();
            throw new IOException("the harness speaks protocol " + hello.path("protocol").asText("?") + ", expected 2 (rebuild native/)");
        }
        ymm = hello.path("ymm").asBoolean(false);
    }

    /** @return true when the harness carries the YMM upper halves (the CPU and OS have AVX state) */
    public boolean ymm() {
        return ymm;
    }

    private void watch() {
        while (process.isAlive()) {
            if (System.currentTimeMillis() > deadline) {
                timedOut = true;
                process.destroyForcibly();
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends one line (a newline is added); it is written before the next reply is awaited. */
    public void send(String line) throws IOException {
        out.write(line);
        out.write('\n');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private void word(long v) {
        char[] a = answer;
        int p = alen;
        a[p++] = ' ';
        for (int i = 60; i >= 0; i -= 4) a[p++] = HEX[(int) (v >>> i) & 15];
        alen = p;
    }

    /** Writes what was sent so far to the harness now (it is otherwise written when the next reply is awaited). */
    public void flush() throws IOException {
        out.flush();
    }

    /** Answers a trap: {@code A <16 GPRs> <RFLAGS> <32 XMM halves> [<32 YMMH halves>]}. */
    public void sendAnswer(RegisterFile rf, long[] ymmh) throws IOException {
        alen = 0;
        answer[alen++] = 'A';
        for (int i = 0; i < 16; i++) word(rf.gpr(i));
        word(rf.rflags());
        for (int n = 0; n < RegisterFile.XMM_COUNT; n++) {
            word(rf.xmmLow(n));
            word(rf.xmmHigh(n));
        }
        if (ymm && ymmh != null) for (long v : ymmh) word(v);
        answer[alen++] = '\n';
        out.write(answer, 0, alen);
    }

    /** @return the next reply */
    public Reply next() throws IOException {
        String line = readLine();
        char k = line.isEmpty() ? '?' : line.charAt(0);
        if (k == 't' || k == 'd') {
            try {
                return parseRecord(line);
            } catch (RuntimeException e) {
                throw new IOException("bad record from the harness (" + e + "): " + line);
            }
        }
        JsonNode j = JSON.readTree(line);
        Reply.Kind kind = j.has("fault") ? Reply.Kind.FAULT : j.has("aborted") ? Reply.Kind.ABORTED
                : j.has("error") ? Reply.Kind.ERROR : Reply.Kind.OTHER;
        return new Reply(kind, j, null, 0, null, null, 0, null);
    }

    /** @return the next reply, which must be a JSON line (hello, trap-only) */
    public JsonNode nextJson() throws IOException {
        String line = readLine();
        if (line.startsWith("{")) return JSON.readTree(line);
        throw new IOException("expected a JSON line from the harness, got: " + line);
    }

    private int pos;

    private long hexWord(String s) {
        while (pos < s.length() && s.charAt(pos) == ' ') pos++;
        long v = 0;
        int start = pos;
        for (char c; pos < s.length() && (c = s.charAt(pos)) != ' '; pos++) {
            int d = c <= '9' ? c - '0' : c - 'a' + 10;
            if (d < 0 || d > 15 || pos - start >= 16) throw new IllegalArgumentException("not a 64-bit hex number at column " + start);
            v = (v << 4) | d;
        }
        if (pos == start) throw new IllegalArgumentException("a number is missing at column " + start);
        return v;
    }

    private Reply parseRecord(String s) {
        boolean trap = s.charAt(0) == 't';
        pos = 1;
        Instruction insn = null;
        long rip = 0, entryRsp = 0;
        if (trap) {
            while (s.charAt(pos) == ' ') pos++;
            char i = s.charAt(pos++);
            insn = i == 'T' ? Instruction.TDCALL : i == 'S' ? Instruction.SEAMCALL : null;
            if (insn == null) throw new IllegalArgumentException("unknown instruction " + i);
            rip = hexWord(s);
        } else {
            entryRsp = hexWord(s);
        }
        RegisterFile rf = new RegisterFile();
        rf.rflags(hexWord(s));
        for (int g = 0; g < 16; g++) rf.gpr(g, hexWord(s));
        for (int n = 0; n < RegisterFile.XMM_COUNT; n++) {
            long lo = hexWord(s);
            rf.xmm(n, lo, hexWord(s));
        }
        long[] y = null;
        if (ymm) {
            y = new long[32];
            for (int i = 0; i < 32; i++) y[i] = hexWord(s);
        }
        if (trap) return new Reply(Reply.Kind.TRAP, null, insn, rip, rf, y, 0, null);
        int nbuf = (int) hexWord(s);
        Map<Integer, byte[]> bufs = new LinkedHashMap<>();
        for (int b = 0; b < nbuf; b++) {
            int reg = (int) hexWord(s);
            hexWord(s); // the address
            while (s.charAt(pos) == ' ') pos++;
            int end = s.indexOf(' ', pos);
            if (end < 0) end = s.length();
            byte[] d = new byte[(end - pos) / 2];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) (Character.digit(s.charAt(pos + 2 * i), 16) << 4 | Character.digit(s.charAt(pos + 2 * i + 1), 16));
            }
            pos = end;
            bufs.put(reg, d);
        }
        return new Reply(Reply.Kind.DONE, null, null, 0, rf, y, entryRsp, bufs);
    }

    private String readLine() throws IOException {
        if (!in.ready()) {
            out.flush(); // nothing to read yet: hand over what was sent, then wait (polling first, see SPIN_US)
            long budget = (++spinWaits & 15) == 0 ? spinMaxNs : spinNs;
            if (budget > 0) {
                long end = System.nanoTime() + budget;
                boolean got;
                while (!(got = in.ready()) && System.nanoTime() < end) Thread.onSpinWait();
                spinNs = got ? spinMaxNs : spinNs / 2;
            }
        }
        deadline = System.currentTimeMillis() + timeoutMs;
        String line;
        try {
            line = in.readLine();
        } finally {
            deadline = Long.MAX_VALUE;
        }
        if (line == null) {
            if (timedOut) throw new IOException("TIMEOUT: no reply from the harness within " + timeoutMs + " ms (killed)");
            int code;
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = -1;
            }
            throw new IOException("the harness exited (code " + code + (code > 128 ? ", signal " + (code - 128) : "") + ")");
        }
        return line;
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                send("Q");
                out.flush();
            }
        } catch (IOException ignored) {
            // the child is gone
        }
        try {
            if (!process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        watchdog.interrupt();
    }
}
