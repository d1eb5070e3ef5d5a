package dev.leafspec.adapter;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leafspec.adapter.AdapterFaultException.Reason;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One running adapter child and the line protocol over its stdin/stdout: writes a request line, waits for the
 * reply line with the same id, and turns every misbehaviour into an {@link AdapterFaultException} with a named
 * reason. After a fault the child is killed and the connection is {@link #broken()}; it is never reused.
 *
 * <p>A daemon thread reads stdout (so a timeout never depends on the child), another drains stderr into a
 * {@link StderrLog}. The requesting thread spins briefly before parking, so a fast adapter's round trip costs
 * no extra thread wake-up. Not thread-safe: one request (or one pipelined batch, {@link #requestPipelined}) at a
 * time, as the SPI promises.
 */
public final class AdapterConnection implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leafspec-adapter-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final long SPIN_NANOS = 50_000;
    private static final int BIG_WRITE = 16 * 1024;

    /** Reader events other than a line. */
    private record Eof(String partial) {
    }

    private record ReaderFault(Reason reason, String detail) {
    }

    private final AdapterSettings settings;
    private final StderrLog log;
    private final Process process;
    private final OutputStream stdin;
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unread = new AtomicInteger();
    private volatile Thread waiter;
    private volatile ReaderFault readerFault;
    private final Thread stderrThread;
    private long nextId = 1;
    private AdapterFaultException fault;
    private boolean closed;

    private AdapterConnection(AdapterSettings settings, StderrLog log, Process process) {
        this.settings = settings;
        this.log = log;
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread out = new Thread(() -> readStdout(process.getInputStream()), "leafspec-adapter-stdout-" + process.pid());
        out.setDaemon(true);
        out.start();
        stderrThread = new Thread(() -> drainStderr(process.getErrorStream()), "leafspec-adapter-stderr-" + process.pid());
        stderrThread.setDaemon(true);
        stderrThread.start();
    }

    /**
     * Starts the child (no handshake).
     *
     * @throws AdapterFaultException {@link Reason#START_FAILED} if the program cannot be started
     */
    public static AdapterConnection start(AdapterSettings settings, StderrLog log) {
        ProcessBuilder pb = new ProcessBuilder(settings.command());
        if (settings.workingDir() != null) pb.directory(settings.workingDir().toFile());
        try {
            log.clearTail();
            return new AdapterConnection(settings, log, pb.start());
        } catch (IOException e) {
            throw new AdapterFaultException(Reason.START_FAILED, "cannot start " + String.join(" ", settings.command()) + ": " + e.getMessage(), e);
        }
    }

    public AdapterSettings settings() {
        return settings;
    }

    /** @return the child's pid */
    public long pid() {
        return process.pid();
    }

    /** @return true once a fault happened or the connection was closed; the child is gone then */
    public boolean broken() {
        return fault != null || closed;
    }

    /** @return the fault that broke the connection, or null */
    public AdapterFaultException fault() {
        return fault;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** @return the next request id this connection will use */
    public long peekNextId() {
        return nextId;
    }

    /**
     * Sends {@code {"id":N,"op":op<fields>}} and returns the reply object (error replies included).
     *
     * @param fields further members, each starting with a comma ({@code ,"insn":"TDCALL"}), or ""
     * @throws AdapterFaultException for every misbehaviour; the connection is broken afterwards
     */
    public JsonNode request(String op, String fields, long timeoutMs) {
        long id = nextId++;
        StringBuilder sb = new StringBuilder(64 + fields.length());
        sb.append("{\"id\":").append(id).append(",\"op\":\"").append(op).append('"').append(fields).append('}');
        return exchange(sb, op + "' #" + id, id, timeoutMs, true);
    }

    /** As {@link #request(String, String, long)} with the per-call timeout. */
    public JsonNode request(String op, String fields) {
        return request(op, fields, settings.timeoutMs());
    }

    /**
     * Writes {@code line} as it is (a newline is added) and returns the next reply line as JSON without checking
     * its id: for probing how an adapter answers a malformed request.
     */
    public JsonNode sendRaw(String line, long timeoutMs) {
        return exchange(new StringBuilder(line), "raw request '" + abbreviate(line) + "'", -1, timeoutMs, false);
    }

    /**
     * Pipelined requests: writes up to {@code window} requests {@code {"id":N,"op":op<fields[i]>}} at once, then reads
     * their replies in order, checking each id, and repeats until every request is answered. Allowed by protocol
     * version 1 because an adapter answers requests in order (docs/adapter-protocol.md, "Pipelining"). Each reply
     * gets the per-request timeout, counted from the write of its window or from the previous reply, whichever is
     * later. Every misbehaviour is the same {@link AdapterFaultException} as for {@link #request(String, String)};
     * replies already read are then discarded and the connection is broken.
     *
     * @param fields one entry per request: further members, each starting with a comma, or ""
     * @param window most requests written before their replies are read (at least 1; capped at half the unread-line
     *               limit, so a window of replies never counts as a flood)
     * @return the reply objects (error replies included), in request order
     */
    public List<JsonNode> requestPipelined(String op, List<String> fields, int window) {
        if (window < 1) throw new IllegalArgumentException("the pipeline window must be at least 1, got " + window);
        int w = Math.max(1, Math.min(window, settings.maxLines() / 2));
        List<JsonNode> replies = new ArrayList<>(fields.size());
        long timeoutMs = settings.timeoutMs();
        StringBuilder sb = new StringBuilder(Math.min(fields.size(), w) * 1100);
        for (int start = 0; start < fields.size(); start += w) {
            int end = Math.min(fields.size(), start + w);
            long firstId = nextId;
            sb.setLength(0);
            for (int i = start; i < end; i++) {
                String f = fields.get(i);
                sb.append("{\"id\":").append(nextId++).append(",\"op\":\"").append(op).append('"').append(f).append("}\n");
            }
            String what = op + "' #" + firstId + (end - start > 1 ? ".." + (nextId - 1) : "") + " (pipelined)";
            beforeWrite(what);
            write(sb, what, timeoutMs);
            for (long id = firstId; id < nextId; id++) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
                replies.add(readReply(op + "' #" + id + " (pipelined)", id, deadline, timeoutMs, true));
            }
        }
        return replies;
    }

    private JsonNode exchange(StringBuilder line, String what, long id, long timeoutMs, boolean checkId) {
        beforeWrite(what);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        write(line.append('\n'), what, timeoutMs);
        return readReply(what, id, deadline, timeoutMs, checkId);
    }

    /** Refuses a request on a broken or closed connection, or to a child that already failed or exited. */
    private void beforeWrite(String what) {
        if (fault != null) {
            throw new AdapterFaultException(Reason.BROKEN, "the adapter failed earlier (" + fault.getMessage()
                    + ") and restarts at the next reset");
        }
        if (closed) throw new AdapterFaultException(Reason.BROKEN, "the adapter connection is closed");
        ReaderFault rf = readerFault;
        if (rf != null) throw fail(rf.reason(), rf.detail() + " (before '" + what + ")");
        if (!process.isAlive() && inbox.isEmpty()) {
            waitForExit(1000);
            throw fail(Reason.EXITED, "the adapter had already exited" + exitDetail() + " before '" + what + stderrDetail());
        }
    }

    /** Reads the next reply line (skipping blank lines) and checks it is a JSON object carrying {@code id}. */
    private JsonNode readReply(String what, long id, long deadline, long timeoutMs, boolean checkId) {
        int blank = 0;
        while (true) {
            Object item = take(deadline);
            if (item == null) {
                throw fail(Reason.TIMEOUT, "no reply to '" + what + " within " + timeoutMs + " ms; the adapter (pid " + process.pid()
                        + ") was stopped and restarts at the next reset");
            }
            if (item instanceof ReaderFault f) throw fail(f.reason(), f.detail() + " (while awaiting '" + what + ")");
            if (item instanceof Eof eof) {
                waitForExit(1000);
                if (eof.partial() != null) {
                    throw fail(Reason.TRUNCATED, "the adapter's output ended in the middle of a line" + exitDetail()
                            + " while awaiting '" + what + ": " + abbreviate(eof.partial()));
                }
                throw fail(Reason.EXITED, (process.isAlive() ? "the adapter closed its stdout" : "the adapter exited" + exitDetail())
                        + " while awaiting '" + what + stderrDetail());
            }
            String text = (String) item;
            if (text.isBlank()) {
                if (++blank > settings.maxLines()) {
                    throw fail(Reason.TOO_MANY_LINES, "more than " + settings.maxLines() + " blank lines while awaiting '" + what);
                }
                continue;
            }
            JsonNode reply;
            try {
                reply = JSON.readTree(text);
            } catch (JsonEOFException e) {
                throw fail(Reason.TRUNCATED, "the reply to '" + what + " ends early: " + abbreviate(text));
            } catch (JsonParseException e) {
                throw fail(Reason.GARBAGE, "the reply to '" + what + " is not JSON (" + firstLine(e.getOriginalMessage()) + "): " + abbreviate(text));
            } catch (IOException e) {
                throw fail(Reason.GARBAGE, "the reply to '" + what + " is not JSON (" + e.getMessage() + "): " + abbreviate(text));
            }
            if (reply == null || !reply.isObject()) {
                throw fail(Reason.GARBAGE, "the reply to '" + what + " is not a JSON object: " + abbreviate(text));
            }
            if (checkId) {
                JsonNode got = reply.get("id");
                if (got == null) throw fail(Reason.BAD_REPLY, "the reply to '" + what + " has no \"id\": " + abbreviate(text));
                if (got.isNull() && reply.hasNonNull("error")) {
                    throw fail(Reason.ADAPTER_REPORTED, "the adapter could not read '" + what + ": error '" + reply.get("error").asText()
                            + "' " + reply.path("message").asText(""));
                }
                if (!got.isIntegralNumber() || got.asLong() != id) {
                    throw fail(Reason.WRONG_ID, "the reply to '" + what + " carries id " + got + ": " + abbreviate(text));
                }
            }
            return reply;
        }
    }

    private void write(StringBuilder line, String what, long timeoutMs) {
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        ScheduledFuture<?> guard = null;
        if (bytes.length > BIG_WRITE) {
            // a child that stops reading could block a large write forever: kill it at the deadline
            guard = WATCHDOG.schedule(this::kill, timeoutMs, TimeUnit.MILLISECONDS);
        }
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            waitForExit(1000);
            throw fail(Reason.EXITED, "cannot write '" + what + " to the adapter (" + e.getMessage() + ")" + exitDetail() + stderrDetail());
        } finally {
            if (guard != null) guard.cancel(false);
        }
    }

    private Object take(long deadline) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        Object o;
        while ((o = poll()) == null && System.nanoTime() < spinUntil) Thread.onSpinWait();
        if (o != null) return o;
        waiter = Thread.currentThread();
        try {
            while (true) {
                o = poll();
                if (o != null) return o;
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiter = null;
        }
    }

    private Object poll() {
        Object o = inbox.poll();
        if (o instanceof String) unread.decrementAndGet();
        return o;
    }

    private void deliver(Object item) {
        inbox.add(item);
        Thread w = waiter;
        if (w != null) LockSupport.unpark(w);
    }

    private void readStdout(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        byte[] lineBuf = new byte[8 * 1024];
        int len = 0;
        int max = settings.maxLineBytes();
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                int start = 0;
                for (int i = 0; i <= n; i++) {
                    boolean nl = i < n && buf[i] == '\n';
                    if (!nl && i < n) continue;
                    int chunk = i - start;
                    if (len + chunk > max) {
                        readerFault("a line longer than " + max + " bytes", Reason.LINE_TOO_LONG,
                                new String(lineBuf, 0, Math.min(len, 120), StandardCharsets.UTF_8));
                        return;
                    }
                    if (len + chunk > lineBuf.length) {
                        lineBuf = java.util.Arrays.copyOf(lineBuf, Math.min(max, Math.max(lineBuf.length * 2, len + chunk)));
                    }
                    System.arraycopy(buf, start, lineBuf, len, chunk);
                    len += chunk;
                    start = i + 1;
                    if (nl) {
                        int end = len > 0 && lineBuf[len - 1] == '\r' ? len - 1 : len;
                        String line = new String(lineBuf, 0, end, StandardCharsets.UTF_8);
                        len = 0;
                        if (unread.incrementAndGet() > settings.maxLines()) {
                            readerFault("more than " + settings.maxLines() + " unread lines (the adapter writes lines nobody asked for)",
                                    Reason.TOO_MANY_LINES, line);
                            return;
                        }
                        deliver(line);
                    }
                }
            }
        } catch (IOException e) {
            // the pipe closed under us (the child was killed): end of output
        }
        deliver(new Eof(len > 0 ? new String(lineBuf, 0, Math.min(len, 200), StandardCharsets.UTF_8) : null));
    }

    private void readerFault(String what, Reason reason, String sample) {
        ReaderFault f = new ReaderFault(reason, what + ": " + abbreviate(sample));
        readerFault = f;
        deliver(f);
    }

    private void drainStderr(InputStream err) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) log.line(line);
        } catch (IOException e) {
            // child gone
        }
    }

    /** Marks the connection broken, kills the child and returns the exception to throw. */
    AdapterFaultException fail(Reason reason, String detail) {
        AdapterFaultException e = new AdapterFaultException(reason, detail);
        fault = e;
        log.note(e.getMessage());
        kill();
        return e;
    }

    /**
     * Records an adapter-level fault found by the caller (e.g. a malformed register file) and kills the child.
     */
    public AdapterFaultException failWith(Reason reason, String detail) {
        return fail(reason, detail);
    }

    /** Kills the child and everything it started. */
    public void kill() {
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (RuntimeException e) {
            // best effort
        }
        process.destroyForcibly();
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            // SIGKILL is asynchronous: wait (bounded) so that "the adapter was stopped" is true when the fault is reported
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitForExit(long ms) {
        try {
            process.waitFor(ms, TimeUnit.MILLISECONDS);
            stderrThread.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String exitDetail() {
        if (process.isAlive()) return "";
        // Java reports a child killed by signal N as 128+N, exactly like a child that called exit(128+N): the two cannot
        // be told apart here, so the code is reported as it is
        return " (exit code " + process.exitValue() + ")";
    }

    private String stderrDetail() {
        List<String> tail = log.tail();
        if (tail.isEmpty()) return "";
        List<String> last = tail.subList(Math.max(0, tail.size() - 5), tail.size());
        return "; last stderr: " + escape(String.join(" | ", last));
    }

    static String abbreviate(String s) {
        String cut = s.length() <= 200 ? s : s.substring(0, 200);
        return escape(cut) + (s.length() <= 200 ? "" : "... (" + s.length() + " chars)");
    }

    /**
     * @return {@code s} with control characters escaped (newline, CR and tab as backslash escapes, the others as backslash-u escapes), so an adapter's garbage
     * cannot drive the terminal or break a report line
     */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "parse error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Sends {@code bye} (waiting at most {@code waitMs} for the reply and the exit), then kills the child if it is
     * still running.
     */
    @Override
    public void close() {
        close(1000);
    }

    /** @return the child's exit code after a clean {@code bye}, or null if it had to be killed or had failed */
    public Integer close(long waitMs) {
        if (closed) return null;
        Integer code = null;
        if (fault == null && process.isAlive()) {
            try {
                request("bye", "", waitMs);
                if (process.waitFor(waitMs, TimeUnit.MILLISECONDS)) code = process.exitValue();
            } catch (AdapterFaultException e) {
                // reported through fault(); the child is killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        kill();
        return code;
    }
}
