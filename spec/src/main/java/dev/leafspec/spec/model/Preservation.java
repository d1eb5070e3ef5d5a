package dev.leafspec.spec.model;

import java.util.List;

/**
 * Which GPRs a leaf leaves unchanged.
 *
 * @param allOtherGprs true for {@code all-other-gprs}: every GPR that is neither an output, the status register,
 *                     a clobbered register nor (for TDG.VP.VMCALL) selected by the bitmap
 * @param registers    the explicit list when {@code allOtherGprs} is false
 */
public record Preservation(boolean allOtherGprs, List<String> registers) {
    public Preservation {
        registers = registers == null ? List.of() : List.copyOf(registers);
    }
}
