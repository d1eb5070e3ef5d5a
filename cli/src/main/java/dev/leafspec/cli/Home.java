package dev.leafspec.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the LeafSpec home (the folder holding {@code leaf-specs/} and {@code features/}): the system property
 * {@code leafspec.home}, the environment variable {@code LEAFSPEC_HOME} (set by bin/leafspec), or the working
 * directory and its parents.
 */
final class Home {
    private Home() {
    }

    static Path find() {
        String p = System.getProperty("leafspec.home");
        if (p == null || p.isBlank()) p = System.getenv("LEAFSPEC_HOME");
        if (p != null && !p.isBlank()) return Path.of(p).toAbsolutePath().normalize();
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("leaf-specs").resolve("status"))) return d;
        }
        return dir;
    }

    static Path specs(Path given) {
        return given != null ? given.toAbsolutePath().normalize() : find().resolve("leaf-specs");
    }
}
