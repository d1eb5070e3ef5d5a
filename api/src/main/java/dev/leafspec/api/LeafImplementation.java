package dev.leafspec.api;

import java.util.Map;

/**
 * The service-provider interface a TDX implementation under test implements: a module model,
 * a VMM's TDVMCALL handling, or an emulator. Discovered with {@link java.util.ServiceLoader}.
 * The interface uses JDK types only, so a third party implements it with no LeafSpec dependency
 * other than this artifact.
 *
 * <p>Calls are synchronous and single-threaded: the suite never calls one instance from two threads.
 */
public interface LeafImplementation {

    /** @return name, version and vendor, printed in every report */
    Identity identity();

    /** @return what this implementation supports; must be stable for the lifetime of the instance */
    Capabilities capabilities();

    /** Returns the implementation to a fresh state: a new TD with default configuration and a fresh host. */
    void reset();

    /**
     * Executes one leaf call. On entry {@code regs} holds the caller's complete register file
     * (RAX carries the leaf number in bits 15:0 and the version in bits 23:16); on return it holds
     * the register file the caller sees after the instruction.
     *
     * @throws NotSupportedException if the leaf (or the requested behaviour) is not modelled;
     *         an implementation must not fake a result for a leaf it does not model
     */
    void call(Instruction instruction, RegisterFile regs);

    /**
     * Applies a scenario fixture, e.g. {@code host.answer} with {@code {subfunction: MapGPA, status: TDG.VP.VMCALL_RETRY}}.
     * Fixture names and parameters are listed in docs/fixtures.md.
     *
     * @throws NotSupportedException naming the fixture if it is not supported
     */
    default void fixture(String name, Map<String, String> params) {
        throw new NotSupportedException("fixture " + name);
    }

    /**
     * Reads an observation of internal state the suite checks, e.g. {@code host.last-exit}: the register
     * file the host VMM saw at the last TDG.VP.VMCALL exit.
     *
     * @return the observed register file (a copy)
     * @throws NotSupportedException naming the observation if the implementation cannot report it
     */
    default RegisterFile observe(String name) {
        throw new NotSupportedException("observation " + name);
    }

    /**
     * Reads {@code length} bytes of the TD's private memory at guest-physical address {@code gpa}
     * (used for leaves with memory operands: TDG.MR.REPORT, TDG.MR.RTMR.EXTEND, GetQuote).
     *
     * @throws NotSupportedException if guest memory cannot be observed
     * @throws IllegalArgumentException if the range is not mapped in the TD
     */
    default byte[] readGuestMemory(long gpa, int length) {
        throw new NotSupportedException("guest memory access");
    }

    /**
     * Writes bytes into the TD's private memory at {@code gpa}, as the guest would before a call.
     *
     * @throws NotSupportedException if guest memory cannot be written from outside
     * @throws IllegalArgumentException if the range is not mapped in the TD
     */
    default void writeGuestMemory(long gpa, byte[] data) {
        throw new NotSupportedException("guest memory access");
    }
}
