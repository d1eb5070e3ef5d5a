package dev.leafspec.spec;

/**
 * One problem found in a spec file.
 *
 * @param file    the file as given to the loader
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param keyPath dotted key path, e.g. {@code inputs.RCX.fields[1].bits}; empty at the top
 * @param message what is wrong, in words
 */
public record SpecError(String file, int line, int column, String keyPath, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (keyPath == null || keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
