package dev.leafspec.bench;

import dev.leafspec.spec.SpecException;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loading the whole spec catalogue ({@link SpecLoader#loadCatalogue}: every leaf spec and the status catalogues,
 * parsed, validated and cross-checked) against a same-run baseline that only reads the same files' bytes.
 * Steady state (warm JVM); the cold first load is part of the full-run timing in bench/run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SpecLoadBench {
    /** The leaf-specs root; relative paths are resolved against the working directory, then its parent. */
    @Param("../leaf-specs")
    public String specs;

    private Path root;
    private List<Path> files;

    @Setup
    public void setUp() throws IOException, SpecException {
        Path p = Path.of(specs);
        if (!Files.isDirectory(p) && !p.isAbsolute()) {
            Path alt = Path.of("leaf-specs");
            if (Files.isDirectory(alt)) p = alt;
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("no leaf-specs folder at " + p.toAbsolutePath()
                    + " (run from bench/ or pass -p specs=/path/to/leaf-specs)");
        }
        root = p;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).startsWith("schema"))
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        Catalogue c = SpecLoader.loadCatalogue(root);
        if (c.leaves().isEmpty()) throw new IllegalStateException("empty catalogue at " + root.toAbsolutePath());
    }

    @Benchmark
    public Catalogue loadCatalogue() throws SpecException {
        return SpecLoader.loadCatalogue(root);
    }

    /** Baseline: reading the bytes of the same YAML files (what any loader must do). */
    @Benchmark
    public long baselineReadFiles() {
        long n = 0;
        try {
            for (Path f : files) n += Files.readAllBytes(f).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }
}
