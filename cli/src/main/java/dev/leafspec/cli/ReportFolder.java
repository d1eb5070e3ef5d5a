package dev.leafspec.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the report folder; a default (timestamped) folder is never shared by two runs. */
final class ReportFolder {
    private ReportFolder() {
    }

    /**
     * @param given   the --out folder, or null for the default
     * @param planned the folder to use (the --out folder, or the timestamped default)
     * A given folder that exists is reused: what an earlier run wrote there (reports, repro/*.sh, adapter-stderr.log) is
     * deleted first.
     *
     * @return the folder created (for the default, {@code planned} or {@code planned-2}, {@code -3}, ... if taken)
     * @throws IOException with the reason when it cannot be created or written
     */
    static Path create(Path given, Path planned) throws IOException {
        if (given != null) {
            if (Files.exists(planned) && !Files.isDirectory(planned)) throw new IOException("it is a file, not a folder");
            Files.createDirectories(planned);
            if (!Files.isWritable(planned)) throw new IOException("not writable");
            Evidence.clearStale(planned); // nothing of an earlier run may pass for this one's evidence
            return planned;
        }
        Files.createDirectories(planned.getParent());
        for (int i = 1; ; i++) {
            Path p = i == 1 ? planned : planned.resolveSibling(planned.getFileName() + "-" + i);
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                // another run started in the same second: take the next name
            }
        }
    }
}
