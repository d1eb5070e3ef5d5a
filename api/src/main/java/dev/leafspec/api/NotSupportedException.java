package dev.leafspec.api;

/**
 * Thrown by an implementation when asked for something it does not model or support:
 * a leaf, a version, a fixture, an observation. The suite reports the scenario as
 * NOT_SUPPORTED with {@link #capability()} named, never as a pass.
 */
public class NotSupportedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String capability;

    /** @param capability what is missing, in the field's words, e.g. "leaf TDG.VP.ENTER" or "fixture host.cpuid" */
    public NotSupportedException(String capability) {
        super("not supported: " + capability);
        this.capability = capability;
    }

    /** @return the missing capability, e.g. "leaf TDG.SERVTD.RD" */
    public String capability() {
        return capability;
    }
}
