package dev.leafspec.caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The native harness ({@code native/harness.c}) as a child process: one per caller library. Lines go to its stdin and
 * come back as JSON lines from its stdout (protocol in the header of harness.c and in docs/caller-spec-format.md).
 * A watchdog kills the child when a reply takes longer than the timeout; reading then ends with an IOException.
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
        process = pb.start();
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        out = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        watchdog = new Thread(this::watch, "leafspec-harness-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        JsonNode hello = next();
        if (hello.has("error")) {
            close();
            throw new IOException("the harness cannot load " + library + ": " + hello.get("error").asText());
        }
        if (!hello.has("hello")) {
            close();
            throw new IOException("the harness did not say hello: " + hello);
        }
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

    /** Sends one line (a newline is added) and flushes. */
    public void send(String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }

    /** @return the next reply line, parsed */
    public JsonNode next() throws IOException {
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
        return JSON.readTree(line);
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) send("Q");
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
