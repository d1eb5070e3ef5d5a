package dev.leafspec.adapter;

/**
 * The out-of-process adapter misbehaved: it exited, did not answer in time, wrote something that is not a
 * protocol reply, answered the wrong request or flooded its output. This is never a verdict on the leaf
 * under test: the scenario fails with a message starting {@code ADAPTER_ERROR: <reason>: } (or
 * {@code TIMEOUT: } for {@link Reason#TIMEOUT}), the child is stopped and {@link ProcessImplementation#reset()}
 * starts a fresh one before the next scenario.
 *
 * <p>The glue recognises the fault by its message prefix, so the steps module needs no dependency on this one.
 */
public class AdapterFaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Prefix of every fault message except timeouts. */
    public static final String PREFIX = "ADAPTER_ERROR: ";
    /** Prefix of a timeout's message. */
    public static final String TIMEOUT_PREFIX = "TIMEOUT: ";

    /** Why the adapter is considered faulty; {@link #id()} is the word printed after the prefix. */
    public enum Reason {
        /** The command could not be started (no such program, not executable). */
        START_FAILED("start-failed"),
        /** The child exited, or closed its stdout, while a reply was awaited (or before a request was written). */
        EXITED("exited"),
        /** No reply within the per-call timeout. */
        TIMEOUT("timeout"),
        /** A line that is not a JSON object. */
        GARBAGE("garbage"),
        /** A JSON text that ends early, or a last line without its newline before the child closed stdout. */
        TRUNCATED("truncated"),
        /** A reply whose {@code id} is not the id of the request awaited. */
        WRONG_ID("wrong-id"),
        /** A line longer than the line limit. */
        LINE_TOO_LONG("line-too-long"),
        /** More unread lines than the limit: the adapter writes lines nobody asked for. */
        TOO_MANY_LINES("too-many-lines"),
        /** Well-formed JSON with the wrong shape: a missing field, a register value that is not a 0x hex string. */
        BAD_REPLY("bad-reply"),
        /** The hello exchange failed: another protocol version, or an identity/capabilities that do not parse or changed on restart. */
        HANDSHAKE("handshake"),
        /** The adapter answered with an error the protocol does not map to NOT_SUPPORTED or a bad argument. */
        ADAPTER_REPORTED("adapter-reported"),
        /** A request after an earlier fault, before the next reset() restarted the child. */
        BROKEN("broken");

        private final String id;

        Reason(String id) {
            this.id = id;
        }

        /** @return the reason's word, e.g. "wrong-id" */
        public String id() {
            return id;
        }
    }

    private final Reason reason;

    public AdapterFaultException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public AdapterFaultException(Reason reason, String detail, Throwable cause) {
        super(format(reason, detail), cause);
        this.reason = reason;
    }

    static String format(Reason reason, String detail) {
        return reason == Reason.TIMEOUT ? TIMEOUT_PREFIX + detail : PREFIX + reason.id() + ": " + detail;
    }

    public Reason reason() {
        return reason;
    }

    /** @return true if {@code message} is the message of an adapter fault (used by glue that cannot see this class) */
    public static boolean isFaultMessage(String message) {
        return message != null && (message.startsWith(PREFIX) || message.startsWith(TIMEOUT_PREFIX));
    }
}
