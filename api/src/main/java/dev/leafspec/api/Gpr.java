package dev.leafspec.api;

/**
 * The sixteen x86-64 general-purpose registers, in hardware encoding order.
 *
 * <p>{@link #ordinal()} is the register's encoding (RAX = 0 ... R15 = 15), which is also
 * the bit that selects the register in the TDG.VP.VMCALL RCX bitmap (bits 15:0) and the
 * TDX operand id of the register (TDX module ABI spec, "Operand IDs" table; intel/tdx-module
 * {@code include/tdx_api_defs.h} OPERAND_ID_RAX..OPERAND_ID_R15). Every register is 64 bits wide.
 */
public enum Gpr {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15;

    private static final Gpr[] VALUES = values();

    /** @return the register with hardware encoding {@code index}, 0..15.
     *  @throws IllegalArgumentException if {@code index} is outside 0..15 */
    public static Gpr of(int index) {
        if (index < 0 || index > 15) {
            throw new IllegalArgumentException("no GPR with encoding " + index + " (0..15)");
        }
        return VALUES[index];
    }

    /**
     * Parses a register name, case-insensitively ("rax", "R10").
     * @throws IllegalArgumentException naming the bad text if it is not RAX..R15
     */
    public static Gpr parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        for (Gpr g : VALUES) {
            if (g.name().equals(n)) return g;
        }
        throw new IllegalArgumentException("'" + name + "' is not a general-purpose register (RAX..R15)");
    }

    /** @return the mask with only this register's bit (bit {@code ordinal()}) set, as used in the TDG.VP.VMCALL bitmap */
    public long bit() {
        return 1L << ordinal();
    }
}
