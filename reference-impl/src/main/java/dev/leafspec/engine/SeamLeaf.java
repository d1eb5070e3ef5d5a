package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * One SEAMCALL leaf function, as intel/tdx-module keeps one handler file per leaf under
 * {@code src/vmm_dispatcher/api_calls/}. The {@link SeamcallDispatcher} has decoded RAX and applied the
 * module-state gate before the handler runs.
 */
interface SeamLeaf {
    /**
     * Executes the leaf on the host VMM's register file: writes the leaf's output registers and returns the
     * completion status the dispatcher puts in RAX.
     *
     * @param version RAX[23:16]; the dispatcher lets versions above 0 through only for the leaves the source
     *                accepts them for, and the handler checks the exact value
     */
    long execute(SeamHost h, RegisterFile regs, int version);
}
