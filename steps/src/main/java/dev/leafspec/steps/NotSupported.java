package dev.leafspec.steps;

import org.opentest4j.TestAbortedException;

/**
 * Ends a scenario as NOT_SUPPORTED: Cucumber and the JUnit Platform report an aborted test, never a pass,
 * and the LeafSpec summary counts it under "not supported" with the capability named.
 */
public final class NotSupported {
    /** Prefix of every NOT_SUPPORTED abort message; reports parse it. */
    public static final String PREFIX = "NOT_SUPPORTED: ";

    private NotSupported() {
    }

    public static TestAbortedException because(String capability) {
        return new TestAbortedException(PREFIX + capability);
    }
}
