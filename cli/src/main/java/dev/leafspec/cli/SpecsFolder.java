package dev.leafspec.cli;

import dev.leafspec.spec.SpecLoader;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a folder has the leaf-specs layout before anything is loaded from it. */
final class SpecsFolder {
    private SpecsFolder() {
    }

    /** @return why {@code dir} is not a leaf-specs folder, or null when it is */
    static String problem(Path dir) {
        if (!Files.isDirectory(dir)) return "no such leaf-specs folder: " + dir;
        if (!Files.isDirectory(dir.resolve("status"))) {
            return "no leaf specs found under " + dir + ": a leaf-specs folder holds status/ (the catalogues) and "
                    + String.join("/, ", SpecLoader.AREAS) + "/; to check single spec files use 'leafspec lint FILE'";
        }
        boolean anyArea = SpecLoader.AREAS.stream().anyMatch(a -> Files.isDirectory(dir.resolve(a)));
        if (!anyArea) {
            return "no leaf specs found under " + dir + " (expected " + String.join("/, ", SpecLoader.AREAS) + "/)";
        }
        return null;
    }
}
