package dev.leafspec.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leafspec.adapter.AdapterFaultException.Reason;
import dev.leafspec.api.Capabilities;
import dev.leafspec.api.Identity;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.api.Role;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LeafImplementation} that runs in another process and speaks the LeafSpec adapter protocol
 * (docs/adapter-protocol.md): JSON lines over the child's stdin/stdout, stderr to a log.
 *
 * <p>Started from a command line ({@code --impl 'cmd:python3 examples/python/adapter.py'}). The child is started
 * and greeted ({@code hello}) by the constructor; identity and capabilities come from the hello reply and must stay
 * the same across restarts. Any misbehaviour of the child throws {@link AdapterFaultException} (message
 * {@code ADAPTER_ERROR: <reason>: ...} or {@code TIMEOUT: ...}) and stops it; the next {@link #reset()} starts a
 * fresh child. Error replies map as the SPI expects: {@code not-supported} to {@link NotSupportedException},
 * {@code invalid-argument} to {@link IllegalArgumentException}.
 */
public final class ProcessImplementation implements LeafImplementation, AutoCloseable {
    /** The {@code --impl} prefix that selects an adapter command. */
    public static final String PREFIX = "cmd:";

    private final AdapterSettings settings;
    private final StderrLog log = new StderrLog();
    private AdapterConnection conn;
    private Identity identity;
    private Capabilities capabilities;
    private int restarts;
    private final Thread shutdownHook;

    /** @return true if {@code impl} names an adapter command ({@code cmd:...}) */
    public static boolean handles(String impl) {
        return impl != null && impl.startsWith(PREFIX);
    }

    /**
     * Starts the adapter named by {@code cmd:<command line>} with default settings.
     *
     * @throws IllegalArgumentException if the text is not a {@code cmd:} command line
     * @throws AdapterFaultException    if the child cannot be started or the handshake fails
     */
    public static ProcessImplementation fromSpec(String impl) {
        return new ProcessImplementation(settingsFor(impl));
    }

    /** @return the default settings for {@code cmd:<command line>} */
    public static AdapterSettings settingsFor(String impl) {
        if (!handles(impl)) throw new IllegalArgumentException("not an adapter command (cmd:...): " + impl);
        return AdapterSettings.of(impl.substring(PREFIX.length()));
    }

    /**
     * Starts the child and performs the handshake.
     *
     * @throws AdapterFaultException if the child cannot be started or the handshake fails
     */
    public ProcessImplementation(AdapterSettings settings) {
        this(settings, null);
    }

    /**
     * Starts the child with its stderr logged to {@code stderrLog} from the first line (so a child that fails the
     * handshake leaves its stderr there too), and performs the handshake.
     *
     * @param stderrLog the log file (appended to), or null for the suite's stderr until {@link #logStderrTo}
     * @throws AdapterFaultException if the child cannot be started or the handshake fails
     * @throws java.io.UncheckedIOException if the log file cannot be opened
     */
    public ProcessImplementation(AdapterSettings settings, Path stderrLog) {
        this.settings = settings;
        if (stderrLog != null) {
            try {
                log.logTo(stderrLog);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot open the adapter's stderr log " + stderrLog + ": " + e.getMessage(), e);
            }
        }
        start();
        shutdownHook = new Thread(this::killQuietly, "leafspec-adapter-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void killQuietly() {
        AdapterConnection c = conn;
        if (c != null) c.kill();
    }

    private void start() {
        AdapterConnection c = AdapterConnection.start(settings, log);
        conn = c;
        JsonNode reply = c.request("hello", ",\"protocol\":" + Protocol.VERSION + ",\"suite\":\"leafspec 0.1.0\"", settings.startupTimeoutMs());
        if (reply.hasNonNull("error")) {
            throw c.failWith(Reason.HANDSHAKE, "the adapter refused hello: " + reply.get("error").asText() + " " + reply.path("message").asText(""));
        }
        JsonNode pv = reply.get("protocol");
        if (pv == null || !pv.isIntegralNumber()) throw c.failWith(Reason.HANDSHAKE, "the hello reply has no \"protocol\" number");
        if (pv.asInt() != Protocol.VERSION) {
            throw c.failWith(Reason.HANDSHAKE, "the adapter speaks protocol " + pv.asInt() + ", this suite speaks " + Protocol.VERSION);
        }
        Identity id;
        Capabilities caps;
        try {
            id = parseIdentity(reply.get("identity"));
            caps = parseCapabilities(reply.get("capabilities"));
        } catch (IllegalArgumentException e) {
            throw c.failWith(Reason.HANDSHAKE, "the hello reply does not parse: " + e.getMessage());
        }
        if (identity == null) {
            identity = id;
            capabilities = caps;
        } else if (!identity.equals(id) || !capabilities.equals(caps)) {
            throw c.failWith(Reason.HANDSHAKE, "the restarted adapter declares another identity or capabilities than the first start");
        }
    }

    static Identity parseIdentity(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("\"identity\" must be an object {name, version, vendor}");
        return new Identity(text(n, "name"), text(n, "version"), text(n, "vendor"));
    }

    static Capabilities parseCapabilities(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("\"capabilities\" must be an object {roles, specVersions, leaves, features}");
        Set<Role> roles = new LinkedHashSet<>();
        for (String r : strings(n, "roles")) {
            try {
                roles.add(Role.valueOf(r));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role \"" + r + "\" (MODULE_TDCALL, MODULE_SEAMCALL, VMM_TDVMCALL)");
            }
        }
        return new Capabilities(roles, strings(n, "specVersions"), strings(n, "leaves"), strings(n, "features"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("identity." + field + " must be a string");
        return v.asText();
    }

    private static Set<String> strings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) return Set.of();
        if (!v.isArray()) throw new IllegalArgumentException("capabilities." + field + " must be an array of strings");
        Set<String> s = new LinkedHashSet<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw new IllegalArgumentException("capabilities." + field + " must be an array of strings");
            s.add(e.asText());
        }
        return s;
    }

    /** Sends the adapter's stderr to {@code file} (appending) from now on; until then it goes to the suite's stderr. */
    public void logStderrTo(Path file) throws IOException {
        log.logTo(file);
    }

    public AdapterSettings settings() {
        return settings;
    }

    /** @return the running connection (for adapter-check); may be broken */
    public AdapterConnection connection() {
        return conn;
    }

    /** @return how many times the child was restarted after a fault */
    public int restarts() {
        return restarts;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** Restarts the child if it failed (or exited), then sends {@code reset}. */
    @Override
    public void reset() {
        if (conn == null || conn.broken() || !conn.alive()) {
            if (conn != null) conn.kill();
            restarts++;
            start();
        }
        ok(conn.request("reset", ""), "reset");
    }

    @Override
    public void call(Instruction instruction, RegisterFile regs) {
        StringBuilder sb = new StringBuilder(1100);
        sb.append(",\"insn\":\"").append(instruction.name()).append("\",\"regs\":");
        Protocol.appendRegs(sb, regs);
        JsonNode reply = ok(conn.request("call", sb.toString()), "call");
        regs.copyFrom(regs(reply, "call", false));
    }

    /** Requests written before their replies are read, by {@link #callBatch(Instruction, List)}. */
    public static final int DEFAULT_PIPELINE_WINDOW = 64;

    /** As {@link #callBatch(Instruction, List, int)} with a window of {@value #DEFAULT_PIPELINE_WINDOW}. */
    public void callBatch(Instruction instruction, List<RegisterFile> batch) {
        callBatch(instruction, batch, DEFAULT_PIPELINE_WINDOW);
    }

    /**
     * Performs {@code batch.size()} calls, pipelined: up to {@code window} requests are written before their replies
     * are read (docs/adapter-protocol.md, "Pipelining"). The result is that of calling {@link #call} on each register
     * file in order, which is what the adapter does, since it answers requests in order; only the pipe's round trips
     * are saved. Use it for independent calls (each register file is sent as it is before the batch runs).
     *
     * <p>Every reply is read and checked first: a fault (timeout, garbage, wrong id, ...) throws
     * {@link AdapterFaultException} and no register file is changed. Then the replies are applied in order: the
     * first error reply throws ({@link NotSupportedException}, {@link IllegalArgumentException} or an
     * {@code adapter-reported} fault) and the register files before it hold their results, the others are unchanged.
     */
    public void callBatch(Instruction instruction, List<RegisterFile> batch, int window) {
        List<String> fields = new ArrayList<>(batch.size());
        for (RegisterFile regs : batch) {
            StringBuilder sb = new StringBuilder(1100);
            sb.append(",\"insn\":\"").append(instruction.name()).append("\",\"regs\":");
            Protocol.appendRegs(sb, regs);
            fields.add(sb.toString());
        }
        List<JsonNode> replies = conn.requestPipelined("call", fields, window);
        RegisterFile[] results = new RegisterFile[replies.size()];
        for (int i = 0; i < replies.size(); i++) {
            JsonNode reply = replies.get(i);
            JsonNode err = reply.get("error");
            if (err == null || err.isNull()) results[i] = regs(reply, "call", false);
        }
        for (int i = 0; i < replies.size(); i++) {
            ok(replies.get(i), "call");
            batch.get(i).copyFrom(results[i]);
        }
    }

    @Override
    public void fixture(String name, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(",\"name\":");
        Protocol.appendString(sb, name);
        sb.append(",\"params\":");
        Protocol.appendStringMap(sb, params);
        ok(conn.request("fixture", sb.toString()), "fixture " + name);
    }

    @Override
    public RegisterFile observe(String name) {
        StringBuilder sb = new StringBuilder(",\"name\":");
        Protocol.appendString(sb, name);
        return regs(ok(conn.request("observe", sb.toString()), "observation " + name), "observe " + name, true);
    }

    @Override
    public byte[] readGuestMemory(long gpa, int length) {
        StringBuilder sb = new StringBuilder(",\"gpa\":");
        Protocol.appendHex64(sb, gpa);
        sb.append(",\"length\":").append(length);
        JsonNode reply = ok(conn.request("read-memory", sb.toString()), "guest memory access");
        JsonNode data = reply.get("data");
        byte[] b;
        try {
            if (data == null || !data.isTextual()) throw new IllegalArgumentException("\"data\" must be a hex string");
            b = Protocol.parseBytes(data.asText());
        } catch (IllegalArgumentException e) {
            throw conn.failWith(Reason.BAD_REPLY, "the reply to 'read-memory' " + e.getMessage());
        }
        if (b.length != length) {
            throw conn.failWith(Reason.BAD_REPLY, "the reply to 'read-memory' has " + b.length + " bytes, " + length + " were asked for");
        }
        return b;
    }

    @Override
    public void writeGuestMemory(long gpa, byte[] data) {
        StringBuilder sb = new StringBuilder(32 + 2 * data.length);
        sb.append(",\"gpa\":");
        Protocol.appendHex64(sb, gpa);
        sb.append(",\"data\":");
        Protocol.appendBytes(sb, data);
        ok(conn.request("write-memory", sb.toString()), "guest memory access");
    }

    /** Maps error replies: not-supported, invalid-argument, anything else is a fault. */
    private JsonNode ok(JsonNode reply, String what) {
        JsonNode err = reply.get("error");
        if (err == null || err.isNull()) return reply;
        String e = err.asText();
        String message = reply.path("message").asText("");
        switch (e) {
            case "not-supported" -> {
                String cap = reply.path("capability").asText("");
                throw new NotSupportedException(cap.isBlank() ? what : cap);
            }
            case "invalid-argument" -> throw new IllegalArgumentException(what + ": " + (message.isBlank() ? "rejected by the adapter" : message));
            default -> throw new AdapterFaultException(Reason.ADAPTER_REPORTED,
                    "the adapter answered " + what + " with error '" + e + "'" + (message.isBlank() ? "" : ": " + message));
        }
    }

    private RegisterFile regs(JsonNode reply, String what, boolean nullable) {
        JsonNode r = reply.get("regs");
        if (r == null) throw conn.failWith(Reason.BAD_REPLY, "the reply to '" + what + "' has no \"regs\"");
        if (r.isNull()) {
            if (nullable) return null;
            throw conn.failWith(Reason.BAD_REPLY, "the reply to '" + what + "' has \"regs\": null");
        }
        try {
            return Protocol.parseRegs(r);
        } catch (IllegalArgumentException e) {
            throw conn.failWith(Reason.BAD_REPLY, "the reply to '" + what + "': " + e.getMessage());
        }
    }

    /** Says {@code bye} and stops the child. */
    @Override
    public void close() {
        if (conn != null) conn.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }
}
