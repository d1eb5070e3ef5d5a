package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * One TDCALL leaf function, as intel/tdx-module keeps one handler file per leaf under
 * {@code src/td_dispatcher/vm_exits/}. The dispatcher has already decoded RAX.
 */
interface Leaf {
    /**
     * Executes the leaf on the guest's register file: writes the leaf's output registers and returns the
     * completion status the dispatcher puts in RAX, or one of the {@code TdxModule.SIGNAL_*} values when
     * a memory operand caused a TD exit or a #VE.
     *
     * @param version RAX[23:16], already checked by the dispatcher
     */
    long execute(TdxModule m, RegisterFile regs, int version);
}
