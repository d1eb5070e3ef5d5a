package dev.leafspec.bench;

import dev.leafspec.api.Capabilities;
import dev.leafspec.api.Identity;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.api.Role;

import java.util.Set;

/**
 * The baseline implementation: a leaf call that only writes RAX = 0 (TDX_SUCCESS). Calling it through
 * {@link LeafImplementation} measures the harness cost (interface dispatch, register-file access, JMH loop)
 * that every real leaf pays too, so a benchmark's ratio against it is the cost of the leaf model itself.
 */
final class TrivialImplementation implements LeafImplementation {
    private static final Identity IDENTITY = new Identity("trivial baseline", "0", "LeafSpec bench");
    private static final Capabilities CAPABILITIES =
            new Capabilities(Set.of(Role.MODULE_TDCALL), Set.of("1.5"), Set.of(), Set.of());

    @Override
    public Identity identity() {
        return IDENTITY;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void reset() {
    }

    @Override
    public void call(Instruction instruction, RegisterFile regs) {
        regs.gpr(0, 0);
    }
}
