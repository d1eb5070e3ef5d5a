package dev.leafspec.adapter;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start and police an adapter child process.
 *
 * @param command          the program and its arguments (no shell is involved)
 * @param workingDir       the child's working directory, or null for the suite's
 * @param timeoutMs        per-request reply timeout (default 5000; system property {@code leafspec.adapter.timeout-ms})
 * @param startupTimeoutMs timeout for the {@code hello} reply after a start (default the larger of 10 s and timeoutMs)
 * @param maxLineBytes     longest reply line accepted (default 1 MiB)
 * @param maxLines         most unread or blank lines tolerated (default 256)
 */
public record AdapterSettings(List<String> command, Path workingDir, long timeoutMs, long startupTimeoutMs,
                              int maxLineBytes, int maxLines) {
    public static final long DEFAULT_TIMEOUT_MS = 5000;
    public static final String TIMEOUT_PROPERTY = "leafspec.adapter.timeout-ms";

    public AdapterSettings {
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("the adapter command is empty");
        if (timeoutMs <= 0) throw new IllegalArgumentException("the adapter timeout must be positive, got " + timeoutMs + " ms");
    }

    /** Default settings for {@code command}; the timeout comes from {@value #TIMEOUT_PROPERTY} if set. */
    public static AdapterSettings of(List<String> command) {
        long t = DEFAULT_TIMEOUT_MS;
        String p = System.getProperty(TIMEOUT_PROPERTY);
        if (p != null && !p.isBlank()) t = Long.parseLong(p.trim());
        return new AdapterSettings(command, null, t, Math.max(10_000, t), 1 << 20, 256);
    }

    /** Default settings for a command line (split as described in {@link CommandLines#split}). */
    public static AdapterSettings of(String commandLine) {
        return of(CommandLines.split(commandLine));
    }

    public AdapterSettings withTimeoutMs(long ms) {
        return new AdapterSettings(command, workingDir, ms, Math.max(startupTimeoutMs, ms), maxLineBytes, maxLines);
    }

    public AdapterSettings withStartupTimeoutMs(long ms) {
        return new AdapterSettings(command, workingDir, timeoutMs, ms, maxLineBytes, maxLines);
    }

    public AdapterSettings withLimits(int maxLineBytes, int maxLines) {
        return new AdapterSettings(command, workingDir, timeoutMs, startupTimeoutMs, maxLineBytes, maxLines);
    }

    public AdapterSettings withWorkingDir(Path dir) {
        return new AdapterSettings(command, dir, timeoutMs, startupTimeoutMs, maxLineBytes, maxLines);
    }
}
