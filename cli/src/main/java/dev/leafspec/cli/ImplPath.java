package dev.leafspec.cli;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the class loader for {@code --impl-path}: the implementation's jars and class folders. */
final class ImplPath {
    private ImplPath() {
    }

    /**
     * @return a loader over {@code paths} (parent: the CLI's own), or the CLI's loader when none is given
     * @throws IllegalArgumentException naming a path that does not exist
     */
    static ClassLoader loader(List<Path> paths) {
        ClassLoader parent = ImplPath.class.getClassLoader();
        if (paths.isEmpty()) return parent;
        List<URL> urls = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) throw new IllegalArgumentException("--impl-path: no such jar or folder: " + p);
            try {
                urls.add(p.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--impl-path: bad path " + p + ": " + e.getMessage(), e);
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), parent);
    }
}
