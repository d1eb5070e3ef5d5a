package dev.leafspec.spec.model;

/** What a leaf's output registers hold when its status is an error. */
public enum OutputsOnError {
    ZEROED, UNCHANGED, UNDEFINED;

    public static OutputsOnError parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
