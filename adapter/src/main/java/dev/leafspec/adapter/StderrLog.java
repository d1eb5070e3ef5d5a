package dev.leafspec.adapter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Where the adapter's stderr goes: a log file (after {@link #logTo}) or, until then, the suite's stderr with an
 * {@code [adapter]} prefix. The last lines are kept for fault messages ("exited with code 1; last stderr: ...").
 */
public final class StderrLog {
    private static final int KEEP = 20;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private Writer file;
    private Path path;

    /** Sends further lines to {@code logFile} (appending); earlier lines stay where they went. */
    public synchronized void logTo(Path logFile) throws IOException {
        if (file != null) file.close();
        file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        path = logFile;
    }

    /** @return the log file, or null while lines go to the suite's stderr */
    public synchronized Path path() {
        return path;
    }

    synchronized void line(String line) {
        tail.addLast(line);
        if (tail.size() > KEEP) tail.removeFirst();
        if (file != null) {
            try {
                file.write(line);
                file.write('\n');
                file.flush();
            } catch (IOException e) {
                file = null;
            }
        } else {
            PrintStream err = System.err;
            err.println("[adapter] " + line);
        }
    }

    synchronized void note(String line) {
        if (file != null) line("--- leafspec: " + line);
    }

    /** @return the last stderr lines (at most 20) */
    public synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    synchronized void clearTail() {
        tail.clear();
    }
}
